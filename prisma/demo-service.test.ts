import { open } from "../app/crypto/sealed.server";
import { applyRecurringRules } from "../app/questionnaires/assignments.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageBand, ageOn } from "../app/age-bands/age-band";
import { outcomeReport } from "../app/outcomes/report.server";
import { addCalendarMonths, localDateOf } from "../app/time/calendar";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import { tableAsStored } from "../tests/support/raw-rows";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { specialismFor } from "./factory";
import { seedDemoService, type DemoSummary } from "./demo-service";

const now = new Date("2026-11-22T12:00:00Z");

/** What "the same data" means for determinism: everything but ids and row timestamps. */
async function snapshot(db: TestDatabase) {
  const people = await db.prisma.person.findMany({
    orderBy: [{ family: { reference: "asc" } }, { kind: "asc" }, { firstName: "asc" }, { dateOfBirth: "asc" }],
    select: {
      family: { select: { reference: true, openedAt: true, closedAt: true, referralSource: true } },
      kind: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      gender: true,
      ethnicityGroup: true,
      involvementStartedAt: true,
      involvementEndedAt: true,
      allocations: { select: { staff: { select: { displayName: true } } } },
      responses: {
        orderBy: { submittedAt: "asc" },
        select: {
          submittedAt: true,
          definition: { select: { key: true } },
          answers: { orderBy: { itemKey: "asc" }, select: { itemKey: true, numberValue: true, choiceValues: true } },
        },
      },
      appointments: { orderBy: { startsAt: "asc" }, select: { startsAt: true, status: true } },
    },
  });
  return people;
}

