/**
 * Who gets which questionnaire when: at intake and closure (with and without the service's rules),
 * and on a recurring schedule that is safe to run again and again.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Person, QuestionnaireDefinition } from "~/generated/prisma/client";
import { addDays, createArea, createAssignment, createFamily, createPerson, createService, enableQuestionnaires } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService } from "../../tests/support/worlds";
import { applyRecurringRules, assignForTrigger } from "./assignments.server";

const database = useAppDatabase();
const prisma = () => database().prisma;
const DAY_MS = 86_400_000;

type World = {
  serviceId: string;
  family: { id: string; serviceId: string };
  definitions: Map<string, QuestionnaireDefinition>;
  staffId: string;
};
let world: World;

beforeEach(async () => {
  const { service, family, holder, definitions } = await familyInService(prisma(), { heldBy: "Casey Holder", questionnaires: true });
  world = { serviceId: service.id, family, definitions, staffId: holder!.id };
});

function definitionId(key: string): string {
  const found = world.definitions.get(key);
  if (!found) throw new Error(`no definition ${key}`);
  return found.id;
}

async function trigger(person: Person, which: "AT_INTAKE" | "AT_CLOSURE", now: Date) {
  return prisma().$transaction((tx) => assignForTrigger(tx, person, which, { now, assignedById: world.staffId }));
}

async function assignmentsOf(personId: string) {
  return prisma().questionnaireAssignment.findMany({
    where: { personId },
    orderBy: [{ createdAt: "asc" }, { occurrence: "asc" }],
    select: {
      id: true,
      definition: { select: { key: true } },
      stage: true,
      status: true,
      dueAt: true,
      ruleId: true,
      occurrence: true,
      assignedById: true,
      closedAt: true,
    },
  });
}

describe("assignForTrigger", () => {
  it("without rules, assigns every switched-on questionnaire of the stage for that kind of person, once", async () => {
    const now = new Date("2026-02-01T09:00:00Z");
    const survivor = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR" });
    const harmful = await createPerson(prisma(), { family: world.family, kind: "HARMFUL_BEHAVIOUR" });
    const child = await createPerson(prisma(), { family: world.family, kind: "YOUNG_PERSON" });

    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual(["adult-intake"]);
    expect(await trigger(harmful, "AT_INTAKE", now)).toEqual(["hb-intake"]);
    expect(await trigger(child, "AT_INTAKE", now)).toEqual(["yp-intake"]);
    const [intake, ...rest] = await assignmentsOf(survivor.id);
    expect(rest).toEqual([]);
    expect(intake).toMatchObject({
      stage: "INTAKE",
      status: "ASSIGNED",
      ruleId: null,
      assignedById: world.staffId,
      dueAt: new Date(now.getTime() + 14 * DAY_MS),
    });

    // One already waiting is not assigned twice.
    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual([]);
    expect(await assignmentsOf(survivor.id)).toHaveLength(1);

    expect(await trigger(survivor, "AT_CLOSURE", now)).toEqual(["adult-exit"]);
    expect(await trigger(harmful, "AT_CLOSURE", now)).toEqual(["hb-exit"]);
    expect(await trigger(child, "AT_CLOSURE", now)).toEqual(["yp-exit"]);
    expect((await assignmentsOf(survivor.id)).map((a) => [a.definition.key, a.stage])).toEqual([
      ["adult-intake", "INTAKE"],
      ["adult-exit", "EXIT"],
    ]);

    // Once sent, the same form can be asked again.
    await prisma().questionnaireAssignment.updateMany({ where: { personId: survivor.id }, data: { status: "SUBMITTED" } });
    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual(["adult-intake"]);
  });

  it("with rules, assigns what the rules for that trigger and kind name, due when they say", async () => {
    const now = new Date("2026-02-01T09:00:00Z");
    const survivor = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR" });
    const harmful = await createPerson(prisma(), { family: world.family, kind: "HARMFUL_BEHAVIOUR" });
    const rule = await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId: definitionId("adult-checkin"), personKind: "ADULT_SURVIVOR", trigger: "AT_INTAKE", dueAfterDays: 3 },
    });
    // A rule for closure, and a recurring rule, do not count at intake.
    await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId: definitionId("adult-exit"), personKind: "ADULT_SURVIVOR", trigger: "AT_CLOSURE", dueAfterDays: 5 },
    });
    await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId: definitionId("adult-intake"), personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: 14 },
    });

    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual(["adult-checkin"]);
    expect(await assignmentsOf(survivor.id)).toEqual([
      expect.objectContaining({ definition: { key: "adult-checkin" }, stage: "CHECK_IN", ruleId: rule.id, dueAt: new Date(now.getTime() + 3 * DAY_MS) }),
    ]);
    // A service user has no intake rule of their own: the default applies to them.
    expect(await trigger(harmful, "AT_INTAKE", now)).toEqual(["hb-intake"]);

    // A rule naming a questionnaire for another kind of person assigns nothing to this one.
    const child = await createPerson(prisma(), { family: world.family, kind: "YOUNG_PERSON" });
    await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId: definitionId("adult-checkin"), personKind: "YOUNG_PERSON", trigger: "AT_INTAKE" },
    });
    expect(await trigger(child, "AT_INTAKE", now)).toEqual([]);
    expect(await assignmentsOf(child.id)).toEqual([]);
  });

  it("assigns nothing the service has switched off", async () => {
    const now = new Date("2026-02-01T09:00:00Z");
    const survivor = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR" });
    await prisma().serviceQuestionnaire.deleteMany({ where: { serviceId: world.serviceId, definition: { key: { in: ["adult-intake", "adult-checkin"] } } } });
    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual([]);
    await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId: definitionId("adult-checkin"), personKind: "ADULT_SURVIVOR", trigger: "AT_INTAKE" },
    });
    expect(await trigger(survivor, "AT_INTAKE", now)).toEqual([]);
    expect(await assignmentsOf(survivor.id)).toEqual([]);
  });
});

describe("applyRecurringRules", () => {
  async function recurringCheckIn(serviceId = world.serviceId) {
    return prisma().questionnaireRule.create({
      data: { serviceId, definitionId: definitionId("adult-checkin"), personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: 14, dueAfterDays: 7 },
    });
  }

  it("assigns the occurrence due by now to open people of the rule's kind only, and nothing more when run again", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const started = addDays(now, -30);
    const rule = await recurringCheckIn();
    const due = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
    const tooNew = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: addDays(now, -5) });
    const ended = await createPerson(prisma(), {
      family: world.family,
      kind: "ADULT_SURVIVOR",
      involvementStartedAt: started,
      involvementEndedAt: addDays(now, -1),
    });
    const anonymised = await createPerson(prisma(), {
      family: world.family,
      kind: "ADULT_SURVIVOR",
      involvementStartedAt: started,
      anonymisedAt: addDays(now, -1),
    });
    const otherKind = await createPerson(prisma(), { family: world.family, kind: "HARMFUL_BEHAVIOUR", involvementStartedAt: started });
    // Another service, everything switched on but no rule.
    const otherService = await createService(prisma());
    await enableQuestionnaires(prisma(), otherService.id);
    const otherArea = await createArea(prisma(), { serviceId: otherService.id });
    const otherFamily = await createFamily(prisma(), { serviceId: otherService.id, areaId: otherArea.id });
    const elsewhere = await createPerson(prisma(), { family: otherFamily, kind: "ADULT_SURVIVOR", involvementStartedAt: started });

    expect(await applyRecurringRules(now)).toEqual({ created: 1 });
    const [assignment, ...rest] = await assignmentsOf(due.id);
    expect(rest).toEqual([]);
    // 30 days in, every 14 days: the second interval (days 28–42), due a week after it began.
    expect(assignment).toMatchObject({
      definition: { key: "adult-checkin" },
      stage: "CHECK_IN",
      status: "ASSIGNED",
      ruleId: rule.id,
      occurrence: 2,
      dueAt: new Date(started.getTime() + (28 + 7) * DAY_MS),
    });
    for (const person of [tooNew, ended, anonymised, otherKind, elsewhere]) expect(await assignmentsOf(person.id), person.id).toEqual([]);

    expect(await applyRecurringRules(now)).toEqual({ created: 0 });
    expect(await applyRecurringRules(addDays(now, 1))).toEqual({ created: 0 });
    expect(await prisma().questionnaireAssignment.count()).toBe(1);
    // Run from two app servers at once: still one.
    const twice = await Promise.all([applyRecurringRules(now), applyRecurringRules(now)]);
    expect(twice.reduce((n, r) => n + r.created, 0)).toBe(0);
    expect(await prisma().questionnaireAssignment.count()).toBe(1);
  });

  it("a newer occurrence closes an older one never started, but not one with saved answers", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const started = addDays(now, -30);
    const rule = await recurringCheckIn();
    const idle = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
    const busy = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
    // A worker's own assignment of the same questionnaire is not the rule's to close.
    const byHand = await createAssignment(prisma(), { personId: idle.id, definitionKey: "adult-checkin", dueAt: addDays(now, -10) });

    const fortnightAgo = addDays(now, -14);
    expect(await applyRecurringRules(fortnightAgo)).toEqual({ created: 2 });
    const firstBusy = (await assignmentsOf(busy.id))[0];
    expect(firstBusy?.occurrence).toBe(1);
    await prisma().questionnaireAssignment.update({ where: { id: firstBusy?.id ?? "" }, data: { status: "IN_PROGRESS" } });

    expect(await applyRecurringRules(now)).toEqual({ created: 2 });
    const idleOnes = (await assignmentsOf(idle.id)).filter((a) => a.ruleId === rule.id);
    expect(idleOnes.map((a) => [a.occurrence, a.status])).toEqual([
      [1, "CLOSED"],
      [2, "ASSIGNED"],
    ]);
    expect(idleOnes[0]?.closedAt).toEqual(now);
    expect((await prisma().questionnaireAssignment.findUniqueOrThrow({ where: { id: byHand.id } })).status).toBe("ASSIGNED");
    expect((await assignmentsOf(busy.id)).map((a) => [a.occurrence, a.status])).toEqual([
      [1, "IN_PROGRESS"],
      [2, "ASSIGNED"],
    ]);
  });

  it("assigns nothing for a questionnaire the service has switched off", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    await recurringCheckIn();
    const person = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: addDays(now, -30) });
    await prisma().serviceQuestionnaire.deleteMany({ where: { serviceId: world.serviceId, definition: { key: "adult-checkin" } } });
    expect(await applyRecurringRules(now)).toEqual({ created: 0 });
    expect(await assignmentsOf(person.id)).toEqual([]);

    // Switched on again: assigned.
    await enableQuestionnaires(prisma(), world.serviceId, [definitionId("adult-checkin")]);
    expect(await applyRecurringRules(now)).toEqual({ created: 1 });
  });
});
