import { recordAudit } from "~/audit/audit.server";
import type { PersonViewer, StaffViewer } from "~/auth/session.server";
import { findPersonForStaff } from "~/auth/policy.server";
import { exclusionViolation } from "~/db/conflicts.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { notifyPerson } from "~/notifications/notifications.server";
import { localDateOf, type LocalDate } from "~/time/calendar";
import {
  appointmentBasics,
  appointmentBasicsSelect,
  bookingSettings,
  lockFamily,
  offeredTo,
  selfBooking,
  whyNot,
  type AppointmentBasics,
  type Booker,
  type BookingSettings,
} from "./sessions.server";
import { parseSessionKey, type Session } from "./slots";
import { FAMILY_RULE_FOR_STAFF, NOT_OFFERED, REFUSAL_WORDS, TAKEN, TOO_LATE_TO_CANCEL, WORKER_BOOKS, YOURS } from "./words";

export { FAMILY_RULE_FOR_STAFF, NOT_OFFERED, TAKEN, TOO_LATE_TO_CANCEL, WORKER_BOOKS, YOURS };

/**
 * Booking, for the person and for staff booking on their behalf (docs/decisions/034-booking.md).
 *
 * Every write runs in one transaction that first locks the person's family row (the family rule is
 * then checked against everything committed) and relies on the database for the rest: the
 * exclusion constraints refuse a worker or a person two overlapping live appointments, so the loser
 * of a race for one session gets `TAKEN` and nothing is written for them.
 *
 * Every query of a person's is scoped by their own id; an appointment that is not theirs answers
 * 404 like one that does not exist.
 */

/** A free session as a page shows it. Times as ISO instants; the page formats them in the service's zone. */
export type OfferedSession = { key: string; startsAt: string; endsAt: string; mode: Session["mode"]; place: string | null; with: string };

/** Free sessions grouped by local day, soonest first. */
export type OfferedDays = { day: LocalDate; sessions: OfferedSession[] }[];

type Outcome = { ok: true; appointmentId: string } | { ok: false; message: string; taken?: boolean };

type Client = Prisma.TransactionClient;

/**
 * How long a booking's transaction may wait for a connection and run. Bookings of one family queue
 * on the family's row lock and, at busy times, for the pool's connections; Prisma's defaults (2 s to
 * start, 5 s to run) turned that queue into errors under 20 clients at once (`npm run bench`), so a
 * busy moment is waited out instead of answered with a 500.
 */
const BOOKING_TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

function inBookingTransaction<T>(work: (tx: Client) => Promise<T>): Promise<T> {
  return db().$transaction(work, BOOKING_TRANSACTION);
}

function byKey(key: string) {
  return parseSessionKey(key);
}

async function personBooker(client: Client, personId: string): Promise<Booker & { serviceId: string }> {
  const p = await client.person.findUnique({ where: { id: personId }, select: { id: true, familyId: true, kind: true, dateOfBirth: true, serviceId: true } });
  if (!p) throw new Response("Not found", { status: 404 });
  return p;
}

/** The workers a person is allocated to now, with their names. */
async function allocatedWorkers(client: Client, personId: string) {
  const rows = await client.allocation.findMany({
    where: { personId, endedAt: null, staff: { deactivatedAt: null } },
    select: { staff: { select: { id: true, displayName: true } } },
  });
  return new Map(rows.map((r) => [r.staff.id, r.staff.displayName]));
}

/** The public names of a service's venues (archived ones too: a rule made earlier may still name one). */
async function venueNames(client: Client, serviceId: string) {
  const rows = await client.venue.findMany({ where: { serviceId }, select: { id: true, publicName: true } });
  return new Map(rows.map((v) => [v.id, v.publicName]));
}

