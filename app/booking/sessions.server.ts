import type { AppointmentStatus, Prisma, PersonKind } from "~/generated/prisma/client";
import { ageBand } from "~/age-bands/age-band";
import { zoneOrDefault } from "~/time/service-zone.server";
import { byStaff, freeSessions, overlaps, sessionsBetween, type Session, type Span } from "./slots";

/**
 * What a person may be offered, worked out on the server from a worker's rules, one-off slots,
 * exceptions and live appointments, and the family rule (docs/decisions/034-booking.md). Used by
 * the person's list of free times, by booking (inside the booking's transaction, after the family
 * row is locked), and by staff booking on someone's behalf.
 *
 * Every function takes the client to run on: the plain client for a page, the transaction `tx`
 * for a booking (PGlite deadlocks if the main client is used inside a transaction).
 */

type Client = Prisma.TransactionClient;

/** A service's booking settings with its zone resolved. */
export type BookingSettings = {
  zone: string;
  /** Minutes either side of a kept-apart family member's in-person session at the same venue. */
  familyBufferMinutes: number;
  cancelWindowMinutes: number;
  bookingHorizonDays: number;
  selfBooking8to12: boolean;
  selfBooking13to17: boolean;
  familyRuleForYoungPeople: boolean;
};

/** A service's columns that decide who may book what (the rest of `BookingSettings`, but the zone). */
export const bookingRuleSelect = {
  familyBufferMinutes: true,
  cancelWindowMinutes: true,
  bookingHorizonDays: true,
  selfBooking8to12: true,
  selfBooking13to17: true,
  familyRuleForYoungPeople: true,
} satisfies Prisma.ServiceSelect;

/** The booking settings of a service. @throws Response 404 when the service does not exist. */
export async function bookingSettings(client: Client, serviceId: string): Promise<BookingSettings> {
  const s = await client.service.findUnique({
    where: { id: serviceId },
    select: { timeZone: true, ...bookingRuleSelect },
  });
  if (!s) throw new Response("Not found", { status: 404 });
  return { ...s, zone: zoneOrDefault(s.timeZone) };
}

/** Who a booking is for: what the family rule and the age-band rule need. */
export type Booker = { id: string; familyId: string; kind: PersonKind; dateOfBirth: Date | null };

/**
 * Whether the person books for themselves: adults do; young people by the service's choice per age
 * band; under-8s never (nor a young person with no date of birth on record, whose band is unknown).
 */
export function selfBooking(person: Booker, settings: BookingSettings, now: Date): "yes" | "worker-books" {
  if (person.kind !== "YOUNG_PERSON") return "yes";
  if (!person.dateOfBirth) return "worker-books";
  const band = ageBand(person.dateOfBirth, now, settings.zone);
  if (band === "8-12") return settings.selfBooking8to12 ? "yes" : "worker-books";
  if (band === "13-17") return settings.selfBooking13to17 ? "yes" : "worker-books";
  return "worker-books";
}

/**
 * The kinds of family member a person is kept apart from: adult survivors and people using harmful
 * behaviour from each other; young people and people using harmful behaviour too when the service
 * turns it on.
 */
export function keptApartKinds(kind: PersonKind, settings: BookingSettings): PersonKind[] {
  switch (kind) {
    case "ADULT_SURVIVOR":
      return ["HARMFUL_BEHAVIOUR"];
    case "HARMFUL_BEHAVIOUR":
      return settings.familyRuleForYoungPeople ? ["ADULT_SURVIVOR", "YOUNG_PERSON"] : ["ADULT_SURVIVOR"];
    case "YOUNG_PERSON":
      return settings.familyRuleForYoungPeople ? ["HARMFUL_BEHAVIOUR"] : [];
  }
}

/**
 * The in-person appointments, venue by venue, that keep `person` away: live appointments of the
 * kept-apart members of their family overlapping [from − buffer, to + buffer). The same one query
 * runs whoever the family holds, so the page's work does not depend on it. Times and venues only:
 * never who.
 */
