/**
 * Appointment reminders against a real database (PGlite by default; PostgreSQL with
 * TEST_DATABASE_URL) and a real SMTP server started here (smtp-server). One world built once; a
 * run looks at every service, so each test keeps to a week of its own (March 2027, GMT) and runs
 * at a moment whose lead window holds only that week's appointments.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "~/crypto/sealed.server";
import { setDatabase } from "~/db.server";
import type { Family, Person, StaffMember } from "~/generated/prisma/client";
import { parseForm } from "~/forms/parse";
import { APPOINTMENT_UPDATE } from "~/notifications/notifications.server";
import type { SafeWindow } from "~/notifications/safe-times";
import { allocate, createArea, createFamily, createPerson, createService, createStaff } from "../../tests/fixtures/factory";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { tuesdayMornings } from "../../tests/support/worlds";
import { startSmtpForApp, type startSmtp } from "../../tests/support/smtp";
import { staffViewer } from "../../tests/support/viewers";
import { moveAppointment } from "./booking.server";
import { sendDueReminders } from "./reminders.server";
import { sessionKey } from "./slots";
import { bookingSettingsSchema } from "./venues.server";

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let serviceId: string;
let quietServiceId: string;
let family: Family;
let quietFamily: Family;
let venueId: string;

const ALWAYS: SafeWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 }];
/** Weekdays 10:00–14:00 in the service's zone (London; GMT in March 2027 before the 28th). */
const WEEKDAYS: SafeWindow[] = [{ days: [1, 2, 3, 4, 5], from: 600, to: 840 }];
const HOUR = 3_600_000;
/** A March 2027 day at an hour (GMT, so London and UTC agree). */
const march = (day: number, hour: number) => new Date(Date.UTC(2027, 2, day, hour));

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  smtp = await startSmtpForApp();
  const prisma = database.prisma;
  // The default lead time (a day) is what these tests rely on.
  const service = await createService(prisma, { name: "Riverside Domestic Abuse Service" });
  serviceId = service.id;
  family = await createFamily(prisma, { serviceId, areaId: (await createArea(prisma, { serviceId })).id });
  venueId = (await prisma.venue.create({ data: { serviceId, publicName: "Library, room 2", address: "1 High Street" } })).id;
  const quiet = await createService(prisma, { name: "Quiet service", reminderLeadMinutes: 0 });
  quietServiceId = quiet.id;
  quietFamily = await createFamily(prisma, { serviceId: quietServiceId, areaId: (await createArea(prisma, { serviceId: quietServiceId })).id });
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  setDatabase(undefined);
  await database?.close();
});

