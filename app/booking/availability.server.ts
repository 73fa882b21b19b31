import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { StaffViewer } from "~/auth/session.server";
import { exclusionViolation } from "~/db/conflicts.server";
import { db } from "~/db.server";
import { peopleVisibleTo } from "~/auth/policy.server";
import { wholeNumber } from "~/forms/fields";
import {
  addCalendarDays,
  calendarDate,
  clockTime,
  dateColumn,
  fromLocalDateTime,
  isLocalDate,
  isoWeekday,
  localDateOf,
  minuteOfDay,
  startOfLocalDay,
  type LocalDate,
} from "~/time/calendar";
import { appointmentBasics, appointmentBasicsSelect, availabilityRuleSelect, bookingSettings, type AppointmentBasics } from "./sessions.server";
import { freeSessions, overlaps, sessionsBetween, type Session } from "./slots";

/**
 * A worker's own availability (weekly rules, one-off slots, exceptions) and their week view
 * (docs/decisions/034-booking.md). Only workers and case managers have availability; every query is
 * scoped by the signed-in staff member's own id. The database refuses overlapping rules or slots
 * (exclusion constraints): the refusal comes back as a plain message.
 */

const MODES = ["IN_PERSON", "PHONE", "VIDEO"] as const;

type Result = { ok: true } | { ok: false; fields: Record<string, string> };

const clock = (label: string) =>
  z.string({ message: `Enter the ${label} time, like 10:00` }).transform((v, ctx) => {
    const m = minuteOfDay(v);
    if (m === null) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} time as hours and minutes, like 10:00` });
      return z.NEVER;
    }
    return m;
  });

const calendarDay = (label: string) =>
  z
    .string({ message: `Enter the ${label}` })
    .trim()
    .refine(isLocalDate, `Enter the ${label} as a real date`);

/** A venue chosen from the form's list, or none (in-person sessions need one: each schema says so). */
const optionalVenueId = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? v : null));

/** The weekly-rule form. */
export const ruleSchema = z
  .object({
    weekday: wholeNumber(1, 7, "a day of the week"),
    start: clock("start"),
    end: clock("end"),
    sessionMinutes: wholeNumber(5, 480, "the length of a session in minutes"),
    mode: z.enum(MODES, { message: "Choose how the sessions happen" }),
    venueId: optionalVenueId,
    validFrom: calendarDay("first day"),
    validUntil: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isLocalDate(v), "Enter the last day as a real date, or leave it empty"),
  })
  .superRefine((v, ctx) => {
    if (v.end <= v.start) ctx.addIssue({ code: "custom", path: ["end"], message: "The end is after the start, on the same day" });
    else if (v.end - v.start < v.sessionMinutes)
      ctx.addIssue({ code: "custom", path: ["sessionMinutes"], message: "At least one session fits between the start and the end" });
    if (v.mode === "IN_PERSON" && !v.venueId) ctx.addIssue({ code: "custom", path: ["venueId"], message: "Choose where in-person sessions happen" });
    if (v.validUntil && v.validUntil < v.validFrom)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "The last day is on or after the first day" });
  });

const localInstant = (label: string) =>
  z
    .string({ message: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`);

/** The one-off slot form. */
export const slotSchema = z.object({
  startsAt: localInstant("start"),
  endsAt: localInstant("end"),
  mode: z.enum(MODES, { message: "Choose how the session happens" }),
  venueId: optionalVenueId,
});

/** The exception form. */
export const exceptionSchema = z.object({
  startsAt: localInstant("start"),
  endsAt: localInstant("end"),
  kind: z.enum(["LEAVE", "BANK_HOLIDAY", "OTHER"], { message: "Choose what kind of time away this is" }),
});

function requireAvailabilityHolder(viewer: StaffViewer) {
  if (viewer.staff.role !== "WORKER" && viewer.staff.role !== "CASE_MANAGER") throw new Response("Not found", { status: 404 });
}

async function liveVenue(viewer: StaffViewer, venueId: string | null): Promise<boolean> {
  if (!venueId) return true;
  return (await db().venue.count({ where: { id: venueId, serviceId: viewer.staff.serviceId, archivedAt: null } })) > 0;
}

