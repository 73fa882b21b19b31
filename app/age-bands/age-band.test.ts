import { describe, expect, it } from "vitest";
import { ageBand, ageOn } from "./age-band";
import { DEFAULT_TIME_ZONE } from "~/time/zone";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe("age band", () => {
  it("counts a birthday only once it has come", () => {
    expect(ageOn(d("2018-06-15"), d("2026-06-14"), DEFAULT_TIME_ZONE)).toBe(7);
    expect(ageOn(d("2018-06-15"), d("2026-06-15"), DEFAULT_TIME_ZONE)).toBe(8);
  });

  it("moves a child to the next band on their birthday", () => {
    expect(ageBand(d("2018-06-15"), d("2026-06-14"), DEFAULT_TIME_ZONE)).toBe("under-8");
    expect(ageBand(d("2018-06-15"), d("2026-06-15"), DEFAULT_TIME_ZONE)).toBe("8-12");
    expect(ageBand(d("2013-11-22"), d("2026-11-21"), DEFAULT_TIME_ZONE)).toBe("8-12");
    expect(ageBand(d("2013-11-22"), d("2026-11-22"), DEFAULT_TIME_ZONE)).toBe("13-17");
  });

  it("keeps an 18-year-old whose case is still open on the oldest view", () => {
    expect(ageBand(d("2008-01-01"), d("2026-11-22"), DEFAULT_TIME_ZONE)).toBe("13-17");
  });

  it("handles a 29 February birthday", () => {
    expect(ageOn(d("2016-02-29"), d("2024-02-28"), DEFAULT_TIME_ZONE)).toBe(7);
    expect(ageOn(d("2016-02-29"), d("2024-02-29"), DEFAULT_TIME_ZONE)).toBe(8);
  });
});
