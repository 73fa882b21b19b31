/**
 * The outcome report's benchmark (part "outcomes" of `npm run bench`): the whole report, computed in
 * the database, over a service grown to 10,000, 30,000 and 100,000 people (about ten answers per
 * person: 1,000,000 answers at 100,000), and the record-level export's time and peak memory at each
 * size. Runs on its own database (never the bench server's: two processes must not open one
 * embedded data dir): a new database on the PostgreSQL server DATABASE_URL points at, and on the
 * embedded database (PGlite) in this process.
 *
 * The data is made with INSERT … SELECT generate_series inside the database, so building 1,000,000
 * answers takes seconds, not the minutes the ORM would.
 *
 * Settings: BENCH_OUTCOME_SIZES ("10000,30000,100000"), BENCH_OUTCOME_EMBEDDED_SIZES (the same),
 * BENCH_OUTCOME_ROUNDS (5) reports per size.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../app/db.server";
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";
import { recordsCsvStream } from "../app/outcomes/records.server";
import { outcomeReport } from "../app/outcomes/report.server";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import { applyMigrations, migrationTargetOf } from "../server/migrations";
import { createArea, createService, publishDefinitions } from "../tests/fixtures/factory";

export type OutcomeFigure = { measure: string; values: number[]; unit: string; target: string };

const sizes = (name: string) =>
  (process.env[name] ?? "10000,30000,100000")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
const ROUNDS = Number(process.env.BENCH_OUTCOME_ROUNDS ?? 5);

/** Adds people up to `total` (ids `p<n>`), each with an intake form and, for most, an exit form. */
export async function growTo(prisma: PrismaClient, ids: { serviceId: string; areas: string[]; intake: string; exit: string }, from: number, total: number) {
  await prisma.$transaction((tx) => grow(tx, ids, from, total), { timeout: 3_600_000 });
  await prisma.$executeRawUnsafe("ANALYZE");
}

/**
 * A bulk load, as a service moving years of data in would run one: the triggers that keep each
 * person's "OutcomeAnswers" row (decision 038) are off for the load (replica mode, this transaction
 * only), and the rows of everyone loaded are computed once at the end by the same function the
 * triggers call, instead of once per statement.
 */
