/**
 * `npm run bench`: performance figures that matter to the people using Waypoint, printed as a
 * table. Targets are stated beside each figure; a benchmark reports, it does not fail a build.
 *
 * Prepares a fresh database first, in this process: embedded (a new data dir under .cache/bench),
 * or a new database `waypoint_bench_*` on the PostgreSQL server that DATABASE_URL points at. It
 * applies the migrations, seeds the demo service and (for the caseload and submit parts) grows it
 * into a large service (bench/large-service.ts), closes it, and only then starts the built server
 * (build/server.js, WAYPOINT_SEED_DEMO=never) on it: two processes must never open one embedded
 * data dir. The database is removed afterwards.
 *
 * Parts, all by default; `BENCH_ONLY=caseload,submit` (comma-separated) runs only those named:
 *   caseload  the caseload page (/staff) for a worker with 60 people, in a service of 5,000 families
 *   submit    questionnaire submits: one person alone, 50 people filling in at once, and 50 clients
 *             back to back (throughput)
 *   browser   in Chromium: quick exit timings, the service-user home page, the cover page's bytes;
 *             and on a throttled phone (1.44 Mbit/s, 560 ms round trip, CPU 4× slower, empty cache):
 *             navigation → quick exit armed and → hydration, and the bytes of each service-user
 *             page, compressed and not (BENCH_PHONE_ROUNDS, 5, loads of the home page)
 *   outcomes  the outcome report over 10,000 / 30,000 / 100,000 people (1,000,000 answers) and the
 *             record-level export's time and memory, on their own databases (bench/outcomes.ts)
 *   booking   free times listed for a person whose worker has a year of weekly availability and 500
 *             appointments, and booking throughput with 20 clients at once, double bookings counted
 *             afterwards in the database (bench/booking.ts)
 *   messages  the person's inbox and a conversation with 1,000 messages, and the worker's messages
 *             page with 60 people and 10,000 messages (bench/messages.ts)
 *
 * Other settings: BENCH_ROUNDS (30) requests per caseload view and quick exit rounds;
 * BENCH_FAMILIES (5000) families in the large service; BENCH_SUBMITS (500) submits in all;
 * BENCH_PORT (3200); BENCH_KEEP=1 leaves the database in place afterwards (to EXPLAIN queries on it;
 * drop it yourself); BENCH_SERVER_NODE_ARGS passes Node options to the server, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/waypoint-profile" to profile it.
 *
 * The server sends no Server-Timing header, so request times are round trips measured here, on
 * loopback: the server's time plus a fraction of a millisecond of HTTP.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { chromium, type Page, type Request as BrowserRequest } from "@playwright/test";
import { openDatabase, type Database } from "../app/db.server";
import { appCookie } from "../app/auth/cookies.server";
import { newSecretId } from "../app/auth/secret-id.server";
import { applyMigrations, migrationTargetOf } from "../server/migrations";
import { DEMO_PIN } from "../prisma/demo-credentials";
import { seedDemoService } from "../prisma/demo-service";
import { addLargeService, describeCounts } from "./large-service";
import { outcomeFigures } from "./outcomes";
import { BOOKING_CLIENTS, doubleBookings, prepareBookingBench } from "./booking";
import { INBOX_MESSAGES, WORKER_MESSAGES, WORKER_PEOPLE, prepareMessagesBench } from "./messages";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://localhost:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 5000);
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 500);
const CASELOAD_SIZE = 60;
const SUBMITTERS = 50;
const WARM_UP = 5;
const PARTS = ["caseload", "submit", "booking", "messages", "browser", "outcomes"] as const;
type Part = (typeof PARTS)[number];
const only = (process.env.BENCH_ONLY ?? "")
  .split(",")
  .map((p) => p.trim())
  .filter(Boolean);
for (const part of only) {
  if (!(PARTS as readonly string[]).includes(part)) throw new Error(`BENCH_ONLY: unknown part "${part}" (parts: ${PARTS.join(", ")}).`);
}
const runs = (part: Part) => only.length === 0 || only.includes(part);

type Row = { measure: string; median: string; p95: string; n: number; target: string; part?: Part };
const rows: Row[] = [];
/** The part running now: rows are printed by part, in the order of PARTS, whatever order they ran in. */
let currentPart: Part = "browser";

