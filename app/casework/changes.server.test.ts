import { describe, expect, it } from "vitest";
import { open } from "~/crypto/sealed.server";
import {
  addDays,
  allocate,
  createAssignment,
  createFamily,
  createPerson,
  createResponse,
  createService,
  createStaff,
  enableQuestionnaires,
  publishDefinitions,
  type Db,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { caseworkTeam, serviceWithArea } from "../../tests/support/worlds";
import { staffViewer as viewerOf, expectNotFound } from "../../tests/support/viewers";
import { caseloadQuerySchema } from "./caseload-query";
import { loadCaseload } from "./caseload.server";
import { addNote, allocateWorker, closeInvolvement, endAllocation, recordRisk, updateProfile } from "./changes.server";
import { allocationSchema, closeSchema, noteSchema, profileSchema, riskSchema } from "./schemas";
import { DEFAULT_TIME_ZONE } from "../time/zone";

const database = useAppDatabase();
const DAY_MS = 86_400_000;

/** YYYY-MM-DD, as a date input sends it. */
function day(date: Date) {
  return date.toISOString().slice(0, 10);
}

/**
 * Whether any column of any raw row holds the text: as text, or as bytes read as UTF-8 (or a
 * string that is base64 of such bytes, in case a driver hands bytes back that way).
 */
function rawRowsContain(rows: Record<string, unknown>[], text: string) {
  return rows.some((row) =>
    Object.values(row).some((value) => {
      if (value instanceof Uint8Array) return Buffer.from(value).toString("utf8").includes(text) || Buffer.from(value).toString("latin1").includes(text);
      if (typeof value === "string") return value.includes(text) || Buffer.from(value, "base64").toString("utf8").includes(text);
      if (value === null || value === undefined) return false;
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)).includes(text);
    }),
  );
}