/** Sessions as a page shows them, grouped by local day in `zone`; `venues` from `venueNames`. */
function present(sessions: readonly Session[], workers: ReadonlyMap<string, string>, zone: string, venues: ReadonlyMap<string, string>): OfferedDays {
  const days: OfferedDays = [];
  for (const s of sessions) {
    const day = localDateOf(s.startsAt, zone);
    const shown: OfferedSession = {
      key: s.key,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      mode: s.mode,
      place: s.mode === "IN_PERSON" ? ((s.venueId ? venues.get(s.venueId) : null) ?? s.venueName) : null,
      with: workers.get(s.staffId) ?? "",
    };
    const last = days[days.length - 1];
    if (last?.day === day) last.sessions.push(shown);
    else days.push({ day, sessions: [shown] });
  }
  return days;
}

// ───────────────────────────── The person ─────────────────────────────

/**
 * The booking page of a signed-in person: whether they book themselves, and the free sessions of
 * their allocated workers from now to the service's horizon, grouped by day. `limit` caps how many
 * sessions are listed (the soonest).
 */
export async function loadOffered(viewer: PersonViewer, now: Date = new Date(), limit = 60) {
  const client = db();
  // Independent look-ups at once: the page's time is mostly round trips (npm run bench).
  const [person, settings, workers, venues] = await Promise.all([
    personBooker(client, viewer.person.id),
    bookingSettings(client, viewer.person.serviceId),
    allocatedWorkers(client, viewer.person.id),
    venueNames(client, viewer.person.serviceId),
  ]);
  if (selfBooking(person, settings, now) !== "yes") return { selfBooking: false as const, days: [] };
  const to = new Date(now.getTime() + settings.bookingHorizonDays * 86_400_000);
  const sessions = (await offeredTo(client, person, [...workers.keys()], settings, now, to)).slice(0, limit);
  return { selfBooking: true as const, days: present(sessions, workers, settings.zone, venues) };
}

/** One free session offered to the person, for the confirmation step; null when it is not offered. */
export async function loadOfferedSession(viewer: PersonViewer, key: string, now: Date = new Date()): Promise<OfferedSession | null> {
  const parsed = byKey(key);
  if (!parsed) return null;
  const client = db();
  const person = await personBooker(client, viewer.person.id);
  const settings = await bookingSettings(client, person.serviceId);
  if (selfBooking(person, settings, now) !== "yes") return null;
  const workers = await allocatedWorkers(client, person.id);
  if (!workers.has(parsed.staffId)) return null;
  const check = await whyNot(client, person, parsed.staffId, parsed.startsAt, settings, now);
  if (!check.ok) return null;
  const [day] = present([check.session], workers, settings.zone, await venueNames(client, person.serviceId));
  return day?.sessions[0] ?? null;
}

/**
 * Books the session `key` for the signed-in person; with `replacing`, cancels that appointment of
 * theirs in the same transaction (rebooking), so they never hold both nor lose the old one alone.
 * Returns the new appointment's id, or a message (`taken: true` when someone else has it).
 */
