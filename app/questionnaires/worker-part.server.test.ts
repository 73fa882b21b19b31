/**
 * The worker's part of a questionnaire, on the same record as the person's answers: saved before
 * or after the person sends theirs, completed, scored with the person's answers, refused for
 * anything that is not a worker item, and a 404 for anyone not working with the person.
 */
import { isDeepStrictEqual } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import type { Person, StaffMember } from "~/generated/prisma/client";
import { allocate, createAssignment, createPerson, createStaff, dateOfBirthForAge, enableQuestionnaires } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { personViewer, staffViewer, thrownStatus } from "../../tests/support/viewers";
import { definitionSchema, type QuestionnaireDefinitionInput } from "./definition-schema";
import { loadFilling, savePage, submit } from "./filling.server";
import { publishDefinitions as publishInRegistry } from "./registry.server";
import { loadResponseForStaff } from "./response-for-staff.server";
import { loadWorkerPart, saveWorkerPart } from "./worker-part.server";

const database = useAppDatabase();
const prisma = () => database().prisma;

type World = {
  serviceId: string;
  family: { id: string; serviceId: string };
  harmful: Person;
  worker: StaffMember;
  /** Same specialism, same service, not allocated to anyone here. */
  otherWorker: StaffMember;
  caseManager: StaffMember;
};
let world: World;

beforeEach(async () => {
  const { service, family, holder } = await familyInService(prisma(), { heldBy: "Casey Manager", questionnaires: true });
  const caseManager = holder!;
  const harmful = await createPerson(prisma(), { family, kind: "HARMFUL_BEHAVIOUR", safetyIntroSeenAt: new Date() });
  const worker = await workerIn(prisma(), service.id, "BEHAVIOUR_CHANGE_WORKER", "Wren Worker");
  const otherWorker = await workerIn(prisma(), service.id, "BEHAVIOUR_CHANGE_WORKER");
  await allocate(prisma(), { personId: harmful.id, staffId: worker.id });
  world = { serviceId: service.id, family, harmful, worker, otherWorker, caseManager };
});

const due = () => new Date(Date.now() + 7 * 86_400_000);

async function recordOf(assignmentId: string) {
  const response = await prisma().questionnaireResponse.findUnique({ where: { assignmentId } });
  const answers = await prisma().answer.findMany({ where: { response: { assignmentId } }, orderBy: { itemKey: "asc" } });
  const assignment = await prisma().questionnaireAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
  return { response, answers, status: assignment.status, assignmentUpdatedAt: assignment.updatedAt };
}

const fourYes = {
  "worker-aware-of-impact": "yes",
  "worker-understands-unacceptable": "yes",
  "worker-controls-behaviour": "no",
  "worker-takes-responsibility": "yes",
};

