import { describe, expect, it } from "vitest";
import { seal } from "~/crypto/sealed.server";
import type { PersonKind, StaffMember } from "~/generated/prisma/client";
import {
  addDays,
  allocate,
  createAppointment,
  createAssignment,
  createFamily,
  createMessage,
  createPerson,
  createResponse,
  createRiskAssessment,
  createStaff,
  publishDefinitions,
  type Db,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { staffViewer as viewerOf } from "../../tests/support/viewers";
import { caseloadQuerySchema, readCaseloadQuery, type CaseloadQuery } from "./caseload-query";
import { loadCaseload } from "./caseload.server";

const database = useAppDatabase();

function query(input: Partial<Record<keyof CaseloadQuery, string>> = {}): CaseloadQuery {
  return caseloadQuerySchema.parse(input);
}

/** A worker, a colleague, and a way to add people to the worker's caseload. */
async function setting(prisma: Db) {
  const { service, area, family, holder: familyHolder } = await familyInService(prisma, { heldBy: "Casey Holder", reference: "F-0012" });
  const holder = familyHolder!;
  const worker = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE", "Dana Advocate");
  const colleague = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE", "Jesse Colleague");
  const now = new Date();
  async function person(firstName: string, options: { kind?: PersonKind; startedDaysAgo?: number; staff?: StaffMember; anonymised?: boolean } = {}) {
    const created = await createPerson(prisma, {
      family,
      kind: options.kind ?? "ADULT_SURVIVOR",
      firstName,
      lastName: "Test",
      involvementStartedAt: addDays(now, -(options.startedDaysAgo ?? 3)),
      ...(options.anonymised ? { anonymisedAt: addDays(now, -1) } : {}),
    });
    await allocate(prisma, { personId: created.id, staffId: (options.staff ?? worker).id, unchecked: true });
    return created;
  }
  return { service, area, holder, worker, colleague, family, now, person };
}

describe("a worker's caseload", () => {
  it("lists only people with an open allocation to the worker", async () => {
    const prisma = database().prisma;
    const { worker, colleague, person, now } = await setting(prisma);
    const mine = await person("Amy");
    const ended = await person("Ben");
    await prisma.allocation.updateMany({ where: { personId: ended.id }, data: { endedAt: addDays(now, -1) } });
    const anonymised = await person("Cal", { anonymised: true });
    const theirs = await person("Dee", { staff: colleague });

    const caseload = await loadCaseload(viewerOf(worker), query(), now);
    expect(caseload.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(caseload.counts.all).toBe(1);
    expect(caseload.rows[0]).toMatchObject({ name: "Amy Test", kind: "ADULT_SURVIVOR", familyReference: "F-0012" });
    const serialised = JSON.stringify(caseload);
    for (const absent of [ended, anonymised, theirs]) expect(serialised).not.toContain(absent.id);

    const colleagues = await loadCaseload(viewerOf(colleague), query(), now);
    expect(colleagues.rows.map((r) => r.id)).toEqual([theirs.id]);
  });

  it("flags a safety answer, an overdue review, an overdue questionnaire and unread messages, the safety answer first", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { worker, colleague, person, now } = await setting(prisma);
    const calm = await person("Eve", { startedDaysAgo: 2 });
    const busy = await person("Cara");
    const quiet = await person("Dan", { startedDaysAgo: 30 });
    const alerted = await person("Beth");
    await prisma.alert.create({ data: { personId: alerted.id, kind: "SAFETY_ANSWER", createdAt: addDays(now, -1) } });
    // A resolved alert needs nothing.
    await prisma.alert.create({ data: { personId: calm.id, kind: "SAFETY_ANSWER", resolvedAt: addDays(now, -1), resolvedById: worker.id } });

    // Busy: a review past due, a questionnaire past due, and two unread messages to this worker.
    await createRiskAssessment(prisma, { personId: busy.id, level: "MEDIUM", stage: "INTAKE", assessedAt: addDays(now, -61), reviewDueAt: addDays(now, -5) });
    await createAssignment(prisma, { personId: busy.id, definitionKey: "adult-checkin", dueAt: addDays(now, -2) });
    await createAssignment(prisma, { personId: busy.id, definitionKey: "adult-intake", dueAt: addDays(now, 4) });
    await createResponse(prisma, {
      person: busy,
      definitionKey: "adult-checkin",
      dueAt: addDays(now, -20),
      submittedAt: addDays(now, -19),
      answers: { "safe-at-home-now": true, "feel-safe": 7, "feel-well": 7 },
    });
    const mine = await prisma.messageThread.create({ data: { personId: busy.id, staffId: worker.id } });
    await createMessage(prisma, { threadId: mine.id, author: { personId: busy.id } });
    await createMessage(prisma, { threadId: mine.id, author: { personId: busy.id } });
    await createMessage(prisma, { threadId: mine.id, author: { personId: busy.id }, readAt: new Date() });
    await createMessage(prisma, { threadId: mine.id, author: { staffId: worker.id } });
    const theirs = await prisma.messageThread.create({ data: { personId: busy.id, staffId: colleague.id } });
    await createMessage(prisma, { threadId: theirs.id, author: { personId: busy.id } });
    await createMessage(prisma, { threadId: theirs.id, author: { personId: busy.id } });

    const caseload = await loadCaseload(viewerOf(worker), query(), now);
    expect(caseload.rows.map((r) => r.name)).toEqual(["Beth Test", "Cara Test", "Dan Test", "Eve Test"]);
    const row = (id: string) => caseload.rows.find((r) => r.id === id);

    expect(row(alerted.id)?.needs.map((n) => n.key)).toEqual(["alert"]);
    expect(row(busy.id)?.needs.map((n) => n.key)).toEqual(["review", "overdue", "unread"]);
    expect(row(busy.id)?.needs.find((n) => n.key === "unread")?.words).toBe("2 unread messages");
    expect(row(busy.id)?.needs.find((n) => n.key === "overdue")?.words).toBe("Questionnaire overdue");
    expect(row(busy.id)?.dueQuestionnaires).toBe(2);
    expect(row(busy.id)?.risk).toEqual({ level: "MEDIUM", reviewDueAt: addDays(now, -5).toISOString(), reviewOverdue: true });
    expect(row(quiet.id)?.needs.map((n) => n.key)).toEqual(["contact"]);
    expect(row(quiet.id)?.needs[0]?.words).toBe("No contact since starting 30 days ago");
    expect(row(calm.id)?.needs).toEqual([]);
    // The busy person's needs together still weigh less than one safety answer.
    expect((row(alerted.id)?.urgency ?? 0) > (row(busy.id)?.urgency ?? 0)).toBe(true);

    expect(caseload.counts).toEqual({ all: 4, attention: 3, alerts: 1, overdue: 1, unread: 1, review: 1, closing: 0 });
  });

  it("counts days since contact from attended appointments, the person's messages in the worker's thread and contact notes", async () => {
    const prisma = database().prisma;
    const { worker, person, now } = await setting(prisma);
    const byAppointment = await person("Ann", { startedDaysAgo: 40 });
    await createAppointment(prisma, { personId: byAppointment.id, staffId: worker.id, startsAt: addDays(now, -12), status: "ATTENDED" });
    await createAppointment(prisma, { personId: byAppointment.id, staffId: worker.id, startsAt: addDays(now, -2), status: "MISSED" });
    await createAppointment(prisma, { personId: byAppointment.id, staffId: worker.id, startsAt: addDays(now, -1), status: "CANCELLED" });
    const byMessage = await person("Bo", { startedDaysAgo: 40 });
    // Contact by message is the person writing; the worker's own later message waiting for an answer is not.
    const thread = await prisma.messageThread.create({ data: { personId: byMessage.id, staffId: worker.id, lastMessageAt: addDays(now, -1) } });
    await createMessage(prisma, { threadId: thread.id, author: { personId: byMessage.id }, text: "See you Thursday.", createdAt: addDays(now, -4) });
    await createMessage(prisma, { threadId: thread.id, author: { staffId: worker.id }, text: "Are you free next week?", createdAt: addDays(now, -1) });
    const byNote = await person("Cy", { startedDaysAgo: 40 });
    for (const [kind, days] of [
      ["CONTACT", 7],
      ["NOTE", 1],
      ["CONTACT_ATTEMPT", 1],
    ] as const) {
      const sealed = seal("x", "case-note");
      await prisma.caseNote.create({
        data: { personId: byNote.id, authorId: worker.id, kind, occurredAt: addDays(now, -days), bodyCipher: sealed.cipher, keyId: sealed.keyId },
      });
    }
    const long = await person("Di", { startedDaysAgo: 40 });
    await createAppointment(prisma, { personId: long.id, staffId: worker.id, startsAt: addDays(now, -25), status: "ATTENDED" });
    const never = await person("Ed", { startedDaysAgo: 40 });

    const caseload = await loadCaseload(viewerOf(worker), query({ sort: "contact" }), now);
    expect(caseload.rows.map((r) => [r.id, r.daysSinceContact])).toEqual([
      [never.id, null],
      [long.id, 25],
      [byAppointment.id, 12],
      [byNote.id, 7],
      [byMessage.id, 4],
    ]);
    expect(caseload.rows.find((r) => r.id === long.id)?.needs.map((n) => n.words)).toEqual(["No contact for 25 days"]);
    expect(caseload.rows.find((r) => r.id === byAppointment.id)?.needs).toEqual([]);
  });

  it("sorts by name, next appointment and review date, missing values last", async () => {
    const prisma = database().prisma;
    const { worker, person, now } = await setting(prisma);
    const zoe = await person("Zoe");
    const amy = await person("Amy");
    const mel = await person("Mel");
    const kit = await person("Kit");

    await createAppointment(prisma, { personId: zoe.id, staffId: worker.id, startsAt: addDays(now, 1) });
    await createAppointment(prisma, { personId: mel.id, staffId: worker.id, startsAt: addDays(now, 5) });
    await createAppointment(prisma, { personId: mel.id, staffId: worker.id, startsAt: addDays(now, 9) });
    // Cancelled and past bookings are not "next".
    await createAppointment(prisma, { personId: amy.id, staffId: worker.id, startsAt: addDays(now, 0.5), status: "CANCELLED" });
    await createAppointment(prisma, { personId: kit.id, staffId: worker.id, startsAt: addDays(now, -1) });

    // The latest assessment decides the review date.
    await createRiskAssessment(prisma, { personId: amy.id, level: "HIGH", stage: "INTAKE", assessedAt: addDays(now, -90), reviewDueAt: addDays(now, -34) });
    await createRiskAssessment(prisma, { personId: amy.id, level: "MEDIUM", stage: "REVIEW", assessedAt: addDays(now, -10), reviewDueAt: addDays(now, 30) });
    await createRiskAssessment(prisma, { personId: kit.id, level: "STANDARD", stage: "INTAKE", assessedAt: addDays(now, -50), reviewDueAt: addDays(now, 6) });
    await createRiskAssessment(prisma, { personId: zoe.id, level: "STANDARD", stage: "EXIT", assessedAt: addDays(now, -1), reviewDueAt: null });

    const viewer = viewerOf(worker);
    const names = async (sort: string) => (await loadCaseload(viewer, query({ sort }), now)).rows.map((r) => r.name);
    expect(await names("name")).toEqual(["Amy Test", "Kit Test", "Mel Test", "Zoe Test"]);
    expect(await names("next")).toEqual(["Zoe Test", "Mel Test", "Amy Test", "Kit Test"]);
    expect(await names("review")).toEqual(["Kit Test", "Amy Test", "Mel Test", "Zoe Test"]);

    const rows = (await loadCaseload(viewer, query({ sort: "next" }), now)).rows;
    expect(rows.find((r) => r.id === mel.id)?.nextAppointment).toBe(addDays(now, 5).toISOString());
    expect(rows.find((r) => r.id === amy.id)?.nextAppointment).toBeNull();
    expect(rows.find((r) => r.id === amy.id)?.risk).toEqual({ level: "MEDIUM", reviewDueAt: addDays(now, 30).toISOString(), reviewOverdue: false });
  });

  it("filters to alerts, overdue questionnaires, overdue reviews, closing people and one kind of person", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { worker, person, now } = await setting(prisma);
    const safety = await person("Ada");
    await prisma.alert.create({ data: { personId: safety.id, kind: "SAFETY_ANSWER" } });
    const notMe = await person("Bea");
    await prisma.alert.create({ data: { personId: notMe.id, kind: "NOT_ME" } });
    const overdue = await person("Cas");
    await createAssignment(prisma, { personId: overdue.id, definitionKey: "adult-checkin", dueAt: addDays(now, -1) });
    const review = await person("Dom", { kind: "HARMFUL_BEHAVIOUR" });
    await createRiskAssessment(prisma, { personId: review.id, level: "HIGH", stage: "INTAKE", assessedAt: addDays(now, -60), reviewDueAt: addDays(now, -3) });
    const closing = await person("Eli", { kind: "YOUNG_PERSON" });
    await prisma.person.update({ where: { id: closing.id }, data: { involvementEndedAt: addDays(now, -1), closureReason: "COMPLETED" } });
    const child = await person("Fay", { kind: "YOUNG_PERSON" });

    const viewer = viewerOf(worker);
    const ids = async (q: Partial<Record<keyof CaseloadQuery, string>>) =>
      (await loadCaseload(viewer, query({ sort: "name", ...q }), now)).rows.map((r) => r.id);
    expect(await ids({ show: "alerts" })).toEqual([safety.id, notMe.id]);
    expect(await ids({ show: "overdue" })).toEqual([overdue.id]);
    expect(await ids({ show: "review" })).toEqual([review.id]);
    expect(await ids({ show: "closing" })).toEqual([closing.id]);
    expect(await ids({ kind: "YOUNG_PERSON" })).toEqual([closing.id, child.id]);
    expect(await ids({ kind: "HARMFUL_BEHAVIOUR", show: "review" })).toEqual([review.id]);
    expect(await ids({ kind: "ADULT_SURVIVOR", show: "review" })).toEqual([]);
    expect(await ids({ show: "all" })).toHaveLength(6);

    const filtered = await loadCaseload(viewer, query({ show: "closing" }), now);
    // The counts describe the whole caseload, whatever is shown.
    expect(filtered.counts).toMatchObject({ all: 6, alerts: 2, overdue: 1, review: 1, closing: 1 });
    expect(filtered.rows.find((r) => r.id === closing.id)?.band).toBe("8-12");
  });

  it("reads its sort and filter from the address, falling back on anything unknown", () => {
    expect(readCaseloadQuery(new URL("https://x.example/staff?sort=review&show=closing&kind=YOUNG_PERSON"))).toEqual({
      sort: "review",
      show: "closing",
      kind: "YOUNG_PERSON",
    });
    expect(readCaseloadQuery(new URL("https://x.example/staff?sort=evil&show=%3Cx%3E&kind=ROOT"))).toEqual({ sort: "attention", show: "all", kind: undefined });
  });
});

describe("a case manager's caseload", () => {
  it("lists everyone in the open families they hold, whoever their worker, and no one else", async () => {
    const prisma = database().prisma;
    const { service, area, holder, colleague, person } = await setting(prisma);
    const survivor = await person("Amy");
    const child = await person("Kit", { kind: "YOUNG_PERSON", staff: colleague });
    const otherHolder = await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER" });
    const elsewhere = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: otherHolder.id });
    const notHeld = await createPerson(prisma, { family: elsewhere, kind: "ADULT_SURVIVOR", firstName: "Nell", lastName: "Elsewhere" });
    const closedFamily = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, closedAt: addDays(new Date(), -3) });
    const closed = await createPerson(prisma, {
      family: closedFamily,
      kind: "ADULT_SURVIVOR",
      firstName: "Olly",
      lastName: "Closed",
      involvementEndedAt: addDays(new Date(), -3),
    });

    const caseload = await loadCaseload(viewerOf(holder), query());
    const ids = caseload.rows.map((r) => r.id).sort();
    expect(ids).toEqual([survivor.id, child.id].sort());
    expect(ids).not.toContain(notHeld.id);
    expect(ids).not.toContain(closed.id);
  });
});
