/**
 * Filling in a questionnaire, on the domain functions the route calls: saving page by page into a
 * sealed draft, bad input writing nothing, follow-ups, safety alerts, submitting once, and every
 * query scoped by the signed-in person.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { open } from "~/crypto/sealed.server";
import type { Person, QuestionnaireAssignment } from "~/generated/prisma/client";
import type { PersonKind } from "~/generated/prisma/enums";
import { allocate, createAssignment, createPerson, dateOfBirthForAge } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { personViewer as viewerOf, thrownStatus } from "../../tests/support/viewers";
import { discardDraft, loadFilling, savePage, submit, type FillingView } from "./filling.server";

const database = useAppDatabase();
const prisma = () => database().prisma;

type World = {
  serviceId: string;
  family: { id: string; serviceId: string };
  survivor: Person;
  /** Someone else in the same family: never sees the survivor's questionnaires. */
  sibling: Person;
};

let world: World;

beforeEach(async () => {
  const { service, family } = await familyInService(prisma(), { questionnaires: true });
  const survivor = await createPerson(prisma(), { family, kind: "ADULT_SURVIVOR", safetyIntroSeenAt: new Date() });
  const sibling = await createPerson(prisma(), { family, kind: "ADULT_SURVIVOR", safetyIntroSeenAt: new Date() });
  const worker = await workerIn(prisma(), service.id, "ADULT_SURVIVOR_ADVOCATE");
  await allocate(prisma(), { personId: survivor.id, staffId: worker.id });
  world = { serviceId: service.id, family, survivor, sibling };
});

const due = () => new Date(Date.now() + 7 * 86_400_000);

async function assign(person: Person, definitionKey: string): Promise<QuestionnaireAssignment> {
  return createAssignment(prisma(), { personId: person.id, definitionKey, dueAt: due() });
}

async function youngPerson(age: number): Promise<Person> {
  return createPerson(prisma(), {
    family: world.family,
    kind: "YOUNG_PERSON" satisfies PersonKind,
    dateOfBirth: dateOfBirthForAge(age, new Date()),
    safetyIntroSeenAt: new Date(),
  });
}

/** Everything stored about one assignment, to compare before and after (draft bytes included). */
async function stored(assignmentId: string) {
  const assignment = await prisma().questionnaireAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
  const draft = await prisma().questionnaireDraft.findUnique({ where: { assignmentId } });
  const responses = await prisma().questionnaireResponse.findMany({ where: { assignmentId } });
  const answers = await prisma().answer.findMany({ where: { response: { assignmentId } }, orderBy: { itemKey: "asc" } });
  const alerts = await prisma().alert.findMany({ where: { personId: assignment.personId }, orderBy: { createdAt: "asc" } });
  return {
    status: assignment.status,
    assignmentUpdatedAt: assignment.updatedAt,
    draft: draft && { ...draft, answersCipher: Buffer.from(draft.answersCipher).toString("hex") },
    responses,
    answers: answers.map((a) => ({ ...a, textCipher: a.textCipher && Buffer.from(a.textCipher).toString("hex") })),
    alerts,
  };
}

async function draftAnswers(assignmentId: string): Promise<Record<string, unknown>> {
  const draft = await prisma().questionnaireDraft.findUniqueOrThrow({ where: { assignmentId } });
  const parsed: unknown = JSON.parse(open(draft.answersCipher, draft.keyId, "draft"));
  if (typeof parsed !== "object" || parsed === null) throw new Error("draft is not an object");
  return { ...parsed };
}

function pageOf(view: FillingView) {
  if (view.state !== "page") throw new Error(`expected a page, got ${view.state}`);
  return view;
}