async function setting(prisma: Db) {
  const { service, area } = await serviceWithArea(prisma, { name: "Riverside Family Support" });
  const { holder, otherHolder, advocate, bcw, childWorker } = await caseworkTeam(prisma, service.id);
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
  const started = addDays(new Date(), -60);
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei", involvementStartedAt: started });
  const partner = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei", involvementStartedAt: started });
  const child = await createPerson(prisma, { family, kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Osei", involvementStartedAt: started });
  return { service, area, holder, otherHolder, advocate, bcw, childWorker, family, survivor, partner, child };
}

// ───────────────────────────── Allocation ─────────────────────────────

describe("allocating a worker", () => {
  it("is only for the case manager who holds the family: a worker, even one allocated to the person, and another case manager get a 404", async () => {
    const prisma = database().prisma;
    const { otherHolder, advocate, survivor } = await setting(prisma);
    const spare = await createStaff(prisma, { serviceId: survivor.serviceId, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const form = allocationSchema.parse({ staffId: spare.id });

    await expectNotFound(allocateWorker(viewerOf(advocate), survivor.id, form));
    await expectNotFound(allocateWorker(viewerOf(otherHolder), survivor.id, form));
    await expectNotFound(allocateWorker(viewerOf(spare), survivor.id, form));
    expect(await prisma.allocation.count({ where: { staffId: spare.id } })).toBe(0);
  });

  it("allocates one of the service's active workers, once", async () => {
    const prisma = database().prisma;
    const { holder, advocate, survivor } = await setting(prisma);
    const elsewhere = await createService(prisma);
    const theirWorker = await createStaff(prisma, { serviceId: elsewhere.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
    const gone = await createStaff(prisma, { serviceId: survivor.serviceId, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", deactivatedAt: new Date() });
    const viewer = viewerOf(holder);

    for (const staffId of [theirWorker.id, gone.id, holder.id]) {
      const refused = await allocateWorker(viewer, survivor.id, allocationSchema.parse({ staffId }));
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.fields.staffId).toBeTruthy();
    }
    expect(await prisma.allocation.count()).toBe(0);

    expect(await allocateWorker(viewer, survivor.id, allocationSchema.parse({ staffId: advocate.id }))).toEqual({ ok: true });
    const again = await allocateWorker(viewer, survivor.id, allocationSchema.parse({ staffId: advocate.id }));
    expect(again.ok).toBe(false);
    const rows = await prisma.allocation.findMany({ where: { personId: survivor.id } });
    expect(rows.map((r) => ({ staffId: r.staffId, endedAt: r.endedAt, reason: r.sameWorkerReasonCipher }))).toEqual([
      { staffId: advocate.id, endedAt: null, reason: null },
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "allocation.create", subjectPersonId: survivor.id } });
    expect(audit.detail).toEqual({ allocationId: rows[0]?.id, staffId: advocate.id, sameWorker: false });
  });

  it("asks for a reason before one worker supports both the survivor and the person using harmful behaviour, and writes nothing without it", async () => {
    const prisma = database().prisma;
    const { holder, advocate, bcw, survivor, partner } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    await allocate(prisma, { personId: partner.id, staffId: bcw.id });
    const viewer = viewerOf(holder);

    const toPartner = await allocateWorker(viewer, partner.id, allocationSchema.parse({ staffId: advocate.id, sameWorkerReason: "   " }));
    expect(toPartner.ok).toBe(false);
    expect("needsReason" in toPartner && toPartner.needsReason).toEqual({ otherParty: "Nia Osei" });
    expect(!toPartner.ok && toPartner.fields.sameWorkerReason).toBeTruthy();
    // The same the other way round.
    const toSurvivor = await allocateWorker(viewer, survivor.id, allocationSchema.parse({ staffId: bcw.id }));
    expect("needsReason" in toSurvivor && toSurvivor.needsReason).toEqual({ otherParty: "Kyle Osei" });
    expect(await prisma.allocation.count()).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "allocation.create" } })).toBe(0);
  });

  it("with a reason, allocates and keeps the reason sealed, readable only through the app's key", async () => {
    const prisma = database().prisma;
    const { holder, advocate, survivor, partner } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const reason = "Only worker in the area who speaks Twi; agreed with both";

    const result = await allocateWorker(viewerOf(holder), partner.id, allocationSchema.parse({ staffId: advocate.id, sameWorkerReason: reason }));
    expect(result).toEqual({ ok: true });

    const raw = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Allocation" WHERE "personId" = $1`, partner.id);
    expect(raw).toHaveLength(1);
    expect(rawRowsContain(raw, partner.id)).toBe(true);
    expect(raw[0]?.sameWorkerReasonCipher).toBeInstanceOf(Uint8Array);
    expect(rawRowsContain(raw, reason)).toBe(false);
    expect(rawRowsContain(raw, "Twi")).toBe(false);

    const row = await prisma.allocation.findFirstOrThrow({ where: { personId: partner.id } });
    if (!row.sameWorkerReasonCipher || !row.keyId) throw new Error("the reason was not stored");
    expect(open(row.sameWorkerReasonCipher, row.keyId, "same-worker-reason")).toBe(reason);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "allocation.create", subjectPersonId: partner.id } });
    expect(audit.detail).toMatchObject({ sameWorker: true });
    expect(JSON.stringify(audit.detail)).not.toContain("Twi");
  });

  it("needs no reason when a young person's worker also supports the survivor", async () => {
    const prisma = database().prisma;
    const { holder, childWorker, survivor, child } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: childWorker.id, unchecked: true });

    expect(await allocateWorker(viewerOf(holder), child.id, allocationSchema.parse({ staffId: childWorker.id }))).toEqual({ ok: true });
    const row = await prisma.allocation.findFirstOrThrow({ where: { personId: child.id } });
    expect(row.staffId).toBe(childWorker.id);
    expect(row.sameWorkerReasonCipher).toBeNull();
  });
});

// ───────────────────────────── Risk ─────────────────────────────