/** Adds a weekly rule for the signed-in worker. Overlap with a live rule of theirs is refused by the database. */
export async function addRule(viewer: StaffViewer, input: z.output<typeof ruleSchema>): Promise<Result> {
  requireAvailabilityHolder(viewer);
  if (!(await liveVenue(viewer, input.mode === "IN_PERSON" ? input.venueId : null)))
    return { ok: false, fields: { venueId: "Choose one of the service's venues" } };
  try {
    await db().$transaction(async (tx) => {
      const rule = await tx.availabilityRule.create({
        data: {
          staffId: viewer.staff.id,
          weekday: input.weekday,
          startMinute: input.start,
          endMinute: input.end,
          sessionMinutes: input.sessionMinutes,
          mode: input.mode,
          venueId: input.mode === "IN_PERSON" ? input.venueId : null,
          validFrom: dateColumn(input.validFrom),
          validUntil: input.validUntil ? dateColumn(input.validUntil) : null,
        },
        select: { id: true },
      });
      await recordAudit({ actor: { staffId: viewer.staff.id }, action: "availability.rule.create", reasonCode: "booking", detail: { ruleId: rule.id } }, tx);
    });
    return { ok: true };
  } catch (error) {
    if (exclusionViolation(error) !== null)
      return { ok: false, fields: { form: "This overlaps weekly times you already offer on that day. Change the times or end the other first." } };
    throw error;
  }
}

/** Ends one of the worker's weekly rules (kept for the appointments made from it). @throws Response 404 when not theirs. */
export async function endRule(viewer: StaffViewer, ruleId: string, now: Date = new Date()): Promise<void> {
  requireAvailabilityHolder(viewer);
  await db().$transaction(async (tx) => {
    const { count } = await tx.availabilityRule.updateMany({
      where: { id: ruleId, staffId: viewer.staff.id, archivedAt: null },
      data: { archivedAt: now, version: { increment: 1 } },
    });
    if (count === 0) throw new Response("Not found", { status: 404 });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "availability.rule.end", reasonCode: "booking", detail: { ruleId } }, tx);
  });
}

function readSpan(startsAt: string, endsAt: string, zone: string): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; fields: Record<string, string> } {
  const start = fromLocalDateTime(startsAt, zone);
  const end = fromLocalDateTime(endsAt, zone);
  const fields: Record<string, string> = {};
  if (!start.ok)
    fields.startsAt = start.reason === "skipped" ? "The clocks go forward past that time that day: choose another" : "Enter the start as a date and time";
  if (!end.ok) fields.endsAt = end.reason === "skipped" ? "The clocks go forward past that time that day: choose another" : "Enter the end as a date and time";
  if (!start.ok || !end.ok) return { ok: false, fields };
  if (end.at <= start.at) return { ok: false, fields: { endsAt: "The end is after the start" } };
  return { ok: true, startsAt: start.at, endsAt: end.at };
}

/** Adds a one-off session (at most a day long). Overlap with a live slot of theirs is refused by the database. */
export async function addSlot(viewer: StaffViewer, input: z.output<typeof slotSchema>, now: Date = new Date()): Promise<Result> {
  requireAvailabilityHolder(viewer);
  const span = readSpan(input.startsAt, input.endsAt, viewer.staff.timeZone);
  if (!span.ok) return span;
  if (span.endsAt.getTime() - span.startsAt.getTime() > 86_400_000) return { ok: false, fields: { endsAt: "A session is at most a day long" } };
  if (span.startsAt < now) return { ok: false, fields: { startsAt: "Choose a time that has not passed" } };
  if (input.mode === "IN_PERSON" && !input.venueId) return { ok: false, fields: { venueId: "Choose where the session happens" } };
  if (!(await liveVenue(viewer, input.mode === "IN_PERSON" ? input.venueId : null)))
    return { ok: false, fields: { venueId: "Choose one of the service's venues" } };
  try {
    await db().$transaction(async (tx) => {
      const venue =
        input.mode === "IN_PERSON" && input.venueId ? await tx.venue.findUnique({ where: { id: input.venueId }, select: { publicName: true } }) : null;
      const slot = await tx.availabilitySlot.create({
        data: {
          staffId: viewer.staff.id,
          startsAt: span.startsAt,
          endsAt: span.endsAt,
          mode: input.mode,
          venueId: input.mode === "IN_PERSON" ? input.venueId : null,
          venue: venue?.publicName ?? null,
        },
        select: { id: true },
      });
      await recordAudit({ actor: { staffId: viewer.staff.id }, action: "availability.slot.create", reasonCode: "booking", detail: { slotId: slot.id } }, tx);
    });
    return { ok: true };
  } catch (error) {
    if (exclusionViolation(error) !== null) return { ok: false, fields: { form: "This overlaps a one-off session you already offer." } };
    throw error;
  }
}

