/**
 * Booking against a real database (PGlite by default; PostgreSQL with TEST_DATABASE_URL): one world
 * built once, each test with workers and families of its own so that tests do not meet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exclusionViolation } from "~/db/conflicts.server";
import { setDatabase } from "~/db.server";
import type { Family, Person, StaffMember } from "~/generated/prisma/client";
import { allocate, createArea, createFamily, createPerson, createService, createStaff, dateOfBirthForAge } from "../../tests/fixtures/factory";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { tuesdayMornings } from "../../tests/support/worlds";
import { expectNotFound, personViewer, staffViewer } from "../../tests/support/viewers";
import {
  FAMILY_RULE_FOR_STAFF,
  NOT_OFFERED,
  TAKEN,
  TOO_LATE_TO_CANCEL,
  WORKER_BOOKS,
  bookForPerson,
  bookOwn,
  cancelOwn,
  loadOffered,
  loadOwnAppointments,
  moveAppointment,
  setStatus,
} from "./booking.server";
import { addRule, addSlot, ruleSchema, slotSchema } from "./availability.server";
import { engagement } from "./engagement.server";
import { sessionKey } from "./slots";

let database: TestDatabase;
let serviceId: string;
let areaId: string;
let venue: { id: string };
let otherVenue: { id: string };

/** Monday 1 March 2027, 08:00 in London (GMT). */
const NOW = new Date("2027-03-01T08:00:00Z");
/** Tuesday 2 March 2027 at a London hour (GMT, so the same in UTC). */
const tuesday = (hour: number) => new Date(Date.UTC(2027, 2, 2, hour));

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  const prisma = database.prisma;
  const service = await createService(prisma, { name: "Riverside" });
  serviceId = service.id;
  areaId = (await createArea(prisma, { serviceId })).id;
  venue = await prisma.venue.create({ data: { serviceId, publicName: "Library, room 2", address: "1 High Street", showAddress: true } });
  otherVenue = await prisma.venue.create({ data: { serviceId, publicName: "Community hall", address: "9 Low Road", showAddress: false } });
}, 120_000);

afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

async function worker(
  specialism: "ADULT_SURVIVOR_ADVOCATE" | "BEHAVIOUR_CHANGE_WORKER" | "CHILDRENS_CASEWORKER" = "ADULT_SURVIVOR_ADVOCATE",
  venueId = venue.id,
): Promise<StaffMember> {
  const prisma = database.prisma;
  const staff = await createStaff(prisma, { serviceId, role: "WORKER", specialism });
  await tuesdayMornings(prisma, staff.id, venueId);
  return staff;
}

async function family(): Promise<Family> {
  return createFamily(database.prisma, { serviceId, areaId });
}

async function person(f: Family, kind: Person["kind"], staff: StaffMember, extra: Partial<Person> = {}): Promise<Person> {
  const p = await createPerson(database.prisma, { family: f, kind, ...extra });
  await allocate(database.prisma, { personId: p.id, staffId: staff.id });
  return p;
}

const keysOf = (days: { sessions: { key: string }[] }[]) => days.flatMap((d) => d.sessions.map((s) => s.key));

