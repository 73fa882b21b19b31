/**
 * The outcome report on a fixed service whose every figure can be counted by hand
 * (tests/fixtures/outcomes.ts says who is who). One world for the file, built once.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { OUTCOME_PERIOD, useOutcomeWorld } from "../../tests/fixtures/outcomes";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { outcomeReport, type OutcomeReport, type ReportFilters } from "./report.server";

const fixture = useOutcomeWorld();

const noFilters: ReportFilters = { ...OUTCOME_PERIOD, areaId: null, group: null, referralSource: null, ageBand: null };

function run(filters: Partial<ReportFilters> = {}): Promise<OutcomeReport> {
  return outcomeReport({ ...noFilters, ...filters }, { serviceId: fixture.world.serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 }, fixture.database.prisma);
}

function lineOf(report: OutcomeReport, key: string) {
  const found = report.sections.flatMap((s) => s.lines).find((l) => l.key === key);
  if (!found) throw new Error(`no line ${key}`);
  return found;
}

/** "k of n (p%)" or the suppressed forms, for compact expectations. */
function read(report: OutcomeReport, key: string): string {
  const line = lineOf(report, key);
  const count = line.count.kind === "count" ? String(line.count.n) : line.count.kind === "small" ? `<${line.count.below}` : "withheld";
  if (!line.of) return count;
  const of = line.of.count.kind === "count" ? String(line.of.count.n) : line.of.count.kind === "small" ? `<${line.of.count.below}` : "withheld";
  const pct = line.percent.kind === "percent" ? ` ${line.percent.percent}%` : "";
  return `${count}/${of}${pct}`;
}

describe("the outcome report, whole service, 2025", () => {
  let report: OutcomeReport;
  beforeAll(async () => {
    report = await run();
  });

  it("keeps the seed report's order of sections", () => {
    expect(report.sections.map((s) => s.key)).toEqual([
      "people",
      "who-survivors",
      "who-harmful",
      "who-young",
      "involved",
      "survivors-experienced",
      "children-experienced",
      "support-survivors",
      "support-harmful",
      "support-young",
      "survivors-exit",
      "children-exit",
      "harmful-exit",
      "whole-family",
      "engagement",
      "data-quality",
    ]);
  });

  it("counts consented people supported in the period, small groups as <5", () => {
    // 22 consented in the North + 7 in the South; 6 service users; 2 children.
    expect(read(report, "s.people")).toBe("29");
    expect(read(report, "h.people")).toBe("6");
    expect(read(report, "y.people")).toBe("<5");
  });

  it("gives demographics as % with n", () => {
    expect(read(report, "s.female")).toBe("29/29 100%");
    // Asian: North i = 12..21 (consented) → 10.
    expect(read(report, "s.minority")).toBe("10/29 34%");
    expect(read(report, "s.disability")).toBe("5/29 17%");
    // Referred by children's social care: North i < 15; the South's families by the police.
    expect(read(report, "s.referred-csc")).toBe("15/29 52%");
    // Employment is recorded only in the North: unemployed i < 6 of 22.
    expect(read(report, "s.unemployed")).toBe("6/22 27%");
    expect(read(report, "s.new")).toBe("11/22 50%");
  });

  it("counts experiences at intake", () => {
    // Physical: North i < 16 (16) + South 7; more than one type: North i < 12 (physical and jealous/controlling).
    expect(read(report, "s.physical")).toBe("23/29 79%");
    expect(read(report, "s.multiple")).toBe("12/29 41%");
    expect(read(report, "s.sexual")).toBe("6/29 21%");
  });

  it("gives support as a share of those who asked for it", () => {
    // Asked for housing and have an exit form: North i < 8; all of them were supported.
    expect(read(report, "s.support-housing")).toBe("8/8");
    // Safety: North i < 15 asked and have an exit form; the South asked nothing.
    expect(read(report, "s.support-safety")).toBe("15/15 100%");
  });

  it("matches intake to exit, and says how many exit forms came from how many people", () => {
    // Ended in 2025: North i < 20 and the South's 7; exit forms: North i < 15 and the South's 7.
    expect(read(report, "s.exit-forms")).toBe("22/27 81%");
    // Physical abuse at intake and asked at exit: 15 + 7; stopped: North i = 5..14 (10) + South 7.
    expect(read(report, "s.ceased-physical")).toBe("17/22 77%");
    // Harassment at intake (North i < 10) and still at exit for i < 5: 5 of 10 stopped.
    expect(read(report, "s.ceased-hs")).toBe("5/10 50%");
    expect(read(report, "s.safer")).toBe("10/15 67%");
  });

  it("gives the paired intake and exit figures of the same matched people", () => {
    // Matched and asked about physical abuse both times: North i < 15 and the South's 7 (22).
    // At intake: all 22 (North i < 16, South all); at exit: North i < 5 (5), South none.
    expect(read(report, "s.physical-at-intake")).toBe("22/22 100%");
    expect(read(report, "s.physical-at-exit")).toBe("5/22 23%");
    // Harassment and stalking at intake: North i < 10 (10); at exit: North i < 5 (5).
    expect(read(report, "s.hs-at-intake")).toBe("10/22 45%");
    expect(read(report, "s.hs-at-exit")).toBe("5/22 23%");
    const section = report.sections.find((s) => s.key === "survivors-exit");
    expect(section?.pairs.map((p) => p.label)).toEqual(["physical abuse", "sexual abuse", "harassment and stalking", "jealous and controlling behaviour"]);
  });

  it("hides small counts and what would give them away, and gives no % under 10", () => {
    // Risk lower at the end: 3 of 6. Both 3 and the other 3 are small; 6 is under 10.
    expect(read(report, "h.risk-reduced")).toBe("<5/6");
    // No physical abuse at the end: 5 of 6; the one who still did is protected, so 5 is withheld.
    expect(read(report, "h.no-physical")).toBe("withheld/6");
  });

  it("counts everyone in data quality, consented or not", () => {
    expect(read(report, "s.dq-people")).toBe("31");
    // 29 of 31 consented: the 2 who did not are a small group, so the 29 is withheld.
    expect(read(report, "s.dq-consent")).toBe("withheld/31");
    expect(read(report, "s.dq-intake")).toBe("31/31 100%");
  });
});

