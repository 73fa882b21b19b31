/**
 * `npm run bench`: performance figures that matter to the people using Waypoint, printed as a
 * table. Targets are stated beside each figure; a benchmark reports, it does not fail a build.
 *
 * Runs the built demo server on a fresh database (embedded, or on the PostgreSQL server that
 * DATABASE_URL points at) through scripts/e2e-server.mjs, and Chromium through Playwright.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PIN } from "../prisma/demo-credentials";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://localhost:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

type Row = { measure: string; median: string; p95: string; n: number; target: string };
const rows: Row[] = [];

function quantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function record(measure: string, values: number[], unit: string, target: string, digits = 1) {
  rows.push({
    measure,
    median: `${quantile(values, 0.5).toFixed(digits)} ${unit}`,
    p95: `${quantile(values, 0.95).toFixed(digits)} ${unit}`,
    n: values.length,
    target,
  });
}

async function startServer() {
  const server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, PORT: String(PORT), WAYPOINT_E2E_NAME: `waypoint_bench_${Date.now()}`, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  server.kill("SIGTERM");
  throw new Error("The server did not start within 2 minutes.");
}

async function signInAsDemoSurvivor(page: Page) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Sign-in name", { exact: true }).fill("alex-rivers-0001");
  await page.getByLabel("PIN", { exact: true }).fill(DEMO_PIN);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/(start|home)$/);
  if (page.url().endsWith("/start")) await page.getByRole("button", { name: /continue/i }).click();
  await page.waitForURL(/\/home$/);
}

/**
 * Third Shift key-up → page hidden, and → navigation requested, in the page's own clock. A bubble
 * listener on window runs after the app's capture listener has acted on the same key-up, reads the
 * marks the app left, and reports them through the console before the page is gone.
 */
async function quickExitTimings(page: Page) {
  const hidden: number[] = [];
  const navigation: number[] = [];
  // 204 to a navigation leaves the browser where it is: the session survives for the next round.
  let exits = 0;
  await page.route("**/exit", async (route) => {
    await route.fulfill({ status: 204 });
    exits += 1;
  });
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(`${BASE}/home`);
    await page.waitForLoadState("load");
    const report = new Promise<{ hidden: number; navigation: number; cloaked: boolean }>((resolve) => {
      const onConsole = (message: { text(): string }) => {
        const text = message.text();
        if (!text.startsWith("bench:")) return;
        page.off("console", onConsole);
        resolve(JSON.parse(text.slice("bench:".length)));
      };
      page.on("console", onConsole);
    });
    await page.evaluate(() => {
      let shifts = 0;
      window.addEventListener("keyup", (event) => {
        if (event.key !== "Shift" || ++shifts < 3) return;
        // No named inner functions here: tsx would wrap them in a helper the page does not have.
        const hiddenAt = performance.getEntriesByName("waypoint:hidden")[0]?.startTime ?? NaN;
        const navigationAt = performance.getEntriesByName("waypoint:navigation-requested")[0]?.startTime ?? NaN;
        console.log(
          `bench:${JSON.stringify({
            hidden: hiddenAt - event.timeStamp,
            navigation: navigationAt - event.timeStamp,
            cloaked: document.body.hidden,
          })}`,
        );
      });
    });
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    const t = await Promise.race([report, page.waitForTimeout(10_000).then(() => { throw new Error(`No timing reported in round ${round} (page at ${page.url()}).`); })]);
    if (!t.cloaked) throw new Error("The page was not hidden by the quick exit.");
    // Let the exit navigation be answered before the next round navigates.
    while (exits <= round) await page.waitForTimeout(10);
    hidden.push(t.hidden);
    navigation.push(t.navigation);
  }
  await page.unroute("**/exit");
  record("Quick exit: third Shift key-up → page hidden", hidden, "ms", "≤ 16 ms (one frame)", 2);
  record("Quick exit: third Shift key-up → navigation started", navigation, "ms", "≤ 50 ms", 2);
}

async function coverPageBytes(page: Page) {
  let bytes = 0;
  let requests = 0;
  let scripts = 0;
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes();
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    requests += 1;
    if (request.resourceType() === "script") scripts += 1;
  });
  await page.goto(`${BASE}/`);
  await page.waitForLoadState("networkidle");
  await new Promise((r) => setTimeout(r, 200));
  rows.push({
    measure: `Cover page: bytes transferred (${requests} requests, ${scripts} scripts)`,
    median: `${bytes} B`,
    p95: "—",
    n: 1,
    target: "no scripts; small",
  });
}

async function homeServerTime(cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE}/home`, { headers: { Cookie: cookie }, redirect: "manual" });
    await response.text();
    if (response.status !== 200) throw new Error(`/home answered ${response.status}`);
    times.push(performance.now() - started);
  }
  record("Service user home page: response time (local)", times, "ms", "—");
}

async function main() {
  if (!existsSync("build/server.js")) throw new Error("Build first: npm run bench runs scripts/ensure-ready.mjs.");
  const server = await startServer();
  const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({
    executablePath: existsSync(chromium.executablePath()) ? undefined : systemChromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signInAsDemoSurvivor(page);
    await quickExitTimings(page);
    const sid = (await context.cookies()).find((c) => c.name === "sid");
    if (!sid) throw new Error("No session cookie after sign-in.");
    await homeServerTime(`sid=${sid.value}`);
    await coverPageBytes(await (await browser.newContext()).newPage());
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }

  const database = process.env.DATABASE_URL ? "PostgreSQL server" : "embedded PGlite";
  console.log(`\nWaypoint benchmarks — ${new Date().toISOString()} — ${database}, Chromium headless\n`);
  const header = ["measure", "median", "p95", "n", "target"];
  const table = [header, ...rows.map((r) => [r.measure, r.median, r.p95, String(r.n), r.target])];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of table.slice(1)) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