describe("the demo service", () => {
  let db: TestDatabase;
  let summary: DemoSummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    // How long seeding takes is measured by `npm run bench` (the demo line), not asserted here.
    summary = await seedDemoService(db.prisma, { now });
  });
  afterAll(async () => {
    await db?.close();
  });

  it("has one fictional service, two areas with a team each", async () => {
    const services = await db.prisma.service.findMany({ include: { areas: true, teams: true } });
    expect(services).toHaveLength(1);
    expect(services[0]?.name).toBe("Waypoint demo service");
    expect(services[0]?.areas.map((a) => a.name).sort()).toEqual(["North", "South"]);
    expect(services[0]?.teams).toHaveLength(2);
    expect(services[0]?.teams.every((t) => t.areaId !== null)).toBe(true);
  });

  it("has the expected people and families", async () => {
    expect(summary.people).toEqual({ ADULT_SURVIVOR: 60, HARMFUL_BEHAVIOUR: 55, YOUNG_PERSON: 30 });
    expect(await db.prisma.person.count()).toBe(145);
    expect(summary.families).toEqual({ total: 60, open: 36, closed: 24, survivorOnly: 5 });
    const families = await db.prisma.family.findMany({ include: { people: true } });
    expect(families).toHaveLength(60);
    for (const family of families) {
      expect(family.reference).toMatch(/^F-\d{4}$/);
      expect(
        family.people.filter((p) => p.kind === "ADULT_SURVIVOR"),
        family.reference,
      ).toHaveLength(1);
      expect(family.people.filter((p) => p.kind === "HARMFUL_BEHAVIOUR").length).toBeLessThanOrEqual(1);
      expect(family.people.filter((p) => p.kind === "YOUNG_PERSON").length).toBeLessThanOrEqual(3);
      // A family is closed exactly when all its people are, and never before any of them.
      const ended = family.people.map((p) => p.involvementEndedAt);
      if (family.closedAt) {
        expect(ended.every((d) => d !== null && d <= (family.closedAt ?? d))).toBe(true);
        expect(family.people.every((p) => p.closureReason !== null)).toBe(true);
      } else {
        expect(ended.every((d) => d === null)).toBe(true);
      }
    }
    const closedAt = families.flatMap((f) => (f.closedAt ? [f.closedAt.getTime()] : []));
    expect(Math.min(...closedAt)).toBeGreaterThanOrEqual(now.getTime() - 731 * 86_400_000);
    expect(Math.max(...closedAt)).toBeLessThan(now.getTime());
  });

  it("has young people in every age band, each with a date of birth", async () => {
    const children = await db.prisma.person.findMany({ where: { kind: "YOUNG_PERSON" } });
    const bands = new Set(children.map((c) => (c.dateOfBirth ? ageBand(c.dateOfBirth, now, DEFAULT_TIME_ZONE) : "none")));
    expect([...bands].sort()).toEqual(["13-17", "8-12", "under-8"]);
    expect(Object.values(summary.youngPeopleByAgeBand).every((n) => n >= 3)).toBe(true);
  });

  it("has staff of every role and at least two workers of each specialism", async () => {
    const staff = await db.prisma.staffMember.findMany();
    for (const role of ["ADMIN", "MANAGER", "CASE_MANAGER", "WORKER"] as const) {
      expect(
        staff.some((s) => s.role === role),
        role,
      ).toBe(true);
    }
    expect(staff.filter((s) => s.role === "CASE_MANAGER").length).toBeGreaterThanOrEqual(2);
    for (const specialism of ["ADULT_SURVIVOR_ADVOCATE", "CHILDRENS_CASEWORKER", "BEHAVIOUR_CHANGE_WORKER"] as const) {
      expect(staff.filter((s) => s.specialism === specialism).length, specialism).toBeGreaterThanOrEqual(2);
    }
    expect(staff.every((s) => (s.role === "WORKER") === (s.specialism !== null))).toBe(true);
    expect(staff.every((s) => s.email.endsWith(".example"))).toBe(true);
  });

  it("allocates every person one worker of the right specialism", async () => {
    const people = await db.prisma.person.findMany({ include: { allocations: { include: { staff: true } } } });
    for (const person of people) {
      expect(person.allocations, `${person.firstName} ${person.lastName}`).toHaveLength(1);
      const staff = person.allocations[0]?.staff;
      expect(staff?.role).toBe("WORKER");
      expect(staff?.specialism).toBe(specialismFor[person.kind]);
      // Closed people's allocations ended with their involvement.
      expect(person.allocations[0]?.endedAt?.getTime() ?? null).toBe(person.involvementEndedAt?.getTime() ?? null);
    }
  });

  it("never gives a family's survivor and service user the same worker, and gives every family a case manager", async () => {
    const families = await db.prisma.family.findMany({
      include: { caseManager: true, people: { include: { allocations: true } } },
    });
    for (const family of families) {
      expect(family.caseManager?.role, family.reference).toBe("CASE_MANAGER");
      const workersOf = (kind: string) => family.people.filter((p) => p.kind === kind).flatMap((p) => p.allocations.map((a) => a.staffId));
      const survivorWorkers = workersOf("ADULT_SURVIVOR");
      for (const staffId of workersOf("HARMFUL_BEHAVIOUR")) expect(survivorWorkers, family.reference).not.toContain(staffId);
    }
  });

  it("gives every person an intake, and every closed person an exit, with risk assessed at both ends", async () => {
    const people = await db.prisma.person.findMany({
      include: {
        responses: { include: { definition: { select: { key: true } } } },
        riskAssessments: true,
      },
    });
    const prefix = { ADULT_SURVIVOR: "adult", HARMFUL_BEHAVIOUR: "hb", YOUNG_PERSON: "yp" } as const;
    for (const person of people) {
      const keys = person.responses.map((r) => r.definition.key);
      const name = `${person.firstName} ${person.lastName}`;
      expect(
        keys.filter((k) => k === `${prefix[person.kind]}-intake`),
        name,
      ).toHaveLength(1);
      expect(
        keys.filter((k) => k === `${prefix[person.kind]}-exit`),
        name,
      ).toHaveLength(person.involvementEndedAt ? 1 : 0);
      expect(
        keys.every((k) => k.startsWith(`${prefix[person.kind]}-`)),
        name,
      ).toBe(true);
      for (const response of person.responses) {
        // Every demo response has the person's part.
        const submittedAt = response.submittedAt?.getTime() ?? NaN;
        expect(submittedAt).toBeGreaterThanOrEqual(person.involvementStartedAt.getTime());
        expect(submittedAt).toBeLessThanOrEqual((person.involvementEndedAt ?? now).getTime());
      }
      expect(person.involvementStartedAt.getTime(), name).toBeLessThan(now.getTime());
      expect(
        person.riskAssessments.every((r) => r.assessedAt < now),
        name,
      ).toBe(true);
      if (person.kind !== "YOUNG_PERSON") {
        const stages = person.riskAssessments.map((r) => r.stage);
        expect(stages, name).toContain("INTAKE");
        expect(stages.includes("EXIT"), name).toBe(person.involvementEndedAt !== null);
      }
    }
  });

  it("shows change between intake and exit like the outcome report", async () => {
    const answers = await db.prisma.answer.findMany({
      where: { response: { stage: { in: ["INTAKE", "EXIT"] } } },
      select: { itemKey: true, choiceValues: true, response: { select: { personId: true, stage: true } } },
    });
    const value = new Map(answers.map((a) => [`${a.response.personId}|${a.response.stage}|${a.itemKey}`, a.choiceValues[0]]));
    const closedSurvivors = await db.prisma.person.findMany({ where: { kind: "ADULT_SURVIVOR", involvementEndedAt: { not: null } } });
    for (const type of ["physical", "harassment-stalking", "jealous-controlling"]) {
      const had = closedSurvivors.filter((p) => value.get(`${p.id}|INTAKE|abuse-${type}`) === "yes");
      const ceased = had.filter((p) => value.get(`${p.id}|EXIT|abuse-${type}`) === "no");
      expect(had.length, type).toBeGreaterThan(0);
      expect(ceased.length / had.length, type).toBeGreaterThan(0.4);
    }
    const saferShare =
      closedSurvivors.filter((p) => ["agree", "strongly-agree"].includes(value.get(`${p.id}|EXIT|felt-safer`) ?? "")).length / closedSurvivors.length;
    expect(saferShare).toBeGreaterThan(0.7);
    expect(saferShare).toBeLessThan(0.95);
  });

  it("gives a full outcome report over its two years", async () => {
    const service = await db.prisma.service.findFirstOrThrow({ select: { id: true } });
    const to = localDateOf(now, DEFAULT_TIME_ZONE);
    const report = await outcomeReport(
      { from: addCalendarMonths(to, -24), to, areaId: null, group: null, referralSource: null, ageBand: null },
      { serviceId: service.id, zone: DEFAULT_TIME_ZONE, threshold: 4 },
      db.prisma,
    );
    const lines = report.sections.flatMap((s) => s.lines);
    const withPercent = lines.filter((l) => l.percent.kind === "percent");
    // Every section that has anything to show shows something; most figures carry a percentage.
    expect(report.sections.filter((s) => s.allHidden).map((s) => s.key)).toEqual([]);
    // A demo of about 60 families is small: a share near 100% leaves a small group who did not,
    // which suppression protects, so not every line can carry a percentage.
    expect(withPercent.length / lines.filter((l) => l.of).length).toBeGreaterThan(0.5);
  });

  it("spreads demographics roughly like the outcome report", async () => {
    const people = await db.prisma.person.findMany();
    const share = (kind: string, test: (p: (typeof people)[number]) => boolean) => {
      const group = people.filter((p) => p.kind === kind);
      return group.filter(test).length / group.length;
    };
    expect(share("ADULT_SURVIVOR", (p) => p.gender === "FEMALE")).toBeGreaterThan(0.9);
    expect(share("HARMFUL_BEHAVIOUR", (p) => p.gender === "MALE")).toBeGreaterThan(0.85);
    const minority = (p: (typeof people)[number]) => ["MIXED", "ASIAN", "BLACK", "OTHER"].includes(p.ethnicityGroup ?? "");
    expect(share("ADULT_SURVIVOR", minority)).toBeGreaterThan(0.08);
    expect(share("ADULT_SURVIVOR", minority)).toBeLessThan(0.2);
    expect(share("ADULT_SURVIVOR", (p) => p.referralSource === "CHILDRENS_SOCIAL_CARE")).toBeGreaterThan(0.5);
    const consent = people.filter((p) => p.consentMonitoring).length / people.length;
    expect(consent).toBeGreaterThan(0.85);
    expect(consent).toBeLessThan(0.95);
    expect(people.filter((p) => p.consentMonitoring).every((p) => p.consentRecordedAt !== null)).toBe(true);
  });

  it("keeps its free text (notes, messages, answers, goals, safe-contact details) only sealed", async () => {
    expect(await db.prisma.caseNote.count()).toBeGreaterThan(20);
    expect(await db.prisma.message.count()).toBeGreaterThan(0);
    expect(await db.prisma.answer.count({ where: { NOT: { textCipher: null } } })).toBeGreaterThan(5);
    expect(await db.prisma.goal.count()).toBeGreaterThan(0);
    expect(await db.prisma.safeContactPreference.count()).toBeGreaterThan(10);
    const words = [
      "Walked out to the garden",
      "Went over the safety plan",
      "bluebell",
      "school holidays",
      "school run",
      "Weekdays 10:00",
      "outside the school",
    ];
    for (const table of ["CaseNote", "Message", "Answer", "Goal", "SafeContactPreference", "QuestionnaireResponse"]) {
      const dump = await tableAsStored(db.prisma, table, "latin1");
      for (const word of words) expect(dump, `${table} holds "${word}" in the clear`).not.toContain(word);
    }
    const note = await db.prisma.caseNote.findFirstOrThrow({ select: { bodyCipher: true, keyId: true } });
    expect(open(note.bodyCipher, note.keyId, "case-note").length).toBeGreaterThan(10);
  });

  it("leaves the recurring schedule nothing to add: every open person's current check-in is answered or waiting", async () => {
    expect(await applyRecurringRules(now, db.prisma)).toEqual({ created: 0 });
  });

  it("leaves work to do for open families: due and overdue questionnaires, booked sessions, two open alerts", async () => {
    const due = await db.prisma.questionnaireAssignment.findMany({ where: { status: "ASSIGNED" }, include: { person: true } });
    expect(due.length).toBeGreaterThan(10);
    expect(due.every((a) => a.person.involvementEndedAt === null)).toBe(true);
    expect(due.filter((a) => a.dueAt < now).length).toBeGreaterThanOrEqual(3);
    expect(due.filter((a) => a.dueAt > now).length).toBeGreaterThan(due.filter((a) => a.dueAt < now).length);

    const upcoming = await db.prisma.appointment.findMany({
      where: { startsAt: { gt: now } },
      include: { slot: true, person: { include: { allocations: true } } },
    });
    expect(upcoming.length).toBeGreaterThan(10);
    for (const appointment of upcoming) {
      expect(appointment.status).toBe("BOOKED");
      expect(appointment.slot?.staffId).toBe(appointment.staffId);
      expect(appointment.slot?.startsAt).toEqual(appointment.startsAt);
      expect(appointment.person.allocations.map((a) => a.staffId)).toContain(appointment.staffId);
    }
    const slotIds = upcoming.map((a) => a.slotId);
    expect(new Set(slotIds).size).toBe(slotIds.length);
    expect(summary.appointments.freeSlots).toBeGreaterThan(0);

    const alerts = await db.prisma.alert.findMany({ where: { resolvedAt: null }, include: { person: true, response: true } });
    expect(alerts).toHaveLength(2);
    expect(summary.openAlerts).toBe(2);
    for (const alert of alerts) {
      expect(alert.kind).toBe("SAFETY_ANSWER");
      expect(alert.person.involvementEndedAt).toBeNull();
      expect(alert.response?.personId).toBe(alert.personId);
    }
  });

  it("has the featured family and staff the README lists", async () => {
    const family = await db.prisma.family.findFirstOrThrow({
      where: { reference: "F-0001" },
      include: { area: true, caseManager: true, people: { include: { allocations: { include: { staff: true } } } } },
    });
    expect(family.closedAt).toBeNull();
    expect(family.area.name).toBe("North");
    expect(family.caseManager?.displayName).toBe("Grace Okafor");
    const person = (firstName: string) => family.people.find((p) => p.firstName === firstName && p.lastName === "Rivers");
    expect(person("Alex")?.kind).toBe("ADULT_SURVIVOR");
    expect(person("Sam")?.kind).toBe("HARMFUL_BEHAVIOUR");
    for (const [name, age] of [
      ["Mia", 6],
      ["Leo", 10],
      ["Zoe", 15],
    ] as const) {
      const child = person(name);
      expect(child?.kind).toBe("YOUNG_PERSON");
      expect(child?.dateOfBirth && ageOn(child.dateOfBirth, now, DEFAULT_TIME_ZONE)).toBe(age);
      expect(child?.allocations[0]?.staff.displayName).toBe("Tom Fletcher");
    }
    expect(person("Alex")?.allocations[0]?.staff.displayName).toBe("Ruth Bennett");
    expect(person("Sam")?.allocations[0]?.staff.displayName).toBe("Owen Price");
    expect(summary.featured.map((f) => f.name)).toEqual([
      "Alex Rivers",
      "Sam Rivers",
      "Mia Rivers",
      "Leo Rivers",
      "Zoe Rivers",
      "Helen Park",
      "Martin Cole",
      "Grace Okafor",
      "Ruth Bennett",
      "Owen Price",
      "Tom Fletcher",
    ]);
    // Every featured person can book: each has an upcoming appointment and something to answer.
    for (const p of family.people) {
      expect(await db.prisma.appointment.count({ where: { personId: p.id, startsAt: { gt: now }, status: "BOOKED" } }), p.firstName).toBe(1);
      expect(await db.prisma.questionnaireAssignment.count({ where: { personId: p.id, status: "ASSIGNED" } }), p.firstName).toBe(1);
    }
  });

  it("is deterministic: the same `now` gives the same data", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemoService(other.prisma, { now });
      expect(await snapshot(other)).toEqual(await snapshot(db));
    } finally {
      await other.close();
    }
  });
});
