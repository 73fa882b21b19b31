import { describe, expect, it } from "vitest";
import { seal } from "~/crypto/sealed.server";
import {
  addDays,
  allocate,
  createArea,
  createFamily,
  createMessage,
  createPerson,
  createResponse,
  createRiskAssessment,
  createService,
  createStaff,
  enableQuestionnaires,
  publishDefinitions,
  type Db,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { caseworkTeam, serviceWithArea } from "../../tests/support/worlds";
import { staffViewer as viewerOf, expectNotFound } from "../../tests/support/viewers";
import { caseloadRows } from "./caseload.server";
import { addPerson, findPossibleDuplicates, listHeldFamilies, loadFamilyView, openFamily } from "./families.server";
import { newPersonSchema, openFamilySchema } from "./schemas";

const database = useAppDatabase();
const DAY_MS = 86_400_000;

function familyForm(areaId: string, referralDate = "2025-02-03") {
  return openFamilySchema.parse({ areaId, referralSource: "POLICE", referralDate });
}

function personForm(input: {
  kind: "ADULT_SURVIVOR" | "HARMFUL_BEHAVIOUR" | "YOUNG_PERSON";
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  consent?: boolean;
  notDuplicate?: boolean;
}) {
  return newPersonSchema.parse({
    kind: input.kind,
    firstName: input.firstName,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth ?? "",
    consentMonitoring: input.consent === false ? "no" : "yes",
    ...(input.notDuplicate ? { notDuplicate: "on" } : {}),
  });
}

async function setting(prisma: Db) {
  const { service, area } = await serviceWithArea(prisma, { name: "Riverside Family Support" }, { name: "North" });
  const { holder, otherHolder, advocate, bcw, childWorker } = await caseworkTeam(prisma, service.id);
  return { service, area, holder, otherHolder, advocate, bcw, childWorker };
}

// ───────────────────────────── Opening a family ─────────────────────────────

describe("opening a family", () => {
  it("gives the next reference of the viewer's service, held by the case manager who opened it, and audits it", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder } = await setting(prisma);
    const elsewhere = await createService(prisma);
    const elsewhereArea = await createArea(prisma, { serviceId: elsewhere.id });
    const elsewhereHolder = await createStaff(prisma, { serviceId: elsewhere.id, role: "CASE_MANAGER" });

    const first = await openFamily(viewerOf(holder), familyForm(area.id));
    const second = await openFamily(viewerOf(otherHolder), familyForm(area.id));
    // Another service counts its own references from the start.
    const theirs = await openFamily(viewerOf(elsewhereHolder), familyForm(elsewhereArea.id));
    if (!first.ok || !second.ok || !theirs.ok) throw new Error("openFamily refused a valid form");
    expect(first.family.reference).toBe("F-0001");
    expect(second.family.reference).toBe("F-0002");
    expect(theirs.family.reference).toBe("F-0001");

    // The next number follows the highest, not the count.
    await createFamily(prisma, { serviceId: service.id, areaId: area.id, reference: "F-0041" });
    const third = await openFamily(viewerOf(holder), familyForm(area.id));
    if (!third.ok) throw new Error("openFamily refused a valid form");
    expect(third.family.reference).toBe("F-0042");

    const row = await prisma.family.findUniqueOrThrow({ where: { id: first.family.id } });
    expect(row).toMatchObject({ serviceId: service.id, areaId: area.id, caseManagerId: holder.id, referralSource: "POLICE", closedAt: null });
    expect(row.referralDate.toISOString().slice(0, 10)).toBe("2025-02-03");
    expect((await prisma.family.findUniqueOrThrow({ where: { id: second.family.id } })).caseManagerId).toBe(otherHolder.id);

    const audits = await prisma.auditEvent.findMany({ where: { action: "family.open", actorStaffId: holder.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.detail)).toEqual([{ familyId: first.family.id }, { familyId: third.family.id }]);
    expect(audits.every((a) => a.reasonCode === "casework")).toBe(true);
  });

  it("refuses an area of another service as a field error and writes nothing", async () => {
    const prisma = database().prisma;
    const { holder } = await setting(prisma);
    const elsewhere = await createService(prisma);
    const theirArea = await createArea(prisma, { serviceId: elsewhere.id });

    const result = await openFamily(viewerOf(holder), familyForm(theirArea.id));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fields.areaId).toBeTruthy();
    expect(await prisma.family.count()).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "family.open" } })).toBe(0);
  });
});

