/**
 * The record-level export under a capped heap: streams the whole export of a kept PostgreSQL
 * database (bench/outcomes-explain.ts loads `waypoint_bench_outcomes_<people>`) in a process whose
 * V8 heap may not exceed the cap, and prints the bytes, rows and the largest heap in use it saw.
 * If the export held its rows, it would die of "heap out of memory" at 100,000 people.
 *
 *   NODE_OPTIONS=--max-old-space-size=64 DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/export-capped.ts [people]
 */
import pg from "pg";
import { openDatabase } from "../app/db.server";
import { recordsCsvStream } from "../app/outcomes/records.server";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";

const people = Number(process.argv[2] ?? 100_000);
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server.");
const url = new URL(baseUrl);
url.pathname = `/waypoint_bench_outcomes_${people}`;
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const serviceId = (await client.query<{ id: string }>(`SELECT id FROM "Service" WHERE name = 'Bench outcomes'`)).rows[0]?.id;
await client.end();
if (!serviceId) throw new Error(`No bench service in ${url.pathname}: run bench/outcomes-explain.ts ${people} first.`);
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 2 });
try {
  let heapPeak = 0;
  console.log(`heap in use before the export: ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`);
  const t = performance.now();
  const reader = recordsCsvStream(
    { serviceId, zone: DEFAULT_TIME_ZONE, from: "2024-01-01", to: "2025-12-31", exportKey: "bench export key 0123456789" },
    database.prisma,
  ).getReader();
  let bytes = 0;
  let rows = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    for (const b of chunk.value) if (b === 10) rows++;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const cap =
    process.execArgv
      .concat(process.env.NODE_OPTIONS ?? "")
      .join(" ")
      .match(/max-old-space-size=(\d+)/)?.[1] ?? "none";
  console.log(
    `export of ${people} people: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; heap cap ${cap} MB; largest heap in use ${(heapPeak / 1e6).toFixed(1)} MB`,
  );
} finally {
  await database.close();
}