export async function bookOwn(viewer: PersonViewer, key: string, options: { now?: Date; replacing?: { id: string; version: number } } = {}): Promise<Outcome> {
  const now = options.now ?? new Date();
  const parsed = byKey(key);
  if (!parsed) return { ok: false, message: NOT_OFFERED };
  try {
    return await inBookingTransaction(async (tx) => {
      const person = await personBooker(tx, viewer.person.id);
      const settings = await bookingSettings(tx, person.serviceId);
      if (selfBooking(person, settings, now) !== "yes") return { ok: false, message: WORKER_BOOKS };
      const workers = await allocatedWorkers(tx, person.id);
      if (!workers.has(parsed.staffId)) return { ok: false, message: NOT_OFFERED };
      await lockFamily(tx, person.familyId);
      if (options.replacing) {
        const cancelled = await cancelInside(tx, person.id, options.replacing, settings, now, "person");
        if (!cancelled.ok) return cancelled;
      }
      const check = await whyNot(tx, person, parsed.staffId, parsed.startsAt, settings, now);
      if (!check.ok) {
        if (options.replacing) throw new Refused(REFUSAL_WORDS.person[check.reason], check.reason === "taken" || check.reason === "family");
        return { ok: false, message: REFUSAL_WORDS.person[check.reason], taken: check.reason === "taken" || check.reason === "family" };
      }
      const id = await insertAppointment(tx, person.id, check.session, null);
      await recordAudit(
        {
          actor: { personId: person.id },
          subjectPersonId: person.id,
          action: "appointment.book",
          reasonCode: "booking",
          detail: { appointmentId: id, rebooked: options.replacing?.id ?? null },
        },
        tx,
      );
      return { ok: true, appointmentId: id };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, message: error.message, taken: error.taken };
    if (exclusionViolation(error) !== null) return { ok: false, message: TAKEN, taken: true };
    throw error;
  }
}

/** Thrown inside a transaction to roll back a half-done rebooking with a message for the person. */
class Refused extends Error {
  constructor(
    message: string,
    readonly taken: boolean,
  ) {
    super(message);
    this.name = "Refused";
  }
}

async function insertAppointment(tx: Client, personId: string, session: Session, bookedById: string | null): Promise<string> {
  const venue = session.venueId ? await tx.venue.findUnique({ where: { id: session.venueId }, select: { publicName: true } }) : null;
  const row = await tx.appointment.create({
    data: {
      personId,
      staffId: session.staffId,
      slotId: session.slotId,
      ruleId: session.ruleId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      mode: session.mode,
      venueId: session.venueId,
      venue: venue?.publicName ?? session.venueName,
      bookedById,
    },
    select: { id: true },
  });
  return row.id;
}

/** Whether the person may still cancel online: until the service's window before the start. */
export function canCancelOnline(startsAt: Date, settings: Pick<BookingSettings, "cancelWindowMinutes">, now: Date): boolean {
  return startsAt.getTime() - now.getTime() >= settings.cancelWindowMinutes * 60_000;
}

async function cancelInside(
  tx: Client,
  personId: string,
  target: { id: string; version: number },
  settings: BookingSettings,
  now: Date,
  by: "person" | "worker",
  staffId?: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const current = await tx.appointment.findFirst({ where: { id: target.id, personId }, select: { status: true, startsAt: true, version: true } });
  if (!current) throw new Response("Not found", { status: 404 });
  if (current.status !== "BOOKED") return { ok: false, message: "This appointment is no longer booked." };
  if (by === "person" && !canCancelOnline(current.startsAt, settings, now)) return { ok: false, message: TOO_LATE_TO_CANCEL };
  const { count } = await tx.appointment.updateMany({
    where: { id: target.id, personId, status: "BOOKED", version: target.version },
    data: {
      status: "CANCELLED",
      cancelledBy: by,
      cancelledAt: now,
      version: { increment: 1 },
      ...(staffId ? { statusSetById: staffId, statusSetAt: now } : {}),
    },
  });
  if (count === 0) return { ok: false, message: "This appointment was changed after you opened the page. Open it again to see it now." };
  return { ok: true };
}

/** Cancels one of the signed-in person's own appointments. @throws Response 404 for an id not theirs. */
export async function cancelOwn(
  viewer: PersonViewer,
  target: { id: string; version: number },
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  return inBookingTransaction(async (tx) => {
    const person = await personBooker(tx, viewer.person.id);
    const settings = await bookingSettings(tx, person.serviceId);
    const result = await cancelInside(tx, person.id, target, settings, now, "person");
    if (result.ok) {
      await recordAudit(
        {
          actor: { personId: person.id },
          subjectPersonId: person.id,
          action: "appointment.cancel",
          reasonCode: "booking",
          detail: { appointmentId: target.id },
        },
        tx,
      );
    }
    return result;
  });
}

/** What a person sees of an appointment of theirs. */
export type OwnAppointment = AppointmentBasics & {
  /** Only for a live in-person appointment at a venue whose address may be shown. */
  address: string | null;
  with: string;
  canCancel: boolean;
};

const ownSelect = {
  ...appointmentBasicsSelect,
  staff: { select: { displayName: true } },
  venueRef: { select: { address: true, showAddress: true } },
} satisfies Prisma.AppointmentSelect;

function ownView(a: Prisma.AppointmentGetPayload<{ select: typeof ownSelect }>, settings: BookingSettings, now: Date): OwnAppointment {
  const live = a.status === "BOOKED";
  return {
    ...appointmentBasics(a),
    address: live && a.mode === "IN_PERSON" && a.venueRef?.showAddress ? a.venueRef.address : null,
    with: a.staff.displayName,
    canCancel: live && canCancelOnline(a.startsAt, settings, now),
  };
}

/** The person's own appointments: upcoming (booked, soonest first) and the last few past or cancelled. */
export async function loadOwnAppointments(viewer: PersonViewer, now: Date = new Date()) {
  const client = db();
  const settings = await bookingSettings(client, viewer.person.serviceId);
  const [upcoming, earlier] = await Promise.all([
    client.appointment.findMany({
      where: { personId: viewer.person.id, status: "BOOKED", endsAt: { gt: now } },
      orderBy: { startsAt: "asc" },
      select: ownSelect,
    }),
    client.appointment.findMany({
      where: { personId: viewer.person.id, OR: [{ status: { not: "BOOKED" } }, { endsAt: { lte: now } }] },
      orderBy: { startsAt: "desc" },
      take: 10,
      select: ownSelect,
    }),
  ]);
  return { upcoming: upcoming.map((a) => ownView(a, settings, now)), earlier: earlier.map((a) => ownView(a, settings, now)) };
}

/** One appointment of the person's. @throws Response 404 when it is not theirs. */
export async function loadOwnAppointment(viewer: PersonViewer, id: string, now: Date = new Date()): Promise<OwnAppointment> {
  const client = db();
  const row = await client.appointment.findFirst({ where: { id, personId: viewer.person.id }, select: ownSelect });
  if (!row) throw new Response("Not found", { status: 404 });
  return ownView(row, await bookingSettings(client, viewer.person.serviceId), now);
}

// ───────────────────────────── Staff ─────────────────────────────

/** Sessions a worker may book `personId` into: their own free sessions that the person is offered. */
export async function loadOfferedForStaff(viewer: StaffViewer, personId: string, now: Date = new Date()) {
  const person = await findPersonForStaff(viewer, personId);
  const client = db();
  const booker = await personBooker(client, person.id);
  const settings = await bookingSettings(client, viewer.staff.serviceId);
  const to = new Date(now.getTime() + settings.bookingHorizonDays * 86_400_000);
  const sessions = await offeredTo(client, booker, [viewer.staff.id], settings, now, to, { familyRule: false });
  return {
    person: { id: person.id, name: `${person.firstName} ${person.lastName}` },
    days: present(
      sessions.slice(0, 80),
      new Map([[viewer.staff.id, viewer.staff.displayName]]),
      settings.zone,
      await venueNames(client, viewer.staff.serviceId),
    ),
  };
}

/**
 * A worker books one of their own sessions for a person they may see. The family rule refuses with a
 * plain reason and writes an audit row (for staff review) naming no one else. @throws Response 404
 * for a person the worker may not see.
 */
export async function bookForPerson(viewer: StaffViewer, personId: string, key: string, now: Date = new Date()): Promise<Outcome> {
  const person = await findPersonForStaff(viewer, personId);
  const parsed = byKey(key);
  if (!parsed || parsed.staffId !== viewer.staff.id) return { ok: false, message: NOT_OFFERED };
  let refusedByFamilyRule = false;
  try {
    const outcome = await inBookingTransaction(async (tx): Promise<Outcome> => {
      const booker = await personBooker(tx, person.id);
      const settings = await bookingSettings(tx, viewer.staff.serviceId);
      await lockFamily(tx, booker.familyId);
      const check = await whyNot(tx, booker, parsed.staffId, parsed.startsAt, settings, now);
      if (!check.ok) {
        refusedByFamilyRule = check.reason === "family";
        return { ok: false, message: REFUSAL_WORDS.staff[check.reason], taken: check.reason === "taken" };
      }
      const id = await insertAppointment(tx, booker.id, check.session, viewer.staff.id);
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, subjectPersonId: booker.id, action: "appointment.book", reasonCode: "booking", detail: { appointmentId: id } },
        tx,
      );
      return { ok: true, appointmentId: id };
    });
    if (refusedByFamilyRule) {
      await recordAudit({
        actor: { staffId: viewer.staff.id },
        subjectPersonId: person.id,
        action: "appointment.refused-family-rule",
        reasonCode: "booking",
        detail: { startsAt: parsed.startsAt.toISOString() },
      });
    }
    if (outcome.ok) await notifyPerson(person.id, "appointment-update", now, db(), { appointmentId: outcome.appointmentId });
    return outcome;
  } catch (error) {
    if (exclusionViolation(error) !== null) return { ok: false, message: TAKEN, taken: true };
    throw error;
  }
}

