/**
 * The time module's calendar arithmetic, at the edges that matter: the UK's clock changes (last
 * Sunday of March, 01:00 GMT → 02:00 BST; last Sunday of October, 02:00 BST → 01:00 GMT), birthdays
 * in the first hour of the day, and a property test that a form's local date and time survives the
 * round trip to UTC and back in several zones.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  reportingYear,
  reportingYearOf,
  addLocalDays,
  addLocalMonths,
  ageOn,
  fromLocalDateTime,
  localDateOf,
  localDaysBetween,
  startOfLocalDay,
  toLocalDateTime,
  todayIn,
  wholeLocalPeriods,
} from "./calendar";
import { datesIn, formatCalendarDay } from "./format";
import { DEFAULT_TIME_ZONE, isTimeZone, timeZoneSchema } from "./zone";

const LONDON = DEFAULT_TIME_ZONE;
const utc = (s: string) => new Date(s);

describe("the local day", () => {
  it("is the service's day, not UTC's: 23:30 UTC on 14 June is 15 June in London (BST) and 14 June in New York", () => {
    expect(localDateOf(utc("2026-06-14T23:30:00Z"), LONDON)).toBe("2026-06-15");
    expect(todayIn(LONDON, utc("2026-06-14T23:30:00Z"))).toBe("2026-06-15");
    expect(localDateOf(utc("2026-06-15T02:00:00Z"), "America/New_York")).toBe("2026-06-14");
  });

  it("begins at local midnight, whichever offset the day is in", () => {
    expect(startOfLocalDay("2026-06-15", LONDON)).toEqual(utc("2026-06-14T23:00:00Z"));
    expect(startOfLocalDay("2026-12-15", LONDON)).toEqual(utc("2026-12-15T00:00:00Z"));
    expect(startOfLocalDay("2026-03-29", LONDON)).toEqual(utc("2026-03-29T00:00:00Z"));
    expect(startOfLocalDay("2026-03-30", LONDON)).toEqual(utc("2026-03-29T23:00:00Z"));
    expect(() => startOfLocalDay("2026-02-30", LONDON)).toThrow(RangeError);
  });
});

describe("adding local days and months across the clock changes", () => {
  it("keeps the clock time: a day after noon on 28 March is noon BST on 29 March, 23 hours later", () => {
    const next = addLocalDays(utc("2026-03-28T12:00:00Z"), 1, LONDON);
    expect(next).toEqual(utc("2026-03-29T11:00:00Z"));
    expect(next.getTime() - utc("2026-03-28T12:00:00Z").getTime()).toBe(23 * 3_600_000);
  });

  it("keeps the clock time: a day after noon BST on 24 October is noon GMT on 25 October, 25 hours later", () => {
    expect(addLocalDays(utc("2026-10-24T11:00:00Z"), 1, LONDON)).toEqual(utc("2026-10-25T12:00:00Z"));
  });

  it("counts calendar days, and whole periods only once the clock time comes round", () => {
    expect(localDaysBetween(utc("2026-10-11T23:30:00Z"), utc("2026-10-25T23:45:00Z"), LONDON)).toBe(13);
    expect(wholeLocalPeriods(utc("2026-10-11T23:30:00Z"), utc("2026-10-25T23:45:00Z"), 14, LONDON)).toBe(0);
    expect(wholeLocalPeriods(utc("2026-10-11T23:30:00Z"), utc("2026-10-26T00:30:00Z"), 14, LONDON)).toBe(1);
    expect(() => wholeLocalPeriods(utc("2026-10-11T23:30:00Z"), utc("2026-10-26T00:30:00Z"), 0, LONDON)).toThrow(RangeError);
  });

  it("adds months on the calendar: a month after 31 January is 28 February; 72 months keeps the clock time across many changes", () => {
    expect(localDateOf(addLocalMonths(utc("2026-01-31T10:00:00Z"), 1, LONDON), LONDON)).toBe("2026-02-28");
    expect(addLocalMonths(utc("2026-01-15T10:00:00Z"), 72, LONDON)).toEqual(utc("2032-01-15T10:00:00Z"));
    expect(addLocalMonths(utc("2026-07-15T09:00:00Z"), -6, LONDON)).toEqual(utc("2026-01-15T10:00:00Z"));
  });
});

describe("a person's age", () => {
  const born = utc("2018-06-15T00:00:00Z"); // a @db.Date column: 15 June 2018

  it("turns at local midnight on the birthday: 8 at 00:30 BST on 15 June 2026, 7 at 23:30 BST the evening before", () => {
    expect(ageOn(born, utc("2026-06-14T23:30:00Z"), LONDON)).toBe(8);
    expect(ageOn(born, utc("2026-06-14T22:30:00Z"), LONDON)).toBe(7);
    expect(ageOn(born, utc("2026-06-15T02:00:00Z"), "America/New_York")).toBe(7);
  });

  it("counts a 29 February birthday on 1 March in a year without one", () => {
    const leapling = utc("2016-02-29T00:00:00Z");
    expect(ageOn(leapling, utc("2025-02-28T12:00:00Z"), LONDON)).toBe(8);
    expect(ageOn(leapling, utc("2025-03-01T12:00:00Z"), LONDON)).toBe(9);
  });
});

describe("a local date and time from a form", () => {
  it("refuses 01:30 on the spring-forward day in London: the clocks went from 01:00 GMT to 02:00 BST, so it never happened", () => {
    expect(fromLocalDateTime("2026-03-29T01:30", LONDON)).toEqual({ ok: false, reason: "skipped" });
    expect(fromLocalDateTime("2026-03-29T00:59", LONDON)).toEqual({ ok: true, at: utc("2026-03-29T00:59:00Z"), repeated: false });
    expect(fromLocalDateTime("2026-03-29T02:00", LONDON)).toEqual({ ok: true, at: utc("2026-03-29T01:00:00Z"), repeated: false });
  });

  it("reads 01:30 on the fall-back day, which the clocks showed twice, as the first of the two (BST)", () => {
    expect(fromLocalDateTime("2026-10-25T01:30", LONDON)).toEqual({ ok: true, at: utc("2026-10-25T00:30:00Z"), repeated: true });
    expect(toLocalDateTime(utc("2026-10-25T00:30:00Z"), LONDON)).toBe("2026-10-25T01:30");
    expect(toLocalDateTime(utc("2026-10-25T01:30:00Z"), LONDON)).toBe("2026-10-25T01:30");
    expect(fromLocalDateTime("2026-10-25T02:00", LONDON)).toEqual({ ok: true, at: utc("2026-10-25T02:00:00Z"), repeated: false });
  });

  it("refuses what is not a date and time", () => {
    for (const bad of ["", "2026-02-30T10:00", "2026-03-31 14:30", "2026-03-31T24:00", "2026-03-31T14:60", "2026-3-31T14:30", "2026-03-31T14:30:00"]) {
      expect(fromLocalDateTime(bad, LONDON)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  const zones = fc.constantFrom(LONDON, "Europe/Dublin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham", "UTC");
  // Minutes from 2020 to 2035, so both clock changes of every year are in range.
  const instants = fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000));

  it("property: every instant shown as a local date and time reads back to the same clock reading, and to the same instant unless the clocks showed that reading twice", () => {
    fc.assert(
      fc.property(zones, instants, (zone, at) => {
        const shown = toLocalDateTime(at, zone);
        const read = fromLocalDateTime(shown, zone);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(toLocalDateTime(read.at, zone)).toBe(shown);
        if (read.repeated) expect(read.at.getTime()).toBeLessThanOrEqual(at.getTime());
        else expect(read.at).toEqual(at);
      }),
      { numRuns: 2000 },
    );
  });

  it("property: any clock reading typed in is either refused as skipped or read as an instant the clock showed it at", () => {
    const readings = fc.record({ day: fc.integer({ min: 0, max: 365 * 15 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) }).map(({ day, minute }) => {
      const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      return `${date}T${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
    });
    fc.assert(
      fc.property(zones, readings, (zone, typed) => {
        const read = fromLocalDateTime(typed, zone);
        if (read.ok) expect(toLocalDateTime(read.at, zone)).toBe(typed);
        else expect(read.reason).toBe("skipped");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the service's zone and formatting", () => {
  it("accepts IANA names and refuses offsets, abbreviations and nonsense", () => {
    for (const zone of [LONDON, "Europe/Dublin", "America/Argentina/Buenos_Aires", "UTC"]) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ["", "+01:00", "GMT+1", "BST", "Europe/Atlantis", `${LONDON}\n`, "../etc/passwd"]) expect(isTimeZone(zone)).toBe(false);
    expect(timeZoneSchema.safeParse(" Europe/Dublin ").data).toBe("Europe/Dublin");
    expect(timeZoneSchema.safeParse("Mars/Olympus").success).toBe(false);
  });

  it("formats an instant in the zone given, and a calendar column as the day it holds", () => {
    const at = utc("2026-06-14T23:30:00Z");
    expect(datesIn(LONDON).dayTime(at)).toBe("15 Jun 2026, 00:30");
    expect(datesIn("America/New_York").day(at)).toBe("14 Jun 2026");
    expect(datesIn(LONDON).day(null)).toBe("—");
    expect(formatCalendarDay(utc("2018-06-15T00:00:00Z"))).toBe("15 Jun 2018");
  });
});

describe("reporting years", () => {
  it("start on the 1st of the service's month, end the day before the next one starts, and never overlap", () => {
    expect(reportingYear(2025, 4)).toEqual({ year: 2025, from: "2025-04-01", to: "2026-03-31", label: "2025–26" });
    expect(reportingYear(2023, 4).to).toBe("2024-03-31");
    expect(reportingYear(1999, 4).label).toBe("1999–00");
    expect(reportingYear(2025, 1)).toEqual({ year: 2025, from: "2025-01-01", to: "2025-12-31", label: "2025" });
    expect(reportingYear(2027, 3).to).toBe("2028-02-29");
    expect(reportingYearOf("2026-03-31", 4)).toBe(2025);
    expect(reportingYearOf("2026-04-01", 4)).toBe(2026);
    expect(reportingYearOf("2026-12-31", 1)).toBe(2026);
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const one = reportingYear(year, month);
        const next = reportingYear(year + 1, month);
        expect(addCalendarDays(one.to, 1)).toBe(next.from);
        expect(reportingYearOf(one.from, month)).toBe(year);
        expect(reportingYearOf(one.to, month)).toBe(year);
      }),
    );
  });

  it("refuses a month that is not 1–12 and a day that is not a day", () => {
    expect(() => reportingYear(2025, 13)).toThrow(RangeError);
    expect(() => reportingYear(2025, 0)).toThrow(RangeError);
    expect(() => reportingYearOf("2025-02-30", 4)).toThrow(RangeError);
  });
});
