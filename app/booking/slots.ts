import { addCalendarDays, atLocalMinute, calendarDate, isoWeekday, localDateOf, startOfLocalDay, type LocalDate } from "~/time/calendar";

/**
 * Working out a worker's sessions from what they offer (pure: no database, no clock). Client-safe.
 *
 * A weekly rule is wall-clock time in the service's zone: "Tuesdays 10:00–13:00 in 60-minute
 * sessions" gives sessions starting at 10:00, 11:00 and 12:00 on every Tuesday from `validFrom` to
 * `validUntil`, whatever the clocks did in between. On the day the clocks change:
 * - a session that would start in the hour the clocks skip (01:30 on the last Sunday of March in
 *   London) never starts: the clock never shows that time, so it is not offered that day;
 * - a session that would start in the hour the clocks show twice (01:30 on the last Sunday of
 *   October) is offered once, at the first of the two (the same reading as `fromLocalDateTime`).
 * A session lasts `sessionMinutes` of elapsed time from its start.
 */

export type Mode = "IN_PERSON" | "PHONE" | "VIDEO";

export type WeeklyRule = {
  id: string;
  staffId: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
  sessionMinutes: number;
  mode: Mode;
  venueId: string | null;
  /** `@db.Date` columns (00:00 UTC of the calendar day). */
  validFrom: Date;
  validUntil: Date | null;
};

export type OneOffSlot = { id: string; staffId: string; startsAt: Date; endsAt: Date; mode: Mode; venueId: string | null; venue: string | null };

/** A span of time: an exception, an appointment. Half-open [startsAt, endsAt). */
export type Span = { startsAt: Date; endsAt: Date };

/** One session a worker offers. `key` names it in forms and URLs: the worker and the start instant. */
export type Session = {
  key: string;
  staffId: string;
  startsAt: Date;
  endsAt: Date;
  mode: Mode;
  venueId: string | null;
  /** A one-off slot's own venue name, for slots made before venues existed. */
  venueName: string | null;
  ruleId: string | null;
  slotId: string | null;
};

/** The key of the session of `staffId` that starts at `startsAt`: "<staffId>~<epoch ms>". */
export function sessionKey(staffId: string, startsAt: Date): string {
  return `${staffId}~${startsAt.getTime()}`;
}

/** A session key read back, or null when it is not one (a malformed form value or URL). */
export function parseSessionKey(key: string): { staffId: string; startsAt: Date } | null {
  const match = /^([a-z0-9]{1,40})~(\d{1,15})$/.exec(key);
  if (!match?.[1] || !match[2]) return null;
  const at = Number(match[2]);
  if (!Number.isSafeInteger(at)) return null;
  return { staffId: match[1], startsAt: new Date(at) };
}

/** Whether two half-open spans share any moment. */
export function overlaps(a: Span, b: Span): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/**
 * Every session the rules and one-off slots give between `from` (inclusive) and `to` (exclusive),
 * soonest first, in `zone`. Sessions that start at the same instant for one worker are given once
 * (a rule's first). Nothing is removed here for exceptions or bookings: see `freeSessions`.
 */
export function sessionsBetween(rules: readonly WeeklyRule[], slots: readonly OneOffSlot[], from: Date, to: Date, zone: string): Session[] {
  const sessions: Session[] = [];
  if (to <= from) return sessions;
  // One day either side: a local day's sessions can begin before `from`'s UTC date, or after `to`'s.
  const firstDay = addCalendarDays(localDateOf(from, zone), -1);
  const lastDay = addCalendarDays(localDateOf(to, zone), 1);
  for (let day: LocalDate = firstDay; day <= lastDay; day = addCalendarDays(day, 1)) {
    const weekday = isoWeekday(day);
    const todays = rules.filter(
      (rule) => rule.weekday === weekday && day >= calendarDate(rule.validFrom) && !(rule.validUntil && day > calendarDate(rule.validUntil)),
    );
    if (todays.length === 0) continue;
    // On a day of 24 hours the clock does not change, so a wall-clock minute is that many minutes
    // after local midnight; only a day of 23 or 25 hours needs each time looked up in the zone.
    const midnight = startOfLocalDay(day, zone).getTime();
    const plainDay = startOfLocalDay(addCalendarDays(day, 1), zone).getTime() - midnight === 86_400_000;
    for (const rule of todays) {
      for (let start = rule.startMinute; start + rule.sessionMinutes <= rule.endMinute; start += rule.sessionMinutes) {
        let startsAt: Date;
        if (plainDay) startsAt = new Date(midnight + start * 60_000);
        else {
          const at = atLocalMinute(day, start, zone);
          if (!at.ok) continue;
          startsAt = at.at;
        }
        if (startsAt < from || startsAt >= to) continue;
        sessions.push({
          key: sessionKey(rule.staffId, startsAt),
          staffId: rule.staffId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + rule.sessionMinutes * 60_000),
          mode: rule.mode,
          venueId: rule.mode === "IN_PERSON" ? rule.venueId : null,
          venueName: null,
          ruleId: rule.id,
          slotId: null,
        });
      }
    }
  }
  for (const slot of slots) {
    if (slot.startsAt < from || slot.startsAt >= to) continue;
    sessions.push({
      key: sessionKey(slot.staffId, slot.startsAt),
      staffId: slot.staffId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      mode: slot.mode,
      venueId: slot.mode === "IN_PERSON" ? slot.venueId : null,
      venueName: slot.mode === "IN_PERSON" ? slot.venue : null,
      ruleId: null,
      slotId: slot.id,
    });
  }
  const seen = new Set<string>();
  return sessions
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.staffId.localeCompare(b.staffId))
    .filter((s) => (seen.has(s.key) ? false : (seen.add(s.key), true)));
}

/**
 * The sessions still free: not inside an exception of their worker, not overlapping a live
 * appointment of their worker, and not starting before `notBefore`. `busy` and `exceptions` are
 * keyed by staff id.
 */
export function freeSessions(
  sessions: readonly Session[],
  exceptions: ReadonlyMap<string, readonly Span[]>,
  busy: ReadonlyMap<string, readonly Span[]>,
  notBefore: Date,
): Session[] {
  return sessions.filter(
    (s) =>
      s.startsAt >= notBefore && !(exceptions.get(s.staffId) ?? []).some((e) => overlaps(e, s)) && !(busy.get(s.staffId) ?? []).some((b) => overlaps(b, s)),
  );
}

/** Groups spans by `staffId`. */
export function byStaff<T extends { staffId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.staffId);
    if (list) list.push(row);
    else map.set(row.staffId, [row]);
  }
  return map;
}