function addRow(row: Row) {
  rows.push({ ...row, part: currentPart });
}

function quantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function record(measure: string, values: number[], unit: string, target: string, digits = 1) {
  addRow({
    measure,
    median: `${quantile(values, 0.5).toFixed(digits)} ${unit}`,
    p95: `${quantile(values, 0.95).toFixed(digits)} ${unit}`,
    n: values.length,
    target,
  });
}

// ───────────────────────────── The database and the server ─────────────────────────────

type Prepared = {
  /** What the server needs to open the same database. */
  serverEnv: Record<string, string>;
  description: string;
  /** Signed `sid` cookies, made here for sessions written straight into the database. */
  workerCookie: string | null;
  submitters: { cookie: string; assignmentIds: string[] }[];
  booking: { listerCookie: string; clientCookies: string[]; throughputWorkerId: string } | null;
  messages: { personCookie: string; threadId: string; staffCookie: string } | null;
  dataNote: string;
  remove(): Promise<void>;
};

const fmt = (n: number) => n.toLocaleString("en-GB");

/** Ctrl-C still stops the server and removes the bench's database. */
let onInterrupt: () => Promise<void> = async () => {};
process.once("SIGINT", () => {
  void onInterrupt().finally(() => process.exit(130));
});

async function sidCookie(sessionId: string) {
  // The app's own cookie (same options, same SESSION_SECRET from the same environment).
  const header = await appCookie("sid").serialize(sessionId);
  return header.split(";")[0] ?? "";
}

