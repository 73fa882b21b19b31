/**
 * Service users' notifications against a real SMTP server started here (smtp-server) and a real
 * database: the neutral text only, only inside safe times, never another channel, always recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "~/crypto/sealed.server";
import { setDatabase } from "~/db.server";
import type { ContactChannel } from "~/generated/prisma/client";
import { createArea, createFamily, createPerson, createService } from "../../tests/fixtures/factory";
import { startSmtpForApp, type startSmtp } from "../../tests/support/smtp";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { loadConversationForStaff, sendAsStaff } from "~/messages/messages.server";
import { staffViewer } from "../../tests/support/viewers";
import { APPOINTMENT_UPDATE, NEW_MESSAGE, notifyPerson, useSmsTransport } from "./notifications.server";
import type { SafeWindow } from "./safe-times";

let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let family: Awaited<ReturnType<typeof createFamily>>;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  smtp = await startSmtpForApp();
  const service = await createService(database.prisma, { name: "Riverside Domestic Abuse Service" });
  family = await createFamily(database.prisma, { serviceId: service.id, areaId: (await createArea(database.prisma, { serviceId: service.id })).id });
}, 120_000);

afterAll(async () => {
  useSmsTransport(null);
  await smtp?.close();
  setDatabase(undefined);
  await database?.close();
});

/** Weekdays 10:00–14:00 in the service's zone (London). */
const WEEKDAYS: SafeWindow[] = [{ days: [1, 2, 3, 4, 5], from: 600, to: 840 }];
/** Tuesday 2 June 2026, 11:00 BST: inside. */
const INSIDE = new Date("2026-06-02T10:00:00Z");
/** The same Tuesday, 14:30 BST: outside. */
const OUTSIDE = new Date("2026-06-02T13:30:00Z");

async function personWith(safeChannels: ContactChannel[], windows: SafeWindow[] | null, address: { email?: string; phone?: string }) {
  const person = await createPerson(database.prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Ruth", lastName: "Okafor" });
  const w = windows ? seal(JSON.stringify(windows), "safe-windows") : null;
  await database.prisma.safeContactPreference.create({
    data: {
      personId: person.id,
      safeChannels,
      safeWindowsCipher: w?.cipher ?? null,
      emailCipher: address.email ? seal(address.email, "contact-email").cipher : null,
      phoneCipher: address.phone ? seal(address.phone, "contact-phone").cipher : null,
      keyId: w?.keyId ?? null,
    },
  });
  return person;
}

const recordsOf = (personId: string) =>
  database.prisma.notificationRecord.findMany({ where: { personId }, select: { channel: true, transport: true, outcome: true, reason: true } });

describe("a service user's appointment update", () => {
  it("reaches the real SMTP server inside safe times, saying only that there is an update", async () => {
    smtp.received.length = 0;
    const person = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    expect(await notifyPerson(person.id, "appointment-update", INSIDE)).toMatchObject({ outcome: "SENT", channel: "EMAIL", transport: "smtp" });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["ruth@example.org"]);
    const [headers = "", body = ""] = (mail?.raw ?? "").split(/\r?\n\r?\n/, 2);
    expect(headers).toMatch(new RegExp(`^Subject: ${APPOINTMENT_UPDATE}$`, "m"));
    expect(body.trim()).toBe(APPOINTMENT_UPDATE);
    // Nothing about the service, the person, the place or the time (the Date header is the sending time).
    for (const word of ["Riverside", "Abuse", "Ruth", "Okafor", "Library", "10:00"]) expect(mail?.raw).not.toContain(word);
    expect(await recordsOf(person.id)).toEqual([{ channel: "EMAIL", transport: "smtp", outcome: "SENT", reason: null }]);
  });

  it("is skipped and recorded outside safe times, and when no safe times are given", async () => {
    smtp.received.length = 0;
    const person = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    expect(await notifyPerson(person.id, "appointment-update", OUTSIDE)).toEqual({ outcome: "SKIPPED", reason: "outside-safe-times", channel: "EMAIL" });
    const none = await personWith(["EMAIL"], null, { email: "ruth@example.org" });
    expect(await notifyPerson(none.id, "appointment-update", INSIDE)).toMatchObject({ outcome: "SKIPPED", reason: "no-safe-times" });
    expect(smtp.received).toHaveLength(0);
    expect(await recordsOf(person.id)).toEqual([{ channel: "EMAIL", transport: null, outcome: "SKIPPED", reason: "outside-safe-times" }]);
  });

  it("never falls back: texts chosen first and no text transport means nothing is sent, though e-mail works", async () => {
    smtp.received.length = 0;
    useSmsTransport(null);
    const person = await personWith(["TEXT_MESSAGE", "EMAIL"], WEEKDAYS, { email: "ruth@example.org", phone: "07700900123" });
    expect(await notifyPerson(person.id, "appointment-update", INSIDE)).toEqual({
      outcome: "SKIPPED",
      reason: "channel-not-configured",
      channel: "TEXT_MESSAGE",
    });
    expect(smtp.received).toHaveLength(0);
    // With a text transport plugged in, the same person gets the same neutral text by text.
    const texts: { to: string; text: string }[] = [];
    useSmsTransport({ send: async (to, text) => void texts.push({ to, text }) });
    expect(await notifyPerson(person.id, "appointment-update", INSIDE)).toMatchObject({ outcome: "SENT", channel: "TEXT_MESSAGE" });
    expect(texts).toEqual([{ to: "07700900123", text: APPOINTMENT_UPDATE }]);
    expect(smtp.received).toHaveLength(0);
    useSmsTransport(null);
  });

  it("attaches a neutral calendar file only when the person turned it on, with the address only if they asked", async () => {
    smtp.received.length = 0;
    const venue = await database.prisma.venue.create({
      data: { serviceId: family.serviceId, publicName: "Library, room 2", address: "1 High Street, Riverside" },
    });
    const staff = await database.prisma.staffMember.create({
      data: { serviceId: family.serviceId, displayName: "Dana", email: "dana@service.example", role: "WORKER" },
    });
    const plain = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    const withFile = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    const withAddress = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    await database.prisma.safeContactPreference.update({ where: { personId: withFile.id }, data: { calendarFile: true } });
    await database.prisma.safeContactPreference.update({ where: { personId: withAddress.id }, data: { calendarFile: true, calendarWithAddress: true } });
    for (const [i, p] of [plain, withFile, withAddress].entries()) {
      const startsAt = new Date(Date.UTC(2026, 5, 9, 9 + i));
      const a = await database.prisma.appointment.create({
        data: {
          personId: p.id,
          staffId: staff.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3_600_000),
          mode: "IN_PERSON",
          venueId: venue.id,
          venue: venue.publicName,
        },
      });
      await notifyPerson(p.id, "appointment-update", INSIDE, database.prisma, { appointmentId: a.id });
    }
    // The calendar part as the person's mail program reads it (nodemailer sends it base64-encoded).
    const decoded = (raw: string) => {
      const part = /Content-Type: text\/calendar[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw)?.[1] ?? "";
      return `${raw}\n${Buffer.from(part.replace(/\s+/g, ""), "base64").toString("utf8")}`;
    };
    const [none, file, address] = smtp.received.map((m) => decoded(m.raw));
    expect(none).not.toContain("BEGIN:VCALENDAR");
    expect(file).toContain("SUMMARY:Appointment");
    expect(file).toContain("DTSTART:20260609T100000Z");
    expect(file).not.toContain("LOCATION");
    expect(address).toContain("LOCATION:1 High Street\\, Riverside");
    for (const raw of [file, address]) for (const word of ["Library", "Dana", "Ruth", "Riverside Domestic"]) expect(raw).not.toContain(word);
  });

  it("sends nothing to a person with no safe channel Waypoint can use", async () => {
    const person = await personWith(["PHONE_CALL", "PORTAL_MESSAGE"], WEEKDAYS, { email: "ruth@example.org" });
    expect(await notifyPerson(person.id, "appointment-update", INSIDE)).toEqual({ outcome: "SKIPPED", reason: "no-safe-channel", channel: null });
  });
});

