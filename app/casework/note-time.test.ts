/**
 * A case note's "when it happened", typed into a `datetime-local` field, is read on the service's
 * clock: at the UK's clock changes a skipped time is refused with a reason and a repeated one is
 * the first of the two.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE } from "~/time/zone";
import { noteSchema } from "./schemas";

const note = (occurredAt: string, zone = DEFAULT_TIME_ZONE) => noteSchema(zone).safeParse({ kind: "NOTE", occurredAt, body: "Rang back." });

describe("the time a note records", () => {
  it("refuses 01:30 on 29 March 2026 in London, a time the clocks skipped, and says what to do", () => {
    const parsed = note("2026-03-29T01:30");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["occurredAt", "The clocks went forward then, so that time did not happen: enter the time as the clock showed it, like 02:30"],
    ]);
  });

  it("reads 01:30 on 25 October 2026 in London as the first 01:30 (BST, 00:30 UTC)", () => {
    expect(note("2026-10-25T01:30").data?.occurredAt).toEqual(new Date("2026-10-25T00:30:00Z"));
  });

  it("reads the same clock reading in the service's own zone", () => {
    expect(note("2026-06-15T00:30").data?.occurredAt).toEqual(new Date("2026-06-14T23:30:00Z"));
    expect(note("2026-06-15T00:30", "America/New_York").data?.occurredAt).toEqual(new Date("2026-06-15T04:30:00Z"));
  });

  it("refuses what is not a date and time", () => {
    expect(note("2026-02-30T10:00").error?.issues[0]?.message).toBe("Enter a date and time, like 2026-03-31 14:30");
  });
});
