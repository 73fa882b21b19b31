/**
 * Days and times as people in the service read them (en-GB wording), in the service's time zone
 * whatever the zone of the server or the browser. Client-safe. Components take the zone from
 * `useDates()` (./context.tsx); server code passes the service's zone.
 *
 * A `@db.Date` column (date of birth, referral date) is a calendar day, not an instant: show it
 * with `formatCalendarDay`, which never shifts it into a zone.
 */

type Style =
  | "day"
  | "dayTime"
  | "longDayTime"
  | "weekdayDay"
  | "time"
  | "fullDayTime"
  | "mediumDayTime"
  | "mediumDay"
  | "dayMonth"
  | "year"
  | "numericDay"
  | "numericDayTime";

const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  day: { day: "numeric", month: "short", year: "numeric" },
  dayTime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  longDayTime: { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" },
  weekdayDay: { weekday: "long", day: "numeric", month: "long" },
  time: { hour: "2-digit", minute: "2-digit" },
  fullDayTime: { dateStyle: "full", timeStyle: "short" },
  mediumDayTime: { dateStyle: "medium", timeStyle: "short" },
  mediumDay: { dateStyle: "medium" },
  dayMonth: { day: "numeric", month: "short" },
  year: { year: "numeric" },
  // The defaults of toLocaleDateString / toLocaleString in en-GB, kept where pages showed them.
  numericDay: { day: "2-digit", month: "2-digit", year: "numeric" },
  numericDayTime: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, zone: string): Intl.DateTimeFormat {
  const key = `${style} ${zone}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat("en-GB", { ...OPTIONS[style], timeZone: zone });
    cache.set(key, found);
  }
  return found;
}

type When = string | number | Date;

/** Formatters bound to one time zone. Each takes an instant (a Date, an ISO string or epoch milliseconds). */
export type Dates = {
  /** "15 Jun 2026" */
  day(value: When | null | undefined): string;
  /** "15 Jun 2026, 00:30" */
  dayTime(value: When | null | undefined): string;
  /** "Monday 15 June at 0:30" style, for appointments */
  longDayTime(value: When): string;
  /** "Monday 15 June", a day heading (of the local day the instant falls on) */
  weekdayDay(value: When): string;
  /** "00:30" */
  time(value: When): string;
  /** "Monday 15 June 2026 at 00:30" */
  fullDayTime(value: When): string;
  /** "15 Jun 2026, 00:30" (dateStyle medium) */
  mediumDayTime(value: When): string;
  /** "15 Jun" */
  dayMonth(value: When): string;
  /** "2026" */
  year(value: When): string;
  /** "15/06/2026" */
  numericDay(value: When): string;
  /** "15/06/2026, 00:30:00" */
  numericDayTime(value: When): string;
  /** The zone these formatters use. */
  zone: string;
};

/** Formatters for `zone`; a missing value shows as "—" where the signature allows one. */
export function datesIn(zone: string): Dates {
  const f = (style: Style) => (value: When) => formatter(style, zone).format(new Date(value));
  const orDash = (style: Style) => (value: When | null | undefined) => (value === null || value === undefined || value === "" ? "—" : f(style)(value));
  return {
    day: orDash("day"),
    dayTime: orDash("dayTime"),
    longDayTime: f("longDayTime"),
    weekdayDay: f("weekdayDay"),
    time: f("time"),
    fullDayTime: f("fullDayTime"),
    mediumDayTime: f("mediumDayTime"),
    dayMonth: f("dayMonth"),
    year: f("year"),
    numericDay: f("numericDay"),
    numericDayTime: f("numericDayTime"),
    zone,
  };
}

/** A `@db.Date` calendar day as "15 Jun 2026" (or "—"), read as the day it holds, with no zone shift. */
export function formatCalendarDay(value: When | null | undefined): string {
  return value === null || value === undefined || value === "" ? "—" : formatter("day", "UTC").format(new Date(value));
}

/** A `@db.Date` calendar day as "15 Jun 2026" with dateStyle medium (the subject access document's style). */
export function formatCalendarDayMedium(value: When): string {
  return formatter("mediumDay", "UTC").format(new Date(value));
}