describe("recording risk", () => {
  it("sets the review the service's number of weeks after the assessment, none at exit, and seals the reason", async () => {
    const prisma = database().prisma;
    const { service, holder, advocate, survivor } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const assessed = addDays(new Date(), -10);
    const assessedAt = new Date(`${day(assessed)}T00:00:00Z`);
    const reason = "Strangulation disclosed; he has a new address near the school";

    expect(await recordRisk(viewerOf(advocate), survivor.id, riskSchema.parse({ level: "HIGH", stage: "INTAKE", assessedAt: day(assessed), reason }))).toEqual({
      ok: true,
    });
    await prisma.service.update({ where: { id: service.id }, data: { riskReviewWeeks: 6 } });
    await recordRisk(viewerOf(holder), survivor.id, riskSchema.parse({ level: "MEDIUM", stage: "REVIEW", assessedAt: day(assessed), reason: "Review" }));
    await recordRisk(viewerOf(advocate), survivor.id, riskSchema.parse({ level: "STANDARD", stage: "EXIT", assessedAt: day(assessed), reason: "Exit" }));
    const chosen = addDays(assessedAt, 20);
    await recordRisk(
      viewerOf(advocate),
      survivor.id,
      riskSchema.parse({ level: "MEDIUM", stage: "REVIEW", assessedAt: day(assessed), reason: "Chosen", reviewDueAt: day(chosen) }),
    );

    const rows = await prisma.riskAssessment.findMany({ where: { personId: survivor.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.level, r.stage, r.reviewDueAt])).toEqual([
      ["HIGH", "INTAKE", new Date(assessedAt.getTime() + 8 * 7 * DAY_MS)],
      ["MEDIUM", "REVIEW", new Date(assessedAt.getTime() + 6 * 7 * DAY_MS)],
      ["STANDARD", "EXIT", null],
      ["MEDIUM", "REVIEW", chosen],
    ]);
    expect(rows.map((r) => r.staffId)).toEqual([advocate.id, holder.id, advocate.id, advocate.id]);

    const raw = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "RiskAssessment"`);
    expect(raw).toHaveLength(4);
    expect(rawRowsContain(raw, "Strangulation")).toBe(false);
    const first = rows[0];
    if (!first?.reasonCipher || !first.keyId) throw new Error("no reason stored");
    expect(open(first.reasonCipher, first.keyId, "risk-reason")).toBe(reason);
  });

  it("is refused with a 404 for a worker not allocated to the person", async () => {
    const prisma = database().prisma;
    const { advocate, partner } = await setting(prisma);
    await expectNotFound(
      recordRisk(viewerOf(advocate), partner.id, riskSchema.parse({ level: "HIGH", stage: "INTAKE", assessedAt: day(new Date()), reason: "x" })),
    );
    expect(await prisma.riskAssessment.count()).toBe(0);
  });
});

// ───────────────────────────── Notes ─────────────────────────────

describe("case notes", () => {
  it("are stored only sealed, in no column of the raw table, and open back", async () => {
    const prisma = database().prisma;
    const { advocate, survivor } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const body = "Phoned from her sister's; he has been waiting outside the school gates";

    expect(await addNote(viewerOf(advocate), survivor.id, noteSchema(DEFAULT_TIME_ZONE).parse({ kind: "NOTE", body }))).toEqual({ ok: true });

    const raw = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "CaseNote"`);
    expect(raw).toHaveLength(1);
    expect(rawRowsContain(raw, survivor.id)).toBe(true);
    for (const fragment of [body, "school gates", "sister"]) expect(rawRowsContain(raw, fragment)).toBe(false);

    const note = await prisma.caseNote.findFirstOrThrow({ where: { personId: survivor.id } });
    expect(note.authorId).toBe(advocate.id);
    expect(open(note.bodyCipher, note.keyId, "case-note")).toBe(body);
  });

  it("is refused with a 404 for a worker not allocated to the person", async () => {
    const prisma = database().prisma;
    const { bcw, survivor } = await setting(prisma);
    await expectNotFound(addNote(viewerOf(bcw), survivor.id, noteSchema(DEFAULT_TIME_ZONE).parse({ kind: "NOTE", body: "x" })));
    expect(await prisma.caseNote.count()).toBe(0);
  });

  it("moves 'last contact' on the caseload for a contact, not for a note or a try that did not reach them", async () => {
    const prisma = database().prisma;
    const { advocate, survivor } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const now = new Date();
    const viewer = viewerOf(advocate);
    const all = caseloadQuerySchema.parse({});
    const contactOf = async () => (await loadCaseload(viewer, all, now)).rows.find((r) => r.id === survivor.id)?.daysSinceContact;

    expect(await contactOf()).toBeNull();
    await addNote(viewer, survivor.id, { kind: "NOTE", occurredAt: addDays(now, -2), body: "Read the referral" });
    await addNote(viewer, survivor.id, { kind: "CONTACT_ATTEMPT", occurredAt: addDays(now, -1), body: "No answer" });
    expect(await contactOf()).toBeNull();
    await addNote(viewer, survivor.id, { kind: "CONTACT", occurredAt: addDays(now, -9), body: "Home visit" });
    expect(await contactOf()).toBe(9);
    await addNote(viewer, survivor.id, { kind: "CONTACT", occurredAt: addDays(now, -4), body: "Phone call" });
    expect(await contactOf()).toBe(4);
  });
});

// ───────────────────────────── Closing ─────────────────────────────