/** A fresh database with the demo service, grown into a large service when a part needs it. */
async function prepareDatabase(): Promise<Prepared> {
  const name = `waypoint_bench_${Date.now()}`;
  const baseUrl = process.env.DATABASE_URL;
  let serverEnv: Record<string, string>;
  let remove: () => Promise<void>;
  let databaseUrl: string | undefined;
  let dataDir = "";
  if (baseUrl) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    serverEnv = { DATABASE_URL: databaseUrl };
    remove = async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    const dir = path.resolve(".cache/bench", name);
    dataDir = path.join(dir, "pglite");
    serverEnv = { WAYPOINT_DATA_DIR: dataDir };
    remove = async () => rmSync(dir, { recursive: true, force: true });
  }
  onInterrupt = remove;

  let database: Database | null = null;
  try {
    database = await openDatabase({ databaseUrl, dataDir, poolSize: 4 });
    const prisma = database.prisma;
    await applyMigrations(migrationTargetOf(database));
    const versionRows = await prisma.$queryRawUnsafe<{ server_version: string }[]>("SHOW server_version");
    const version = versionRows[0]?.server_version ?? "?";
    const description = baseUrl
      ? `PostgreSQL ${version} server at ${new URL(baseUrl).host} (database ${name})`
      : `embedded PGlite (PostgreSQL ${version}, in the server process)`;
    const started = Date.now();
    await seedDemoService(prisma);
    const seeded = Date.now();
    let workerCookie: string | null = null;
    const submitters: Prepared["submitters"] = [];
    let dataNote = `demo service only (seeded in ${((seeded - started) / 1000).toFixed(1)} s)`;
    let booking: Prepared["booking"] = null;
    if (runs("booking")) {
      const bench = await prepareBookingBench(prisma);
      booking = {
        listerCookie: await sidCookie(bench.listerSessionId),
        clientCookies: await Promise.all(bench.clientSessionIds.map(sidCookie)),
        throughputWorkerId: bench.throughputWorkerId,
      };
    }
    let messages: Prepared["messages"] = null;
    if (runs("messages")) {
      const bench = await prepareMessagesBench(prisma);
      messages = { personCookie: await sidCookie(bench.personSessionId), threadId: bench.threadId, staffCookie: await sidCookie(bench.staffSessionId) };
    }
    if (runs("caseload") || runs("submit")) {
      process.stderr.write(`Building a service of ${fmt(FAMILIES)} families…\n`);
      const large = await addLargeService(prisma, {
        families: FAMILIES,
        caseloadSize: CASELOAD_SIZE,
        submitters: SUBMITTERS,
        // Two more each: one to warm up with, one to submit alone.
        // Two to warm up and compare, then one set for the paced run and one for the saturated run.
        assignmentsEach: 2 * Math.ceil(SUBMITS / SUBMITTERS) + 2,
        log: (line) => process.stderr.write(`  ${line}\n`),
      });
      const built = Date.now();
      // Fresh planner statistics, as autovacuum would have them on a service that grew over years.
      await prisma.$executeRawUnsafe("ANALYZE");
      const analysed = Date.now();
      const now = Date.now();
      const worker = await prisma.session.create({
        data: { id: newSecretId(), staffId: large.worker.id, method: "passkey", deviceKind: "bench", expiresAt: new Date(now + 10 * 3_600_000) },
        select: { id: true },
      });
      workerCookie = await sidCookie(worker.id);
      for (const s of large.submitters) {
        const session = await prisma.session.create({
          data: { id: newSecretId(), personId: s.personId, method: "pin", deviceKind: "bench", expiresAt: new Date(now + 12 * 3_600_000) },
          select: { id: true },
        });
        submitters.push({ cookie: await sidCookie(session.id), assignmentIds: s.assignmentIds });
      }
      const [families, people] = await Promise.all([prisma.family.count(), prisma.person.count()]);
      dataNote =
        `${fmt(families)} families, ${fmt(people)} people; demo seeded in ${((seeded - started) / 1000).toFixed(1)} s, ` +
        `large set added in ${((built - seeded) / 1000).toFixed(1)} s, ANALYZE ${((analysed - built) / 1000).toFixed(1)} s`;
      process.stderr.write(`  added: ${describeCounts(large.counts)}\n  ${dataNote}\n`);
    }
    await database.close();
    database = null;
    return { serverEnv, description, workerCookie, submitters, booking, messages, dataNote, remove };
  } catch (error) {
    await database?.close().catch(() => {});
    await remove().catch(() => {});
    throw error;
  }
}

