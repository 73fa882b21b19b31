import { describe, expect, it } from "vitest";
import { open, seal } from "~/crypto/sealed.server";
import { applyRecurringRules } from "~/questionnaires/assignments.server";
import { addDays, allocate, createFamily, createMessage, createPerson, enableQuestionnaires, publishDefinitions, type Db } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { serviceWithArea, caseworkTeam } from "../../tests/support/worlds";
import { staffViewer as viewerOf, expectNotFound } from "../../tests/support/viewers";
import { rowInEveryTable } from "../../tests/support/full-record";
import { exactServiceCounts } from "~/staff/dashboard.server";
import { mergeDuplicate } from "./merge.server";
import { buildSubjectAccessExport } from "./subject-access/export.server";

const database = useAppDatabase();

async function setting(prisma: Db) {
  const { service, area } = await serviceWithArea(prisma);
  const { holder, otherHolder, advocate } = await caseworkTeam(prisma, service.id);
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
  const earlierFamily = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
  const started = addDays(new Date(), -20);
  const keep = await createPerson(prisma, {
    family,
    kind: "ADULT_SURVIVOR",
    firstName: "Maria",
    lastName: "Lopez",
    dateOfBirth: new Date("1990-05-01T00:00:00Z"),
    involvementStartedAt: started,
  });
  const duplicate = await createPerson(prisma, {
    family: earlierFamily,
    kind: "ADULT_SURVIVOR",
    firstName: "Maria",
    lastName: "Lopez",
    dateOfBirth: new Date("1990-05-01T00:00:00Z"),
    gender: "FEMALE",
    employment: "PART_TIME",
    disability: true,
    involvementStartedAt: started,
  });
  return { service, area, holder, otherHolder, advocate, family, earlierFamily, keep, duplicate };
}

async function holdings(prisma: Db, personId: string) {
  const where = { personId };
  return {
    notes: await prisma.caseNote.count({ where }),
    allocations: await prisma.allocation.count({ where }),
    risks: await prisma.riskAssessment.count({ where }),
    appointments: await prisma.appointment.count({ where }),
    threads: await prisma.messageThread.count({ where }),
    messages: await prisma.message.count({ where: { authorPersonId: personId } }),
    assignments: await prisma.questionnaireAssignment.count({ where }),
    drafts: await prisma.questionnaireDraft.count({ where }),
    responses: await prisma.questionnaireResponse.count({ where }),
    goals: await prisma.goal.count({ where }),
    alerts: await prisma.alert.count({ where }),
    safeContact: await prisma.safeContactPreference.count({ where }),
  };
}

