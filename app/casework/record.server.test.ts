import { describe, expect, it } from "vitest";
import {
  addDays,
  allocate,
  createFamily,
  createMessage,
  createPerson,
  createResponse,
  createRiskAssessment,
  publishDefinitions,
  type Db,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { tableAsStored } from "../../tests/support/raw-rows";
import { serviceWithArea, caseworkTeam, workerIn } from "../../tests/support/worlds";
import { staffViewer as viewerOf, expectNotFound } from "../../tests/support/viewers";
import { saveSafeContact } from "./changes.server";
import { loadPersonRecord } from "./record.server";
import { safeContactSchema } from "./schemas";

const database = useAppDatabase();

async function setting(prisma: Db) {
  const { service, area } = await serviceWithArea(prisma);
  const { holder, otherHolder, advocate, bcw, childWorker } = await caseworkTeam(prisma, service.id);
  const secondAdvocate = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE", "Jesse Second");
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei" });
  const partner = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei" });
  const child = await createPerson(prisma, { family, kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Osei" });
  await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
  await allocate(prisma, { personId: partner.id, staffId: bcw.id });
  await allocate(prisma, { personId: child.id, staffId: childWorker.id });
  return { service, holder, otherHolder, advocate, secondAdvocate, bcw, childWorker, family, survivor, partner, child };
}

describe("a person's record", () => {
  it("opens only for the person's worker or the case manager holding the family; the survivor's worker gets a 404 for the child and the other party", async () => {
    const prisma = database().prisma;
    const { holder, otherHolder, advocate, bcw, survivor, partner, child } = await setting(prisma);

    await expectNotFound(loadPersonRecord(viewerOf(advocate), child.id));
    await expectNotFound(loadPersonRecord(viewerOf(advocate), partner.id));
    await expectNotFound(loadPersonRecord(viewerOf(bcw), survivor.id));
    await expectNotFound(loadPersonRecord(viewerOf(otherHolder), survivor.id));
    expect(await prisma.auditEvent.count({ where: { action: "person.read" } })).toBe(0);

    const own = await loadPersonRecord(viewerOf(advocate), survivor.id);
    expect(own.person).toMatchObject({ id: survivor.id, name: "Nia Osei", kind: "ADULT_SURVIVOR" });
    expect(own.isAllocated).toBe(true);
    expect(own.canManage).toBe(false);
    for (const p of [survivor, partner, child]) {
      const held = await loadPersonRecord(viewerOf(holder), p.id);
      expect(held.person.id).toBe(p.id);
      expect(held.canManage).toBe(true);
    }
    const audits = await prisma.auditEvent.findMany({ where: { action: "person.read" }, select: { actorStaffId: true, subjectPersonId: true } });
    expect(audits).toHaveLength(4);
    expect(audits).toContainEqual({ actorStaffId: advocate.id, subjectPersonId: survivor.id });
    expect(audits).toContainEqual({ actorStaffId: holder.id, subjectPersonId: child.id });
  });

  it("marks the person's messages in the viewer's own thread as read, not those in another worker's thread nor the worker's own", async () => {
    const prisma = database().prisma;
    const { holder, advocate, secondAdvocate, survivor } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: secondAdvocate.id });
    const now = new Date();
    const mine = await prisma.messageThread.create({ data: { personId: survivor.id, staffId: advocate.id } });
    const theirs = await prisma.messageThread.create({ data: { personId: survivor.id, staffId: secondAdvocate.id } });
    const fromHerToMe = await createMessage(prisma, {
      threadId: mine.id,
      author: { personId: survivor.id },
      text: "Can we move Thursday?",
      createdAt: addDays(now, -2),
    });
    const fromMe = await createMessage(prisma, { threadId: mine.id, author: { staffId: advocate.id }, text: "Yes, Friday at 10", createdAt: addDays(now, -1) });
    const fromHerToThem = await createMessage(prisma, {
      threadId: theirs.id,
      author: { personId: survivor.id },
      text: "Thanks for the letter",
      createdAt: addDays(now, -1),
    });

    // The case manager reading the record is not the one she wrote to.
    await loadPersonRecord(viewerOf(holder), survivor.id, now);
    expect((await prisma.message.findUniqueOrThrow({ where: { id: fromHerToMe.id } })).readAt).toBeNull();

    const record = await loadPersonRecord(viewerOf(advocate), survivor.id, now);
    const readAt = async (id: string) => (await prisma.message.findUniqueOrThrow({ where: { id } })).readAt;
    expect(await readAt(fromHerToMe.id)).toEqual(now);
    // Whether she has read the worker's message is hers to say.
    expect(await readAt(fromMe.id)).toBeNull();
    expect(await readAt(fromHerToThem.id)).toBeNull();
    expect(record.needs.find((n) => n.key === "unread")?.words).toBe("1 unread message");
    expect(record.timeline.filter((e) => e.kind === "message").map((e) => e.body)).toEqual([
      "Yes, Friday at 10",
      "Thanks for the letter",
      "Can we move Thursday?",
    ]);
  });

  it("opens the sealed safe-contact times and code word for the people allowed to see them", async () => {
    const prisma = database().prisma;
    const { holder, advocate, survivor } = await setting(prisma);
    await saveSafeContact(
      viewerOf(advocate),
      survivor.id,
      safeContactSchema.parse({
        safeTimes: "Weekdays 10:00-14:00",
        codeWord: "bluebell",
        safeChannels: ["PHONE_CALL", "PORTAL_MESSAGE"],
        doNotContactBy: "LETTER",
        version: "0",
      }),
    );
    const rawText = await tableAsStored(prisma, "SafeContactPreference");
    expect(rawText).not.toContain("bluebell");
    expect(rawText).not.toContain("Weekdays");

    for (const viewer of [advocate, holder]) {
      const record = await loadPersonRecord(viewerOf(viewer), survivor.id);
      expect(record.safeContact).toMatchObject({
        safeTimes: "Weekdays 10:00-14:00",
        codeWord: "bluebell",
        safeChannels: ["PHONE_CALL", "PORTAL_MESSAGE"],
        doNotContactBy: ["LETTER"],
      });
    }
  });

  it("draws a risk chart only once risk is assessed, in date order", async () => {
    const prisma = database().prisma;
    const { advocate, survivor } = await setting(prisma);
    const now = new Date();
    expect((await loadPersonRecord(viewerOf(advocate), survivor.id, now)).charts.map((c) => c.key)).not.toContain("risk");

    const dates = [addDays(now, -90), addDays(now, -40), addDays(now, -5)];
    // Recorded out of order: the chart follows the assessment dates.
    await createRiskAssessment(prisma, { personId: survivor.id, level: "MEDIUM", stage: "REVIEW", assessedAt: dates[1] });
    await createRiskAssessment(prisma, { personId: survivor.id, level: "STANDARD", stage: "REVIEW", assessedAt: dates[2] });
    await createRiskAssessment(prisma, { personId: survivor.id, level: "HIGH", stage: "INTAKE", assessedAt: dates[0] });

    const record = await loadPersonRecord(viewerOf(advocate), survivor.id, now);
    const risk = record.charts.find((c) => c.key === "risk");
    expect(risk?.series.map((s) => s.points)).toEqual([
      [
        { at: dates[0]?.toISOString(), value: 3 },
        { at: dates[1]?.toISOString(), value: 2 },
        { at: dates[2]?.toISOString(), value: 1 },
      ],
    ]);
    expect(risk?.yMin).toBe(1);
    expect(risk?.yMax).toBe(3);
  });

  it("draws a chart for each score from the responses, in date order", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { advocate, survivor } = await setting(prisma);
    const now = new Date();
    const checkins = [
      { at: addDays(now, -10), safe: 6, well: 7 },
      { at: addDays(now, -50), safe: 2, well: 3 },
      { at: addDays(now, -30), safe: 4, well: 3 },
    ];
    for (const c of checkins) {
      await createResponse(prisma, {
        person: survivor,
        definitionKey: "adult-checkin",
        submittedAt: c.at,
        answers: { "safe-at-home-now": true, "feel-safe": c.safe, "feel-well": c.well },
      });
    }

    const record = await loadPersonRecord(viewerOf(advocate), survivor.id, now);
    const inOrder = [...checkins].sort((a, b) => a.at.getTime() - b.at.getTime());
    const chart = (key: string) => record.charts.find((c) => c.key === key);
    expect(chart("feel-safe")?.series[0]?.points).toEqual(inOrder.map((c) => ({ at: c.at.toISOString(), value: c.safe })));
    expect(chart("feel-well")?.series[0]?.points).toEqual(inOrder.map((c) => ({ at: c.at.toISOString(), value: c.well })));
    expect([chart("feel-safe")?.yMin, chart("feel-safe")?.yMax]).toEqual([0, 10]);
    expect(record.charts.map((c) => c.key)).not.toContain("risk");
    expect(record.responses).toHaveLength(3);
  });

  it("says when the person shares a worker with the other party, not when the shared worker is a child's", async () => {
    const prisma = database().prisma;
    const { holder, advocate, childWorker, survivor, partner, child } = await setting(prisma);
    await allocate(prisma, { personId: survivor.id, staffId: childWorker.id, unchecked: true });
    expect((await loadPersonRecord(viewerOf(holder), survivor.id)).sharesWorkerWithOtherParty).toBe(false);
    expect((await loadPersonRecord(viewerOf(holder), child.id)).sharesWorkerWithOtherParty).toBe(false);

    await allocate(prisma, { personId: partner.id, staffId: advocate.id, unchecked: true });
    expect((await loadPersonRecord(viewerOf(holder), survivor.id)).sharesWorkerWithOtherParty).toBe(true);
    expect((await loadPersonRecord(viewerOf(holder), partner.id)).sharesWorkerWithOtherParty).toBe(true);
  });
});
