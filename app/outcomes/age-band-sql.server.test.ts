/**
 * The report's age band, computed in SQL (`ageBandSql`), agrees with the one the portal uses
 * everywhere else (app/age-bands `ageBand`) on the days where they could part: the day before, of
 * and after each 8th, 13th and 18th birthday, a leap-day birthday, and starts late in the evening
 * in summer time, when the local day is already the next UTC day's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { ageBand } from "../age-bands/age-band";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { ageBandSql } from "./report.server";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.close();
});

/** A calendar day as the database's `@db.Date` values arrive in JavaScript: midnight UTC. */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const shift = (date: Date, years: number, days: number) => new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate() + days));

describe("ageBandSql", () => {
  it("gives the band ageBand gives, at every birthday that changes it", async () => {
    // Instants involvement started, and the local day each is in the service's zone (London).
    const starts = [
      { at: new Date("2026-06-14T23:30:00.000Z"), local: day("2026-06-15") }, // summer time: already the 15th
      { at: new Date("2026-01-10T12:00:00.000Z"), local: day("2026-01-10") },
      { at: new Date("2025-03-01T00:15:00.000Z"), local: day("2025-03-01") },
    ];
    const cases: { at: Date; dateOfBirth: Date }[] = [];
    for (const start of starts)
      for (const years of [-8, -13, -18]) for (const days of [-1, 0, 1]) cases.push({ at: start.at, dateOfBirth: shift(start.local, years, days) });
    cases.push({ at: new Date("2025-02-28T12:00:00.000Z"), dateOfBirth: day("2016-02-29") });
    cases.push({ at: new Date("2025-03-01T12:00:00.000Z"), dateOfBirth: day("2016-02-29") });

    const rows = await database.prisma.$queryRawUnsafe<{ i: number; band: string }[]>(
      `SELECT c.i::int AS i, ${ageBandSql("c.at", "c.dob", "$3::text")} AS band
       FROM unnest($1::timestamp[], $2::date[]) WITH ORDINALITY AS c(at, dob, i) ORDER BY c.i`,
      cases.map((c) => c.at.toISOString()),
      cases.map((c) => c.dateOfBirth.toISOString().slice(0, 10)),
      DEFAULT_TIME_ZONE,
    );
    const expected = cases.map((c) => ageBand(c.dateOfBirth, c.at, DEFAULT_TIME_ZONE));
    expect(rows.map((r) => r.band)).toEqual(expected);
    // The cases reach every band, so a band the SQL never gives would fail above.
    expect(new Set(expected)).toEqual(new Set(["under-8", "8-12", "13-17"]));
  });
});