describe("filters", () => {
  it("an area shows that area's figures", async () => {
    const north = await run({ areaId: fixture.world.northId });
    expect(read(north, "s.people")).toBe("22");
    expect(read(north, "s.minority")).toBe("10/22 45%");
    expect(read(north, "s.physical")).toBe("16/22 73%");
    const south = await run({ areaId: fixture.world.southId });
    expect(read(south, "s.people")).toBe("7");
    expect(read(south, "s.ceased-physical")).toBe("7/7");
  });

  it("a cohort (referral source) counts only people in it", async () => {
    // Referred by the police: North i = 15..21 (consented) and the South's 7.
    const police = await run({ referralSource: "POLICE" });
    expect(read(police, "s.people")).toBe("14");
    expect(read(police, "h.people")).toBe("0");
  });

  it("a group shows that group's figures as the whole report does, and nobody of the other groups", async () => {
    const adults = await run({ group: "ADULT_SURVIVOR" });
    const everyone = await run();
    expect(read(adults, "s.people")).toBe(read(everyone, "s.people"));
    expect(read(adults, "s.minority")).toBe(read(everyone, "s.minority"));
    expect(read(adults, "h.people")).toBe("0");
  });

  it("splits no whole-family figure by cohort or group, and says why instead", async () => {
    for (const filters of [{ referralSource: "POLICE" }, { ageBand: "8-12" as const }, { group: "YOUNG_PERSON" as const }]) {
      const report = await run(filters);
      const families = report.sections.filter((s) => s.lines.every((l) => l.key.startsWith("f.")));
      expect(families.length).toBeGreaterThan(0);
      for (const section of families) {
        expect(section.withheld).toBe("families");
        expect(section.lines.every((l) => l.count.kind === "withheld")).toBe(true);
      }
    }
    const unfiltered = (await run()).sections.filter((s) => s.lines.every((l) => l.key.startsWith("f.")));
    expect(unfiltered.every((s) => s.withheld === null)).toBe(true);
  });

  it("refuses a referral source and an age band together: their cross is not a decided view", async () => {
    await expect(run({ referralSource: "POLICE", ageBand: "8-12" })).rejects.toThrow(/not both/);
  });

  it("a period with nobody in it says every section is empty", async () => {
    const empty = await run({ from: "2030-01-01", to: "2030-12-31" });
    expect(empty.sections.every((s) => s.allHidden)).toBe(true);
  });
});