describe("merging duplicate records", () => {
  it("is only for a case manager who can open both records", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder, advocate, family, keep, duplicate } = await setting(prisma);
    // The worker can open both, but merging is not a worker's to do.
    await allocate(prisma, { personId: keep.id, staffId: advocate.id });
    await allocate(prisma, { personId: duplicate.id, staffId: advocate.id });
    const theirFamily = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: otherHolder.id });
    const theirs = await createPerson(prisma, { family: theirFamily, kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez" });
    const anonymised = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", anonymisedAt: new Date() });

    await expectNotFound(mergeDuplicate(viewerOf(advocate), keep.id, duplicate.id));
    await expectNotFound(mergeDuplicate(viewerOf(otherHolder), keep.id, duplicate.id));
    await expectNotFound(mergeDuplicate(viewerOf(holder), keep.id, theirs.id));
    await expectNotFound(mergeDuplicate(viewerOf(holder), theirs.id, keep.id));
    await expectNotFound(mergeDuplicate(viewerOf(holder), keep.id, keep.id));
    await expectNotFound(mergeDuplicate(viewerOf(holder), keep.id, anonymised.id));

    const rows = await prisma.person.findMany({ where: { id: { in: [keep.id, duplicate.id, theirs.id] } } });
    expect(rows.every((p) => p.mergedIntoId === null && p.anonymisedAt === null)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { action: "person.merge" } })).toBe(0);
  });

  it("moves everything to the kept record, de-identifies the duplicate, ends its sessions and removes its sign-in", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { holder, advocate, keep, duplicate, earlierFamily, family } = await setting(prisma);
    await rowInEveryTable(prisma, duplicate, advocate, { note: "Merged note text" });
    const before = await holdings(prisma, duplicate.id);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    const now = new Date();

    expect(await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id, now)).toEqual({ ok: true });

    expect(await holdings(prisma, keep.id)).toEqual(before);
    const left = await holdings(prisma, duplicate.id);
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
    // Moved rows still open: the note is the one written.
    const note = await prisma.caseNote.findFirstOrThrow({ where: { personId: keep.id } });
    expect(open(note.bodyCipher, note.keyId, "case-note")).toBe("Merged note text");

    const merged = await prisma.person.findUniqueOrThrow({ where: { id: duplicate.id } });
    expect(merged).toMatchObject({
      mergedIntoId: keep.id,
      anonymisedAt: now,
      firstName: "Merged record",
      lastName: "",
      dateOfBirth: null,
      gender: null,
      employment: null,
      disability: null,
      involvementEndedAt: now,
    });
    const kept = await prisma.person.findUniqueOrThrow({ where: { id: keep.id } });
    expect(kept).toMatchObject({ firstName: "Maria", lastName: "Lopez", anonymisedAt: null, mergedIntoId: null });

    const sessions = await prisma.session.findMany({ where: { personId: duplicate.id } });
    expect(sessions.map((s) => [s.endedAt, s.endReason])).toEqual([[now, "NEW_ENROLMENT"]]);
    expect(await prisma.pinCredential.count({ where: { personId: duplicate.id } })).toBe(0);
    expect(await prisma.passkey.count({ where: { personId: duplicate.id } })).toBe(0);
    expect((await prisma.enrolmentCode.findFirstOrThrow({ where: { personId: duplicate.id } })).revokedAt).toEqual(now);

    // The duplicate's old family had no one else open: it closes. The kept family stays open.
    expect((await prisma.family.findUniqueOrThrow({ where: { id: earlierFamily.id } })).closedAt).toEqual(now);
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).closedAt).toBeNull();

    const audits = await prisma.auditEvent.findMany({ where: { action: "person.merge" }, select: { subjectPersonId: true, actorStaffId: true, detail: true } });
    expect(audits.map((a) => a.subjectPersonId).sort()).toEqual([keep.id, duplicate.id].sort());
    expect(audits.every((a) => a.actorStaffId === holder.id)).toBe(true);
    expect(audits[0]?.detail).toEqual({ keptId: keep.id, mergedId: duplicate.id });
  });

  it("keeps the kept record's own safe-contact preferences when both have them", async () => {
    const prisma = database().prisma;
    const { holder, keep, duplicate } = await setting(prisma);
    for (const [person, times] of [
      [keep, "Kept: evenings"],
      [duplicate, "Duplicate: mornings"],
    ] as const) {
      const sealed = seal(times, "safe-times");
      await prisma.safeContactPreference.create({ data: { personId: person.id, safeTimesCipher: sealed.cipher, keyId: sealed.keyId } });
    }
    expect(await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id)).toEqual({ ok: true });
    const rows = await prisma.safeContactPreference.findMany();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    if (!row?.safeTimesCipher || !row.keyId) throw new Error("no safe-contact row left");
    expect(row.personId).toBe(keep.id);
    expect(open(row.safeTimesCipher, row.keyId, "safe-times")).toBe("Kept: evenings");
  });

  it("leaves one open allocation and one conversation per worker when both records had them", async () => {
    const prisma = database().prisma;
    const { service, holder, advocate, keep, duplicate } = await setting(prisma);
    const countsBefore = await exactServiceCounts(service.id);
    const threads = [];
    for (const [person, text, at] of [
      [keep, "Kept: see you Thursday", addDays(new Date(), -2)],
      [duplicate, "Duplicate: thank you", addDays(new Date(), -1)],
    ] as const) {
      await allocate(prisma, { personId: person.id, staffId: advocate.id });
      const thread = await prisma.messageThread.create({ data: { personId: person.id, staffId: advocate.id, lastMessageAt: at } });
      await createMessage(prisma, { threadId: thread.id, author: { staffId: advocate.id }, text, createdAt: at });
      threads.push(thread);
    }
    const now = new Date();
    expect(await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id, now)).toEqual({ ok: true });

    const allocations = await prisma.allocation.findMany({ where: { personId: keep.id }, select: { staffId: true, endedAt: true } });
    expect(allocations.filter((a) => a.endedAt === null)).toEqual([{ staffId: advocate.id, endedAt: null }]);
    expect(allocations.filter((a) => a.endedAt !== null)).toEqual([{ staffId: advocate.id, endedAt: now }]);
    const kept = await prisma.messageThread.findMany({ where: { personId: keep.id }, include: { messages: { orderBy: { createdAt: "asc" } } } });
    expect(kept.map((t) => t.id)).toEqual([threads[0]?.id]);
    expect(kept[0]?.lastMessageAt).toEqual(threads[1]?.lastMessageAt);
    expect(kept[0]?.messages.map((m) => open(m.bodyCipher, m.keyId, "message"))).toEqual(["Kept: see you Thursday", "Duplicate: thank you"]);
    // The service's counts are of people, not of records: the merged one is not counted again (and
    // the duplicate's family, with no one else in it, closed).
    expect(await exactServiceCounts(service.id)).toEqual({
      ...countsBefore,
      adultSurvivors: countsBefore.adultSurvivors - 1,
      openFamilies: countsBefore.openFamilies - 1,
      closedFamilies: countsBefore.closedFamilies + 1,
    });
  });

  it("refuses two different kinds of person and changes nothing", async () => {
    const prisma = database().prisma;
    const { holder, family, keep, advocate } = await setting(prisma);
    const other = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", firstName: "Maria", lastName: "Lopez" });
    const sealed = seal("x", "case-note");
    await prisma.caseNote.create({ data: { personId: other.id, authorId: advocate.id, bodyCipher: sealed.cipher, keyId: sealed.keyId } });

    const result = await mergeDuplicate(viewerOf(holder), keep.id, other.id);
    expect(result.ok).toBe(false);
    expect("error" in result && result.error).toBeTruthy();
    expect((await prisma.person.findUniqueOrThrow({ where: { id: other.id } })).mergedIntoId).toBeNull();
    expect(await prisma.caseNote.count({ where: { personId: other.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "person.merge" } })).toBe(0);
  });

  it("merges only a record it offered as a candidate, worked out again on the server", async () => {
    const prisma = database().prisma;
    const { holder, family, keep, duplicate } = await setting(prisma);
    // Same kind, in a family the case manager holds, but sharing neither name: never offered.
    const stranger = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Priya", lastName: "Shah" });
    const sealed = seal("Her own note", "case-note");
    await prisma.caseNote.create({ data: { personId: stranger.id, authorId: holder.id, bodyCipher: sealed.cipher, keyId: sealed.keyId } });

    const result = await mergeDuplicate(viewerOf(holder), keep.id, stranger.id);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/Choose one of the records listed/) });
    const row = await prisma.person.findUniqueOrThrow({ where: { id: stranger.id } });
    expect(row).toMatchObject({ mergedIntoId: null, anonymisedAt: null, firstName: "Priya" });
    expect(await prisma.caseNote.count({ where: { personId: stranger.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "person.merge" } })).toBe(0);

    // The record it does offer still merges.
    expect(await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id)).toEqual({ ok: true });
  });

  it("merges two records that both received the same recurring check-in", async () => {
    // Two records of one person, open at once, are both given each occurrence of a recurring rule.
    const prisma = database().prisma;
    const definitions = await publishDefinitions(prisma);
    const { service, holder, keep, duplicate } = await setting(prisma);
    await enableQuestionnaires(prisma, service.id);
    const checkin = definitions.find((d) => d.key === "adult-checkin");
    if (!checkin) throw new Error("adult-checkin is not published");
    await prisma.questionnaireRule.create({
      data: { serviceId: service.id, definitionId: checkin.id, personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: 14, dueAfterDays: 7 },
    });
    await applyRecurringRules(new Date());
    expect(await prisma.questionnaireAssignment.count({ where: { personId: duplicate.id } })).toBe(1);
    expect(await prisma.questionnaireAssignment.count({ where: { personId: keep.id } })).toBe(1);

    const result = await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id).catch((error: unknown) => ({ thrown: String(error) }));
    expect(result).toEqual({ ok: true });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: duplicate.id } })).mergedIntoId).toBe(keep.id);
    // Nothing the duplicate held is left behind on it.
    expect(await prisma.questionnaireAssignment.count({ where: { personId: duplicate.id } })).toBe(0);
  });
});

describe("a subject access export after a merge", () => {
  it("includes the access history of the record merged in, as the same person's", async () => {
    const prisma = database().prisma;
    const { holder, keep, duplicate } = await setting(prisma);
    await prisma.auditEvent.create({ data: { actorStaffId: holder.id, subjectPersonId: duplicate.id, action: "person.read", reasonCode: "casework" } });
    await prisma.auditEvent.create({
      data: { actorPersonId: duplicate.id, subjectPersonId: duplicate.id, action: "questionnaire.submit", reasonCode: "questionnaire" },
    });
    await mergeDuplicate(viewerOf(holder), keep.id, duplicate.id);
    const exported = await buildSubjectAccessExport(viewerOf(holder), keep.id);
    const entries = exported.accessLog.map((e) => [e.who, e.action]);
    expect(entries).toContainEqual(["Casey Holder", "person.read"]);
    expect(entries).toContainEqual(["you", "questionnaire.submit"]);
    expect(JSON.stringify(exported)).not.toContain(duplicate.id);
  });
});