async function familyHolds(client: Client, person: Booker, settings: BookingSettings, from: Date, to: Date): Promise<Map<string, Span[]>> {
  const buffer = settings.familyBufferMinutes * 60_000;
  const rows = await client.appointment.findMany({
    where: {
      person: { familyId: person.familyId, id: { not: person.id }, kind: { in: keptApartKinds(person.kind, settings) } },
      status: { not: "CANCELLED" },
      mode: "IN_PERSON",
      venueId: { not: null },
      startsAt: { lt: new Date(to.getTime() + buffer) },
      endsAt: { gt: new Date(from.getTime() - buffer) },
    },
    select: { venueId: true, startsAt: true, endsAt: true },
  });
  const byVenue = new Map<string, Span[]>();
  for (const row of rows) {
    if (!row.venueId) continue;
    const list = byVenue.get(row.venueId) ?? [];
    list.push({ startsAt: new Date(row.startsAt.getTime() - buffer), endsAt: new Date(row.endsAt.getTime() + buffer) });
    byVenue.set(row.venueId, list);
  }
  return byVenue;
}

/** Whether an in-person session at a venue falls within the family rule's buffer of a held one. */
function breaksFamilyRule(session: Session, holds: ReadonlyMap<string, readonly Span[]>): boolean {
  if (session.mode !== "IN_PERSON" || !session.venueId) return false;
  return (holds.get(session.venueId) ?? []).some((held) => overlaps(held, session));
}

/** What a weekly availability rule is read with: enough to lay out its sessions and show it. */
export const availabilityRuleSelect = {
  id: true,
  staffId: true,
  weekday: true,
  startMinute: true,
  endMinute: true,
  sessionMinutes: true,
  mode: true,
  venueId: true,
  validFrom: true,
  validUntil: true,
} satisfies Prisma.AvailabilityRuleSelect;

/**
 * Every session of `staffIds` between `from` and `to` (soonest first) with the reason any is not
 * free: the worker's schedule as rules, slots and exceptions give it, less nothing. For staff pages
 * and for telling apart, at booking, a time that was never offered from one just taken.
 */
export async function scheduleOf(client: Client, staffIds: readonly string[], from: Date, to: Date, zone: string) {
  const [rules, slots, exceptions, busy] = await Promise.all([
    client.availabilityRule.findMany({
      where: { staffId: { in: [...staffIds] }, archivedAt: null },
      select: availabilityRuleSelect,
    }),
    client.availabilitySlot.findMany({
      where: { staffId: { in: [...staffIds] }, archivedAt: null, startsAt: { gte: from, lt: to } },
      select: { id: true, staffId: true, startsAt: true, endsAt: true, mode: true, venueId: true, venue: true },
    }),
    client.availabilityException.findMany({
      where: { staffId: { in: [...staffIds] }, startsAt: { lt: to }, endsAt: { gt: from } },
      select: { staffId: true, startsAt: true, endsAt: true },
    }),
    client.appointment.findMany({
      where: { staffId: { in: [...staffIds] }, status: { not: "CANCELLED" }, startsAt: { lt: to }, endsAt: { gt: from } },
      select: { staffId: true, startsAt: true, endsAt: true },
    }),
  ]);
  return { sessions: sessionsBetween(rules, slots, from, to, zone), exceptions: byStaff(exceptions), busy: byStaff(busy) };
}

/**
 * The sessions offered to `person` with the workers in `staffIds` from `now` to `to`: free in the
 * worker's schedule, not overlapping the person's own live appointments, and not breaking the family
 * rule. A session the family rule removes is simply absent. Staff lists pass `familyRule: false`:
 * a worker sees all their free times and is told, on booking, when one cannot be used.
 */
export async function offeredTo(
  client: Client,
  person: Booker,
  staffIds: readonly string[],
  settings: BookingSettings,
  now: Date,
  to: Date,
  options: { familyRule: boolean } = { familyRule: true },
): Promise<Session[]> {
  if (staffIds.length === 0 || to <= now) return [];
  const [schedule, own, holds] = await Promise.all([
    scheduleOf(client, staffIds, now, to, settings.zone),
    client.appointment.findMany({
      where: { personId: person.id, status: { not: "CANCELLED" }, startsAt: { lt: to }, endsAt: { gt: now } },
      select: { startsAt: true, endsAt: true },
    }),
    familyHolds(client, person, settings, now, to),
  ]);
  return freeSessions(schedule.sessions, schedule.exceptions, schedule.busy, now).filter(
    (s) => !own.some((o) => overlaps(o, s)) && !(options.familyRule && breaksFamilyRule(s, holds)),
  );
}