/** Withdraws one of the worker's one-off slots. @throws Response 404 when not theirs. */
export async function withdrawSlot(viewer: StaffViewer, slotId: string, now: Date = new Date()): Promise<void> {
  requireAvailabilityHolder(viewer);
  await db().$transaction(async (tx) => {
    const { count } = await tx.availabilitySlot.updateMany({ where: { id: slotId, staffId: viewer.staff.id, archivedAt: null }, data: { archivedAt: now } });
    if (count === 0) throw new Response("Not found", { status: 404 });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "availability.slot.withdraw", reasonCode: "booking", detail: { slotId } }, tx);
  });
}

/** Adds time away (up to a year): free sessions inside it are withdrawn; booked ones stay for the worker to move. */
export async function addException(viewer: StaffViewer, input: z.output<typeof exceptionSchema>): Promise<Result> {
  requireAvailabilityHolder(viewer);
  const span = readSpan(input.startsAt, input.endsAt, viewer.staff.timeZone);
  if (!span.ok) return span;
  if (span.endsAt.getTime() - span.startsAt.getTime() > 366 * 86_400_000) return { ok: false, fields: { endsAt: "Time away is at most a year at once" } };
  await db().$transaction(async (tx) => {
    const row = await tx.availabilityException.create({
      data: { staffId: viewer.staff.id, startsAt: span.startsAt, endsAt: span.endsAt, kind: input.kind },
      select: { id: true },
    });
    await recordAudit(
      { actor: { staffId: viewer.staff.id }, action: "availability.exception.create", reasonCode: "booking", detail: { exceptionId: row.id } },
      tx,
    );
  });
  return { ok: true };
}

/** Removes one of the worker's exceptions. @throws Response 404 when not theirs. */
export async function removeException(viewer: StaffViewer, exceptionId: string): Promise<void> {
  requireAvailabilityHolder(viewer);
  await db().$transaction(async (tx) => {
    const { count } = await tx.availabilityException.deleteMany({ where: { id: exceptionId, staffId: viewer.staff.id } });
    if (count === 0) throw new Response("Not found", { status: 404 });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "availability.exception.remove", reasonCode: "booking", detail: { exceptionId } }, tx);
  });
}

/** The Monday of the week holding `day` (a calendar day). */
export function mondayOf(day: LocalDate): LocalDate {
  return addCalendarDays(day, 1 - isoWeekday(day));
}

export type WeekEntry =
  | { kind: "free"; key: string; startsAt: string; endsAt: string; mode: Session["mode"]; place: string | null }
  | { kind: "withdrawn"; startsAt: string; endsAt: string; mode: Session["mode"]; place: string | null }
  | (AppointmentBasics & {
      kind: "booked";
      /** The person's name when the worker may see them; otherwise "Booked" (never happens: booking needs an allocation). */
      who: string;
      personId: string | null;
    });

/**
 * The signed-in worker's week from the Monday of `day`: free, withdrawn (inside an exception) and
 * booked sessions by local day, their rules, one-off slots and exceptions, and the venues they may
 * choose. A booked session names the person only if the worker may see them.
 */