// ───────────────────────────── Adding people ─────────────────────────────

describe("adding a person to a family", () => {
  it("is only for the case manager holding the family: another case manager or a worker gets a 404 and nothing is written", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder, advocate } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    // Even a worker who works with someone in the family does not hold it.
    const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR" });
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });

    const form = personForm({ kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Marsh", dateOfBirth: "2016-06-01" });
    await expectNotFound(addPerson(viewerOf(otherHolder), family.id, form));
    await expectNotFound(addPerson(viewerOf(advocate), family.id, form));
    expect(await prisma.person.count()).toBe(1);
  });

  it("records consent and when it was recorded, and audits the new person", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const now = new Date("2026-01-12T10:00:00Z");

    const agreed = await addPerson(viewerOf(holder), family.id, personForm({ kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei", consent: true }), now);
    const declined = await addPerson(
      viewerOf(holder),
      family.id,
      personForm({ kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei", consent: false }),
      now,
    );
    if (!agreed.ok || !declined.ok) throw new Error("addPerson refused a valid form");

    const yes = await prisma.person.findUniqueOrThrow({ where: { id: agreed.personId } });
    expect(yes).toMatchObject({
      familyId: family.id,
      serviceId: service.id,
      kind: "ADULT_SURVIVOR",
      firstName: "Nia",
      lastName: "Osei",
      consentMonitoring: true,
    });
    expect(yes.consentRecordedAt).toEqual(now);
    expect(yes.involvementStartedAt).toEqual(now);
    const no = await prisma.person.findUniqueOrThrow({ where: { id: declined.personId } });
    expect(no.consentMonitoring).toBe(false);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "person.create", subjectPersonId: agreed.personId } });
    expect(audit).toMatchObject({ actorStaffId: holder.id, detail: { familyId: family.id } });
  });

  it("with no intake rules, assigns every switched-on intake questionnaire for the person's kind, due in 14 days", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const definitions = await publishDefinitions(prisma);
    const id = (key: string) => definitions.find((d) => d.key === key)?.id ?? "";
    // Everything on except the young people's intake form.
    await enableQuestionnaires(
      prisma,
      service.id,
      definitions.filter((d) => d.key !== "yp-intake").map((d) => d.id),
    );
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const now = new Date("2026-01-12T10:00:00Z");
    const viewer = viewerOf(holder);

    const survivor = await addPerson(viewer, family.id, personForm({ kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei" }), now);
    const partner = await addPerson(viewer, family.id, personForm({ kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei" }), now);
    const child = await addPerson(viewer, family.id, personForm({ kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Osei", dateOfBirth: "2016-06-01" }), now);
    if (!survivor.ok || !partner.ok || !child.ok) throw new Error("addPerson refused a valid form");

    const assignmentsOf = (personId: string) =>
      prisma.questionnaireAssignment.findMany({
        where: { personId },
        select: { definitionId: true, stage: true, dueAt: true, assignedById: true, ruleId: true, status: true },
      });
    expect(await assignmentsOf(survivor.personId)).toEqual([
      {
        definitionId: id("adult-intake"),
        stage: "INTAKE",
        dueAt: new Date(now.getTime() + 14 * DAY_MS),
        assignedById: holder.id,
        ruleId: null,
        status: "ASSIGNED",
      },
    ]);
    expect((await assignmentsOf(partner.personId)).map((a) => a.definitionId)).toEqual([id("hb-intake")]);
    // Not switched on: nothing to assign.
    expect(await assignmentsOf(child.personId)).toEqual([]);
  });

  it("with an intake rule for the person's kind, assigns only the rule's questionnaire, due when the rule says", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const definitions = await publishDefinitions(prisma);
    const id = (key: string) => definitions.find((d) => d.key === key)?.id ?? "";
    await enableQuestionnaires(prisma, service.id);
    const rule = await prisma.questionnaireRule.create({
      data: { serviceId: service.id, definitionId: id("adult-checkin"), personKind: "ADULT_SURVIVOR", trigger: "AT_INTAKE", dueAfterDays: 3 },
    });
    // A rule for another trigger does not replace the intake forms.
    await prisma.questionnaireRule.create({
      data: { serviceId: service.id, definitionId: id("hb-reflection"), personKind: "HARMFUL_BEHAVIOUR", trigger: "AT_CLOSURE", dueAfterDays: 5 },
    });
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const now = new Date("2026-01-12T10:00:00Z");

    const survivor = await addPerson(viewerOf(holder), family.id, personForm({ kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei" }), now);
    const partner = await addPerson(viewerOf(holder), family.id, personForm({ kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei" }), now);
    if (!survivor.ok || !partner.ok) throw new Error("addPerson refused a valid form");

    const survivorAssignments = await prisma.questionnaireAssignment.findMany({ where: { personId: survivor.personId } });
    expect(survivorAssignments.map((a) => ({ definitionId: a.definitionId, ruleId: a.ruleId, dueAt: a.dueAt }))).toEqual([
      { definitionId: id("adult-checkin"), ruleId: rule.id, dueAt: new Date(now.getTime() + 3 * DAY_MS) },
    ]);
    const partnerAssignments = await prisma.questionnaireAssignment.findMany({ where: { personId: partner.personId } });
    expect(partnerAssignments.map((a) => a.definitionId)).toEqual([id("hb-intake")]);
  });

  it("reopens a closed family when someone is added", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, closedAt: new Date("2025-06-01T00:00:00Z") });
    const added = await addPerson(viewerOf(holder), family.id, personForm({ kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei" }));
    expect(added.ok).toBe(true);
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).closedAt).toBeNull();
  });
});

// ───────────────────────────── Possible duplicates ─────────────────────────────

describe("possible duplicates", () => {
  it("stops adding someone with the same names (any case) and the same or a missing date of birth, until the case manager ticks 'different person'", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const earlier = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0007" });
    const known = await createPerson(prisma, {
      family: earlier,
      kind: "ADULT_SURVIVOR",
      firstName: "Maria",
      lastName: "Lopez",
      dateOfBirth: new Date("1990-05-01T00:00:00Z"),
    });
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0008" });
    const viewer = viewerOf(holder);
    const before = await prisma.person.count();

    for (const form of [
      personForm({ kind: "ADULT_SURVIVOR", firstName: "  maria ", lastName: "LOPEZ", dateOfBirth: "1990-05-01" }),
      personForm({ kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "lopez" }),
    ]) {
      const result = await addPerson(viewer, family.id, form);
      expect(result.ok).toBe(false);
      expect("duplicates" in result && result.duplicates).toEqual([
        { familyReference: "F-0007", kind: "ADULT_SURVIVOR", personId: known.id, caseManager: "Casey Holder", closed: false },
      ]);
    }
    expect(await prisma.person.count()).toBe(before);
    expect(await prisma.auditEvent.count({ where: { action: "person.create" } })).toBe(0);

    const confirmed = await addPerson(
      viewer,
      family.id,
      personForm({ kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez", dateOfBirth: "1990-05-01", notDuplicate: true }),
    );
    expect(confirmed.ok).toBe(true);
    expect(await prisma.person.count({ where: { firstName: "Maria", lastName: "Lopez", familyId: family.id } })).toBe(1);
  });

  it("matches a record with no date of birth when the new one has one", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const known = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez", dateOfBirth: null });
    const found = await findPossibleDuplicates(viewerOf(holder), { firstName: "Maria", lastName: "Lopez", dateOfBirth: new Date("1990-05-01T00:00:00Z") });
    expect(found.map((d) => d.personId)).toEqual([known.id]);
  });

  it("ignores spaces inside a name, as it promises ('ignoring case and spaces')", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const known = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Mary Ann", lastName: "Van Dyke" });
    const viewer = viewerOf(holder);
    expect((await findPossibleDuplicates(viewer, { firstName: "Mary  Ann", lastName: "Van Dyke" })).map((d) => d.personId)).toEqual([known.id]);
    expect((await findPossibleDuplicates(viewer, { firstName: "MaryAnn", lastName: "VanDyke" })).map((d) => d.personId)).toEqual([known.id]);
  });

  it("does not match a different date of birth, an anonymised person, or someone in another service", async () => {
    const prisma = database().prisma;
    const { service, area, holder } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez", dateOfBirth: new Date("1991-05-01T00:00:00Z") });
    await createPerson(prisma, {
      family,
      kind: "ADULT_SURVIVOR",
      firstName: "Maria",
      lastName: "Lopez",
      dateOfBirth: new Date("1990-05-01T00:00:00Z"),
      anonymisedAt: new Date("2025-01-01T00:00:00Z"),
    });
    const elsewhere = await createService(prisma);
    const elsewhereFamily = await createFamily(prisma, { serviceId: elsewhere.id, areaId: (await createArea(prisma, { serviceId: elsewhere.id })).id });
    await createPerson(prisma, {
      family: elsewhereFamily,
      kind: "ADULT_SURVIVOR",
      firstName: "Maria",
      lastName: "Lopez",
      dateOfBirth: new Date("1990-05-01T00:00:00Z"),
    });

    const viewer = viewerOf(holder);
    expect(await findPossibleDuplicates(viewer, { firstName: "Maria", lastName: "Lopez", dateOfBirth: new Date("1990-05-01T00:00:00Z") })).toEqual([]);
    // Without a date of birth the different-dated record is a possible match; the anonymised one never is.
    const withoutDate = await findPossibleDuplicates(viewer, { firstName: "Maria", lastName: "Lopez" });
    expect(withoutDate).toHaveLength(1);
    expect(await findPossibleDuplicates(viewer, { firstName: "Mariah", lastName: "Lopez" })).toEqual([]);
  });

  it("describes a duplicate in a family the viewer cannot open without its id, and says who holds it", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder } = await setting(prisma);
    const theirs = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: otherHolder.id, reference: "F-0003" });
    const hidden = await createPerson(prisma, {
      family: theirs,
      kind: "HARMFUL_BEHAVIOUR",
      firstName: "Darren",
      lastName: "Shaw",
      involvementEndedAt: new Date("2025-03-01T00:00:00Z"),
    });
    const mine = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });

    const result = await addPerson(viewerOf(holder), mine.id, personForm({ kind: "HARMFUL_BEHAVIOUR", firstName: "Darren", lastName: "Shaw" }));
    expect(result.ok).toBe(false);
    expect("duplicates" in result && result.duplicates).toEqual([
      { familyReference: "F-0003", kind: "HARMFUL_BEHAVIOUR", personId: null, caseManager: "Jordan Elsewhere", closed: true },
    ]);
    expect(JSON.stringify(result)).not.toContain(hidden.id);
    // The look is on the matched person's trail, with who looked.
    const trail = await prisma.auditEvent.findMany({ where: { subjectPersonId: hidden.id }, select: { action: true, actorStaffId: true, detail: true } });
    expect(trail).toEqual([{ action: "person.duplicate-match", actorStaffId: holder.id, detail: { mayOpen: false } }]);
  });
});

// ───────────────────────────── The families a case manager holds ─────────────────────────────

describe("the families a case manager holds", () => {
  it("lists their open families, each with its open people and how many of them need attention first", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder } = await setting(prisma);
    const started = addDays(new Date(), -3);
    const busy = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0002" });
    const alerted = await createPerson(prisma, { family: busy, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
    const writing = await createPerson(prisma, { family: busy, kind: "YOUNG_PERSON", involvementStartedAt: started });
    const closed = await createPerson(prisma, { family: busy, kind: "HARMFUL_BEHAVIOUR", involvementStartedAt: started, involvementEndedAt: new Date() });
    for (const person of [alerted, closed]) await prisma.alert.create({ data: { personId: person.id, kind: "NOT_ME" } });
    // An unread message comes after the first needs: it does not count here.
    const thread = await prisma.messageThread.create({ data: { personId: writing.id, staffId: otherHolder.id } });
    await createMessage(prisma, { threadId: thread.id, author: { personId: writing.id } });
    const quiet = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0001" });
    await createPerson(prisma, { family: quiet, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
    await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0003", closedAt: new Date() });
    await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: otherHolder.id, reference: "F-0004" });

    const viewer = viewerOf(holder);
    const families = await listHeldFamilies(viewer, await caseloadRows(viewer));
    expect(families.map((f) => [f.reference, f.area, f.openPeople, f.needingAttention])).toEqual([
      ["F-0001", "North", 1, 0],
      ["F-0002", "North", 2, 1],
    ]);
  });
});

// ───────────────────────────── The family view ─────────────────────────────

describe("the family view", () => {
  it("is only for the case manager who holds the family", async () => {
    const prisma = database().prisma;
    const { service, area, holder, otherHolder, advocate } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR" });
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });

    await expectNotFound(loadFamilyView(viewerOf(otherHolder), family.id));
    await expectNotFound(loadFamilyView(viewerOf(advocate), family.id));
    const view = await loadFamilyView(viewerOf(holder), family.id);
    expect(view.id).toBe(family.id);
    expect(await prisma.auditEvent.count({ where: { action: "family.read", actorStaffId: holder.id } })).toBe(1);
  });

  it("shows each member's workers, risk and needs, and flags a worker shared by the survivor and the person using harmful behaviour", async () => {
    const prisma = database().prisma;
    const { service, area, holder, advocate, bcw, childWorker } = await setting(prisma);
    const now = new Date();
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id, reference: "F-0005" });
    const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei", involvementStartedAt: addDays(now, -3) });
    const partner = await createPerson(prisma, {
      family,
      kind: "HARMFUL_BEHAVIOUR",
      firstName: "Kyle",
      lastName: "Osei",
      involvementStartedAt: addDays(now, -3),
    });
    const child = await createPerson(prisma, { family, kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Osei", involvementStartedAt: addDays(now, -3) });
    await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
    await allocate(prisma, { personId: partner.id, staffId: bcw.id });
    // The advocate also supports the partner: the view must say so.
    await allocate(prisma, { personId: partner.id, staffId: advocate.id, unchecked: true });
    await allocate(prisma, { personId: child.id, staffId: childWorker.id });
    // An ended allocation is not a current worker.
    await allocate(prisma, { personId: child.id, staffId: bcw.id, unchecked: true, endedAt: addDays(now, -1) });
    await createRiskAssessment(prisma, {
      personId: survivor.id,
      level: "HIGH",
      stage: "INTAKE",
      assessedAt: addDays(now, -70),
      reviewDueAt: addDays(now, -14),
    });
    await prisma.alert.create({ data: { personId: child.id, kind: "SAFETY_ANSWER" } });

    const view = await loadFamilyView(viewerOf(holder), family.id, now);
    expect(view.reference).toBe("F-0005");
    expect(view.area).toBe("North");
    expect(view.sharedWorkers).toEqual(["Dana Advocate"]);
    const byId = new Map(view.people.map((p) => [p.id, p]));
    expect(byId.size).toBe(3);

    const s = byId.get(survivor.id);
    expect(s?.workers).toEqual([{ name: "Dana Advocate", specialism: "ADULT_SURVIVOR_ADVOCATE", shared: true }]);
    expect(s?.risk).toEqual({ level: "HIGH", reviewDueAt: addDays(now, -14).toISOString() });
    expect(s?.needs.map((n) => n.key)).toEqual(["review"]);

    const p = byId.get(partner.id);
    expect(p?.workers.map((w) => [w.name, w.shared]).sort()).toEqual([
      ["Dana Advocate", true],
      ["Quinn Changeworker", false],
    ]);
    expect(p?.risk).toBeNull();
    expect(p?.needs).toEqual([]);

    const c = byId.get(child.id);
    expect(c?.workers).toEqual([{ name: "Robin Kidsworker", specialism: "CHILDRENS_CASEWORKER", shared: false }]);
    expect(c?.needs.map((n) => n.key)).toEqual(["alert"]);
  });

  it("holds no one's words: no note, message, answer, risk reason, code word or same-worker reason", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { service, area, holder, advocate, bcw, childWorker } = await setting(prisma);
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
    const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Nia", lastName: "Osei" });
    const partner = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", firstName: "Kyle", lastName: "Osei" });
    const child = await createPerson(prisma, { family, kind: "YOUNG_PERSON", firstName: "Ava", lastName: "Osei" });
    const workerOf = new Map([
      [survivor.id, advocate],
      [partner.id, bcw],
      [child.id, childWorker],
    ]);
    const secrets: string[] = [];
    for (const person of [survivor, partner, child]) {
      const worker = workerOf.get(person.id);
      if (!worker) throw new Error("no worker");
      await allocate(prisma, { personId: person.id, staffId: worker.id });
      const note = `Note-marker about ${person.id}: moved to her aunt's house`;
      const toThem = `Message-marker to ${person.id}: see you Tuesday`;
      const fromThem = `Message-marker from ${person.id}: Thursday is better`;
      const reason = `Risk-marker for ${person.id}: threats disclosed`;
      secrets.push(note, toThem, fromThem, reason);
      const sealedNote = seal(note, "case-note");
      await prisma.caseNote.create({
        data: { personId: person.id, authorId: worker.id, kind: "CONTACT", bodyCipher: sealedNote.cipher, keyId: sealedNote.keyId },
      });
      const thread = await prisma.messageThread.create({ data: { personId: person.id, staffId: worker.id } });
      await createMessage(prisma, { threadId: thread.id, author: { staffId: worker.id }, text: toThem });
      await createMessage(prisma, { threadId: thread.id, author: { personId: person.id }, text: fromThem });
      const sealedReason = seal(reason, "risk-reason");
      await prisma.riskAssessment.create({
        data: { personId: person.id, staffId: worker.id, level: "MEDIUM", stage: "INTAKE", reasonCipher: sealedReason.cipher, keyId: sealedReason.keyId },
      });
    }
    const answers = {
      survivor: "Answer-marker: he took my keys again",
      partner: "Answer-marker: I walked away this time",
      child: "Answer-marker: I hide in my room",
    };
    secrets.push(...Object.values(answers));
    await createResponse(prisma, {
      person: survivor,
      definitionKey: "adult-checkin",
      submittedAt: new Date(),
      answers: { "safe-at-home-now": true, "feel-safe": 4, "feel-well": 5, "anything-new": "yes", "anything-new-detail": answers.survivor },
    });
    await createResponse(prisma, {
      person: partner,
      definitionKey: "hb-reflection",
      submittedAt: new Date(),
      answers: { "took-from-today": answers.partner, "goals-progress": 6 },
    });
    await createResponse(prisma, {
      person: child,
      definitionKey: "yp-checkin",
      submittedAt: new Date(),
      ageBand: "8-12",
      answers: { "safe-home": 3, "safe-elsewhere": 4, worries: 3, "getting-on-family": 3, "getting-on-others": 4, "anything-else": answers.child },
    });
    const codeWord = seal("Codeword-marker bluebell", "code-word");
    secrets.push("Codeword-marker bluebell");
    await prisma.safeContactPreference.create({ data: { personId: survivor.id, codeWordCipher: codeWord.cipher, keyId: codeWord.keyId } });
    const sameWorker = seal("Sameworker-marker: only Polish speaker", "same-worker-reason");
    secrets.push("Sameworker-marker: only Polish speaker");
    await prisma.allocation.create({
      data: { personId: partner.id, staffId: advocate.id, sameWorkerReasonCipher: sameWorker.cipher, keyId: sameWorker.keyId },
    });

    const view = await loadFamilyView(viewerOf(holder), family.id);
    expect(view.people).toHaveLength(3);
    const serialised = JSON.stringify(view);
    for (const secret of secrets) expect(serialised).not.toContain(secret);
    // Nor any fragment of a marker (a truncated preview would still leak).
    for (const marker of ["Note-marker", "Message-marker", "Answer-marker", "Risk-marker", "Codeword-marker", "Sameworker-marker"]) {
      expect(serialised).not.toContain(marker);
    }
  });
});