/**
 * Why one session (by its worker and start) cannot be booked for `person`, or null when it can:
 * - "not-offered": the worker's schedule has no such session now (never offered, withdrawn, an
 *   exception, in the past or beyond the booking horizon);
 * - "taken": the worker is booked then;
 * - "yours": the person already has an appointment then;
 * - "family": the family rule. Only staff are told this one; a person is told "taken".
 * Runs inside the booking's transaction, after the family row is locked.
 */
export async function whyNot(
  client: Client,
  person: Booker,
  staffId: string,
  startsAt: Date,
  settings: BookingSettings,
  now: Date,
): Promise<{ ok: true; session: Session } | { ok: false; reason: "not-offered" | "taken" | "yours" | "family" }> {
  const horizon = new Date(now.getTime() + settings.bookingHorizonDays * 86_400_000);
  if (startsAt < now || startsAt >= horizon) return { ok: false, reason: "not-offered" };
  // A day either side covers any session starting at `startsAt` (none is longer than a day).
  const from = new Date(startsAt.getTime() - 86_400_000);
  const to = new Date(startsAt.getTime() + 86_400_000);
  const schedule = await scheduleOf(client, [staffId], from, to, settings.zone);
  const session = schedule.sessions.find((s) => s.staffId === staffId && s.startsAt.getTime() === startsAt.getTime());
  if (!session || (schedule.exceptions.get(staffId) ?? []).some((e) => overlaps(e, session))) return { ok: false, reason: "not-offered" };
  if ((schedule.busy.get(staffId) ?? []).some((b) => overlaps(b, session))) return { ok: false, reason: "taken" };
  const own = await client.appointment.count({
    where: { personId: person.id, status: { not: "CANCELLED" }, startsAt: { lt: session.endsAt }, endsAt: { gt: session.startsAt } },
  });
  if (own > 0) return { ok: false, reason: "yours" };
  const holds = await familyHolds(client, person, settings, session.startsAt, session.endsAt);
  if (breaksFamilyRule(session, holds)) return { ok: false, reason: "family" };
  return { ok: true, session };
}

/**
 * Takes the family's row lock for the rest of the transaction: every booking or move for a member
 * of one family does this first, so the family rule is checked against everything committed before
 * it, never against a snapshot another booking is about to change (decision 034).
 */
export async function lockFamily(tx: Client, familyId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Family" WHERE "id" = ${familyId} FOR UPDATE`;
}

/** The columns every view of an appointment reads (with `appointmentBasics`). */
type AppointmentRow = {
  id: string;
  version: number;
  startsAt: Date;
  endsAt: Date;
  mode: Session["mode"];
  venue: string | null;
  status: AppointmentStatus;
  cancelledBy: string | null;
};

/** The columns `appointmentBasics` reads, to spread into a query's `select` beside a view's own. */
export const appointmentBasicsSelect = {
  id: true,
  version: true,
  startsAt: true,
  endsAt: true,
  mode: true,
  venue: true,
  status: true,
  cancelledBy: true,
} satisfies Prisma.AppointmentSelect;

/**
 * What every view of an appointment shows of it, whoever looks (the person, their worker's week,
 * the record): its id and version (for stale-write checks), its times as ISO strings in UTC (the
 * page formats them in the service's zone), how it happens, its neutral place name only when it is
 * in person, its status and who cancelled it. Addresses and names are each view's own business.
 */
export function appointmentBasics(a: AppointmentRow) {
  return {
    id: a.id,
    version: a.version,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    mode: a.mode,
    place: a.mode === "IN_PERSON" ? a.venue : null,
    status: a.status,
    cancelledBy: a.cancelledBy,
  };
}

/** What every view of an appointment shows of it (`appointmentBasics`), for a view's own type to add to. */
export type AppointmentBasics = ReturnType<typeof appointmentBasics>;
