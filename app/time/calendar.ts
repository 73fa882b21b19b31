import { TZDate, tz, tzOffset } from "@date-fns/tz";
import { addDays, addMonths, differenceInCalendarDays, format } from "date-fns";

/**
 * Calendar days and local clock times in a service's time zone, on `@date-fns/tz` + `date-fns`
 * (docs/decisions/022-one-time-module.md). Client-safe: no server imports.
 *
 * Two kinds of value meet here and are kept apart:
 * - an **instant** (`Date`): a moment, stored in `timestamp` columns as UTC;
 * - a **local date** (`LocalDate`, "YYYY-MM-DD"): a day on the service's calendar. A `@db.Date`
 *   column (date of birth, referral date, a date answer) holds one; Prisma reads and writes it as
 *   a `Date` at 00:00 UTC, which `calendarDate` / `dateColumn` convert, and which must never be
 *   shifted into a zone (that would move 15 June to 14 June west of Greenwich).
 *
 * Elapsed durations (idle-lock minutes, a code's lifetime, a session's hours) are not calendar
 * arithmetic and stay as milliseconds where they are used.
 */

/** A day on the calendar, "YYYY-MM-DD". */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function parts(day: LocalDate): { year: number; month: number; day: number } | null {
  const match = LOCAL_DATE.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A date with no time and no zone: only its year, month and day are compared, so UTC here is a
  // calendar, not a clock. 2026-02-30 rolls over to 2 March: a real day reads back as itself.
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return { year, month, day: date };
}

/** Whether `value` is a real calendar day written "YYYY-MM-DD" (so "2026-02-30" is not). */
export function isLocalDate(value: string): value is LocalDate {
  return parts(value) !== null;
}

function partsOrThrow(day: LocalDate) {
  const p = parts(day);
  if (!p) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return p;
}

/** The day an instant falls on in `zone`: 23:30 UTC on 14 June 2026 is "2026-06-15" in London (BST). */
export function localDateOf(at: Date, zone: string): LocalDate {
  return format(at, "yyyy-MM-dd", { in: tz(zone) });
}

/** Today's date in `zone`, as of `now` (default: the current instant). */
export function todayIn(zone: string, now: Date = new Date()): LocalDate {
  return localDateOf(now, zone);
}

/**
 * The instant a local day begins in `zone`. Where a zone's clocks jump over midnight the day
 * begins at the first minute that exists. Throws RangeError for a malformed day.
 */
export function startOfLocalDay(day: LocalDate, zone: string): Date {
  const p = partsOrThrow(day);
  return new Date(TZDate.tz(zone, p.year, p.month - 1, p.day).getTime());
}

/**
 * The instant the clock in `zone` shows `hour`:`minute` on `day` (a time the clocks skip moves
 * forward by the gap, as `TZDate` does). For readable seeded and test timestamps; a form's date
 * and time goes through `fromLocalDateTime`, which refuses a skipped time instead.
 */
export function atLocalTime(day: LocalDate, hour: number, minute: number, zone: string): Date {
  const p = partsOrThrow(day);
  return new Date(TZDate.tz(zone, p.year, p.month - 1, p.day, hour, minute).getTime());
}

/**
 * `days` local days after `at` at the same clock time in `zone` (negative: before). Across a clock
 * change this is 23 or 25 hours a day, never a fixed 24: 12:00 on 28 March 2026 plus one day is
 * 12:00 BST on 29 March. A clock time that the target day skips moves forward by the gap.
 */
export function addLocalDays(at: Date, days: number, zone: string): Date {
  return new Date(addDays(new TZDate(at.getTime(), zone), days).getTime());
}

/**
 * `months` calendar months after `at` (negative: before) at the same clock time in `zone`; a day
 * the target month lacks becomes its last day (31 March less one month is 28 or 29 February).
 */
export function addLocalMonths(at: Date, months: number, zone: string): Date {
  return new Date(addMonths(new TZDate(at.getTime(), zone), months).getTime());
}