/** A worker with Tuesday sessions 09:00–13:00 at the venue, so appointments can be moved between them. */
async function worker(inService = serviceId): Promise<StaffMember> {
  const staff = await createStaff(database.prisma, { serviceId: inService, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  if (inService === serviceId) await tuesdayMornings(database.prisma, staff.id, venueId);
  return staff;
}

/** A survivor allocated to `staff`, who chose e-mail as safe, with the given safe times. */
async function survivor(staff: StaffMember, email: string, windows: SafeWindow[] = ALWAYS, inFamily: Family = family): Promise<Person> {
  const person = await createPerson(database.prisma, { family: inFamily, kind: "ADULT_SURVIVOR", firstName: "Ruth", lastName: "Okafor" });
  await allocate(database.prisma, { personId: person.id, staffId: staff.id });
  const w = seal(JSON.stringify(windows), "safe-windows");
  await database.prisma.safeContactPreference.create({
    data: { personId: person.id, safeChannels: ["EMAIL"], safeWindowsCipher: w.cipher, emailCipher: seal(email, "contact-email").cipher, keyId: w.keyId },
  });
  return person;
}

async function appointment(person: Person, staff: StaffMember, startsAt: Date, status: "BOOKED" | "CANCELLED" = "BOOKED") {
  return database.prisma.appointment.create({
    data: {
      personId: person.id,
      staffId: staff.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      mode: "IN_PERSON",
      venueId: staff.serviceId === serviceId ? venueId : null,
      venue: "Library, room 2",
      status,
      ...(status === "CANCELLED" ? { cancelledBy: "worker", cancelledAt: startsAt } : {}),
    },
  });
}

const reminders = (personId: string) =>
  database.prisma.notificationRecord.findMany({
    where: { personId, template: "appointment-reminder" },
    orderBy: { createdAt: "asc" },
    select: { channel: true, outcome: true, reason: true },
  });

describe("appointment reminders", () => {
  it("sends a due appointment's person one reminder, with the neutral text only, and nothing for the not yet due, the past, the cancelled, or a service that turned them off", async () => {
    smtp.received.length = 0;
    const now = march(1, 8);
    const staff = await worker();
    const due = await survivor(staff, "due@example.org");
    const later = await survivor(staff, "later@example.org");
    const past = await survivor(staff, "past@example.org");
    const cancelled = await survivor(staff, "cancelled@example.org");
    const quietStaff = await worker(quietServiceId);
    const quiet = await survivor(quietStaff, "quiet@example.org", ALWAYS, quietFamily);
    await appointment(due, staff, march(1, 11));
    await appointment(later, staff, march(2, 12)); // 28 hours ahead: outside the day's lead
    await appointment(past, staff, march(1, 6));
    await appointment(cancelled, staff, march(1, 14), "CANCELLED");
    await appointment(quiet, quietStaff, march(1, 11));

    expect(await sendDueReminders(now)).toEqual({ claimed: 1, sent: 1, skipped: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["due@example.org"]]);
    const [headers = "", body = ""] = (smtp.received[0]?.raw ?? "").split(/\r?\n\r?\n/, 2);
    expect(headers).toMatch(new RegExp(`^Subject: ${APPOINTMENT_UPDATE}$`, "m"));
    expect(body.trim()).toBe(APPOINTMENT_UPDATE);
    for (const word of ["Riverside", "Abuse", "Ruth", "Okafor", "Library", "11:00", "remind"]) expect(smtp.received[0]?.raw).not.toContain(word);
    expect(await reminders(due.id)).toEqual([{ channel: "EMAIL", outcome: "SENT", reason: null }]);

    // A second run (another server, the next interval) sends nothing more.
    expect(await sendDueReminders(new Date(now.getTime() + 10 * 60_000))).toEqual({ claimed: 0, sent: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(1);
    for (const p of [later, past, cancelled, quiet]) expect(await reminders(p.id)).toEqual([]);

    // Once the later one comes within the lead time, it is reminded in its turn.
    expect(await sendDueReminders(march(1, 13))).toEqual({ claimed: 1, sent: 1, skipped: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["due@example.org"], ["later@example.org"]]);
  });

  it("sends once when two runs go at the same moment", async () => {
    smtp.received.length = 0;
    const staff = await worker();
    const people = await Promise.all([0, 1, 2, 3, 4].map((i) => survivor(staff, `p${i}@example.org`)));
    for (const [i, p] of people.entries()) await appointment(p, staff, march(8, 10 + i));
    const runs = await Promise.all([sendDueReminders(march(8, 8)), sendDueReminders(march(8, 8))]);
    expect(runs.reduce((n, r) => n + r.claimed, 0)).toBe(5);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(5);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(people.map((_, i) => `p${i}@example.org`));
    for (const p of people) expect(await reminders(p.id)).toHaveLength(1);
  });

  it("reminds again for the new time when the worker moves an appointment", async () => {
    smtp.received.length = 0;
    const staff = await worker();
    const person = await survivor(staff, "moved@example.org");
    const booked = await appointment(person, staff, march(16, 9));
    expect(await sendDueReminders(march(15, 10))).toMatchObject({ claimed: 1, sent: 1 });
    const moved = await moveAppointment(staffViewer(staff), { id: booked.id, version: booked.version }, sessionKey(staff.id, march(16, 12)), march(15, 11));
    expect(moved.ok).toBe(true);
    // The new time (Tuesday 12:00) comes within the day's lead at Monday 12:00.
    expect(await sendDueReminders(march(15, 13))).toMatchObject({ claimed: 1, sent: 1 });
    expect(await sendDueReminders(march(15, 14))).toMatchObject({ claimed: 0 });
    expect(await reminders(person.id)).toHaveLength(2);
    // The reminder, the move's update, the second reminder: each the same neutral words.
    expect(smtp.received).toHaveLength(3);
  });

  it("records a reminder due outside the person's safe times as skipped, and does not try it again", async () => {
    smtp.received.length = 0;
    const staff = await worker();
    const person = await survivor(staff, "weekdays@example.org", WEEKDAYS);
    await appointment(person, staff, march(23, 9));
    // Monday 22 March, 16:00: after their weekday window.
    expect(await sendDueReminders(march(22, 16))).toEqual({ claimed: 1, sent: 0, skipped: 1 });
    expect(await reminders(person.id)).toEqual([{ channel: "EMAIL", outcome: "SKIPPED", reason: "outside-safe-times" }]);
    // Tuesday 08:00 is outside too, and the claim stands: no second attempt, no second record.
    expect(await sendDueReminders(march(23, 8))).toEqual({ claimed: 0, sent: 0, skipped: 0 });
    expect(await reminders(person.id)).toHaveLength(1);
    expect(smtp.received).toHaveLength(0);
  });

  it("takes a lead time from 0 (off) to a week, refused otherwise by the form and by the database", async () => {
    const settings = (reminderLeadMinutes: string) =>
      parseForm(bookingSettingsSchema, { familyBufferMinutes: "120", cancelWindowMinutes: "120", bookingHorizonDays: "28", reminderLeadMinutes, version: "0" });
    expect(settings("0")).toMatchObject({ ok: true, data: { reminderLeadMinutes: 0 } });
    expect(settings("10080")).toMatchObject({ ok: true, data: { reminderLeadMinutes: 10080 } });
    for (const bad of ["-1", "10081", "a day", ""])
      expect(settings(bad)).toMatchObject({ ok: false, fields: { reminderLeadMinutes: expect.stringMatching(/reminded/) } });
    await expect(database.prisma.service.update({ where: { id: quietServiceId }, data: { reminderLeadMinutes: 10081 } })).rejects.toThrow();
  });
});