/** An appointment the worker may change: one with them, of a person they may see. @throws Response 404 otherwise. */
async function workerAppointment(client: Client, viewer: StaffViewer, id: string) {
  const row = await client.appointment.findFirst({
    where: { id, staffId: viewer.staff.id, person: { serviceId: viewer.staff.serviceId } },
    select: { id: true, personId: true, status: true, startsAt: true, version: true },
  });
  if (!row) throw new Response("Not found", { status: 404 });
  await findPersonForStaff(viewer, row.personId);
  return row;
}

/**
 * Sets an appointment's status as its worker: attended or missed (only once it has started), or
 * cancelled (by the worker). Refused as stale unless `version` is the one the page was drawn from.
 */
export async function setStatus(
  viewer: StaffViewer,
  target: { id: string; version: number },
  status: "ATTENDED" | "MISSED" | "CANCELLED",
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; message: string }> {
  const current = await workerAppointment(db(), viewer, target.id);
  if (status !== "CANCELLED" && current.startsAt > now) return { ok: false, message: "A session can be marked attended or missed once it has started." };
  if (status === "CANCELLED" && current.status !== "BOOKED") return { ok: false, message: "Only a booked session can be cancelled." };
  const result = await inBookingTransaction(async (tx) => {
    const { count } = await tx.appointment.updateMany({
      where: { id: target.id, staffId: viewer.staff.id, version: target.version, status: status === "CANCELLED" ? "BOOKED" : { not: "CANCELLED" } },
      data: {
        status,
        version: { increment: 1 },
        statusSetById: viewer.staff.id,
        statusSetAt: now,
        ...(status === "CANCELLED" ? { cancelledBy: "worker", cancelledAt: now } : {}),
      },
    });
    if (count === 0) return { ok: false as const, message: "This session was changed after you opened the page. Open it again to see it now." };
    await recordAudit(
      {
        actor: { staffId: viewer.staff.id },
        subjectPersonId: current.personId,
        action: status === "CANCELLED" ? "appointment.cancel" : "appointment.status",
        reasonCode: "booking",
        detail: { appointmentId: target.id, status },
      },
      tx,
    );
    return { ok: true as const };
  });
  if (result.ok && status === "CANCELLED") await notifyPerson(current.personId, "appointment-update", now);
  return result;
}

