/**
 * The fault test (`npm run test:faults`; issue 14, "Operating it"): 24 people fill in their
 * questionnaires over HTTP against the built server while the app server is killed with SIGKILL
 * and restarted, and later PostgreSQL is restarted. Every write the server acknowledged (a 200
 * from the background save, `app/routes/_user.forms.$assignmentId_.save.ts`) is then compared
 * with what the app gives back, and every questionnaire is sent twice at once to check that one
 * response is stored. Exits 1 on a lost or duplicated write, an app that did not recover by
 * itself, or any answer that was a 500 "Unexpected Server Error" page.
 *
 * It runs its own PostgreSQL 15 cluster (initdb into a temporary directory, a free loopback port,
 * its socket in that directory; as root the binaries run as `postgres`), never the machine's
 * shared server, and removes it at the end, also on failure or Ctrl-C. Needs `build/server.js`
 * (`npm run build`). Everything listens on 127.0.0.1 only.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { DEMO_PIN } from "../prisma/demo-credentials";

const PG_BIN = "/usr/lib/postgresql/15/bin";
const PEOPLE = 24;
/** Seconds of load before, between and after the faults. */
const PHASE_MS = 10_000;
/** How long the database is away in the third fault. */
const OUTAGE_MS = 5_000;
/** No single wait (server up, a retry loop, a recovery) lasts longer than this. */
const WAIT_LIMIT_MS = 45_000;
/** The whole run is stopped after this, whatever it is doing. */
const RUN_LIMIT_MS = 240_000;
const runStarted = Date.now();

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function log(message: string) {
  process.stdout.write(`[faults ${((Date.now() - runStarted) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
}

/** A port nothing listens on at the moment (the kernel's choice on 127.0.0.1). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- the temporary PostgreSQL cluster

/** Runs a PostgreSQL binary, as `postgres` when this process is root (PostgreSQL refuses root). */
function pgTool(tool: string, args: string[]) {
  const command = asRoot ? "runuser" : path.join(PG_BIN, tool);
  const argv = asRoot ? ["-u", "postgres", "--", path.join(PG_BIN, tool), ...args] : args;
  const result = spawnSync(command, argv, { encoding: "utf8", timeout: WAIT_LIMIT_MS });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr || result.stdout || result.error?.message}`);
}

