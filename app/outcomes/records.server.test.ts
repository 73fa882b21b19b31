/**
 * The de-identified record-level export on the fixed service of tests/fixtures/outcomes.ts: who is
 * in it, what a row holds, and that pseudonyms are stable per export key and nothing else.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { OUTCOME_PERIOD, useOutcomeWorld } from "../../tests/fixtures/outcomes";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { recordsCsvStream, recordsDictionary } from "./records.server";

const fixture = useOutcomeWorld();

async function exported(exportKey: string): Promise<Record<string, string>[]> {
  const stream = recordsCsvStream({ serviceId: fixture.world.serviceId, zone: DEFAULT_TIME_ZONE, ...OUTCOME_PERIOD, exportKey }, fixture.database.prisma);
  const text = await new Response(stream).text();
  return parse(text, { columns: true });
}

describe("the record-level export", () => {
  it("has one row per consented person and form, with months and bands only", async () => {
    const rows = await exported("an export key of some length");
    // North: 22 consented survivors' intakes + 15 exits; 6 service users' exits; the South: 7 + 7.
    expect(rows).toHaveLength(22 + 15 + 6 + 14);
    expect(new Set(rows.map((r) => r.person)).size).toBe(22 + 6 + 7);
    for (const row of rows) {
      expect(row.support_started).toMatch(/^\d{4}-\d{2}$/);
      expect(row.form_month).toMatch(/^\d{4}-\d{2}$/);
      expect(row.person).toMatch(/^[0-9a-f]{20}$/);
    }
    // Nobody's record id, and no one who did not consent (North i = 22, 23).
    const text = JSON.stringify(rows);
    for (const id of fixture.world.survivorIds) expect(text).not.toContain(id);
    const exits = rows.filter((r) => r.stage === "exit" && r.group === "adult-survivor");
    expect(exits).toHaveLength(22);
    expect(exits.filter((r) => r["felt-safer"] === "agree")).toHaveLength(10);
  });

  it("gives the same pseudonyms for the same key and unrelated ones for another", async () => {
    const first = await exported("an export key of some length");
    const again = await exported("an export key of some length");
    const other = await exported("a different export key, also long");
    expect(again.map((r) => r.person)).toEqual(first.map((r) => r.person));
    const firstSet = new Set(first.map((r) => r.person));
    expect(other.some((r) => firstSet.has(r.person ?? ""))).toBe(false);
  });

  it("has a data dictionary entry for every column, and no written-answer column", () => {
    const dictionary = recordsDictionary();
    const columns = dictionary.map((d) => d.column);
    expect(columns).not.toContain("biggest-difference");
    expect(columns).not.toContain("what-helped");
    expect(columns).not.toContain("want-to-change");
    expect(dictionary.every((d) => d.meaning.length > 10)).toBe(true);
  });
});