/**
 * How many whole periods of `days` local days fit from `from` to `to` (at least 0): the largest k
 * with `addLocalDays(from, k * days, zone) <= to`. "Every 14 days from the start" counts this way,
 * so each occurrence begins at the start's clock time whatever the clock changes in between.
 * Throws RangeError unless `days` is a positive whole number.
 */
export function wholeLocalPeriods(from: Date, to: Date, days: number, zone: string): number {
  if (!Number.isInteger(days) || days <= 0) throw new RangeError(`A period is a positive whole number of days, not ${days}`);
  if (to < from) return 0;
  let k = Math.floor(localDaysBetween(from, to, zone) / days);
  while (k > 0 && addLocalDays(from, k * days, zone) > to) k -= 1;
  return k;
}

/** How many days on `zone`'s calendar lie between two instants (`to` minus `from`; midnight to midnight). */
export function localDaysBetween(from: Date, to: Date, zone: string): number {
  return differenceInCalendarDays(to, from, { in: tz(zone) });
}

/**
 * The calendar day held by a `@db.Date` column. Such a column has no time and no zone; Prisma
 * reads it as 00:00 UTC of that day, so its UTC fields are the day itself (no service zone applies).
 */
export function calendarDate(column: Date): LocalDate {
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(column.getUTCFullYear(), 4)}-${pad(column.getUTCMonth() + 1, 2)}-${pad(column.getUTCDate(), 2)}`;
}

/** The value to write to a `@db.Date` column for a calendar day. Throws RangeError for a malformed day. */
export function dateColumn(day: LocalDate): Date {
  partsOrThrow(day);
  return new Date(`${day}T00:00:00.000Z`);
}

/** A calendar day plus `days` (negative: minus), with no time zone involved. */
export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return calendarDate(new Date(addDays(new TZDate(dateColumn(day).getTime(), "UTC"), days).getTime()));
}

/** A calendar day plus `months`, clamped to the end of a shorter month. */
export function addCalendarMonths(day: LocalDate, months: number): LocalDate {
  return calendarDate(new Date(addMonths(new TZDate(dateColumn(day).getTime(), "UTC"), months).getTime()));
}

/**
 * A person's age in whole years on the local day of `on` in `zone`. `dateOfBirth` is a `@db.Date`
 * calendar day. A child born on 15 June turns eight at 00:00 on 15 June in the service's zone
 * (23:00 UTC on 14 June in summer). Someone born on 29 February has a birthday on 1 March in a
 * year without one (the age a person reaches "on the day after 28 February"; the usual reading of
 * the Family Law Reform Act 1969 s.9 for England and Wales).
 */
export function ageOn(dateOfBirth: Date, on: Date, zone: string): number {
  const birth = partsOrThrow(calendarDate(dateOfBirth));
  const today = partsOrThrow(localDateOf(on, zone));
  let age = today.year - birth.year;
  if (today.month < birth.month || (today.month === birth.month && today.day < birth.day)) age -= 1;
  return age;
}

/** An instant as the clock in `zone` shows it, "YYYY-MM-DDTHH:mm", for a `datetime-local` input. */
export function toLocalDateTime(at: Date, zone: string): string {
  return format(at, "yyyy-MM-dd'T'HH:mm", { in: tz(zone) });
}

export type LocalDateTimeResult =
  | { ok: true; at: Date; /** the clock showed this time twice (clocks went back); `at` is the first */ repeated: boolean }
  | { ok: false; reason: "malformed" | "skipped" };

/**
 * A local date and time from a form ("YYYY-MM-DDTHH:mm", as a `datetime-local` input sends it) read
 * in `zone` → the instant.
 * - A time the clocks skipped (01:30 on 29 March 2026 in London, when 01:00 GMT became
 *   02:00 BST) never happened: `{ ok: false, reason: "skipped" }`, for the form to ask again.
 * - A time the clocks showed twice (01:30 on 25 October 2026, first in BST then in GMT) is read
 *   as the first of the two (00:30 UTC), `repeated: true`; Temporal calls this "earlier"
 *   disambiguation, and it is what `Temporal.ZonedDateTime.from` does by default for a repeat.
 */
export function fromLocalDateTime(value: string, zone: string): LocalDateTimeResult {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match || !parts(value.slice(0, 10))) return { ok: false, reason: "malformed" };
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  if (hour > 23 || minute > 59) return { ok: false, reason: "malformed" };
  // The wall-clock reading as if it were UTC; each offset the zone used near it gives one candidate
  // instant, and a candidate counts only if the zone's clock really showed `value` at it.
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour, minute);
  const nearby = [-36, 36].map((hours) => tzOffset(zone, new Date(wall + hours * 3_600_000)));
  const candidates = [...new Set(nearby)]
    .map((offsetMinutes) => wall - offsetMinutes * 60_000)
    .filter((instant) => toLocalDateTime(new Date(instant), zone) === value)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return { ok: false, reason: "skipped" };
  return { ok: true, at: new Date(first), repeated: candidates.length > 1 };
}

/** The ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. Throws RangeError for a malformed day. */
export function isoWeekday(day: LocalDate): number {
  const utcDay = dateColumn(day).getUTCDay();
  return utcDay === 0 ? 7 : utcDay;
}

/** Minutes after local midnight written as a clock time, "HH:mm" (600 → "10:00"). */
export function clockTime(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** A clock time "HH:mm" (00:00–24:00) as minutes after local midnight, or null when it is not one. */
export function minuteOfDay(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (minute > 59 || hour > 24 || (hour === 24 && minute > 0)) return null;
  return hour * 60 + minute;
}

/**
 * The instant the clock in `zone` shows `minuteOfDay` minutes after midnight on `day`, with the same
 * answers as `fromLocalDateTime`: a time the clocks skip is `{ ok: false, reason: "skipped" }`, a time
 * they show twice is the first of the two (`repeated: true`). A weekly session follows wall-clock
 * time this way, so a 10:00 Tuesday session is 10:00 in March and in November.
 */
export function atLocalMinute(day: LocalDate, minuteOfDay: number, zone: string): LocalDateTimeResult {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 1440) return { ok: false, reason: "malformed" };
  return fromLocalDateTime(`${day}T${clockTime(minuteOfDay)}`, zone);
}

/**
 * The reporting year holding a calendar day, named by the calendar year it starts in: with years
 * starting on 1 April (`startMonth` 4), 2026-03-31 is in 2025 and 2026-04-01 in 2026.
 * @param startMonth the month (1–12) whose first day starts each reporting year
 * @throws RangeError for a start month outside 1–12, or a day that is not YYYY-MM-DD
 */
export function reportingYearOf(day: LocalDate, startMonth: number): number {
  const { year, month } = partsOrThrow(day);
  checkStartMonth(startMonth);
  return month >= startMonth ? year : year - 1;
}

/**
 * The first and last calendar day of reporting year `year` (the one starting on the 1st of
 * `startMonth` in `year`), and its name: "2025" for calendar years, else "2025–26".
 * @throws RangeError for a start month outside 1–12 or a year outside 1000–9998
 */
export function reportingYear(year: number, startMonth: number): { year: number; from: LocalDate; to: LocalDate; label: string } {
  checkStartMonth(startMonth);
  if (!Number.isInteger(year) || year < 1000 || year > 9998) throw new RangeError(`Not a reporting year: ${year}`);
  const from = `${year}-${String(startMonth).padStart(2, "0")}-01`;
  const to = addCalendarDays(addCalendarMonths(from, 12), -1);
  const label = startMonth === 1 ? String(year) : `${year}–${String((year + 1) % 100).padStart(2, "0")}`;
  return { year, from, to, label };
}

function checkStartMonth(startMonth: number): void {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) throw new RangeError(`Not a month: ${startMonth}`);
}
