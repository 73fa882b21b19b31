/**
 * Calendar days in the service's time zone, on the real submission path and the real assignment
 * code, on a real test database: a child's birthday in the first hour of the day, due dates and
 * recurring check-ins across the last Sundays of March and October (the UK's clock changes, when
 * one local day lasts 23 or 25 hours).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { handleNewSession, requirePerson } from "~/auth/session.server";
import type { Person, QuestionnaireDefinition } from "~/generated/prisma/client";
import { localDateOf } from "~/time/calendar";
import { DEFAULT_TIME_ZONE } from "~/time/zone";
import { allocate, createAssignment, createPerson, createStaff } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService } from "../../tests/support/worlds";
import { applyRecurringRules, assignForTrigger } from "./assignments.server";
import { loadFilling, savePage, submit } from "./filling.server";

const database = useAppDatabase();
const prisma = () => database().prisma;

type World = { serviceId: string; family: { id: string; serviceId: string }; staffId: string; definitions: Map<string, QuestionnaireDefinition> };
let world: World;

async function build(timeZone: string | null) {
  const { service, family, holder, definitions } = await familyInService(prisma(), { service: { timeZone }, heldBy: "Casey Holder", questionnaires: true });
  world = { serviceId: service.id, family, staffId: holder!.id, definitions };
}

/** The viewer exactly as a request with the person's session cookie gets it (the zone comes from the Service row). */
async function signedIn(person: Person) {
  const cookie = (await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "pin")).split(";")[0] ?? "";
  return requirePerson(new Request("http://localhost/home", { headers: { Cookie: cookie } }));
}

const EIGHT_TO_TWELVE_FIRST_PAGE = {
  "safe-home": "4",
  "safe-elsewhere": "5",
  worries: "2",
  "getting-on-family": "3",
  "getting-on-others": "4",
  "someone-to-talk-to": "yes",
};

describe("a child born on 15 June, on her eighth birthday", () => {
  async function child() {
    const person = await createPerson(prisma(), {
      family: world.family,
      kind: "YOUNG_PERSON",
      dateOfBirth: new Date("2018-06-15T00:00:00Z"),
      safetyIntroSeenAt: new Date(),
    });
    const worker = await createStaff(prisma(), { serviceId: world.serviceId, role: "WORKER", specialism: "CHILDRENS_CASEWORKER" });
    await allocate(prisma(), { personId: person.id, staffId: worker.id });
    return person;
  }

  it("gets the 8–12 view at 00:30 BST, and what she sends in that hour is kept with the 8–12 band", async () => {
    await build(null); // no zone set: the default (London)
    const person = await child();
    const viewer = await signedIn(person);
    expect(viewer.person.timeZone).toBe(DEFAULT_TIME_ZONE);
    const assignment = await createAssignment(prisma(), { personId: person.id, definitionKey: "yp-checkin", dueAt: new Date("2026-06-20T12:00:00Z") });

    // 23:30 BST on 14 June: still seven.
    const eveBefore = await loadFilling(viewer, assignment.id, "0", { now: new Date("2026-06-14T22:30:00Z") });
    expect(eveBefore).toMatchObject({ band: "under-8" });

    const halfPastMidnight = new Date("2026-06-14T23:30:00Z"); // 00:30 BST on 15 June
    expect(await loadFilling(viewer, assignment.id, "0", { now: halfPastMidnight })).toMatchObject({ band: "8-12" });
    expect(await savePage(viewer, assignment.id, 0, EIGHT_TO_TWELVE_FIRST_PAGE, { move: "next", now: halfPastMidnight })).toEqual({
      ok: true,
      nextPage: "check",
    });
    expect(await submit(viewer, assignment.id, halfPastMidnight)).toEqual({ ok: true, already: false });
    const response = await prisma().questionnaireResponse.findUniqueOrThrow({
      where: { assignmentId: assignment.id },
      select: { ageBand: true, submittedAt: true },
    });
    expect(response).toEqual({ ageBand: "8-12", submittedAt: halfPastMidnight });
  });

  it("is still seven at 22:00 on 14 June in a service set to New York, though it is already 15 June in UTC", async () => {
    await build("America/New_York");
    const person = await child();
    const viewer = await signedIn(person);
    expect(viewer.person.timeZone).toBe("America/New_York");
    const assignment = await createAssignment(prisma(), { personId: person.id, definitionKey: "yp-checkin", dueAt: new Date("2026-06-20T12:00:00Z") });
    expect(await loadFilling(viewer, assignment.id, "0", { now: new Date("2026-06-15T02:00:00Z") })).toMatchObject({ band: "under-8" });
    expect(await loadFilling(viewer, assignment.id, "0", { now: new Date("2026-06-15T04:00:00Z") })).toMatchObject({ band: "8-12" });
  });
});