async function startServer(databaseEnv: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...databaseEnv, PORT: String(PORT), WAYPOINT_SEED_DEMO: "never", LOG_LEVEL: "warn" };
  if (!databaseEnv.DATABASE_URL) delete env.DATABASE_URL;
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "build/server.js"], { env, stdio: ["ignore", "ignore", "inherit"] });
  let exited = false;
  server.on("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stopServer(server);
  throw new Error(exited ? "The server stopped before it was ready." : "The server did not start within 2 minutes.");
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
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
        const hiddenAt = performance.getEntriesByName("page-hidden")[0]?.startTime ?? NaN;
        const navigationAt = performance.getEntriesByName("navigation-requested")[0]?.startTime ?? NaN;
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
    const t = await Promise.race([
      report,
      page.waitForTimeout(10_000).then(() => {
        throw new Error(`No timing reported in round ${round} (page at ${page.url()}).`);
      }),
    ]);
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
  addRow({
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

// ───────────────────────────── A cheap phone on slow data ─────────────────────────────

/**
 * Issue 13's phone: 1.44 Mbit/s down, 675 kbit/s up, 560 ms round trip (Chrome DevTools' "Slow
 * 3G" figures), CPU slowed 4×, browser cache off (a first visit, or a cache the exit cleared).
 */
const PHONE = { latency: 560, downloadThroughput: (1.44 * 1_000_000) / 8, uploadThroughput: (675 * 1_000) / 8, cpuSlowdown: 4 };
const PHONE_ROUNDS = Number(process.env.BENCH_PHONE_ROUNDS ?? 5);

/** A DevTools session on `page` that throttles it like the phone above. */
async function throttleLikeAPhone(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE.latency,
    downloadThroughput: PHONE.downloadThroughput,
    uploadThroughput: PHONE.uploadThroughput,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpuSlowdown });
  return cdp;
}

/**
 * On the throttled phone, navigation start → quick exit armed (the header's inline script ran:
 * Shift×3 and the instant hiding work) and → hydration (the app's own scripts ran), on the
 * service user's home page; in the page's own clock (performance marks, from its time origin).
 */
async function phoneQuickExitFigures(page: Page) {
  const armed: number[] = [];
  const hydrated: number[] = [];
  for (let round = 0; round < PHONE_ROUNDS; round++) {
    await page.goto(`${BASE}/home`, { waitUntil: "commit" });
    await page.waitForFunction(() => performance.getEntriesByName("app-hydrated").length > 0, undefined, { timeout: 60_000 });
    const marks = await page.evaluate(() => ({
      armed: performance.getEntriesByName("quick-exit-armed")[0]?.startTime ?? NaN,
      hydrated: performance.getEntriesByName("app-hydrated")[0]?.startTime ?? NaN,
    }));
    armed.push(marks.armed);
    hydrated.push(marks.hydrated);
  }
  record("Throttled phone, home page: navigation → quick exit armed (Shift×3, instant hiding)", armed, "ms", "≤ 1000 ms", 0);
  record("Throttled phone, home page: navigation → hydrated (the app's scripts ran)", hydrated, "ms", "—", 0);
}

/**
 * Bytes each service-user page makes the phone download with an empty cache: the document and
 * everything it loads, as sent (compressed) and as decoded (what it would be uncompressed).
 */
async function phonePageBytes(page: Page) {
  await page.goto(`${BASE}/home`);
  const form = (await page.locator("a[href^='/forms/']").first().getAttribute("href"))?.replace(/\?.*$/, "");
  const pages = ["/home", "/account", "/privacy-tips", ...(form ? [form] : [])];
  for (const url of pages) {
    let sent = 0;
    let decoded = 0;
    let requests = 0;
    const pending: Promise<void>[] = [];
    const onFinished = (request: BrowserRequest) => {
      pending.push(
        (async () => {
          const sizes = await request.sizes();
          const body = (await (await request.response())?.body().catch(() => Buffer.alloc(0))) ?? Buffer.alloc(0);
          sent += sizes.responseBodySize + sizes.responseHeadersSize;
          decoded += body.length + sizes.responseHeadersSize;
          requests += 1;
        })(),
      );
    };
    page.on("requestfinished", onFinished);
    await page.goto(`${BASE}${url}`);
    await page.waitForFunction(() => performance.getEntriesByName("app-hydrated").length > 0, undefined, { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    page.off("requestfinished", onFinished);
    await Promise.all(pending);
    const shown = url.startsWith("/forms/") ? "/forms/…" : url;
    addRow({
      measure: `Throttled phone, ${shown}: bytes sent, compressed (uncompressed) (${requests} requests, empty cache)`,
      median: `${fmt(sent)} B (${fmt(decoded)} B)`,
      p95: "—",
      n: 1,
      target: "—",
    });
  }
}

// ───────────────────────────── Caseload ─────────────────────────────

/** The caseload table's rows (one /staff/people/ link each) and the "Needs attention (n)" count. */
function readCaseload(html: string) {
  const text = html.replaceAll("<!-- -->", "");
  const table = /<table class="caseload">([\s\S]*?)<\/table>/.exec(text)?.[1] ?? "";
  const links = table.match(/href="\/staff\/people\//g)?.length ?? 0;
  const attention = Number(/Needs attention \((\d+)\)/.exec(text)?.[1] ?? NaN);
  const all = Number(/My people \((\d+)\)/.exec(text)?.[1] ?? NaN);
  return { rows: links, attention, all };
}

async function getPage(url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status} ${response.headers.get("location") ?? ""}`);
  return { ms, body };
}

async function caseloadTimes(cookie: string, families: number) {
  const views = [
    { search: "", label: "", expect: (page: ReturnType<typeof readCaseload>) => ({ want: CASELOAD_SIZE, got: page.rows }) },
    {
      search: "?show=attention&sort=contact",
      label: "needing attention, by last contact",
      expect: (page: ReturnType<typeof readCaseload>) => ({ want: page.attention, got: page.rows }),
    },
  ];
  for (const view of views) {
    const url = `${BASE}/staff${view.search}`;
    let shown = 0;
    for (let i = 0; i < WARM_UP; i++) await getPage(url, cookie);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const { ms, body } = await getPage(url, cookie);
      const page = readCaseload(body);
      const { want, got } = view.expect(page);
      // Not the figure of an error page or of someone else's caseload.
      if (page.all !== CASELOAD_SIZE || got !== want || got === 0) {
        throw new Error(`GET ${url}: expected a caseload of ${CASELOAD_SIZE} showing ${want} rows, got "My people (${page.all})" and ${got} rows.`);
      }
      shown = got;
      times.push(ms);
    }
    const what = view.label ? `the same, ${view.label}` : `worker with ${CASELOAD_SIZE} people, ${fmt(families)} families`;
    record(`Caseload page, ${what} (/staff${view.search}, ${shown} rows): loopback round trip`, times, "ms", "≤ 100 ms median");
  }
}

// ───────────────────────────── Questionnaire submit ─────────────────────────────

/** A same-origin form post as a browser sends it (Origin is null: every page is no-referrer). */
async function postForm(url: string, cookie: string, fields: Record<string, string>) {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
      "Sec-Fetch-Site": "same-origin",
      "Sec-Fetch-Mode": "navigate",
      "Sec-Fetch-Dest": "document",
      Origin: "null",
    },
    body: new URLSearchParams(fields).toString(),
  });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, location: response.headers.get("location"), body };
}

function expectRedirect(what: string, result: Awaited<ReturnType<typeof postForm>>, location: string) {
  if (result.status !== 302 || result.location !== location) {
    throw new Error(`${what}: expected a 302 to ${location}, got ${result.status} ${result.location ?? ""} ${result.body.slice(0, 300)}`);
  }
}

/** A seeded pause, so runs are comparable: people take a moment between pages. */
function thinkTime(random: () => number, minMs: number, maxMs: number) {
  return new Promise((resolve) => setTimeout(resolve, minMs + random() * (maxMs - minMs)));
}

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The submit action, three ways:
 * - one person at a time: the action's own time, with no one else on the server;
 * - 50 people at once, each filling in check-ins as people do: save the page, a moment to check
 *   the answers, send, a moment, the next one (0.5–2 s between steps; real people take minutes,
 *   so this is well above real load). This is the figure the target is about;
 * - 50 clients sending back to back with no pause at all: the server's throughput when saturated.
 *   Its round trip is mostly queueing (clients ÷ throughput), reported so it is not mistaken for
 *   the action's own time.
 */
async function submitTimes(clients: Prepared["submitters"]) {
  // Each check-in is fresh (its answers at version 0): one save takes it to 1, which the check
  // page would carry to "Send" (docs/decisions/024-stale-writes-refused.md).
  const answers = { "safe-at-home-now": "yes", "feel-safe": "7", "feel-well": "6", "anything-new": "no" };
  const save = async (client: Prepared["submitters"][number], id: string) => {
    const result = await postForm(`${BASE}/forms/${id}`, client.cookie, { intent: "next", page: "0", version: "0", ...answers });
    expectRedirect(`Saving check-in ${id}`, result, `/forms/${id}?page=check`);
    return result.ms;
  };
  const send = async (client: Prepared["submitters"][number], id: string) => {
    const result = await postForm(`${BASE}/forms/${id}`, client.cookie, { intent: "submit", version: "1" });
    expectRedirect(`Submitting check-in ${id}`, result, `/forms/${id}`);
    return result.ms;
  };
  const each = clients.map((_, i) => Math.floor(SUBMITS / clients.length) + (i < SUBMITS % clients.length ? 1 : 0));

  // Warm-up, not counted; then one person at a time, for comparison.
  for (const client of clients.slice(0, WARM_UP)) {
    const id = client.assignmentIds[0] ?? "";
    await save(client, id);
    await send(client, id);
  }
  const alone: number[] = [];
  for (const client of clients) {
    const id = client.assignmentIds[1] ?? "";
    await save(client, id);
    alone.push(await send(client, id));
  }

  // 50 people at once, at a brisk human pace.
  const pacedSaves: number[] = [];
  const paced: number[] = [];
  const pacedStarted = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      const random = mulberry32(1000 + i);
      await thinkTime(random, 0, 2000);
      for (const id of client.assignmentIds.slice(2, 2 + (each[i] ?? 0))) {
        pacedSaves.push(await save(client, id));
        await thinkTime(random, 500, 2000);
        paced.push(await send(client, id));
        await thinkTime(random, 500, 2000);
      }
    }),
  );
  const pacedSeconds = (performance.now() - pacedStarted) / 1000;

  // Saturation: the same people with no pause at all (drafts saved first, not timed).
  const offset = 2 + Math.ceil(SUBMITS / clients.length);
  const saturatedIds = clients.map((client, i) => client.assignmentIds.slice(offset, offset + (each[i] ?? 0)));
  await Promise.all(
    clients.map(async (client, i) => {
      for (const id of saturatedIds[i] ?? []) await save(client, id);
    }),
  );
  const saturated: number[] = [];
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      for (const id of saturatedIds[i] ?? []) saturated.push(await send(client, id));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (paced.length !== SUBMITS || saturated.length !== SUBMITS)
    throw new Error(`Only ${paced.length} and ${saturated.length} of ${SUBMITS} submits were made: too few check-ins assigned.`);

  record("Questionnaire submit, one person at a time: loopback round trip", alone, "ms", "—");
  record(`Questionnaire page save, ${clients.length} people filling in at once (0.5–2 s between steps): loopback round trip`, pacedSaves, "ms", "—");
  record(`Questionnaire submit, ${clients.length} people filling in at once (0.5–2 s between steps): loopback round trip`, paced, "ms", "≤ 50 ms median");
  addRow({
    measure: `Questionnaire submits, ${clients.length} people filling in at once: rate (${paced.length} in ${pacedSeconds.toFixed(1)} s)`,
    median: `${(paced.length / pacedSeconds).toFixed(1)} submits/s`,
    p95: "—",
    n: paced.length,
    target: "—",
  });
  record(`Questionnaire submit, ${clients.length} clients back to back (saturated; mostly queueing): loopback round trip`, saturated, "ms", "—");
  addRow({
    measure: `Questionnaire submit, ${clients.length} clients back to back: throughput (${saturated.length} in ${seconds.toFixed(1)} s)`,
    median: `${(saturated.length / seconds).toFixed(1)} submits/s`,
    p95: "—",
    n: saturated.length,
    target: "—",
  });
}

// ───────────────────────────── Main ─────────────────────────────

async function browserFigures() {
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
    // The phone: its own context (its own session) at a phone's width, throttled after signing in.
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
    await signInAsDemoSurvivor(phone);
    await throttleLikeAPhone(phone);
    await phoneQuickExitFigures(phone);
    await phonePageBytes(phone);
  } finally {
    await browser.close();
  }
}

// ───────────────────────────── Messages ─────────────────────────────

/** Times one page `ROUNDS * 3` times after warming up; `check` throws on a page that is not the one measured. */
async function timePage(url: string, cookie: string, check: (body: string) => void): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await getPage(url, cookie);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS * 3; i++) {
    const { ms, body } = await getPage(url, cookie);
    check(body);
    times.push(ms);
  }
  return times;
}

async function messagesTimes(bench: { personCookie: string; threadId: string; staffCookie: string }) {
  // The same person's home page, as a yardstick for the frame's own cost (session, layout, render).
  const home = await timePage(`${BASE}/home`, bench.personCookie, (body) => {
    if (!body.includes("200 new messages")) throw new Error('GET /home: not the bench person\'s home page (no "200 new messages")');
  });
  record("The same person's home page (/home), for comparison: loopback round trip", home, "ms", "—");
  // The inbox first: opening the conversation reads its unread messages.
  const inbox = await timePage(`${BASE}/messages`, bench.personCookie, (body) => {
    if (!body.includes("100 new")) throw new Error('GET /messages: not the bench person\'s inbox (no "100 new")');
  });
  record(
    `Person's messages (/messages), two conversations holding ${fmt(INBOX_MESSAGES)} messages, 200 unread: loopback round trip`,
    inbox,
    "ms",
    "≤ 30 ms median (PostgreSQL)",
  );
  const conversation = await timePage(`${BASE}/messages/${bench.threadId}`, bench.personCookie, (body) => {
    if (!body.includes("Your reply")) throw new Error("GET /messages/:id: no reply box");
  });
  record(`A conversation of ${fmt(INBOX_MESSAGES / 2)} messages (the newest 200 shown): loopback round trip`, conversation, "ms", "—");
  const worker = await timePage(`${BASE}/staff/messages`, bench.staffCookie, (body) => {
    const rows = body.match(/href="\/staff\/people\/[^"]+\/messages"/g)?.length ?? 0;
    if (rows !== WORKER_PEOPLE) throw new Error(`GET /staff/messages: ${rows} conversations listed, expected ${WORKER_PEOPLE}`);
  });
  record(
    `Worker's messages page (/staff/messages), ${WORKER_PEOPLE} people and ${fmt(WORKER_MESSAGES)} messages: loopback round trip`,
    worker,
    "ms",
    "≤ 100 ms median",
  );
}

// ───────────────────────────── Booking ─────────────────────────────

const TIME_LINK = /\/appointments\/new\?time=([a-z0-9]+~\d+)/g;

async function slotListingTimes(cookie: string) {
  const url = `${BASE}/appointments/new`;
  for (let i = 0; i < WARM_UP; i++) await getPage(url, cookie);
  const times: number[] = [];
  let offered = 0;
  for (let i = 0; i < ROUNDS * 3; i++) {
    const { ms, body } = await getPage(url, cookie);
    offered = [...body.matchAll(TIME_LINK)].length;
    if (offered === 0) throw new Error(`GET ${url}: no free times listed`);
    times.push(ms);
  }
  record(
    `Free times (/appointments/new, ${offered} listed) for a person whose worker has a year of weekly times and 500 appointments: loopback round trip`,
    times,
    "ms",
    "≤ 30 ms median (PostgreSQL)",
  );
}

/**
 * 20 clients at once, each listing the free times and booking one of the first ten it is shown
 * (so some choose the same time as another), until 200 are booked or a minute has passed.
 */
async function bookingThroughput(cookies: string[]) {
  const target = 200;
  let booked = 0;
  let taken = 0;
  let failed = 0;
  const started = performance.now();
  const random = mulberry32(10);
  const others = new Map<number, number>();
  await Promise.all(
    cookies.map(async (cookie) => {
      while (booked < target && failed < 20 && performance.now() - started < 60_000) {
        const { body } = await getPage(`${BASE}/appointments/new`, cookie);
        const keys = [...body.matchAll(TIME_LINK)].slice(0, 10).map((m) => m[1]);
        const key = keys[Math.floor(random() * keys.length)];
        if (!key) return;
        const result = await postForm(`${BASE}/appointments/new`, cookie, { time: key });
        if (result.status === 303) booked += 1;
        else if (result.status === 409) taken += 1;
        else {
          failed += 1;
          others.set(result.status, (others.get(result.status) ?? 0) + 1);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  addRow({
    measure: `Booking throughput, ${BOOKING_CLIENTS} clients at once on one worker's times (list, then book one of the first ten): ${booked} booked, ${taken} told "just been taken", ${failed} other answers${failed > 0 ? ` (${[...others].map(([status, n]) => `${n} × ${status}`).join(", ")})` : ""}`,
    median: `${(booked / seconds).toFixed(1)} /s`,
    p95: "—",
    n: booked + taken + failed,
    target: "0 other answers",
  });
}

async function main() {
  if (!existsSync("build/server.js")) throw new Error("Build first: npm run bench runs scripts/ensure-ready.mjs.");
  const prepared = await prepareDatabase();
  let server: ChildProcess | null = null;
  try {
    onInterrupt = async () => {
      if (server) await stopServer(server);
      await prepared.remove();
    };
    server = await startServer(prepared.serverEnv);
    // The sessions made during the preparation lock after 10 idle minutes (people) and 30 (staff):
    // the people's part runs first, the staff member's next (every request keeps a session awake).
    // Messages first: short, and its person's session locks after the same 10 idle minutes.
    if (runs("messages") && prepared.messages) {
      currentPart = "messages";
      await messagesTimes(prepared.messages);
    }
    if (runs("submit")) {
      currentPart = "submit";
      await submitTimes(prepared.submitters);
    }
    if (runs("caseload") && prepared.workerCookie) {
      currentPart = "caseload";
      await caseloadTimes(prepared.workerCookie, FAMILIES);
    }
    if (runs("booking") && prepared.booking) {
      currentPart = "booking";
      await slotListingTimes(prepared.booking.listerCookie);
      await bookingThroughput(prepared.booking.clientCookies);
    }
    if (runs("browser")) {
      currentPart = "browser";
      await browserFigures();
    }
    if (runs("outcomes")) {
      currentPart = "outcomes";
      for (const figure of await outcomeFigures((line) => process.stderr.write(`  ${line}\n`))) {
        record(figure.measure, figure.values, figure.unit, figure.target);
      }
    }
  } finally {
    if (server) await stopServer(server);
    // Counted in the database once the server is gone (an embedded data dir takes one process).
    if (prepared.booking) {
      const database = await openDatabase({ databaseUrl: prepared.serverEnv.DATABASE_URL, dataDir: prepared.serverEnv.WAYPOINT_DATA_DIR ?? "", poolSize: 1 });
      try {
        const doubles = await doubleBookings(database.prisma, prepared.booking.throughputWorkerId);
        currentPart = "booking";
        addRow({
          measure: "Double bookings after the throughput run (overlapping live appointments of the worker)",
          median: String(doubles),
          p95: "—",
          n: 1,
          target: "0",
        });
      } finally {
        await database.close();
      }
    }
    if (process.env.BENCH_KEEP === "1") process.stderr.write(`Kept the database: ${JSON.stringify(prepared.serverEnv)}\n`);
    else await prepared.remove();
  }

  console.log(`\nWaypoint benchmarks — ${new Date().toISOString()} — ${prepared.description}${runs("browser") ? ", Chromium headless" : ""}`);
  console.log(`Data: ${prepared.dataNote}. Request times are round trips on loopback (the server sends no Server-Timing header).\n`);
  const header = ["measure", "median", "p95", "n", "target"];
  const ordered = [...rows].sort((a, b) => PARTS.indexOf(a.part ?? "browser") - PARTS.indexOf(b.part ?? "browser"));
  const table = [header, ...ordered.map((r) => [r.measure, r.median, r.p95, String(r.n), r.target])];
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