describe("saveWorkerPart", () => {
  it("saves before the person has sent theirs, completes and scores, and the person's later submit keeps and scores both parts", async () => {
    const viewer = staffViewer(world.worker);
    const assignment = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "hb-exit", dueAt: due() });

    // Saved for now: a record with no submission yet, the answers the worker's.
    const saved = await saveWorkerPart(
      viewer,
      world.harmful.id,
      assignment.id,
      { intent: "save", "worker-aware-of-impact": "yes", "risk-level-intake": "high" },
      { complete: false },
    );
    expect(saved).toEqual({ ok: true, completed: false });
    let record = await recordOf(assignment.id);
    expect(record.response).toMatchObject({ submittedAt: null, workerCompletedAt: null, personId: world.harmful.id, stage: "EXIT" });
    expect(record.answers.map((a) => [a.itemKey, a.answeredBy, a.staffId, a.choiceValues])).toEqual([
      ["risk-level-intake", "WORKER", world.worker.id, ["high"]],
      ["worker-aware-of-impact", "WORKER", world.worker.id, ["yes"]],
    ]);
    // Not every item of the worker's score is in yet: no score is guessed.
    expect(record.response?.scores).toEqual({});
    expect(record.status).toBe("ASSIGNED");

    // Complete: dated, and the caseworker-agreed score counted.
    const now = new Date("2026-04-01T09:30:00Z");
    expect(
      await saveWorkerPart(viewer, world.harmful.id, assignment.id, { intent: "complete", ...fourYes, "risk-level-exit": "medium" }, { complete: true, now }),
    ).toEqual({
      ok: true,
      completed: true,
    });
    record = await recordOf(assignment.id);
    expect(record.response?.workerCompletedAt).toEqual(now);
    expect(record.response?.submittedAt).toBeNull();
    expect(record.response?.scores).toEqual({ "worker-agreed": { value: 3, band: null, answered: 4, of: 4 } });
    // The whole part is replaced by what was sent: "risk-level-intake" was not sent again.
    expect(record.answers.map((a) => a.itemKey)).toEqual([
      "risk-level-exit",
      "worker-aware-of-impact",
      "worker-controls-behaviour",
      "worker-takes-responsibility",
      "worker-understands-unacceptable",
    ]);
    // The person's questionnaire is still theirs to send: the worker's part does not send it.
    expect(record.status).toBe("ASSIGNED");

    // The person never sees the worker's items, and sends their own part.
    const person = personViewer(world.harmful);
    const page = await loadFilling(person, assignment.id, null);
    if (page.state !== "page") throw new Error("expected a page");
    expect(page.pageCount).toBe(1);
    expect(page.section.items.every((i) => !i.key.startsWith("worker-"))).toBe(true);
    expect(await savePage(person, assignment.id, 0, { "worker-aware-of-impact": "no" }, { move: "stay" })).toMatchObject({ ok: false, status: 400 });
    await savePage(
      person,
      assignment.id,
      0,
      {
        "understand-impact": "agree",
        "behaviour-reduced": "strongly-agree",
        "relationship-partner-improved": "not-sure",
        "biggest-difference": "the group sessions",
      },
      { move: "next" },
    );
    const submittedAt = new Date("2026-04-02T10:00:00Z");
    expect(await submit(person, assignment.id, submittedAt)).toEqual({ ok: true, already: false });

    const final = await recordOf(assignment.id);
    expect(final.response?.id).toBe(record.response?.id);
    expect(final.response?.submittedAt).toEqual(submittedAt);
    expect(final.response?.workerCompletedAt).toEqual(now);
    expect(final.response?.scores).toEqual({
      "own-view": { value: 4, band: null, answered: 3, of: 4 },
      "worker-agreed": { value: 3, band: null, answered: 4, of: 4 },
    });
    const byKey = new Map(final.answers.map((a) => [a.itemKey, a]));
    for (const key of Object.keys(fourYes)) expect(byKey.get(key)).toMatchObject({ answeredBy: "WORKER", staffId: world.worker.id });
    expect(byKey.get("risk-level-exit")).toMatchObject({ answeredBy: "WORKER", choiceValues: ["medium"] });
    for (const key of ["understand-impact", "behaviour-reduced", "relationship-partner-improved", "biggest-difference"]) {
      expect(byKey.get(key)).toMatchObject({ answeredBy: "PERSON", staffId: null });
    }
    expect(final.answers).toHaveLength(9);
    expect(final.status).toBe("SUBMITTED");

    // The worker changing their part after the person sent theirs keeps the person's answers and rescores.
    expect(await saveWorkerPart(viewer, world.harmful.id, assignment.id, { ...fourYes, "worker-controls-behaviour": "yes" }, { complete: true })).toEqual({
      ok: true,
      completed: true,
    });
    const changed = await recordOf(assignment.id);
    expect(
      changed.answers
        .filter((a) => a.answeredBy === "PERSON")
        .map((a) => a.itemKey)
        .sort(),
    ).toEqual(["behaviour-reduced", "biggest-difference", "relationship-partner-improved", "understand-impact"].sort());
    expect(changed.response?.scores).toMatchObject({ "own-view": { value: 4 }, "worker-agreed": { value: 4 } });
    expect(changed.response?.workerCompletedAt).toEqual(now);
  });

  it("writes nothing for a field that is not a worker item, or an answer that does not fit", async () => {
    const viewer = staffViewer(world.worker);
    const assignment = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "hb-exit", dueAt: due() });
    const untouched = await recordOf(assignment.id);
    const first = await saveWorkerPart(
      viewer,
      world.harmful.id,
      assignment.id,
      { "worker-aware-of-impact": "yes", "understand-impact": "agree" },
      { complete: false },
    );
    expect(first).toEqual({ ok: false, status: 400, errors: { "understand-impact": "This is not one of the worker's questions." } });
    expect(await recordOf(assignment.id)).toEqual(untouched);
    expect(untouched.response).toBeNull();

    await saveWorkerPart(viewer, world.harmful.id, assignment.id, { "worker-aware-of-impact": "yes" }, { complete: false });
    const before = await recordOf(assignment.id);
    const bad: Record<string, string | string[]>[] = [
      { "made-up": "yes" },
      { "worker-aware-of-impact": "perhaps" },
      { "risk-level-exit": "extreme" },
      { "risk-level-exit": ["low", "high"] },
      { "worker-aware-of-impact": "no", "understand-impact": "agree" },
    ];
    for (const form of bad) {
      for (const complete of [false, true]) {
        const result = await saveWorkerPart(viewer, world.harmful.id, assignment.id, form, { complete });
        expect(result, JSON.stringify(form)).toMatchObject({ ok: false, status: 400 });
        expect(await recordOf(assignment.id), JSON.stringify(form)).toEqual(before);
      }
    }
    // A questionnaire with no worker items refuses the worker's part.
    const checkin = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "hb-reflection", dueAt: due() });
    expect(await saveWorkerPart(viewer, world.harmful.id, checkin.id, {}, { complete: true })).toMatchObject({ ok: false, status: 400 });
    expect((await recordOf(checkin.id)).response).toBeNull();
  });

  it('"complete" with a required worker item missing saves but does not complete, and says which', async () => {
    const input: QuestionnaireDefinitionInput = {
      key: "test-worker-required",
      version: 1,
      title: "Review",
      audience: "HARMFUL_BEHAVIOUR",
      stage: "REFLECTION",
      sections: [
        { key: "yours", title: "Yours", items: [{ key: "how-was-it", type: "scale-0-10", label: "How was it?" }] },
        {
          key: "worker",
          title: "Worker",
          items: [
            { key: "attended", type: "yes-no", respondent: "worker", label: "Attended?", required: true },
            { key: "notes-ok", type: "yes-no", respondent: "worker", label: "Notes written?" },
          ],
        },
      ],
      scores: [{ key: "attended", label: "Attended", method: "sum", items: ["attended"] }],
    };
    const [published] = await publishInRegistry(prisma(), [{ data: definitionSchema.parse(input), source: "LICENSED", origin: "test" }]);
    if (!published) throw new Error("not published");
    await enableQuestionnaires(prisma(), world.serviceId, [published.id]);
    const assignment = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "test-worker-required", dueAt: due() });
    const viewer = staffViewer(world.worker);

    const result = await saveWorkerPart(viewer, world.harmful.id, assignment.id, { intent: "complete", "notes-ok": "yes" }, { complete: true });
    expect(result).toEqual({ ok: false, status: 400, errors: { attended: "Answer this question to go on" }, version: 1 });
    let record = await recordOf(assignment.id);
    expect(record.response?.workerCompletedAt).toBeNull();
    expect(record.answers.map((a) => a.itemKey)).toEqual(["notes-ok"]);

    const now = new Date("2026-05-05T12:00:00Z");
    expect(await saveWorkerPart(viewer, world.harmful.id, assignment.id, { attended: "yes", "notes-ok": "yes" }, { complete: true, now })).toEqual({
      ok: true,
      completed: true,
    });
    record = await recordOf(assignment.id);
    expect(record.response?.workerCompletedAt).toEqual(now);
    expect(record.response?.scores).toEqual({ attended: { value: 1, band: null, answered: 1, of: 1 } });
    // The person still has their part to send.
    expect(record.status).toBe("ASSIGNED");
  });

  it("is a 404 for a worker not allocated, for another person's assignment, and for an unknown one; nothing is written", async () => {
    const assignment = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "hb-exit", dueAt: due() });
    await saveWorkerPart(staffViewer(world.worker), world.harmful.id, assignment.id, { "worker-aware-of-impact": "yes" }, { complete: false });
    const before = await recordOf(assignment.id);
    const responseId = before.response?.id ?? "";

    const stranger = staffViewer(world.otherWorker);
    expect(await thrownStatus(() => saveWorkerPart(stranger, world.harmful.id, assignment.id, fourYes, { complete: true }))).toBe(404);
    expect(await thrownStatus(() => loadWorkerPart(stranger, world.harmful.id, assignment.id))).toBe(404);
    expect(await thrownStatus(() => loadResponseForStaff(stranger, world.harmful.id, responseId))).toBe(404);

    // The allocated worker, with another person's assignment under their own person's address.
    const otherPerson = await createPerson(prisma(), { family: world.family, kind: "HARMFUL_BEHAVIOUR" });
    await allocate(prisma(), { personId: otherPerson.id, staffId: world.otherWorker.id });
    const theirs = await createAssignment(prisma(), { personId: otherPerson.id, definitionKey: "hb-exit", dueAt: due() });
    const mine = staffViewer(world.worker);
    expect(await thrownStatus(() => saveWorkerPart(mine, world.harmful.id, theirs.id, fourYes, { complete: true }))).toBe(404);
    expect(await thrownStatus(() => saveWorkerPart(mine, otherPerson.id, theirs.id, fourYes, { complete: true }))).toBe(404);
    expect(await thrownStatus(() => loadWorkerPart(mine, world.harmful.id, theirs.id))).toBe(404);
    expect(await thrownStatus(() => saveWorkerPart(mine, world.harmful.id, "no-such-assignment", fourYes, { complete: true }))).toBe(404);
    expect((await recordOf(theirs.id)).response).toBeNull();
    expect(await recordOf(assignment.id)).toEqual(before);

    // The case manager holding the family may.
    const held = await loadWorkerPart(staffViewer(world.caseManager), world.harmful.id, assignment.id);
    expect(held.answers).toEqual({ "worker-aware-of-impact": "yes" });
  });

  it("the worker's save and the person's submit at the same moment both land on one record", async () => {
    // Either part may come first (the schema says so); when both come at once, neither may be
    // lost to the other creating the record first. A race: tried several times over.
    const person = personViewer(world.harmful);
    const failures: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const assignment = await createAssignment(prisma(), { personId: world.harmful.id, definitionKey: "hb-exit", dueAt: due() });
      await savePage(person, assignment.id, 0, { "understand-impact": "agree" }, { move: "next" });
      const [worker, sent] = await Promise.allSettled([
        saveWorkerPart(staffViewer(world.worker), world.harmful.id, assignment.id, fourYes, { complete: true }),
        submit(person, assignment.id),
      ]);
      if (worker.status === "rejected")
        failures.push(`attempt ${attempt}: the worker's save failed: ${String(worker.reason).split("\n").filter(Boolean).slice(-2).join(" ")}`);
      if (sent.status === "rejected")
        failures.push(`attempt ${attempt}: the person's submit failed: ${String(sent.reason).split("\n").filter(Boolean).slice(-2).join(" ")}`);
      const record = await recordOf(assignment.id);
      const count = await prisma().questionnaireResponse.count({ where: { assignmentId: assignment.id } });
      if (count !== 1) failures.push(`attempt ${attempt}: ${count} records`);
      const keys = record.answers.map((a) => `${a.answeredBy}:${a.itemKey}`).sort();
      const expected = ["PERSON:understand-impact", ...Object.keys(fourYes).map((k) => `WORKER:${k}`)].sort();
      if (worker.status === "fulfilled" && sent.status === "fulfilled" && !isDeepStrictEqual(keys, expected)) {
        failures.push(`attempt ${attempt}: answers ${keys.join(", ")}`);
      }
      if (sent.status === "fulfilled" && record.response?.submittedAt === null) failures.push(`attempt ${attempt}: the submission is not dated`);
      if (worker.status === "fulfilled" && record.response?.workerCompletedAt === null) failures.push(`attempt ${attempt}: the worker's part is not dated`);
      if (
        worker.status === "fulfilled" &&
        sent.status === "fulfilled" &&
        !isDeepStrictEqual(record.response?.scores, { "worker-agreed": { value: 3, band: null, answered: 4, of: 4 } })
      ) {
        failures.push(`attempt ${attempt}: scores ${JSON.stringify(record.response?.scores)} (the worker's score lost)`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("loadResponseForStaff", () => {
  it("shows a young person's answers in the wording of the age band they saw, even after a birthday", async () => {
    const caseworker = await createStaff(prisma(), {
      serviceId: world.serviceId,
      role: "WORKER",
      specialism: "CHILDRENS_CASEWORKER",
      displayName: "Cam Caseworker",
    });
    const child = await createPerson(prisma(), {
      family: world.family,
      kind: "YOUNG_PERSON",
      dateOfBirth: dateOfBirthForAge(6, new Date()),
      safetyIntroSeenAt: new Date(),
    });
    await allocate(prisma(), { personId: child.id, staffId: caseworker.id });
    const assignment = await createAssignment(prisma(), { personId: child.id, definitionKey: "yp-exit", dueAt: due() });
    const viewer = personViewer(child);
    await savePage(viewer, assignment.id, 0, { "safe-home": "4", "someone-to-talk-to": "yes" }, { move: "next" });
    expect(await submit(viewer, assignment.id)).toEqual({ ok: true, already: false });
    await saveWorkerPart(staffViewer(caseworker), child.id, assignment.id, { "witnessed-abuse": "no" }, { complete: false });
    const response = await prisma().questionnaireResponse.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    // Two years on, the child would see the 8–12 wording; the record keeps what they saw.
    await prisma().person.update({ where: { id: child.id }, data: { dateOfBirth: dateOfBirthForAge(9, new Date()) } });

    const shown = await loadResponseForStaff(staffViewer(caseworker), child.id, response.id);
    expect(shown.band).toBe("under-8");
    expect(shown.sections[0]?.title).toBe("Me");
    const items = new Map(shown.sections.flatMap((s) => s.items).map((i) => [i.key, i]));
    expect(items.get("safe-home")).toMatchObject({ label: "At home, I feel…", answer: "Happy face", by: null, respondent: "person" });
    expect(items.get("someone-to-talk-to")).toMatchObject({ label: "Can you talk to a grown-up?", answer: "Yes" });
    expect(items.get("worries")).toMatchObject({ label: "My worries make me feel…", answer: null });
    expect(items.get("witnessed-abuse")).toMatchObject({ respondent: "worker", answer: "No", by: "Cam Caseworker" });
    expect(shown.scores).toEqual([{ key: "safe-home", label: "Feeling safe at home (1–5)", value: 4, band: null }]);

    // The person's own worker of another specialism, not allocated to the child: 404.
    expect(await thrownStatus(() => loadResponseForStaff(staffViewer(world.worker), child.id, response.id))).toBe(404);
  });
});