describe("closing a person's involvement", () => {
  it("sets the date and reason, assigns the exit form for their kind due in 14 days, and withdraws what was waiting", async () => {
    const prisma = database().prisma;
    const definitions = await publishDefinitions(prisma);
    const id = (key: string) => definitions.find((d) => d.key === key)?.id ?? "";
    const { service, advocate, survivor, family } = await setting(prisma);
    await enableQuestionnaires(prisma, service.id);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const waiting = await createAssignment(prisma, { personId: survivor.id, definitionKey: "adult-checkin", dueAt: addDays(new Date(), 3) });
    const submitted = await createResponse(prisma, {
      person: survivor,
      definitionKey: "adult-checkin",
      submittedAt: addDays(new Date(), -5),
      answers: { "safe-at-home-now": true, "feel-safe": 6, "feel-well": 6 },
    });
    const now = new Date();
    const endedOn = day(addDays(now, -1));

    const result = await closeInvolvement(viewerOf(advocate), survivor.id, closeSchema.parse({ closureReason: "COMPLETED", endedAt: endedOn }), now);
    expect(result).toEqual({ ok: true, assigned: ["adult-exit"], familyClosed: false });

    const person = await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(person.involvementEndedAt).toEqual(new Date(`${endedOn}T00:00:00Z`));
    expect(person.closureReason).toBe("COMPLETED");

    const assignments = await prisma.questionnaireAssignment.findMany({ where: { personId: survivor.id } });
    const exit = assignments.filter((a) => a.definitionId === id("adult-exit"));
    expect(exit.map((a) => ({ status: a.status, stage: a.stage, dueAt: a.dueAt, assignedById: a.assignedById }))).toEqual([
      { status: "ASSIGNED", stage: "EXIT", dueAt: new Date(now.getTime() + 14 * DAY_MS), assignedById: advocate.id },
    ]);
    // No other kind's exit form.
    expect(assignments.some((a) => a.definitionId === id("hb-exit") || a.definitionId === id("yp-exit"))).toBe(false);
    const withdrawn = assignments.find((a) => a.id === waiting.id);
    expect(withdrawn?.status).toBe("CLOSED");
    expect(withdrawn?.closedAt).toEqual(now);
    expect(assignments.find((a) => a.id === submitted.assignment.id)?.status).toBe("SUBMITTED");

    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).closedAt).toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "person.closed", subjectPersonId: survivor.id } });
    expect(audit.detail).toEqual({ reason: "COMPLETED", familyClosed: false });
  });

  it("with a closure rule, assigns the rule's questionnaire due when the rule says", async () => {
    const prisma = database().prisma;
    const definitions = await publishDefinitions(prisma);
    const id = (key: string) => definitions.find((d) => d.key === key)?.id ?? "";
    const { service, holder, partner } = await setting(prisma);
    await enableQuestionnaires(prisma, service.id);
    const rule = await prisma.questionnaireRule.create({
      data: { serviceId: service.id, definitionId: id("hb-exit"), personKind: "HARMFUL_BEHAVIOUR", trigger: "AT_CLOSURE", dueAfterDays: 5 },
    });
    const now = new Date();
    const result = await closeInvolvement(viewerOf(holder), partner.id, closeSchema.parse({ closureReason: "DISENGAGED", endedAt: day(now) }), now);
    expect(result).toMatchObject({ ok: true, assigned: ["hb-exit"] });
    const assignments = await prisma.questionnaireAssignment.findMany({ where: { personId: partner.id } });
    expect(assignments.map((a) => ({ ruleId: a.ruleId, dueAt: a.dueAt, status: a.status }))).toEqual([
      { ruleId: rule.id, dueAt: new Date(now.getTime() + 5 * DAY_MS), status: "ASSIGNED" },
    ]);
  });

  it("keeps open what a closure rule has just assigned, whatever its stage", async () => {
    // A service may ask for a last check-in at closure; closing must not withdraw it at once.
    const prisma = database().prisma;
    const definitions = await publishDefinitions(prisma);
    const id = (key: string) => definitions.find((d) => d.key === key)?.id ?? "";
    const { service, holder, survivor } = await setting(prisma);
    await enableQuestionnaires(prisma, service.id);
    await prisma.questionnaireRule.create({
      data: { serviceId: service.id, definitionId: id("adult-checkin"), personKind: "ADULT_SURVIVOR", trigger: "AT_CLOSURE", dueAfterDays: 7 },
    });
    const now = new Date();
    const result = await closeInvolvement(viewerOf(holder), survivor.id, closeSchema.parse({ closureReason: "COMPLETED", endedAt: day(now) }), now);
    expect(result).toMatchObject({ ok: true, assigned: ["adult-checkin"] });
    const assignments = await prisma.questionnaireAssignment.findMany({ where: { personId: survivor.id } });
    expect(assignments.map((a) => [a.definitionId, a.status])).toEqual([[id("adult-checkin"), "ASSIGNED"]]);
  });

  it("closes the family only when its last open member closes", async () => {
    const prisma = database().prisma;
    const { holder, family, survivor, partner, child } = await setting(prisma);
    // Someone anonymised long ago does not keep the family open.
    await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", involvementEndedAt: null, anonymisedAt: new Date("2025-01-01T00:00:00Z") });
    const viewer = viewerOf(holder);
    const now = new Date();
    const form = closeSchema.parse({ closureReason: "COMPLETED", endedAt: day(now) });

    expect(await closeInvolvement(viewer, survivor.id, form, now)).toMatchObject({ ok: true, familyClosed: false });
    expect(await closeInvolvement(viewer, child.id, form, now)).toMatchObject({ ok: true, familyClosed: false });
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).closedAt).toBeNull();
    expect(await closeInvolvement(viewer, partner.id, form, now)).toMatchObject({ ok: true, familyClosed: true });
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).closedAt).toEqual(now);
  });

  it("refuses a date before involvement started, and a second close, changing nothing", async () => {
    const prisma = database().prisma;
    const { holder, survivor } = await setting(prisma);
    const viewer = viewerOf(holder);
    const started = survivor.involvementStartedAt;

    const early = await closeInvolvement(viewer, survivor.id, closeSchema.parse({ closureReason: "COMPLETED", endedAt: day(addDays(started, -1)) }));
    expect(early.ok).toBe(false);
    expect(!early.ok && early.fields.endedAt).toBeTruthy();
    expect((await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } })).involvementEndedAt).toBeNull();

    // The day it started is allowed, whatever the hour it started at.
    const first = await closeInvolvement(viewer, survivor.id, closeSchema.parse({ closureReason: "MOVED_AWAY", endedAt: day(started) }));
    expect(first.ok).toBe(true);
    const second = await closeInvolvement(viewer, survivor.id, closeSchema.parse({ closureReason: "OTHER", endedAt: day(new Date()) }));
    expect(second.ok).toBe(false);
    expect(!second.ok && second.fields.form).toBeTruthy();
    const person = await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(person.closureReason).toBe("MOVED_AWAY");
    expect(person.involvementEndedAt).toEqual(new Date(`${day(started)}T00:00:00Z`));
    expect(await prisma.auditEvent.count({ where: { action: "person.closed" } })).toBe(1);
  });

  it("leaves the person on their worker's caseload, shown as closing", async () => {
    const prisma = database().prisma;
    const { advocate, survivor } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const viewer = viewerOf(advocate);
    const now = new Date();
    const closing = caseloadQuerySchema.parse({ show: "closing" });
    expect((await loadCaseload(viewer, closing, now)).rows).toEqual([]);

    await closeInvolvement(viewer, survivor.id, closeSchema.parse({ closureReason: "COMPLETED", endedAt: day(now) }), now);

    const caseload = await loadCaseload(viewer, closing, now);
    expect(caseload.rows.map((r) => [r.id, r.closedOn])).toEqual([[survivor.id, new Date(`${day(now)}T00:00:00Z`).toISOString()]]);
    expect(caseload.counts.closing).toBe(1);
    expect((await loadCaseload(viewer, caseloadQuerySchema.parse({}), now)).rows.map((r) => r.id)).toEqual([survivor.id]);
  });
});