describe("booking", () => {
  it("lists the allocated worker's free sessions by day, books one with its venue, and lists it as the person's", async () => {
    const advocate = await worker();
    const survivor = await person(await family(), "ADULT_SURVIVOR", advocate);
    const offered = await loadOffered(personViewer(survivor), NOW);
    expect(offered.selfBooking).toBe(true);
    expect(offered.days[0]?.day).toBe("2027-03-02");
    expect(offered.days[0]?.sessions.map((s) => s.startsAt)).toEqual([9, 10, 11, 12].map((h) => tuesday(h).toISOString()));
    expect(offered.days[0]?.sessions[0]?.place).toBe("Library, room 2");

    const booked = await bookOwn(personViewer(survivor), sessionKey(advocate.id, tuesday(10)), { now: NOW });
    expect(booked.ok).toBe(true);
    const mine = await loadOwnAppointments(personViewer(survivor), NOW);
    expect(mine.upcoming).toMatchObject([{ startsAt: tuesday(10).toISOString(), place: "Library, room 2", address: "1 High Street", canCancel: true }]);
    expect(keysOf((await loadOffered(personViewer(survivor), NOW)).days)).not.toContain(sessionKey(advocate.id, tuesday(10)));
    expect(await database.prisma.auditEvent.count({ where: { subjectPersonId: survivor.id, action: "appointment.book" } })).toBe(1);
  });

  it("refuses, writing nothing, a session of a worker not allocated, a withdrawn one, a past one and a malformed key", async () => {
    const advocate = await worker();
    const stranger = await worker();
    const survivor = await person(await family(), "ADULT_SURVIVOR", advocate);
    await database.prisma.availabilityException.create({ data: { staffId: advocate.id, startsAt: tuesday(11), endsAt: tuesday(12), kind: "LEAVE" } });
    const viewer = personViewer(survivor);
    expect(await bookOwn(viewer, sessionKey(stranger.id, tuesday(10)), { now: NOW })).toEqual({ ok: false, message: NOT_OFFERED });
    expect(await bookOwn(viewer, sessionKey(advocate.id, tuesday(11)), { now: NOW })).toMatchObject({ ok: false, message: NOT_OFFERED });
    expect(await bookOwn(viewer, sessionKey(advocate.id, tuesday(10)), { now: new Date("2027-03-02T10:30:00Z") })).toMatchObject({
      ok: false,
      message: NOT_OFFERED,
    });
    expect(await bookOwn(viewer, sessionKey(advocate.id, new Date("2027-03-02T10:15:00Z")), { now: NOW })).toMatchObject({ ok: false, message: NOT_OFFERED });
    expect(await bookOwn(viewer, "not-a-key", { now: NOW })).toEqual({ ok: false, message: NOT_OFFERED });
    expect(await database.prisma.appointment.count({ where: { personId: survivor.id } })).toBe(0);
  });

  it("cancels up to the service's window, then tells the person to contact their worker; rebooks in one step", async () => {
    const advocate = await worker();
    const survivor = await person(await family(), "ADULT_SURVIVOR", advocate);
    const viewer = personViewer(survivor);
    const first = await bookOwn(viewer, sessionKey(advocate.id, tuesday(10)), { now: NOW });
    if (!first.ok) throw new Error(first.message);
    const rebooked = await bookOwn(viewer, sessionKey(advocate.id, tuesday(12)), { now: NOW, replacing: { id: first.appointmentId, version: 0 } });
    if (!rebooked.ok) throw new Error(rebooked.message);
    const rows = await database.prisma.appointment.findMany({
      where: { personId: survivor.id },
      orderBy: { startsAt: "asc" },
      select: { status: true, cancelledBy: true },
    });
    expect(rows).toEqual([
      { status: "CANCELLED", cancelledBy: "person" },
      { status: "BOOKED", cancelledBy: null },
    ]);
    // 11:00 is an hour before the 12:00 session; the window is two hours.
    expect(await cancelOwn(viewer, { id: rebooked.appointmentId, version: 0 }, tuesday(11))).toEqual({ ok: false, message: TOO_LATE_TO_CANCEL });
    expect(await cancelOwn(viewer, { id: rebooked.appointmentId, version: 0 }, NOW)).toEqual({ ok: true });
    // Another person's appointment answers 404.
    const other = await person(await family(), "ADULT_SURVIVOR", advocate);
    await expectNotFound(cancelOwn(personViewer(other), { id: first.appointmentId, version: 1 }, NOW));
  });

  it("lets under-8s never book, and 8–12s only where the service says so", async () => {
    const caseworker = await worker("CHILDRENS_CASEWORKER");
    const f = await family();
    const small = await person(f, "YOUNG_PERSON", caseworker, { dateOfBirth: dateOfBirthForAge(6, NOW) });
    const middle = await person(f, "YOUNG_PERSON", caseworker, { dateOfBirth: dateOfBirthForAge(10, NOW) });
    const teen = await person(f, "YOUNG_PERSON", caseworker, { dateOfBirth: dateOfBirthForAge(15, NOW) });
    expect((await loadOffered(personViewer(small), NOW)).selfBooking).toBe(false);
    expect((await loadOffered(personViewer(middle), NOW)).selfBooking).toBe(false);
    expect((await loadOffered(personViewer(teen), NOW)).selfBooking).toBe(true);
    expect(await bookOwn(personViewer(small), sessionKey(caseworker.id, tuesday(9)), { now: NOW })).toEqual({ ok: false, message: WORKER_BOOKS });
    // The worker books for the under-8.
    expect((await bookForPerson(staffViewer(caseworker), small.id, sessionKey(caseworker.id, tuesday(9)), NOW)).ok).toBe(true);
  });

  it("lets the worker mark a session attended once it has started, refuses a stale mark, and moves one", async () => {
    const advocate = await worker();
    const survivor = await person(await family(), "ADULT_SURVIVOR", advocate);
    const booked = await bookForPerson(staffViewer(advocate), survivor.id, sessionKey(advocate.id, tuesday(9)), NOW);
    if (!booked.ok) throw new Error(booked.message);
    const target = { id: booked.appointmentId, version: 0 };
    expect((await setStatus(staffViewer(advocate), target, "ATTENDED", NOW)).ok).toBe(false);
    const moved = await moveAppointment(staffViewer(advocate), target, sessionKey(advocate.id, tuesday(11)), NOW);
    expect(moved.ok).toBe(true);
    expect(await setStatus(staffViewer(advocate), target, "ATTENDED", tuesday(12))).toMatchObject({ ok: false });
    expect(await setStatus(staffViewer(advocate), { ...target, version: 1 }, "ATTENDED", tuesday(12))).toEqual({ ok: true });
    expect(
      await database.prisma.appointment.findUniqueOrThrow({ where: { id: target.id }, select: { status: true, startsAt: true, statusSetById: true } }),
    ).toEqual({
      status: "ATTENDED",
      startsAt: tuesday(11),
      statusSetById: advocate.id,
    });
    // Another worker: 404.
    await expectNotFound(setStatus(staffViewer(await worker()), { ...target, version: 2 }, "MISSED", tuesday(12)));
  });
});