async function grow(tx: Prisma.TransactionClient, ids: { serviceId: string; areas: string[]; intake: string; exit: string }, from: number, total: number) {
  const q = (sql: string, ...params: unknown[]) => tx.$executeRawUnsafe(sql, ...params);
  await q("SET LOCAL session_replication_role = replica");
  // Two areas; a family of up to three (survivor, service user, young person) per three people.
  await q(
    `INSERT INTO "Family" (id, "createdAt", "updatedAt", "serviceId", "areaId", reference, "referralSource", "referralDate", "openedAt")
     SELECT 'f' || g, now(), now(), $1, CASE WHEN g % 2 = 0 THEN $2 ELSE $3 END, 'B-' || g,
       (ARRAY['CHILDRENS_SOCIAL_CARE','POLICE','HEALTH','SELF_REFERRAL'])[1 + g % 4]::"ReferralSource",
       DATE '2024-01-01' + (g % 700), TIMESTAMP '2024-01-01' + (g % 700) * INTERVAL '1 day'
     FROM generate_series($4::int, $5::int) g`,
    ids.serviceId,
    ids.areas[0],
    ids.areas[1],
    // Families of earlier people were made with them: start at the first family not yet made.
    Math.ceil(from / 3),
    Math.floor((total - 1) / 3),
  );
  await q(
    `INSERT INTO "Person" (id, "createdAt", "updatedAt", "serviceId", "familyId", kind, "firstName", "lastName", "dateOfBirth",
       gender, "ethnicityGroup", disability, employment, "consentMonitoring", "involvementStartedAt", "involvementEndedAt")
     SELECT 'p' || g, now(), now(), $1, 'f' || (g / 3),
       (ARRAY['ADULT_SURVIVOR','HARMFUL_BEHAVIOUR','YOUNG_PERSON'])[1 + g % 3]::"PersonKind", 'Bench', 'Person',
       CASE WHEN g % 3 = 2 THEN DATE '2012-01-01' + (g % 4000) END,
       (ARRAY['FEMALE','MALE','FEMALE','NON_BINARY'])[1 + g % 4]::"Gender",
       (ARRAY['WHITE','WHITE','WHITE','ASIAN','BLACK','MIXED'])[1 + g % 6]::"EthnicityGroup",
       g % 5 = 0, (ARRAY['FULL_TIME','UNEMPLOYED','PART_TIME'])[1 + g % 3]::"Employment",
       g % 10 <> 0,
       TIMESTAMP '2024-01-01' + (g / 3 % 700) * INTERVAL '1 day',
       CASE WHEN g % 10 < 7 THEN TIMESTAMP '2024-01-01' + (g / 3 % 700 + 120) * INTERVAL '1 day' END
     FROM generate_series($2::int, $3::int) g`,
    ids.serviceId,
    from,
    total - 1,
  );
  for (const [stage, definitionId, letter, where] of [
    ["INTAKE", ids.intake, "i", "TRUE"],
    ["EXIT", ids.exit, "e", "g % 10 < 7"],
  ] as const) {
    await q(
      `INSERT INTO "QuestionnaireAssignment" (id, "createdAt", "updatedAt", "personId", "definitionId", stage, "dueAt", status)
       SELECT '${letter}a' || g, now(), now(), 'p' || g, $1, '${stage}'::"QuestionnaireStage", TIMESTAMP '2024-01-10', 'SUBMITTED'
       FROM generate_series($2::int, $3::int) g WHERE ${where}`,
      definitionId,
      from,
      total - 1,
    );
    await q(
      `INSERT INTO "QuestionnaireResponse" (id, "createdAt", "updatedAt", "assignmentId", "personId", "definitionId", stage, "submittedAt")
       SELECT '${letter}r' || g, now(), now(), '${letter}a' || g, 'p' || g, $1, '${stage}'::"QuestionnaireStage",
         TIMESTAMP '2024-01-01' + (g / 3 % 700 + ${stage === "INTAKE" ? 5 : 115}) * INTERVAL '1 day'
       FROM generate_series($2::int, $3::int) g WHERE ${where}`,
      definitionId,
      from,
      total - 1,
    );
    // Six answers to an intake, six to an exit: with 70% closed, about ten per person.
    const keys =
      stage === "INTAKE"
        ? ["abuse-physical", "abuse-sexual", "abuse-harassment-stalking", "abuse-jealous-controlling", "need-safety", "worker-new-to-services"]
        : ["abuse-physical", "abuse-sexual", "abuse-harassment-stalking", "abuse-jealous-controlling", "support-safety", "felt-safer"];
    await q(
      `INSERT INTO "Answer" (id, "createdAt", "updatedAt", "responseId", "itemKey", "answeredBy", "choiceValues")
       SELECT '${letter}n' || g || '-' || k.n, now(), now(), '${letter}r' || g, k.key, 'PERSON',
         ARRAY[CASE WHEN k.key = 'felt-safer' THEN (CASE WHEN (g + k.n) % 5 < 4 THEN 'agree' ELSE 'disagree' END)
                    WHEN (g * 7 + k.n * 3) % 10 < 4 THEN 'yes' ELSE 'no' END]
       FROM generate_series($1::int, $2::int) g CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS k(key, n)
       WHERE ${where}`,
      from,
      total - 1,
      keys,
    );
  }
  await q("SET LOCAL session_replication_role = origin");
  await q(`SELECT waypoint_refresh_outcome_answers(ARRAY(SELECT 'p' || g FROM generate_series($1::int, $2::int) g))`, from, total - 1);
}

/**
 * Migrates an empty database and adds the bench's service ("Bench outcomes", areas North and South)
 * and the published questionnaires; returns the ids `growTo` fills it with.
 */
export async function benchOutcomeService(database: Database): Promise<{ serviceId: string; areas: string[]; intake: string; exit: string }> {
  const prisma = database.prisma;
  await applyMigrations(migrationTargetOf(database));
  const service = await createService(prisma, { name: "Bench outcomes" });
  const areas = [await createArea(prisma, { serviceId: service.id, name: "North" }), await createArea(prisma, { serviceId: service.id, name: "South" })];
  const published = await publishDefinitions(prisma);
  const id = (key: string) => published.find((d) => d.key === key)?.id ?? "";
  return { serviceId: service.id, areas: areas.map((a) => a.id), intake: id("adult-intake"), exit: id("adult-exit") };
}