/**
 * Moves an appointment to another of the worker's sessions, under the same rules as a booking
 * (family lock and rule, the database's overlap constraints). @throws Response 404 for an
 * appointment that is not the worker's.
 */
export async function moveAppointment(viewer: StaffViewer, target: { id: string; version: number }, key: string, now: Date = new Date()): Promise<Outcome> {
  const current = await workerAppointment(db(), viewer, target.id);
  const parsed = byKey(key);
  if (!parsed || parsed.staffId !== viewer.staff.id) return { ok: false, message: NOT_OFFERED };
  if (current.status !== "BOOKED") return { ok: false, message: "Only a booked session can be moved." };
  let refusedByFamilyRule = false;
  try {
    const outcome = await inBookingTransaction(async (tx): Promise<Outcome> => {
      const booker = await personBooker(tx, current.personId);
      const settings = await bookingSettings(tx, viewer.staff.serviceId);
      await lockFamily(tx, booker.familyId);
      // Out of the way first, so the new time is checked as if the old one were free.
      const { count } = await tx.appointment.updateMany({
        where: { id: target.id, status: "BOOKED", version: target.version },
        data: { status: "CANCELLED", cancelledBy: "worker", cancelledAt: now },
      });
      if (count === 0) return { ok: false, message: "This session was changed after you opened the page. Open it again to see it now." };
      const check = await whyNot(tx, booker, parsed.staffId, parsed.startsAt, settings, now);
      if (!check.ok) {
        refusedByFamilyRule = check.reason === "family";
        throw new Refused(REFUSAL_WORDS.staff[check.reason], check.reason === "taken");
      }
      const venue = check.session.venueId ? await tx.venue.findUnique({ where: { id: check.session.venueId }, select: { publicName: true } }) : null;
      await tx.appointment.update({
        where: { id: target.id },
        data: {
          status: "BOOKED",
          cancelledBy: null,
          cancelledAt: null,
          startsAt: check.session.startsAt,
          endsAt: check.session.endsAt,
          mode: check.session.mode,
          venueId: check.session.venueId,
          venue: venue?.publicName ?? check.session.venueName,
          slotId: check.session.slotId,
          ruleId: check.session.ruleId,
          statusSetById: viewer.staff.id,
          statusSetAt: now,
          // A new time earns its own reminder (app/booking/reminders.server.ts).
          reminderClaimedAt: null,
          version: { increment: 1 },
        },
      });
      await recordAudit(
        {
          actor: { staffId: viewer.staff.id },
          subjectPersonId: booker.id,
          action: "appointment.move",
          reasonCode: "booking",
          detail: { appointmentId: target.id },
        },
        tx,
      );
      return { ok: true, appointmentId: target.id };
    });
    if (outcome.ok) await notifyPerson(current.personId, "appointment-update", now, db(), { appointmentId: target.id });
    return outcome;
  } catch (error) {
    if (error instanceof Refused) {
      if (refusedByFamilyRule) {
        await recordAudit({
          actor: { staffId: viewer.staff.id },
          subjectPersonId: current.personId,
          action: "appointment.refused-family-rule",
          reasonCode: "booking",
          detail: { appointmentId: target.id },
        });
      }
      return { ok: false, message: error.message, taken: error.taken };
    }
    if (exclusionViolation(error) !== null) return { ok: false, message: TAKEN, taken: true };
    throw error;
  }
}

/**
 * A person's appointments as their worker sees them (upcoming first), with the notifications sent
 * or skipped about them. @throws Response 404 for a person the worker may not see.
 */
export async function loadPersonAppointmentsForStaff(viewer: StaffViewer, personId: string, now: Date = new Date()) {
  const person = await findPersonForStaff(viewer, personId);
  const client = db();
  const [appointments, notifications] = await Promise.all([
    client.appointment.findMany({
      where: { personId: person.id, endsAt: { gt: new Date(now.getTime() - 30 * 86_400_000) } },
      orderBy: { startsAt: "asc" },
      take: 40,
      select: { ...appointmentBasicsSelect, staffId: true, staff: { select: { displayName: true } } },
    }),
    client.notificationRecord.findMany({
      // Appointment updates and reminders only: a message's notification is shown under the message.
      where: { personId: person.id, template: { in: ["appointment-update", "appointment-reminder"] } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, createdAt: true, channel: true, outcome: true, reason: true },
    }),
  ]);
  return {
    appointments: appointments.map((a) => ({
      ...appointmentBasics(a),
      with: a.staff.displayName,
      mine: a.staffId === viewer.staff.id,
    })),
    notifications: notifications.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
  };
}