// ───────────────────────────── Audit ─────────────────────────────

describe("the audit trail of changes", () => {
  it("records a refused change nowhere, and a made change once, with the change", async () => {
    const prisma = database().prisma;
    const { advocate, survivor, child, childWorker } = await setting(prisma);
    const colleague = await createStaff(prisma, { serviceId: survivor.serviceId, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    const theirs = await allocate(prisma, { personId: survivor.id, staffId: colleague.id });
    await allocate(prisma, { personId: child.id, staffId: childWorker.id });
    const before = await prisma.auditEvent.count();

    // A worker cannot end a colleague's allocation; a child's details need a date of birth.
    await expectNotFound(endAllocation(viewerOf(advocate), survivor.id, theirs.id));
    const noBirthDate = profileSchema.parse({ firstName: "Ava", lastName: "Osei", consentMonitoring: "no", version: "0" });
    expect(await updateProfile(viewerOf(childWorker), child.id, noBirthDate)).toMatchObject({ ok: false });
    expect(await prisma.auditEvent.count()).toBe(before);
    expect(await prisma.allocation.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ endedAt: null });

    await addNote(viewerOf(advocate), survivor.id, noteSchema(DEFAULT_TIME_ZONE).parse({ kind: "NOTE", body: "A note." }));
    expect(await prisma.auditEvent.count()).toBe(before + 1);
    expect(await prisma.auditEvent.findFirst({ where: { action: "note.create" }, select: { subjectPersonId: true, actorStaffId: true } })).toEqual({
      subjectPersonId: survivor.id,
      actorStaffId: advocate.id,
    });
  });
});