async function measure(database: Database, label: string, sizeList: number[], figures: OutcomeFigure[], log: (line: string) => void) {
  const prisma = database.prisma;
  const ids = await benchOutcomeService(database);
  const filters = { from: "2024-01-01", to: "2025-12-31", areaId: null, group: null, referralSource: null, ageBand: null } as const;
  const options = { serviceId: ids.serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 };
  let have = 0;
  for (const size of sizeList) {
    const started = Date.now();
    await growTo(prisma, ids, have, size);
    have = size;
    const answers = await prisma.answer.count();
    log(
      `${label}: ${size.toLocaleString("en-GB")} people, ${answers.toLocaleString("en-GB")} answers (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    await outcomeReport(filters, options, prisma);
    /** ROUNDS timings (ms) of the report for `view`, after the warm-up above. */
    const timed = async (view: typeof filters | (Omit<typeof filters, "referralSource"> & { referralSource: string })) => {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = performance.now();
        await outcomeReport(view, options, prisma);
        times.push(performance.now() - t);
      }
      return times;
    };
    figures.push({
      measure: `outcome report, ${label}, ${size.toLocaleString("en-GB")} people / ${answers.toLocaleString("en-GB")} answers`,
      values: await timed(filters),
      unit: "ms",
      target: size >= 100_000 ? "≤ 1000 ms; growth no worse than linear" : "growth no worse than linear",
    });
    // A cohort view decides every referral source and age band of every place (decision 041).
    figures.push({
      measure: `outcome report for one referral source, ${label}, ${size.toLocaleString("en-GB")} people`,
      values: await timed({ ...filters, referralSource: "POLICE" }),
      unit: "ms",
      target: "—",
    });
    await exportFigures(prisma, label, size, ids.serviceId, filters, figures);
  }
}

/**
 * The record-level export at one size: its time, and the memory the process held above the start
 * while streaming it (peak RSS, sampled every 5 ms and at every chunk; garbage V8 has not yet
 * collected counts too). Flat means about the same at every size, not growing with the file.
 */
async function exportFigures(
  prisma: PrismaClient,
  label: string,
  size: number,
  serviceId: string,
  filters: { from: string; to: string },
  figures: OutcomeFigure[],
) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t = performance.now();
  const reader = recordsCsvStream(
    { serviceId, zone: DEFAULT_TIME_ZONE, from: filters.from, to: filters.to, exportKey: "bench export key 0123456789" },
    prisma,
  ).getReader();
  let bytes = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    bytes += chunk.value.byteLength;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const elapsed = performance.now() - t;
  clearInterval(sampler);
  const people = size.toLocaleString("en-GB");
  figures.push({
    measure: `record-level export, ${label}, ${people} people (${(bytes / 1e6).toFixed(1)} MB)`,
    values: [elapsed],
    unit: "ms",
    target: "streams; growth no worse than linear",
  });
  figures.push({
    measure: `record-level export, ${label}, ${people} people: memory above the start (peak RSS)`,
    values: [(peak - baseline) / 1e6],
    unit: "MB",
    target: "flat: about the same at every size",
  });
}

/** Runs the outcome benchmarks and returns their figures. */
export async function outcomeFigures(log: (line: string) => void): Promise<OutcomeFigure[]> {
  const figures: OutcomeFigure[] = [];
  const baseUrl = process.env.DATABASE_URL;
  if (baseUrl) {
    const name = `waypoint_bench_outcomes_${Date.now()}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: "", poolSize: 2 });
    try {
      await measure(database, "PostgreSQL", sizes("BENCH_OUTCOME_SIZES"), figures, log);
    } finally {
      await database.close();
      const drop = new pg.Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    }
  }
  const dir = path.resolve(".cache/bench", `outcomes_${Date.now()}`);
  const database = await openDatabase({ dataDir: path.join(dir, "pglite") });
  try {
    await measure(database, "embedded", sizes("BENCH_OUTCOME_EMBEDDED_SIZES"), figures, log);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