describe("due dates and recurring check-ins across the clock changes, in the default zone (London)", () => {
  beforeEach(async () => {
    await build(null);
  });

  const london = (at: Date) => localDateOf(at, DEFAULT_TIME_ZONE);

  async function intakeDue(now: Date) {
    const person = await createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: now });
    // No rules: every intake questionnaire for the kind of person, due in 14 days.
    await prisma().$transaction((tx) => assignForTrigger(tx, person, "AT_INTAKE", { now, assignedById: world.staffId }));
    const rows = await prisma().questionnaireAssignment.findMany({ where: { personId: person.id }, select: { dueAt: true } });
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((r) => r.dueAt);
  }

  it("a questionnaire given at 00:30 BST on 19 October is due 14 days later on 2 November, at 00:30 GMT", async () => {
    const now = new Date("2026-10-18T23:30:00Z"); // 00:30 BST, Monday 19 October; clocks go back on Sunday 25 October
    for (const dueAt of await intakeDue(now)) {
      expect(london(dueAt)).toBe("2026-11-02");
      expect(dueAt).toEqual(new Date("2026-11-02T00:30:00Z"));
    }
  });

  it("a questionnaire given at 23:30 GMT on 20 March is due 14 days later on 3 April, at 23:30 BST", async () => {
    const now = new Date("2026-03-20T23:30:00Z"); // clocks go forward on Sunday 29 March
    for (const dueAt of await intakeDue(now)) {
      expect(london(dueAt)).toBe("2026-04-03");
      expect(dueAt).toEqual(new Date("2026-04-03T22:30:00Z"));
    }
  });

  async function everyFortnight(started: Date) {
    const definitionId = world.definitions.get("adult-checkin")?.id ?? "";
    await prisma().questionnaireRule.create({
      data: { serviceId: world.serviceId, definitionId, personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: 14, dueAfterDays: 3 },
    });
    return createPerson(prisma(), { family: world.family, kind: "ADULT_SURVIVOR", involvementStartedAt: started });
  }

  async function given(personId: string) {
    return prisma().questionnaireAssignment.findMany({
      where: { personId },
      orderBy: { occurrence: "asc" },
      select: { occurrence: true, createdAt: true, dueAt: true },
    });
  }

  it("a fortnightly check-in begun at 00:30 BST on Monday 12 October comes round at 00:30 GMT on Monday 26 October, not on the Sunday", async () => {
    const person = await everyFortnight(new Date("2026-10-11T23:30:00Z"));
    // 23:45 GMT on Sunday 25 October: fourteen times 24 hours have passed, fourteen local days have not.
    expect(await applyRecurringRules(new Date("2026-10-25T23:45:00Z"))).toEqual({ created: 0 });
    expect(await applyRecurringRules(new Date("2026-10-26T09:00:00Z"))).toEqual({ created: 1 });
    const [first, ...rest] = await given(person.id);
    expect(rest).toEqual([]);
    expect(first?.occurrence).toBe(1);
    expect(first?.createdAt).toEqual(new Date("2026-10-26T00:30:00Z"));
    expect(first && london(first.createdAt)).toBe("2026-10-26");
    expect(first?.dueAt).toEqual(new Date("2026-10-29T00:30:00Z"));
  });

  it("a fortnightly check-in begun at 23:30 GMT on Monday 16 March comes round at 23:30 BST on Monday 30 March, not on the Tuesday", async () => {
    const person = await everyFortnight(new Date("2026-03-16T23:30:00Z"));
    expect(await applyRecurringRules(new Date("2026-03-31T12:00:00Z"))).toEqual({ created: 1 });
    const [first, ...rest] = await given(person.id);
    expect(rest).toEqual([]);
    expect(first?.createdAt).toEqual(new Date("2026-03-30T22:30:00Z"));
    expect(first && london(first.createdAt)).toBe("2026-03-30");
    expect(first?.dueAt && london(first.dueAt)).toBe("2026-04-02");
  });
});
