import { describe, expect, it } from "vitest";
import { dateColumn } from "~/time/calendar";
// The default zone is the UK's, whose clocks change on the last Sundays of March and October.
import { DEFAULT_TIME_ZONE as LONDON } from "~/time/zone";
import { parseSessionKey, sessionKey, sessionsBetween, type WeeklyRule } from "./slots";

function rule(overrides: Partial<WeeklyRule>): WeeklyRule {
  return {
    id: "r1",
    staffId: "worker1",
    weekday: 2,
    startMinute: 600,
    endMinute: 780,
    sessionMinutes: 60,
    mode: "IN_PERSON",
    venueId: "v1",
    validFrom: dateColumn("2026-01-01"),
    validUntil: null,
    ...overrides,
  };
}

const starts = (rules: WeeklyRule[], from: string, to: string) =>
  sessionsBetween(rules, [], new Date(from), new Date(to), LONDON).map((s) => s.startsAt.toISOString());

describe("weekly sessions follow the wall clock across the clock changes", () => {
  it("gives a 10:00 Tuesday session at 10:00 in March (GMT), April (BST) and November (GMT)", () => {
    expect(starts([rule({ endMinute: 660 })], "2026-03-24T00:00:00Z", "2026-03-25T00:00:00Z")).toEqual(["2026-03-24T10:00:00.000Z"]);
    expect(starts([rule({ endMinute: 660 })], "2026-03-31T00:00:00Z", "2026-04-01T00:00:00Z")).toEqual(["2026-03-31T09:00:00.000Z"]);
    expect(starts([rule({ endMinute: 660 })], "2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z")).toEqual(["2026-11-03T10:00:00.000Z"]);
  });

  it("on the last Sunday of March, leaves out the session that would start in the hour the clocks skip", () => {
    // Sundays 00:30–03:30 in hours. 01:30 on 29 March 2026 never happens in London (01:00 GMT → 02:00 BST).
    const sunday = rule({ weekday: 7, startMinute: 30, endMinute: 210 });
    const got = sessionsBetween([sunday], [], new Date("2026-03-28T12:00:00Z"), new Date("2026-03-29T12:00:00Z"), LONDON);
    expect(got.map((s) => s.startsAt.toISOString())).toEqual(["2026-03-29T00:30:00.000Z", "2026-03-29T01:30:00.000Z"]);
    // 00:30 GMT and 02:30 BST: an hour of elapsed time apart, each an hour long, not overlapping.
    expect(got.map((s) => s.endsAt.toISOString())).toEqual(["2026-03-29T01:30:00.000Z", "2026-03-29T02:30:00.000Z"]);
  });

  it("on the last Sunday of October, offers the session in the hour the clocks show twice once, at the first", () => {
    const sunday = rule({ weekday: 7, startMinute: 30, endMinute: 210 });
    const got = sessionsBetween([sunday], [], new Date("2026-10-24T12:00:00Z"), new Date("2026-10-25T12:00:00Z"), LONDON);
    // 00:30 BST (23:30 UTC the day before), 01:30 BST (00:30 UTC; not again at 01:30 GMT), 02:30 GMT.
    expect(got.map((s) => s.startsAt.toISOString())).toEqual(["2026-10-24T23:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T02:30:00.000Z"]);
  });

  it("keeps to the rule's first and last days, in the service's calendar", () => {
    const bounded = rule({ validFrom: dateColumn("2026-03-10"), validUntil: dateColumn("2026-03-17"), endMinute: 660 });
    expect(starts([bounded], "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")).toEqual(["2026-03-10T10:00:00.000Z", "2026-03-17T10:00:00.000Z"]);
  });

  it("names a session by its worker and start, and reads no malformed key", () => {
    const at = new Date("2026-03-10T10:00:00Z");
    expect(parseSessionKey(sessionKey("cabc123", at))).toEqual({ staffId: "cabc123", startsAt: at });
    for (const bad of ["", "x", "abc~", "~123", "ABC~1", "a~1e5", "a~99999999999999999", "a b~1"]) expect(parseSessionKey(bad), bad).toBeNull();
  });
});