describe("the database keeps one booking per slot and one place at a time per person", () => {
  it("refuses a second live appointment that overlaps, for one worker and for one person, whatever the code does", async () => {
    const advocate = await worker();
    const f = await family();
    const a = await person(f, "ADULT_SURVIVOR", advocate);
    const b = await person(await family(), "ADULT_SURVIVOR", advocate);
    const row = (personId: string, staffId: string, start: number) => ({
      personId,
      staffId,
      startsAt: tuesday(start),
      endsAt: tuesday(start + 1),
      mode: "PHONE" as const,
    });
    await database.prisma.appointment.create({ data: row(a.id, advocate.id, 10) });
    const refusal = (data: ReturnType<typeof row>) =>
      database.prisma.appointment.create({ data }).then(
        () => null,
        (error: unknown) => exclusionViolation(error),
      );
    expect(await refusal(row(b.id, advocate.id, 10))).toBe("Appointment_no_overlap_for_worker");
    expect(await refusal(row(a.id, (await worker()).id, 10))).toBe("Appointment_no_overlap_for_person");
    // Back to back is fine; so is the same time once the first is cancelled.
    await database.prisma.appointment.create({ data: row(b.id, advocate.id, 11) });
    await database.prisma.appointment.updateMany({ where: { personId: a.id }, data: { status: "CANCELLED", cancelledBy: "person" } });
    await database.prisma.appointment.create({ data: row(b.id, advocate.id, 10) });
  });

  it("gives exactly one of 50 simultaneous bookings of one session, and every other the plain answer", async () => {
    const advocate = await worker();
    const people: Person[] = [];
    for (let i = 0; i < 50; i += 1) people.push(await person(await family(), "ADULT_SURVIVOR", advocate));
    const key = sessionKey(advocate.id, tuesday(10));
    const results = await Promise.all(people.map((p) => bookOwn(personViewer(p), key, { now: NOW })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const losers = results.filter((r) => !r.ok);
    expect(losers).toHaveLength(49);
    for (const loser of losers) expect(loser).toEqual({ ok: false, message: TAKEN, taken: true });
    expect(await database.prisma.appointment.count({ where: { staffId: advocate.id } })).toBe(1);
  }, 120_000);
});

describe("the family rule", () => {
  async function setting() {
    const advocate = await worker();
    const behaviour = await worker("BEHAVIOUR_CHANGE_WORKER");
    // The behaviour-change worker also offers Tuesdays 14:00–16:00 at the other venue.
    await database.prisma.availabilitySlot.create({
      data: { staffId: behaviour.id, startsAt: tuesday(15), endsAt: tuesday(16), mode: "IN_PERSON", venueId: otherVenue.id, venue: "Community hall" },
    });
    const f = await family();
    const survivor = await person(f, "ADULT_SURVIVOR", advocate);
    const harmful = await person(f, "HARMFUL_BEHAVIOUR", behaviour);
    return { advocate, behaviour, survivor, harmful };
  }

  it("hides the colliding sessions from the other adult, whoever books first, and answers a direct try as taken", async () => {
    for (const first of ["survivor", "harmful"] as const) {
      const w = await setting();
      const [booker, bookerWorker, other, otherWorker] =
        first === "survivor" ? [w.survivor, w.advocate, w.harmful, w.behaviour] : [w.harmful, w.behaviour, w.survivor, w.advocate];
      const before = keysOf((await loadOffered(personViewer(other), NOW)).days);
      expect(before).toContain(sessionKey(otherWorker.id, tuesday(12)));
      expect((await bookOwn(personViewer(booker), sessionKey(bookerWorker.id, tuesday(10)), { now: NOW })).ok).toBe(true);
      const after = keysOf((await loadOffered(personViewer(other), NOW)).days);
      // 09:00–13:00 at the same venue is within two hours of 10:00–11:00; nothing else changed.
      expect(before.filter((k) => !after.includes(k))).toEqual([9, 10, 11, 12].map((h) => sessionKey(otherWorker.id, tuesday(h))));
      expect(await bookOwn(personViewer(other), sessionKey(otherWorker.id, tuesday(12)), { now: NOW })).toEqual({ ok: false, message: TAKEN, taken: true });
      // The worker on their behalf: refused, naming no one.
      const refused = await bookForPerson(staffViewer(otherWorker), other.id, sessionKey(otherWorker.id, tuesday(12)), NOW);
      expect(refused).toEqual({ ok: false, message: FAMILY_RULE_FOR_STAFF, taken: false });
      expect(await database.prisma.appointment.count({ where: { personId: other.id } })).toBe(0);
      expect(await database.prisma.auditEvent.count({ where: { subjectPersonId: other.id, action: "appointment.refused-family-rule" } })).toBe(1);
    }
  });

  it("lets two members of one family booking at once both be checked against each other", async () => {
    const w = await setting();
    const results = await Promise.all([
      bookOwn(personViewer(w.survivor), sessionKey(w.advocate.id, tuesday(10)), { now: NOW }),
      bookOwn(personViewer(w.harmful), sessionKey(w.behaviour.id, tuesday(11)), { now: NOW }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await database.prisma.appointment.count({ where: { person: { familyId: w.survivor.familyId } } })).toBe(1);
  });
});

describe("availability", () => {
  it("refuses overlapping weekly times and a one-off session longer than a day in plain words, writing nothing", async () => {
    const advocate = await worker();
    const viewer = staffViewer(advocate);
    const rule = (start: string, end: string) =>
      ruleSchema.parse({ weekday: "2", start, end, sessionMinutes: "60", mode: "IN_PERSON", venueId: venue.id, validFrom: "2027-01-01" });
    // The worker already offers Tuesdays 09:00–13:00 (see `worker`).
    expect(await addRule(viewer, rule("12:00", "14:00"))).toEqual({
      ok: false,
      fields: { form: "This overlaps weekly times you already offer on that day. Change the times or end the other first." },
    });
    expect(await addRule(viewer, rule("13:00", "15:00"))).toEqual({ ok: true });
    const slot = (startsAt: string, endsAt: string) => slotSchema.parse({ startsAt, endsAt, mode: "PHONE" });
    expect(await addSlot(viewer, slot("2027-03-10T09:00", "2027-03-11T10:00"), NOW)).toEqual({
      ok: false,
      fields: { endsAt: "A session is at most a day long" },
    });
    expect(await addSlot(viewer, slot("2027-03-28T01:30", "2027-03-28T02:30"), NOW)).toMatchObject({
      ok: false,
      fields: { startsAt: expect.stringContaining("clocks go forward") },
    });
    expect(ruleSchema.safeParse({ weekday: "9", start: "25:00", end: "x", sessionMinutes: "", mode: "BY_PIGEON", validFrom: "2027-02-30" }).success).toBe(
      false,
    );
    expect(await database.prisma.availabilitySlot.count({ where: { staffId: advocate.id } })).toBe(0);
    expect(await database.prisma.availabilityRule.count({ where: { staffId: advocate.id } })).toBe(2);
  });
});

describe("engagement data", () => {
  it("counts offered, booked, attended, missed and cancelled per worker and person, and referral to first attended, for managers only", async () => {
    const prisma = database.prisma;
    const advocate = await worker();
    const f = await createFamily(prisma, { serviceId, areaId, referralDate: new Date("2027-02-20T00:00:00Z") });
    const a = await person(f, "ADULT_SURVIVOR", advocate);
    const b = await person(await family(), "ADULT_SURVIVOR", advocate);
    const at = (h: number) => ({ startsAt: tuesday(h), endsAt: tuesday(h + 1), staffId: advocate.id, mode: "PHONE" as const });
    await prisma.appointment.createMany({
      data: [
        { ...at(9), personId: a.id, status: "ATTENDED" },
        { ...at(10), personId: a.id, status: "MISSED" },
        { ...at(11), personId: b.id, status: "CANCELLED", cancelledBy: "person" },
        { ...at(12), personId: b.id, status: "BOOKED" },
      ],
    });
    const manager = await createStaff(prisma, { serviceId, role: "MANAGER" });
    const figures = await engagement(staffViewer(manager), { from: "2027-03-01", to: "2027-03-07" });
    // Tuesday 09:00–13:00 in hours: four sessions offered in the week.
    expect(figures.byWorker.find((w) => w.staffId === advocate.id)).toEqual({
      staffId: advocate.id,
      offered: 4,
      booked: 4,
      attended: 1,
      missed: 1,
      cancelled: 1,
    });
    expect(figures.byPerson.find((p) => p.personId === a.id)).toEqual({ personId: a.id, booked: 2, attended: 1, missed: 1, cancelled: 0 });
    expect(figures.referralToFirstAttended.find((r) => r.personId === a.id)).toEqual({ personId: a.id, days: 10 });
    expect((await engagement(staffViewer(manager), { from: "2027-03-08", to: "2027-03-14" })).byPerson.find((p) => p.personId === a.id)).toBeUndefined();
    await expectNotFound(engagement(staffViewer(advocate), { from: "2027-03-01", to: "2027-03-07" }));
  });
});
