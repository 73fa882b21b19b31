/**
 * EXPLAIN (ANALYZE, BUFFERS, SETTINGS) of the outcome report's statement on a kept PostgreSQL
 * database, loaded once by the outcome bench's own loader (bench/outcomes.ts `growTo`) and reused
 * between runs, so a change to the statement can be measured in seconds instead of reloading
 * 1,000,000 answers each time.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/outcomes-explain.ts [people] [rounds]
 *
 * people (100000): the database `waypoint_bench_outcomes_<people>` is created and loaded if it is
 * not there yet (drop it yourself when done). rounds (3): EXPLAIN ANALYZE runs; the plan of the
 * last is printed, and each run's "Execution Time" (the backend's own time), the backend's CPU
 * time (from /proc, 10 ms steps, when the server runs on this machine: the steadiest figure on a
 * shared machine) and the load average when it ran. PRINT_SQL=1 prints the statement first;
 * PLAIN=1 runs the statement itself instead of EXPLAIN ANALYZE (no per-row timing overhead);
 * SQL_FILE=path times the statement in that file instead (same parameters), to compare versions.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { openDatabase } from "../app/db.server";
import { reportStatement } from "../app/outcomes/report.server";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import { benchOutcomeService, growTo } from "./outcomes";

const people = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres).");
const name = `waypoint_bench_outcomes_${people}`;

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();
const url = new URL(baseUrl);
url.pathname = `/${name}`;

if (!exists) {
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 2 });
  const ids = await benchOutcomeService(database);
  const started = Date.now();
  await growTo(database.prisma, ids, 0, people);
  process.stderr.write(`Loaded ${people} people into ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await database.close();
}

const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const serviceId = (await client.query<{ id: string }>(`SELECT id FROM "Service" WHERE name = 'Bench outcomes'`)).rows[0]?.id ?? "";
const statement = reportStatement(
  { from: "2024-01-01", to: "2025-12-31", areaId: null, group: null, referralSource: null, ageBand: null },
  { serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 },
);
// SQL_FILE: time another version of the statement (same parameters), e.g. one printed earlier with PRINT_SQL=1.
const sql = process.env.SQL_FILE ? readFileSync(process.env.SQL_FILE, "utf8") : statement.sql;
const { values, settings } = statement;
if (process.env.PRINT_SQL === "1") process.stdout.write(`${sql}\n-- ${JSON.stringify(values)}\n`);
const backend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;
/** The backend's CPU time so far (user + system, ms), from /proc when the server runs on this machine. */
const cpu = (): number | null => {
  try {
    const fields = readFileSync(`/proc/${backend}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
};
let plan = "";
for (let i = 0; i < rounds; i++) {
  await client.query("BEGIN");
  for (const setting of settings) await client.query(setting);
  // EXTRA_SET="enable_sort = off; …": more settings for this transaction, to try a plan.
  for (const extra of (process.env.EXTRA_SET ?? "").split(";").filter((e) => e.trim())) await client.query(`SET LOCAL ${extra}`);
  const load = loadavg()[0]?.toFixed(2);
  const cpuBefore = cpu();
  const t = performance.now();
  // PLAIN=1: the statement itself (no EXPLAIN's per-row timing), for its CPU and wall time only.
  const result = await client.query<{ "QUERY PLAN": string }>(process.env.PLAIN === "1" ? sql : `EXPLAIN (ANALYZE, BUFFERS, SETTINGS) ${sql}`, values);
  const wall = performance.now() - t;
  const cpuAfter = cpu();
  await client.query("ROLLBACK");
  if (process.env.PLAIN !== "1") plan = result.rows.map((r) => r["QUERY PLAN"]).join("\n");
  const execution = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? "-";
  process.stderr.write(
    `round ${i + 1}: Execution Time ${execution} ms, backend CPU ${cpuBefore === null || cpuAfter === null ? "?" : cpuAfter - cpuBefore} ms, wall ${wall.toFixed(0)} ms, load ${load}\n`,
  );
}
process.stdout.write(`${plan}\n`);
await client.end();