describe("savePage and loadFilling", () => {
  it("saves a page as a sealed draft, marks the questionnaire in progress, and resumes at the page reached", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-exit");
    const words = "my sister's kitchen table every Sunday";

    expect(await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes" }, { move: "next" })).toEqual({ ok: true, nextPage: 1 });
    expect((await stored(assignment.id)).status).toBe("IN_PROGRESS");
    expect(pageOf(await loadFilling(viewer, assignment.id, null)).pageIndex).toBe(1);

    expect(await savePage(viewer, assignment.id, 1, { "abuse-physical": "no" }, { move: "next" })).toEqual({ ok: true, nextPage: 2 });
    expect(await savePage(viewer, assignment.id, 2, { "feel-safe": "6", "quality-of-life": "3" }, { move: "next" })).toEqual({ ok: true, nextPage: 3 });
    expect(await savePage(viewer, assignment.id, 3, { "felt-safer": "agree", "biggest-difference": `  ${words}\r\n` }, { move: "stay" })).toEqual({
      ok: true,
      nextPage: null,
    });

    const row = await prisma().questionnaireDraft.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    const raw = Buffer.from(row.answersCipher);
    expect(raw.includes(Buffer.from("sister"))).toBe(false);
    expect(raw.includes(Buffer.from("biggest-difference"))).toBe(false);
    expect(row.personId).toBe(world.survivor.id);
    expect(row.pageIndex).toBe(3);
    // Sealed, not dropped: the draft opens to every answer given so far.
    expect(await draftAnswers(assignment.id)).toEqual({
      "safe-at-home-now": "yes",
      "abuse-physical": "no",
      "feel-safe": 6,
      "quality-of-life": 3,
      "felt-safer": "agree",
      "biggest-difference": words,
    });

    // Signing in again (no page asked for) lands on the page reached, with its answers.
    const resumed = pageOf(await loadFilling(viewer, assignment.id, null));
    expect(resumed.pageIndex).toBe(3);
    expect(resumed.pageCount).toBe(4);
    expect(resumed.started).toBe(true);
    expect(resumed.answers).toEqual({ "felt-safer": "agree", "biggest-difference": words });
    // Another page shows only its own answers.
    expect(pageOf(await loadFilling(viewer, assignment.id, "2")).answers).toEqual({ "feel-safe": 6, "quality-of-life": 3 });
  });

  it("writes nothing for bad input: out-of-range scale, unknown option, a field not on the page, text too long, a page that does not exist", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-exit");

    // On a questionnaire never started: no draft appears, and it stays ASSIGNED.
    const untouched = await stored(assignment.id);
    const first = await savePage(viewer, assignment.id, 2, { "feel-safe": "11" }, { move: "stay" });
    expect(first).toMatchObject({ ok: false, status: 400, errors: { "feel-safe": "Enter a whole number from 0 to 10" } });
    expect(await stored(assignment.id)).toEqual(untouched);
    expect(untouched.draft).toBeNull();
    expect(untouched.status).toBe("ASSIGNED");

    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes" }, { move: "next" });
    await savePage(viewer, assignment.id, 2, { "feel-safe": "6", "feel-well": "5" }, { move: "stay" });
    await savePage(viewer, assignment.id, 3, { "felt-safer": "agree", "biggest-difference": "the group" }, { move: "stay" });
    const before = await stored(assignment.id);
    expect(before.draft).not.toBeNull();
    expect(before.status).toBe("IN_PROGRESS");

    const cases: { page: number; form: Record<string, string | string[]>; field: string; message: RegExp }[] = [
      // A good answer beside a bad one is not saved either.
      { page: 2, form: { "feel-safe": "11", "feel-well": "9" }, field: "feel-safe", message: /0 to 10/ },
      { page: 2, form: { "feel-safe": "-1" }, field: "feel-safe", message: /0 to 10/ },
      { page: 2, form: { "feel-safe": "6.5" }, field: "feel-safe", message: /whole number/ },
      { page: 2, form: { "quality-of-life": "0" }, field: "quality-of-life", message: /1 to 5/ },
      { page: 2, form: { "feel-well": ["3", "4"] }, field: "feel-well", message: /0 to 10/ },
      { page: 0, form: { "safe-at-home-now": "maybe" }, field: "safe-at-home-now", message: /yes or no/ },
      { page: 3, form: { "felt-safer": "totally" }, field: "felt-safer", message: /Choose one of the answers/ },
      { page: 3, form: { "felt-safer": ["agree", "disagree"] }, field: "felt-safer", message: /Choose one of the answers/ },
      { page: 0, form: { "safe-at-home-now": "yes", "feel-safe": "5" }, field: "feel-safe", message: /not a question on this page/ },
      { page: 0, form: { "no-such-item": "yes" }, field: "no-such-item", message: /not a question on this page/ },
      { page: 3, form: { "biggest-difference": "x".repeat(4001) }, field: "biggest-difference", message: /4000 characters or fewer/ },
      { page: 3, form: { "biggest-difference": ["two", "lists"] }, field: "biggest-difference", message: /as text/ },
      { page: 4, form: { "safe-at-home-now": "yes" }, field: "form", message: /page does not exist/ },
      { page: -1, form: { "safe-at-home-now": "yes" }, field: "form", message: /page does not exist/ },
    ];
    for (const { page, form, field, message } of cases) {
      for (const move of ["stay", "next", "back", "check"] as const) {
        const result = await savePage(viewer, assignment.id, page, form, { move });
        const where = `${JSON.stringify(form).slice(0, 80)} on page ${page} (${move})`;
        expect(result.ok, where).toBe(false);
        if (result.ok) continue;
        expect(result.status, where).toBe(400);
        expect(result.errors[field], where).toMatch(message);
        expect(await stored(assignment.id), where).toEqual(before);
      }
    }
  });

  it('"next" with a required answer missing saves what was given but stays on the page', async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");

    const result = await savePage(viewer, assignment.id, 0, { "feel-safe": "4" }, { move: "next" });
    expect(result).toEqual({ ok: false, status: 400, errors: { "safe-at-home-now": "Answer this question to go on" }, version: 1 });
    expect(await draftAnswers(assignment.id)).toEqual({ "feel-safe": 4 });
    const row = await prisma().questionnaireDraft.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(row.pageIndex).toBe(0);
    expect((await stored(assignment.id)).status).toBe("IN_PROGRESS");

    const view = pageOf(await loadFilling(viewer, assignment.id, null, { showMissing: true }));
    expect(view.pageIndex).toBe(0);
    expect(view.answers).toEqual({ "feel-safe": 4 });
    expect(view.missing).toEqual({ "safe-at-home-now": "Answer this question to go on" });

    // "Save and finish later" does not ask for it.
    expect(await savePage(viewer, assignment.id, 0, { "feel-safe": "5" }, { move: "stay" })).toEqual({ ok: true, nextPage: null });
    // Answered, "next" from the last page goes to the check page.
    expect(await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "feel-safe": "5" }, { move: "next" })).toEqual({
      ok: true,
      nextPage: "check",
    });
  });

  it("drops a follow-up's answer when its condition no longer holds, and never sends it", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    const detail = "the car was parked outside again";

    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "anything-new": "yes", "anything-new-detail": detail }, { move: "stay" });
    expect(await draftAnswers(assignment.id)).toMatchObject({ "anything-new": "yes", "anything-new-detail": detail });

    // The browser hides the box but still sends it: the server drops it.
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "anything-new": "no", "anything-new-detail": detail }, { move: "stay" });
    expect(await draftAnswers(assignment.id)).toEqual({ "safe-at-home-now": "yes", "anything-new": "no" });
    expect(pageOf(await loadFilling(viewer, assignment.id, null)).answers).toEqual({ "safe-at-home-now": "yes", "anything-new": "no" });

    expect(await submit(viewer, assignment.id)).toEqual({ ok: true, already: false });
    const answers = await prisma().answer.findMany({ where: { response: { assignmentId: assignment.id } } });
    expect(answers.map((a) => a.itemKey).sort()).toEqual(["anything-new", "safe-at-home-now"]);
    expect(answers.every((a) => a.textCipher === null)).toBe(true);
  });
});