describe("a service user's new message (issue 11)", () => {
  it('a worker\'s message sends only "You have a new message" inside safe times, and nothing outside them; the worker sees which', async () => {
    smtp.received.length = 0;
    const worker = await database.prisma.staffMember.create({
      data: {
        serviceId: family.serviceId,
        displayName: "Dana Advocate",
        email: "dana.m@service.example",
        role: "WORKER",
        specialism: "ADULT_SURVIVOR_ADVOCATE",
      },
    });
    const person = await personWith(["EMAIL"], WEEKDAYS, { email: "ruth@example.org" });
    await database.prisma.allocation.create({ data: { personId: person.id, staffId: worker.id } });
    const viewer = staffViewer(worker);
    const secret = "Your appointment has moved to the library on Friday";
    const inside = await sendAsStaff(viewer, person.id, secret, INSIDE);
    expect(inside).toMatchObject({ ok: true, notification: { outcome: "SENT", channel: "EMAIL", transport: "smtp" } });
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]?.raw ?? "";
    const [headers = "", body = ""] = raw.split(/\r?\n\r?\n/, 2);
    expect(headers).toMatch(new RegExp(`^Subject: ${NEW_MESSAGE}$`, "m"));
    expect(body.trim()).toBe(NEW_MESSAGE);
    for (const word of ["library", "Friday", "moved", "Dana", "Ruth", "Riverside", "Abuse"]) expect(raw).not.toContain(word);

    const outside = await sendAsStaff(viewer, person.id, "Please call me when it is safe", OUTSIDE);
    expect(outside).toMatchObject({ ok: true, notification: { outcome: "SKIPPED", reason: "outside-safe-times" } });
    expect(smtp.received).toHaveLength(1);
    const shown = await loadConversationForStaff(viewer, person.id, OUTSIDE);
    expect(shown.messages.map((m) => m.notification)).toEqual([
      { sent: true, channel: "EMAIL" },
      { sent: false, reason: "outside-safe-times" },
    ]);
  });
});
