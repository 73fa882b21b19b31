/**
 * The report page and its CSV, called through their loaders with real sessions on the fixed
 * service of tests/fixtures/outcomes.ts: filters, bad input, a case manager's own area, and the
 * CSV holding exactly what the page shows.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleNewSession } from "../auth/session.server";
import { setDatabase } from "../db.server";
import { loader as csvLoader } from "../routes/staff.reports_.csv";
import { loader as pageLoader } from "../routes/staff.reports";
import { createStaff, createTeam } from "../../tests/fixtures/factory";
import { buildOutcomeWorld, type OutcomeWorld } from "../../tests/fixtures/outcomes";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { reportCsv } from "./csv.server";
import type { OutcomeReport } from "./report.server";
import { percentText, shownText } from "./suppression";

let database: TestDatabase;
let world: OutcomeWorld;
const cookies: Record<"manager" | "caseManager", string> = { manager: "", caseManager: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  world = await buildOutcomeWorld(database.prisma);
  // The fixture's figures are counted over the calendar year 2025: this service's reporting years are calendar years.
  await database.prisma.service.update({ where: { id: world.serviceId }, data: { reportingYearStartMonth: 1 } });
  const team = await createTeam(database.prisma, { serviceId: world.serviceId, areaId: world.northId });
  const manager = await createStaff(database.prisma, { serviceId: world.serviceId, role: "MANAGER" });
  const caseManager = await createStaff(database.prisma, { serviceId: world.serviceId, role: "CASE_MANAGER", teamId: team.id });
  const session = async (staffId: string) =>
    (await handleNewSession(new Request("http://localhost/"), { staffId }, "passkey", { proven: true })).split(";")[0] ?? "";
  cookies.manager = await session(manager.id);
  cookies.caseManager = await session(caseManager.id);
}, 60_000);
afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

const args = (path: string, who: keyof typeof cookies) => ({
  request: new Request(`http://localhost${path}`, { headers: { Cookie: cookies[who] } }),
  params: {},
  context: { clientAddress: "192.0.2.1" },
});

type PageData = { values: Record<string, string>; errors: Record<string, string>; report: OutcomeReport | null };

/** The loader's answer as status and data, whether it returned data or `data(..., { status })`. */
async function page(path: string, who: keyof typeof cookies): Promise<{ status: number; body: PageData }> {
  const result: unknown = await pageLoader(args(path, who));
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = result.init as { status?: number } | null;
    return { status: init?.status ?? 200, body: result.data as PageData };
  }
  return { status: 200, body: result as PageData };
}

function figure(report: OutcomeReport | null, key: string): string {
  const line = report?.sections.flatMap((s) => s.lines).find((l) => l.key === key);
  return line ? shownText(line.count) : "missing";
}

const year = "year=2025";

describe("the outcome report page", () => {
  it("shows a manager the whole service, and an area when asked", async () => {
    const all = await page(`/staff/reports?${year}`, "manager");
    expect(all.status).toBe(200);
    expect(figure(all.body.report, "s.people")).toBe("29");
    const south = await page(`/staff/reports?${year}&area=${world.southId}`, "manager");
    expect(figure(south.body.report, "s.people")).toBe("7");
  });

  it("shows a case manager only their own area, whatever they ask for", async () => {
    const asked = await page(`/staff/reports?${year}&area=${world.southId}`, "caseManager");
    expect(asked.status).toBe(200);
    expect(figure(asked.body.report, "s.people")).toBe("22");
    expect(asked.body.values.area).toBe(world.northId);
  });

  it.each([
    ["year=2025-13", "year", /Choose a reporting year from the list/],
    ["year=not-a-year", "year", /Choose a reporting year from the list/],
    // The list holds this reporting year and the nine before it; the tenth before is refused.
    [`year=${Number(new Date().toISOString().slice(0, 4)) - 10}`, "year", /from the last 10/],
    [`${year}&referral=POLICE&band=8-12`, "band", /a referral source or a children's age band, not both/],
    [`${year}&area=no-such-area`, "area", /Choose an area/],
    [`${year}&group=PERPETRATOR`, "group", /Choose a group/],
    [`${year}&referral=NOWHERE`, "referral", /Choose a referral source/],
    [`${year}&band=adult`, "band", /Choose an age band/],
  ])("refuses %s with 400, a message for %s, and the form as sent", async (query, field, message) => {
    const result = await page(`/staff/reports?${query}`, "manager");
    expect(result.status).toBe(400);
    expect(result.body.report).toBeNull();
    expect(result.body.errors[field]).toMatch(message);
    const sent = new URLSearchParams(query);
    expect(result.body.values[field]).toBe(sent.get(field));
  });
});

describe("the report as CSV", () => {
  it("holds exactly what the page shows, suppressed, and is audited", async () => {
    const shown = await page(`/staff/reports?${year}`, "manager");
    const response = await csvLoader(args(`/staff/reports/csv?${year}`, "manager"));
    if (!(response instanceof Response)) throw new Error("expected a Response");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await response.text();
    const report = shown.body.report;
    if (!report) throw new Error("no report");
    expect(text).toBe(reportCsv(report));
    const rows: string[][] = parse(text);
    const lines = report.sections.flatMap((s) => s.lines);
    for (const line of lines) {
      const row = rows.find((r) => r[1] === line.label && r[2] === shownText(line.count));
      expect(row, line.key).toBeDefined();
      if (line.percent.kind === "percent") expect(percentText(line.percent)).toContain(`${row?.[5]}%`);
    }
    // The two children are a small group: "<5" in the CSV as on the page.
    expect(rows.some((r) => r[1] === "children and young people" && r[2] === "<5")).toBe(true);
    const audit = await database.prisma.auditEvent.count({ where: { action: "outcomes.report-csv" } });
    expect(audit).toBe(1);
  });

  it("gives each percentage its 95% interval, on the page and in the CSV, once the service turns it on", async () => {
    const line = (report: OutcomeReport | null) => report?.sections.flatMap((s) => s.lines).find((l) => l.key === "s.safer");
    const before = line((await page(`/staff/reports?${year}`, "manager")).body.report);
    expect(before?.percent).toEqual({ kind: "percent", percent: 67, k: 10, n: 15 });
    await database.prisma.service.update({ where: { id: world.serviceId }, data: { reportIntervals: true } });
    try {
      const report = (await page(`/staff/reports?${year}`, "manager")).body.report;
      // Wilson 95% for 10 of 15: 41.7% to 84.8%.
      expect(line(report)?.percent).toEqual({ kind: "percent", percent: 67, k: 10, n: 15, interval: { low: 42, high: 85 } });
      const response = await csvLoader(args(`/staff/reports/csv?${year}`, "manager"));
      if (!(response instanceof Response)) throw new Error("expected a Response");
      const rows: string[][] = parse(await response.text());
      const safer = rows.find((r) => r[1] === "said they felt safer");
      expect(safer?.slice(5)).toEqual(["67", "42", "85"]);
    } finally {
      await database.prisma.service.update({ where: { id: world.serviceId }, data: { reportIntervals: false } });
    }
  });

  it("refuses bad filters with 400 and says why", async () => {
    const response = await csvLoader(args("/staff/reports/csv?year=2025-02-30", "manager"));
    if (!(response instanceof Response)) throw new Error("expected a Response");
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Choose a reporting year/);
  });
});
