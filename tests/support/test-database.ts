/**
 * A fresh, fully migrated database for one test.
 *
 *   const db = await createTestDatabase();
 *   try { ... db.prisma ... } finally { await db.close(); }
 *
 * Two backends, the same migrations (server/migrations.ts):
 * - TEST_DATABASE_URL set (a postgresql:// URL of a database the tests may use as a base, whose role
 *   may CREATE DATABASE): a PostgreSQL server. Once per process a template database is created and
 *   migrated; every call clones it with `CREATE DATABASE … TEMPLATE` and drops the clone on close.
 *   This is what CI runs, because production is PostgreSQL 15 while PGlite is PostgreSQL 18.
 * - otherwise: embedded PGlite. Once per process an in-memory database is migrated and dumped; every
 *   call loads the dump into a new in-memory PGlite (~0.4 s, against ~2 s to create and migrate one;
 *   docs/background/embedded-postgres.md, "A fresh migrated database for each test").
 * Never the development data directory: two processes on one PGlite data dir corrupt it.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { pgliteExtensions } from "../../app/db/pglite-options.server.ts";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../app/generated/prisma/client.ts";
import { applyMigrations, quoteIdent, withDatabase } from "../../server/migrations.ts";

export type TestDatabase = {
  prisma: PrismaClient;
  /** The clone's connection string on a PostgreSQL server; null for PGlite. */
  url: string | null;
  /** Disconnects and deletes the database. Safe to call twice. */
  close(): Promise<void>;
};

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (base === undefined || base === "") return createEmbedded();
  if (!/^postgres(ql)?:\/\//.test(base)) {
    throw new Error(`TEST_DATABASE_URL must be a postgresql:// URL; it is "${base}".`);
  }
  return createOnServer(base);
}

// ───────────────────────────── PGlite ─────────────────────────────

let dump: Promise<File | Blob> | undefined;

async function createEmbedded(): Promise<TestDatabase> {
  const data = await (dump ??= migratedDump().catch((error: unknown) => {
    dump = undefined;
    throw error;
  }));
  const pglite = await PGlite.create({ loadDataDir: data, extensions: pgliteExtensions });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    url: null,
    close: once(async () => {
      await prisma.$disconnect();
      await pglite.close();
    }),
  };
}

async function migratedDump(): Promise<File | Blob> {
  const pglite = await PGlite.create("memory://", { extensions: pgliteExtensions });
  try {
    await applyMigrations({ kind: "pglite", pglite });
    // Uncompressed: loading skips the gunzip, and the ~40 MB only ever live in this process.
    return await pglite.dumpDataDir("none");
  } finally {
    await pglite.close();
  }
}

// ───────────────────────────── PostgreSQL server ─────────────────────────────

const testDatabasePrefix = "waypoint_t_";
const templatePrefix = "waypoint_tpl_";
/** Anything of ours older than this was left by a process that died without cleaning up. */
const staleAfterMs = 60 * 60 * 1000;
const commentPrefix = "Waypoint test database, created ";

let template: Promise<string> | undefined;
/** Clones not closed yet, dropped with the template when the process ends. */
const openClones = new Set<string>();

async function createOnServer(base: string): Promise<TestDatabase> {
  const templateName = await (template ??= createTemplate(base).catch((error: unknown) => {
    template = undefined;
    throw error;
  }));
  const name = `${testDatabasePrefix}${process.pid}_${randomName()}`;
  await withAdmin(base, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateName)}`);
    await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS '${commentPrefix}${new Date().toISOString()}'`);
  });
  openClones.add(name);
  const url = withDatabase(base, name);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    prisma,
    url,
    close: once(async () => {
      try {
        await prisma.$disconnect();
      } finally {
        await dropDatabase(base, name);
        openClones.delete(name);
      }
    }),
  };
}

async function createTemplate(base: string): Promise<string> {
  await dropStaleDatabases(base).catch(() => {
    // Best effort: another process may be dropping the same databases.
  });
  const name = `${templatePrefix}${process.pid}_${randomName()}`;
  await withAdmin(base, async (client) => {
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    await client.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS '${commentPrefix}${new Date().toISOString()}'`);
  });
  dropOnExit(base, name);
  try {
    await applyMigrations({ kind: "postgres", connectionString: withDatabase(base, name) });
    // `CREATE DATABASE … TEMPLATE` fails while anyone is connected to the template: refuse connections.
    await withAdmin(base, (client) => client.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS false`));
  } catch (error) {
    await dropDatabase(base, name).catch(() => {});
    throw error;
  }
  return name;
}

/**
 * Drops the template and any clone still open when the process ends. Vitest ends its workers with
 * SIGTERM, which skips `exit` handlers, so listen for the signals too (then re-raise them).
 * A process killed outright leaves its databases to `dropStaleDatabases`.
 */
function dropOnExit(base: string, templateName: string): void {
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => (cleaning ??= Promise.allSettled([templateName, ...openClones].map((name) => dropDatabase(base, name))).then(() => {}));
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => {
      process.removeListener("SIGTERM", onSignal);
      process.removeListener("SIGINT", onSignal);
      // Give the signal its default effect unless someone else has taken charge of it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  process.once("beforeExit", () => void cleanUp());
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

async function dropStaleDatabases(base: string): Promise<void> {
  const stale = await withAdmin(base, async (client) => {
    const { rows } = await client.query<{ datname: string; comment: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS comment FROM pg_database
        WHERE datname LIKE 'waypoint\\_t\\_%' OR datname LIKE 'waypoint\\_tpl\\_%'`,
    );
    return rows.filter(({ comment }) => {
      const created = comment?.startsWith(commentPrefix) ? Date.parse(comment.slice(commentPrefix.length)) : NaN;
      return Number.isFinite(created) && Date.now() - created > staleAfterMs;
    });
  });
  for (const { datname } of stale) await dropDatabase(base, datname);
}

async function dropDatabase(base: string, name: string): Promise<void> {
  await withAdmin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

async function withAdmin<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  // A short-lived connection: an idle one would keep a script using this fixture from exiting.
  const client = new pg.Client({ connectionString: base, application_name: "waypoint-tests" });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function randomName(): string {
  return randomBytes(6).toString("hex");
}

function once(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= run());
}