class Cluster {
  readonly dir: string;
  readonly data: string;
  port = 0;
  running = false;
  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), "waypoint-faults-"));
    this.data = path.join(this.dir, "data");
    if (asRoot)
      chownSync(
        this.dir,
        Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim()),
        Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim()),
      );
  }
  get url() {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }
  async init() {
    this.port = await freePort();
    pgTool("initdb", ["-D", this.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  }
  private options() {
    // Loopback only; the socket in our own directory so nothing touches /var/run/postgresql.
    return `-c listen_addresses=127.0.0.1 -c port=${this.port} -c unix_socket_directories=${this.dir} -c max_connections=100`;
  }
  start() {
    pgTool("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "postgres.log"), "-o", this.options(), "-w", "-t", "30", "start"]);
    this.running = true;
  }
  restart() {
    pgTool("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "postgres.log"), "-o", this.options(), "-m", "fast", "-w", "-t", "30", "restart"]);
    this.running = true;
  }
  /** Stops the server (fast: sessions are ended, nothing committed is lost) and keeps its data. */
  halt() {
    pgTool("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "-t", "30", "stop"]);
    this.running = false;
  }
  /** Stops the server if it runs and removes the whole cluster. */
  remove() {
    if (this.running) {
      try {
        pgTool("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "-t", "30", "stop"]);
      } catch (error) {
        log(`could not stop the temporary PostgreSQL: ${String(error)}`);
      }
      this.running = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the app server

class App {
  child: ChildProcess | null = null;
  port = 0;
  constructor(private readonly databaseUrl: string) {}
  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start() {
    if (!this.port) this.port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: this.databaseUrl,
      WAYPOINT_SEED_DEMO: "if-empty",
      PORT: String(this.port),
      HOST: "127.0.0.1",
      WAYPOINT_ORIGIN: this.origin,
      WAYPOINT_TRUSTED_PROXIES: "1",
      LOG_LEVEL: "warn",
    };
    const child = spawn(process.execPath, ["build/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    // The server's log is read, not echoed: an outage logs every failed request. What an operator
    // would learn from it is counted (errors, and how many name the database as unreachable).
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding("utf8");
      let rest = "";
      stream?.on("data", (chunk: string) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) this.read(line);
      });
    }
    child.on("exit", () => {
      if (this.child === child) this.child = null;
    });
  }
  /** Error lines in the server's log, and how many of them say the database was unreachable. */
  readonly logged = { errors: 0, unreachable: 0, other: [] as string[] };
  private read(line: string) {
    let entry: { level?: number; msg?: string; kind?: string } | null = null;
    try {
      entry = JSON.parse(line) as { level?: number; msg?: string; kind?: string };
    } catch {
      entry = null;
    }
    if (entry === null || typeof entry.level !== "number") return;
    if (entry.level < 50) return;
    this.logged.errors += 1;
    if (entry.kind === "database unreachable" || line.includes('"kind":"database unreachable"')) this.logged.unreachable += 1;
    else if (this.logged.other.length < 5) this.logged.other.push(`${entry.msg ?? ""} ${line.slice(0, 300)}`);
  }
  kill9() {
    const child = this.child;
    this.child = null;
    if (child?.pid) process.kill(child.pid, "SIGKILL");
  }
  stop() {
    const child = this.child;
    this.child = null;
    if (child?.pid) process.kill(child.pid, "SIGTERM");
  }
  /** Waits until /healthz says the server reaches its database; the milliseconds it took. */
  async waitHealthy(since: number) {
    while (Date.now() - since < WAIT_LIMIT_MS * 4) {
      try {
        const response = await fetch(`${this.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return Date.now() - since;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error("the app server did not become healthy");
  }
}

// ---------------------------------------------------------------- a simulated person

type Tally = { requests: number; acknowledged: number; lostSeen: number; unexpected500: number; otherFailures: number; statuses: Map<string, number> };
const tally: Tally = { requests: 0, acknowledged: 0, lostSeen: 0, unexpected500: 0, otherFailures: 0, statuses: new Map() };
const problems: string[] = [];
function count(status: string) {
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
}

type Field = { type: string; name: string; value: string; inputMode?: string };
function attributes(tag: string) {
  const out: Record<string, string> = {};
  for (const match of tag.matchAll(/([a-zA-Z][\w-]*)="([^"]*)"/g)) out[match[1] ?? ""] = match[2] ?? "";
  if (/\schecked(=""|\s|\/|>)/.test(tag)) out.checked = "checked";
  return out;
}
/** The fields of the questionnaire's own form (the one carrying `page`), from the server's HTML. */
function questionnaireForm(html: string) {
  const start = html.indexOf('name="page"');
  if (start < 0) return null;
  const formStart = html.lastIndexOf("<form", start);
  const formEnd = html.indexOf("</form>", start);
  const form = html.slice(formStart, formEnd);
  const fields: Field[] = [];
  for (const match of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(match[0]);
    if (a.name)
      fields.push({
        type: a.type ?? "text",
        name: a.name,
        value: a.value ?? "",
        inputMode: a.inputmode ?? a.inputMode,
        ...(a.checked ? { checked: true } : {}),
      } as Field);
  }
  for (const match of form.matchAll(/<textarea\b[^>]*>/g)) {
    const a = attributes(match[0]);
    if (a.name) fields.push({ type: "textarea", name: a.name, value: "" });
  }
  return fields;
}
function checkedRadios(html: string) {
  const start = html.indexOf('name="page"');
  const form = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
  const chosen: Record<string, string> = {};
  for (const match of form.matchAll(/<input\b[^>]*>/g)) {
    const a = attributes(match[0]);
    if (a.type === "radio" && a.checked && a.name) chosen[a.name] = a.value ?? "";
  }
  return chosen;
}

class Person {
  cookie = "";
  version = 0;
  /** The radio groups of the first page and their choices. */
  groups = new Map<string, string[]>();
  lastAck: { values: Record<string, string>; version: number } | null = null;
  acknowledged = 0;
  constructor(
    readonly index: number,
    readonly signInName: string,
    readonly assignmentId: string,
    readonly app: App,
  ) {}
  private headers(extra: Record<string, string> = {}) {
    return { Origin: this.app.origin, "X-Forwarded-For": `10.77.${Math.floor(this.index / 200)}.${(this.index % 200) + 1}`, Cookie: this.cookie, ...extra };
  }
  /** One HTTP request; never throws (a network error is status 0). A 500 page is counted. */
  async request(pathname: string, init: { method?: string; body?: URLSearchParams; accept?: string } = {}) {
    tally.requests += 1;
    try {
      const response = await fetch(`${this.app.origin}${pathname}`, {
        method: init.method ?? "GET",
        body: init.body,
        headers: this.headers({ Accept: init.accept ?? "text/html" }),
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      count(String(response.status));
      if (response.status >= 500 && /Unexpected Server Error/.test(text)) {
        tally.unexpected500 += 1;
        problems.push(`${init.method ?? "GET"} ${pathname} answered ${response.status} "Unexpected Server Error"`);
      }
      return { status: response.status, text, headers: response.headers };
    } catch {
      count("no answer");
      return { status: 0, text: "", headers: new Headers() };
    }
  }
  async signIn() {
    const body = new URLSearchParams({ intent: "pin", signInName: this.signInName, pin: DEMO_PIN });
    const reply = await this.request("/sign-in", { method: "POST", body });
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith("sid=") || c.includes("sid="));
    if (reply.status !== 302 || !cookie) throw new Error(`${this.signInName} could not sign in (${reply.status})`);
    this.cookie = cookie.split(";")[0] ?? "";
    // The first visit shows "Before you start" (quick exit explained) until it is acknowledged.
    const intro = await this.request("/start", { method: "POST", body: new URLSearchParams() });
    if (intro.status !== 302) throw new Error(`${this.signInName} could not pass "Before you start" (${intro.status})`);
  }
  async openFirstPage() {
    const reply = await this.request(`/forms/${this.assignmentId}?page=0`);
    const fields = reply.status === 200 ? questionnaireForm(reply.text) : null;
    if (!fields) throw new Error(`${this.signInName} could not open their questionnaire (${reply.status} ${reply.headers.get("Location") ?? ""})`);
    this.version = Number(fields.find((f) => f.name === "version")?.value ?? "0");
    for (const field of fields) if (field.type === "radio") this.groups.set(field.name, [...(this.groups.get(field.name) ?? []), field.value]);
    if (this.groups.size === 0) throw new Error(`${this.signInName}'s first page has no choice to make`);
  }
  /**
   * Sends one page of answers through the background save until the server acknowledges it,
   * as app/questionnaires/autosave.ts does (retry a failure; a stale refusal after our own
   * unacknowledged save landed takes the newer version and sends the same answers again).
   */
  async save(values: Record<string, string>, deadline: number) {
    for (let attempt = 0; Date.now() < deadline && attempt < 400; attempt += 1) {
      const body = new URLSearchParams({ intent: "save", page: "0", version: String(this.version), ...values });
      const reply = await this.request(`/forms/${this.assignmentId}/save`, { method: "POST", body, accept: "application/json" });
      let json: { saved?: string; version?: number; stale?: boolean; errors?: Record<string, string> } | null = null;
      try {
        json = reply.text ? JSON.parse(reply.text) : null;
      } catch {
        json = null;
      }
      if (reply.status === 200 && json?.saved && typeof json.version === "number") {
        this.version = json.version;
        this.lastAck = { values: { ...values }, version: json.version };
        this.acknowledged += 1;
        tally.acknowledged += 1;
        return true;
      }
      if (reply.status === 409 && json?.stale && typeof json.version === "number") {
        // Only our own writes touch this draft: a newer version can only be a save of ours whose
        // answer was lost on the way back. An older one would be an acknowledged write lost.
        if (this.lastAck && json.version < this.lastAck.version) tally.lostSeen += 1;
        if (this.lastAck && json.version < this.lastAck.version)
          problems.push(`${this.signInName}: the database holds version ${json.version}, below the acknowledged ${this.lastAck.version}`);
        this.version = json.version;
        continue;
      }
      if (reply.status === 400 || reply.status === 404 || reply.status === 409 || reply.status === 302 || reply.status === 303) {
        tally.otherFailures += 1;
        problems.push(`${this.signInName}: a save was refused with ${reply.status}: ${reply.text.slice(0, 200)}`);
        return false;
      }
      // An outage: 5xx, 503, or no answer. Try again shortly.
      await sleep(150 + Math.random() * 150);
    }
    return false;
  }
  nextValues() {
    const values: Record<string, string> = {};
    for (const [name, options] of this.groups) values[name] = options[Math.floor(Math.random() * options.length)] ?? "";
    return values;
  }
  /** Saves answers again and again until `running()` says stop; ends on an acknowledged save. */
  async work(running: () => boolean) {
    while (running() && Date.now() - runStarted < RUN_LIMIT_MS) {
      await this.save(this.nextValues(), Date.now() + WAIT_LIMIT_MS * 2);
      await sleep(50 + Math.random() * 100);
    }
  }
}

// ---------------------------------------------------------------- the run

type FaultResult = { fault: string; serverHealthyMs: number; firstSaveMs: number; allSavingMs: number };

async function main() {
  if (!existsSync("build/server.js")) throw new Error("build/server.js is missing: run `npm run build` first");
  const cluster = new Cluster();
  let app: App | null = null;
  let client: pg.Client | null = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await client?.end().catch(() => {});
    app?.stop();
    await sleep(300);
    app?.kill9();
    cluster.remove();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const watchdog = setTimeout(() => onSignal("SIGTERM"), RUN_LIMIT_MS + 60_000);

  try {
    await cluster.init();
    cluster.start();
    log(`temporary PostgreSQL 15 on 127.0.0.1:${cluster.port} (${cluster.dir})`);
    app = new App(cluster.url);
    await app.start();
    const startMs = await app.waitHealthy(Date.now());
    log(`app server up on ${app.origin} in ${startMs} ms (migrated and seeded)`);

    // The people: demo PIN holders with an open questionnaire of their own, one each.
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const rows = await client.query<{ signInName: string; assignmentId: string }>(`
      SELECT DISTINCT ON (p.id) c."signInName", a.id AS "assignmentId"
      FROM "PinCredential" c
      JOIN "Person" p ON p.id = c."personId"
      JOIN "QuestionnaireAssignment" a ON a."personId" = p.id
      WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND p."involvementEndedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "QuestionnaireResponse" r WHERE r."assignmentId" = a.id)
      ORDER BY p.id, a."dueAt"`);
    await client.end();
    client = null;
    const candidates = rows.rows.map((r, i) => new Person(i, r.signInName, r.assignmentId, app!));
    const people: Person[] = [];
    for (const person of candidates) {
      if (people.length === PEOPLE) break;
      await person.signIn();
      try {
        await person.openFirstPage();
        people.push(person);
      } catch (error) {
        log(`skipped: ${String(error)}`);
      }
    }
    if (people.length < PEOPLE) throw new Error(`only ${people.length} of ${PEOPLE} demo people have a questionnaire to fill in`);
    log(`${people.length} people signed in, each on their own questionnaire`);

    let running = true;
    let workers = people.map((p) => p.work(() => running));
    const faults: FaultResult[] = [];

    /** Injects a fault under load and measures how long until the app serves saves again. */
    const inject = async (name: string, act: () => Promise<void> | void) => {
      await sleep(PHASE_MS);
      const before = new Map(people.map((p) => [p, p.acknowledged]));
      const at = Date.now();
      log(`fault: ${name}`);
      await act();
      const healthy = await app!.waitHealthy(at);
      let first = -1;
      let all = -1;
      while (Date.now() - at < WAIT_LIMIT_MS * 2) {
        const moved = people.filter((p) => p.acknowledged > (before.get(p) ?? 0)).length;
        if (moved > 0 && first < 0) first = Date.now() - at;
        if (moved === people.length) {
          all = Date.now() - at;
          break;
        }
        await sleep(50);
      }
      if (all < 0) problems.push(`after "${name}" not every person could save again within ${WAIT_LIMIT_MS * 2} ms`);
      faults.push({ fault: name, serverHealthyMs: healthy, firstSaveMs: first, allSavingMs: all });
      log(`recovered from "${name}": healthy after ${healthy} ms, everyone saving after ${all} ms`);
    };

    /** Stops the load (each person ends on an acknowledged save) and compares with the app. */
    const verify = async (label: string) => {
      running = false;
      await Promise.all(workers);
      const database = new pg.Client({ connectionString: cluster.url });
      await database.connect();
      try {
        let lost = 0;
        for (const person of people) {
          const ack = person.lastAck;
          if (!ack) continue;
          const page = await person.request(`/forms/${person.assignmentId}?page=0`);
          const shown = page.status === 200 ? checkedRadios(page.text) : {};
          const differs = Object.entries(ack.values).filter(([k, v]) => shown[k] !== v);
          const { rows: held } = await database.query<{ draftVersion: number }>(`SELECT "draftVersion" FROM "QuestionnaireAssignment" WHERE id = $1`, [
            person.assignmentId,
          ]);
          const version = held[0]?.draftVersion;
          if (page.status !== 200 || differs.length > 0) {
            lost += 1;
            problems.push(
              `${label}: ${person.signInName}'s acknowledged answers are not what the app shows (${page.status}; ${differs.map(([k, v]) => `${k}: saved ${v}, shown ${shown[k] ?? "nothing"}`).join(", ")})`,
            );
          } else if (version !== ack.version) {
            lost += version === undefined || version < ack.version ? 1 : 0;
            problems.push(`${label}: ${person.signInName}'s answers are at version ${version}, the last acknowledged save made ${ack.version}`);
          }
        }
        log(`check "${label}": ${lost} of ${people.length} people's acknowledged answers missing`);
        return lost;
      } finally {
        await database.end();
      }
    };

    await inject("kill -9 of the app server, then a restart", async () => {
      app!.kill9();
      await sleep(500);
      await app!.start();
    });
    await sleep(PHASE_MS / 2);
    let lost = await verify("after the app server was killed");
    running = true;
    workers = people.map((p) => p.work(() => running));
    await inject("PostgreSQL restarted (pg_ctl restart -m fast)", () => cluster.restart());
    await sleep(PHASE_MS / 2);
    lost += await verify("after PostgreSQL restarted");
    running = true;
    workers = people.map((p) => p.work(() => running));
    // A longer outage: saves fail while the database is away, and must fail cleanly (no 500 page).
    await inject(`PostgreSQL stopped for ${OUTAGE_MS / 1000} s, then started`, async () => {
      cluster.halt();
      await sleep(OUTAGE_MS);
      cluster.start();
    });
    await sleep(PHASE_MS / 2);
    lost += await verify("after the database outage");

    // Every questionnaire is sent, twice at the same moment: one response each.
    const sent = await Promise.all(people.map((p) => sendTwice(p)));
    const database = new pg.Client({ connectionString: cluster.url });
    await database.connect();
    const { rows: responses } = await database.query<{ assignmentId: string; n: number }>(
      `SELECT a.id AS "assignmentId", count(r.id)::int AS n FROM "QuestionnaireAssignment" a LEFT JOIN "QuestionnaireResponse" r ON r."assignmentId" = a.id WHERE a.id = ANY($1) GROUP BY a.id`,
      [people.map((p) => p.assignmentId)],
    );
    await database.end();
    const duplicated = responses.filter((r) => r.n > 1).length;
    const missingResponses = responses.filter((r) => r.n === 0).length;
    for (const r of responses) if (r.n !== 1) problems.push(`questionnaire ${r.assignmentId} has ${r.n} responses after being sent twice`);
    if (sent.some((s) => !s)) problems.push("a questionnaire could not be sent");

    // An acknowledged save found missing while the load ran (the draft's version went back).
    lost += tally.lostSeen;
    const totalMs = Date.now() - runStarted;
    const table: [string, string][] = [
      ["people", String(people.length)],
      ["requests", String(tally.requests)],
      ["acknowledged writes", String(tally.acknowledged)],
      ["lost", String(lost)],
      ["duplicated (responses per questionnaire > 1)", String(duplicated)],
      ["questionnaires without a response", String(missingResponses)],
      ["faults injected", String(faults.length)],
      ...faults.map((f): [string, string] => [
        `  ${f.fault}`,
        `healthy ${f.serverHealthyMs} ms, first save ${f.firstSaveMs} ms, all ${people.length} saving ${f.allSavingMs} ms`,
      ]),
      ['500 "Unexpected Server Error" answers', String(tally.unexpected500)],
      ["server log: errors (database unreachable)", `${app.logged.errors} (${app.logged.unreachable})`],
      ["answers by status", [...tally.statuses].map(([s, n]) => `${s}: ${n}`).join(", ")],
      ["run time", `${(totalMs / 1000).toFixed(1)} s`],
    ];
    const width = Math.max(...table.map(([k]) => k.length));
    process.stdout.write(`\nWaypoint fault test\n${table.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`);
    const failed =
      lost > 0 || duplicated > 0 || missingResponses > 0 || tally.unexpected500 > 0 || faults.some((f) => f.allSavingMs < 0) || problems.length > 0;
    if (app.logged.other.length > 0)
      process.stdout.write(`\nOther errors the server logged (first ${app.logged.other.length}):\n${app.logged.other.map((l) => `  ${l}`).join("\n")}\n`);
    if (problems.length > 0)
      process.stdout.write(
        `\nProblems:\n${[...new Set(problems)]
          .slice(0, 40)
          .map((p) => `  - ${p}`)
          .join("\n")}\n`,
      );
    process.stdout.write(failed ? "\nFAILED\n" : "\nPASSED\n");
    process.exitCode = failed ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

/**
 * Answers every page of the person's questionnaire through the page's own form posts (the first
 * choice of every question, "ok" to text), then sends it twice at the same moment.
 * @returns whether both sends ended with the questionnaire sent
 */
async function sendTwice(person: Person) {
  const base = `/forms/${person.assignmentId}`;
  let page = 0;
  for (let step = 0; step < 40; step += 1) {
    const reply = await person.request(`${base}?page=${page}`);
    const fields = reply.status === 200 ? questionnaireForm(reply.text) : null;
    if (!fields) return false;
    const body = new URLSearchParams({ intent: "next" });
    const given = new Set<string>();
    for (const f of fields) {
      if (f.name === "page" || f.name === "version") body.set(f.name, f.value);
      else if (given.has(f.name)) continue;
      else if (f.type === "radio" || f.type === "checkbox") body.set(f.name, f.value);
      else if (f.type === "date") body.set(f.name, "2026-11-01");
      else if (f.inputMode === "decimal") body.set(f.name, "3");
      else body.set(f.name, "ok");
      given.add(f.name);
    }
    const saved = await person.request(base, { method: "POST", body });
    const location = saved.headers.get("Location") ?? "";
    if (saved.status !== 302 || !location) {
      problems.push(`${person.signInName}: page ${page} was refused (${saved.status}): ${saved.text.slice(0, 200)}`);
      return false;
    }
    const next = new URL(location, person.app.origin).searchParams.get("page");
    if (next === "check") break;
    page = Number(next);
  }
  const check = await person.request(`${base}?page=check`);
  const version = /name="version" value="(\d+)"/.exec(check.text)?.[1];
  if (!version) return false;
  const body = new URLSearchParams({ intent: "submit", version });
  const [a, b] = await Promise.all([person.request(base, { method: "POST", body }), person.request(base, { method: "POST", body })]);
  const after = await person.request(base);
  return [a.status, b.status].some((s) => s === 302) && /Your answers have been sent/.test(after.text);
}

main().catch((error) => {
  process.stderr.write(`fault test could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