describe("safety alerts", () => {
  it("raises one open alert as soon as a safety answer is saved, not again on saving or submitting, and links it to the response", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");

    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no" }, { move: "stay" });
    const alerts = await prisma().alert.findMany({ where: { personId: world.survivor.id } });
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    expect(alert).toMatchObject({ kind: "SAFETY_ANSWER", assignmentId: assignment.id, responseId: null, itemKeys: ["safe-at-home-now"], resolvedAt: null });

    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "feel-safe": "2" }, { move: "stay" });
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "feel-safe": "2" }, { move: "next" });
    expect(await prisma().alert.findMany({ where: { personId: world.survivor.id } })).toEqual(alerts);

    expect(await submit(viewer, assignment.id)).toEqual({ ok: true, already: false });
    const response = await prisma().questionnaireResponse.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    const after = await prisma().alert.findMany({ where: { personId: world.survivor.id } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: alert?.id, responseId: response.id, resolvedAt: null, itemKeys: ["safe-at-home-now"] });
  });

  it("an answer that is safe raises nothing", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "anything-new": "no" }, { move: "next" });
    await submit(viewer, assignment.id);
    expect(await prisma().alert.count()).toBe(0);
  });

  it("a new safety answer after the worker resolved the questionnaire's first alert is open for the worker again", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "anything-new": "yes" }, { move: "stay" });
    const first = await prisma().alert.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(first.itemKeys).toEqual(["anything-new"]);
    // The worker reads it and resolves it; later the person says they are not safe at home now.
    await prisma().alert.update({ where: { id: first.id }, data: { resolvedAt: new Date() } });
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "anything-new": "yes" }, { move: "stay" });
    const open = await prisma().alert.findMany({ where: { personId: world.survivor.id, resolvedAt: null } });
    expect(open.flatMap((a) => a.itemKeys)).toContain("safe-at-home-now");
  });

  it("two saves at the same moment (an autosave and a button) leave one draft and one alert", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    const results = await Promise.all([
      savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no" }, { move: "stay" }),
      savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "feel-safe": "1" }, { move: "stay" }),
    ]);
    expect(results).toEqual([
      { ok: true, nextPage: null },
      { ok: true, nextPage: null },
    ]);
    expect(await prisma().questionnaireDraft.count({ where: { assignmentId: assignment.id } })).toBe(1);
    expect(await prisma().alert.count({ where: { assignmentId: assignment.id } })).toBe(1);
    expect((await stored(assignment.id)).status).toBe("IN_PROGRESS");
  });
});