export async function loadWeek(viewer: StaffViewer, day: LocalDate, now: Date = new Date()) {
  requireAvailabilityHolder(viewer);
  const zone = viewer.staff.timeZone;
  const monday = mondayOf(day);
  const from = startOfLocalDay(monday, zone);
  const to = startOfLocalDay(addCalendarDays(monday, 7), zone);
  const client = db();
  const staffId = viewer.staff.id;
  const [rules, slots, exceptions, appointments, venues] = await Promise.all([
    client.availabilityRule.findMany({
      where: { staffId, archivedAt: null },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
      select: availabilityRuleSelect,
    }),
    client.availabilitySlot.findMany({
      where: { staffId, archivedAt: null, startsAt: { gte: from, lt: to } },
      orderBy: { startsAt: "asc" },
      select: { id: true, staffId: true, startsAt: true, endsAt: true, mode: true, venueId: true, venue: true },
    }),
    client.availabilityException.findMany({
      where: { staffId, endsAt: { gt: from } },
      orderBy: { startsAt: "asc" },
      select: { id: true, staffId: true, startsAt: true, endsAt: true, kind: true },
    }),
    client.appointment.findMany({
      where: { staffId, startsAt: { lt: to }, endsAt: { gt: from } },
      orderBy: { startsAt: "asc" },
      select: { ...appointmentBasicsSelect, personId: true },
    }),
    client.venue.findMany({
      where: { serviceId: viewer.staff.serviceId, archivedAt: null },
      orderBy: { publicName: "asc" },
      select: { id: true, publicName: true },
    }),
  ]);
  const visible = new Map(
    (
      await client.person.findMany({
        where: { AND: [{ id: { in: [...new Set(appointments.map((a) => a.personId))] } }, peopleVisibleTo(viewer.staff)] },
        select: { id: true, firstName: true, lastName: true },
      })
    ).map((p) => [p.id, `${p.firstName} ${p.lastName}`]),
  );
  const venueName = new Map(venues.map((v) => [v.id, v.publicName]));
  const placeOf = (s: { mode: string; venueId: string | null; venueName?: string | null }) =>
    s.mode === "IN_PERSON" ? ((s.venueId ? venueName.get(s.venueId) : null) ?? s.venueName ?? null) : null;
  const sessions = sessionsBetween(rules, slots, from, to, zone);
  const live = appointments.filter((a) => a.status !== "CANCELLED");
  const exceptionsByStaff = new Map([[staffId, exceptions]]);
  const free = new Set(freeSessions(sessions, exceptionsByStaff, new Map([[staffId, live]]), now).map((s) => s.key));
  const entries: WeekEntry[] = [];
  for (const s of sessions) {
    if (live.some((a) => overlaps(a, s))) continue;
    const base = { startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), mode: s.mode, place: placeOf(s) };
    if (free.has(s.key)) entries.push({ kind: "free", key: s.key, ...base });
    else if (exceptions.some((e) => overlaps(e, s))) entries.push({ kind: "withdrawn", ...base });
  }
  for (const a of appointments) {
    entries.push({
      kind: "booked",
      ...appointmentBasics(a),
      who: visible.get(a.personId) ?? "Booked",
      personId: visible.has(a.personId) ? a.personId : null,
    });
  }
  entries.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const days = Array.from({ length: 7 }, (_, i) => addCalendarDays(monday, i)).map((d) => ({
    day: d,
    /** The instant the day begins, for a heading formatted in the zone. */
    begins: startOfLocalDay(d, zone).toISOString(),
    entries: entries.filter((e) => localDateOf(new Date(e.startsAt), zone) === d),
  }));
  const settings = await bookingSettings(client, viewer.staff.serviceId);
  return {
    monday,
    previous: addCalendarDays(monday, -7),
    next: addCalendarDays(monday, 7),
    days,
    rules: rules.map((r) => ({
      id: r.id,
      weekday: r.weekday,
      start: clockTime(r.startMinute),
      end: clockTime(r.endMinute),
      sessionMinutes: r.sessionMinutes,
      mode: r.mode,
      place: r.mode === "IN_PERSON" && r.venueId ? (venueName.get(r.venueId) ?? null) : null,
      validFrom: calendarDate(r.validFrom),
      validUntil: r.validUntil ? calendarDate(r.validUntil) : null,
    })),
    slots: slots.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      mode: s.mode,
      place: placeOf({ ...s, venueName: s.venue }),
    })),
    exceptions: exceptions.map((e) => ({ id: e.id, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), kind: e.kind })),
    venues,
    cancelWindowMinutes: settings.cancelWindowMinutes,
  };
}