describe("submit", () => {
  it("writes one response with the answers (free text sealed) and scores, deletes the draft, and marks the questionnaire sent", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    const detail = "he turned up at the school gate on Tuesday";
    const now = new Date("2026-03-02T10:00:00Z");
    await savePage(
      viewer,
      assignment.id,
      0,
      { "safe-at-home-now": "yes", "feel-safe": "7", "feel-well": "3", "anything-new": "yes", "anything-new-detail": detail },
      { move: "next", now },
    );

    expect(await submit(viewer, assignment.id, now)).toEqual({ ok: true, already: false });

    const responses = await prisma().questionnaireResponse.findMany({ where: { personId: world.survivor.id } });
    expect(responses).toHaveLength(1);
    const [response] = responses;
    expect(response).toMatchObject({
      assignmentId: assignment.id,
      definitionId: assignment.definitionId,
      stage: "CHECK_IN",
      submittedAt: now,
      ageBand: null,
      workerCompletedAt: null,
      scores: { "feel-safe": { value: 7, band: null, answered: 1, of: 1 }, "feel-well": { value: 3, band: null, answered: 1, of: 1 } },
    });
    const answers = await prisma().answer.findMany({ where: { responseId: response?.id }, orderBy: { itemKey: "asc" } });
    expect(answers.map((a) => [a.itemKey, a.answeredBy, a.staffId, a.numberValue, a.choiceValues])).toEqual([
      ["anything-new", "PERSON", null, null, ["yes"]],
      ["anything-new-detail", "PERSON", null, null, []],
      ["feel-safe", "PERSON", null, 7, []],
      ["feel-well", "PERSON", null, 3, []],
      ["safe-at-home-now", "PERSON", null, null, ["yes"]],
    ]);
    const text = answers.find((a) => a.itemKey === "anything-new-detail");
    expect(text?.textCipher).toBeTruthy();
    expect(Buffer.from(text?.textCipher ?? new Uint8Array()).includes(Buffer.from("school gate"))).toBe(false);
    expect(open(text?.textCipher ?? new Uint8Array(), text?.keyId ?? "", "answer")).toBe(detail);
    expect(answers.filter((a) => a.itemKey !== "anything-new-detail").every((a) => a.textCipher === null)).toBe(true);

    const after = await stored(assignment.id);
    expect(after.draft).toBeNull();
    expect(after.status).toBe("SUBMITTED");
    expect(await loadFilling(viewer, assignment.id, null)).toEqual({ state: "submitted", title: "Check-in" });

    // A second submit (a double tap) stores nothing more.
    expect(await submit(viewer, assignment.id)).toEqual({ ok: true, already: true });
    expect(await stored(assignment.id)).toEqual(after);
    // Nor can a page be saved into it any more.
    expect(await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no" }, { move: "stay" })).toMatchObject({ ok: false, status: 409 });
    expect(await stored(assignment.id)).toEqual(after);
  });

  it("records the age band a young person answered in, with their scores", async () => {
    const child = await youngPerson(10);
    const viewer = viewerOf(child);
    const assignment = await assign(child, "yp-checkin");
    await savePage(
      viewer,
      assignment.id,
      0,
      { "safe-home": "4", "safe-elsewhere": "5", worries: "2", "getting-on-family": "3", "getting-on-others": "4", "someone-to-talk-to": "yes" },
      { move: "next" },
    );
    expect(await submit(viewer, assignment.id)).toEqual({ ok: true, already: false });
    const response = await prisma().questionnaireResponse.findUniqueOrThrow({ where: { assignmentId: assignment.id } });
    expect(response.ageBand).toBe("8-12");
    expect(response.scores).toEqual({
      "how-i-feel": { value: 18, band: "Some good, some hard", answered: 5, of: 5 },
      "safe-home": { value: 4, band: null, answered: 1, of: 1 },
    });
    expect(await prisma().answer.count({ where: { responseId: response.id } })).toBe(6);
  });

  it("two submits at the same moment store one response and one set of answers", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(
      viewer,
      assignment.id,
      0,
      { "safe-at-home-now": "no", "feel-safe": "2", "feel-well": "4", "anything-new": "yes", "anything-new-detail": "words" },
      { move: "next" },
    );

    const results = await Promise.all([submit(viewer, assignment.id), submit(viewer, assignment.id), submit(viewer, assignment.id)]);
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(1);
    expect(results.filter((r) => r.ok && r.already)).toHaveLength(2);
    expect(await prisma().questionnaireResponse.count({ where: { assignmentId: assignment.id } })).toBe(1);
    expect(await prisma().answer.count({ where: { response: { assignmentId: assignment.id } } })).toBe(5);
    expect(await prisma().alert.count({ where: { personId: world.survivor.id } })).toBe(1);
    expect(await prisma().auditEvent.count({ where: { action: "questionnaire.submit", subjectPersonId: world.survivor.id } })).toBe(1);
    expect((await stored(assignment.id)).status).toBe("SUBMITTED");
  });

  it("a page saved at the same moment as the submit is either in what was sent or refused, never a lost 'saved'", async () => {
    // "Nothing lost": an answer the person saw saved is in the database, and a sent questionnaire
    // has no draft left over. A race (two tabs, an autosave and "Send"), so tried several times.
    const viewer = viewerOf(world.survivor);
    const problems: string[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const assignment = await assign(world.survivor, "adult-checkin");
      await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "feel-safe": "5" }, { move: "next" });
      const [saved, sent] = await Promise.all([
        savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "feel-safe": "5", "feel-well": "9" }, { move: "stay" }),
        submit(viewer, assignment.id),
      ]);
      if (!sent.ok) problems.push(`attempt ${attempt}: submit refused ${JSON.stringify(sent)}`);
      const after = await stored(assignment.id);
      const feelWell = after.answers.find((a) => a.itemKey === "feel-well");
      if (saved.ok && !feelWell) problems.push(`attempt ${attempt}: "feel-well" was saved (ok: true) but is not in what was sent`);
      if (after.status === "SUBMITTED" && after.draft) problems.push(`attempt ${attempt}: a draft is left on a sent questionnaire`);
    }
    expect(problems).toEqual([]);
  });

  it("discarding at the same moment as submitting never leaves a sent questionnaire open again", async () => {
    // Two tabs: "Send my answers" in one, "Discard my answers" in the other. Whichever wins, neither
    // fails (an error page), a questionnaire with a sent response is SUBMITTED, and sending again
    // is harmless.
    const viewer = viewerOf(world.survivor);
    const problems: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const assignment = await assign(world.survivor, "adult-checkin");
      await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes", "feel-safe": "5" }, { move: "next" });
      const started = Date.now();
      const outcomes = await Promise.allSettled([submit(viewer, assignment.id), discardDraft(viewer, assignment.id)]);
      for (const [index, outcome] of outcomes.entries()) {
        if (outcome.status === "rejected") {
          const reason = String(outcome.reason).split("\n").filter(Boolean).slice(-2).join(" ");
          problems.push(`attempt ${attempt}: ${index === 0 ? "submit" : "discardDraft"} failed after ${Date.now() - started} ms: ${reason}`);
        }
      }
      const after = await stored(assignment.id);
      if (after.responses.length > 0 && after.status !== "SUBMITTED") problems.push(`attempt ${attempt}: sent, but the questionnaire is ${after.status} again`);
      const again = await submit(viewer, assignment.id).then(
        (r) => JSON.stringify(r),
        (e: unknown) => `threw ${String(e).split("\n").filter(Boolean).at(-1) ?? ""}`,
      );
      if (after.responses.length > 0 && again !== JSON.stringify({ ok: true, already: true })) problems.push(`attempt ${attempt}: sending again gave ${again}`);
    }
    expect(problems).toEqual([]);
  });

  it("refuses a closed questionnaire and writes nothing", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes" }, { move: "next" });
    await prisma().questionnaireAssignment.update({ where: { id: assignment.id }, data: { status: "CLOSED", closedAt: new Date() } });
    const before = await stored(assignment.id);

    expect(await submit(viewer, assignment.id)).toMatchObject({ ok: false, status: 409 });
    expect(await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes" }, { move: "stay" })).toMatchObject({ ok: false, status: 409 });
    expect(await discardDraft(viewer, assignment.id)).toBe(false);
    expect(await stored(assignment.id)).toEqual(before);
    expect(await loadFilling(viewer, assignment.id, null)).toEqual({ state: "closed", title: "Check-in" });
  });

  it("sends the person back to the page with a required answer missing, and writes nothing", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-exit");
    // Pages 1–3 answered, page 0's required "safe at home now" skipped.
    await savePage(viewer, assignment.id, 1, { "abuse-physical": "yes" }, { move: "next" });
    await savePage(viewer, assignment.id, 2, { "feel-safe": "3" }, { move: "next" });
    await savePage(viewer, assignment.id, 3, { "felt-safer": "agree", "biggest-difference": "talking" }, { move: "stay" });
    const before = await stored(assignment.id);

    expect(await submit(viewer, assignment.id)).toEqual({ ok: false, page: 0, status: 400, errors: { "safe-at-home-now": "Answer this question to go on" } });
    expect(await stored(assignment.id)).toEqual(before);
    expect(await prisma().questionnaireResponse.count()).toBe(0);
    expect(await prisma().answer.count()).toBe(0);

    // Never started at all: the same.
    const fresh = await assign(world.survivor, "adult-checkin");
    const untouched = await stored(fresh.id);
    expect(await submit(viewer, fresh.id)).toMatchObject({ ok: false, page: 0, status: 400 });
    expect(await stored(fresh.id)).toEqual(untouched);
  });
});

describe("scoping", () => {
  it("another person's questionnaire, even in the same family, is a 404 for every function, and nothing changes", async () => {
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(viewerOf(world.survivor), assignment.id, 0, { "safe-at-home-now": "yes", "feel-safe": "8" }, { move: "next" });
    const before = await stored(assignment.id);
    const child = await youngPerson(14);
    const harmful = await createPerson(prisma(), { family: world.family, kind: "HARMFUL_BEHAVIOUR", safetyIntroSeenAt: new Date() });

    for (const other of [world.sibling, child, harmful]) {
      const viewer = viewerOf(other);
      expect(await thrownStatus(() => loadFilling(viewer, assignment.id, null)), other.kind).toBe(404);
      expect(await thrownStatus(() => loadFilling(viewer, assignment.id, "check")), other.kind).toBe(404);
      expect(await thrownStatus(() => savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no" }, { move: "next" })), other.kind).toBe(404);
      expect(await thrownStatus(() => submit(viewer, assignment.id)), other.kind).toBe(404);
      expect(await thrownStatus(() => discardDraft(viewer, assignment.id)), other.kind).toBe(404);
    }
    // An id that does not exist answers the same.
    expect(await thrownStatus(() => loadFilling(viewerOf(world.survivor), "no-such-assignment", null))).toBe(404);
    expect(await stored(assignment.id)).toEqual(before);
  });
});

describe("young people's pages", () => {
  it("an under-8 sees no typing and the under-8 wording; an 8–12 gets the text item", async () => {
    const little = await youngPerson(6);
    const littleViewer = viewerOf(little);
    const mine = await assign(little, "yp-checkin");
    const view = pageOf(await loadFilling(littleViewer, mine.id, null));
    expect(view.band).toBe("under-8");
    expect(view.section.title).toBe("Me");
    expect(view.section.items.map((i) => i.type)).not.toContain("long-text");
    expect(view.section.items.map((i) => i.key)).not.toContain("anything-else");
    expect(view.section.items.find((i) => i.key === "safe-home")).toMatchObject({ label: "At home, I feel…", help: "Pick a face." });
    expect(view.section.items.find((i) => i.key === "someone-to-talk-to")?.label).toBe("Can you talk to a grown-up?");

    // A text answer sent anyway is not a question on their page: nothing is written.
    const before = await stored(mine.id);
    expect(await savePage(littleViewer, mine.id, 0, { "safe-home": "3", "anything-else": "typed" }, { move: "stay" })).toMatchObject({
      ok: false,
      errors: { "anything-else": "This is not a question on this page." },
    });
    expect(await stored(mine.id)).toEqual(before);
    // Faces required? None are; "next" with nothing still goes on to the check page, which lists no text item.
    expect(await savePage(littleViewer, mine.id, 0, { "safe-home": "1" }, { move: "next" })).toEqual({ ok: true, nextPage: "check" });
    const check = await loadFilling(littleViewer, mine.id, "check");
    if (check.state !== "check") throw new Error("expected the check page");
    expect(check.pages[0]?.title).toBe("Me");
    expect(check.pages[0]?.answers.map((a) => a.key)).not.toContain("anything-else");
    expect(check.pages[0]?.answers.find((a) => a.key === "safe-home")).toEqual({ key: "safe-home", label: "At home, I feel…", answer: "Very sad face" });
    expect(await submit(littleViewer, mine.id)).toEqual({ ok: true, already: false });
    expect((await prisma().questionnaireResponse.findUniqueOrThrow({ where: { assignmentId: mine.id } })).ageBand).toBe("under-8");

    const older = await youngPerson(10);
    const olderViewer = viewerOf(older);
    const theirs = await assign(older, "yp-checkin");
    const olderView = pageOf(await loadFilling(olderViewer, theirs.id, null));
    expect(olderView.band).toBe("8-12");
    expect(olderView.section.title).toBe("How I feel");
    expect(olderView.section.items.find((i) => i.key === "anything-else")).toMatchObject({
      type: "long-text",
      label: "Is there anything else you want to tell us?",
    });
    expect(olderView.section.items.find((i) => i.key === "safe-home")?.label).toBe("How safe do you feel at home?");
    expect(await savePage(olderViewer, theirs.id, 0, { "safe-home": "3", "anything-else": "typed" }, { move: "stay" })).toEqual({ ok: true, nextPage: null });
    expect(await draftAnswers(theirs.id)).toEqual({ "safe-home": 3, "anything-else": "typed" });
  });
});

describe("discardDraft", () => {
  it("removes the draft and makes the questionnaire ASSIGNED again, keeping an alert already raised", async () => {
    const viewer = viewerOf(world.survivor);
    const assignment = await assign(world.survivor, "adult-checkin");
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "feel-safe": "1" }, { move: "stay" });
    const alerts = await prisma().alert.findMany({ where: { personId: world.survivor.id } });
    expect(alerts).toHaveLength(1);

    expect(await discardDraft(viewer, assignment.id)).toBe(true);
    const after = await stored(assignment.id);
    expect(after.draft).toBeNull();
    expect(after.status).toBe("ASSIGNED");
    expect(after.alerts).toEqual(alerts);
    const view = pageOf(await loadFilling(viewer, assignment.id, null));
    expect(view.started).toBe(false);
    expect(view.answers).toEqual({});
    // Nothing left to send: submitting asks for the required answer again.
    expect(await submit(viewer, assignment.id)).toMatchObject({ ok: false, page: 0 });

    // A sent questionnaire cannot be discarded.
    await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "yes" }, { move: "next" });
    await submit(viewer, assignment.id);
    const sent = await stored(assignment.id);
    expect(await discardDraft(viewer, assignment.id)).toBe(false);
    expect(await stored(assignment.id)).toEqual(sent);
  });
});
