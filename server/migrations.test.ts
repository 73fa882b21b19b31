import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { pgliteExtensions } from "../app/db/pglite-options.server.ts";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { acquireDataDirLock } from "../app/db/embedded-lock.server.ts";
import { applyMigrations, createMigration, markMigrationRolledBack, quoteIdent, withDatabase, type MigrationTarget } from "./migrations.ts";

const migrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));
const migrationFolders = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

// The server is always there on the project's machines and in CI, so the PostgreSQL variant always runs.
const serverUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

type Rows = Record<string, unknown>[];
type Database = { target: MigrationTarget; query(sql: string): Promise<Rows>; close(): Promise<void> };

const backends: { name: string; open(): Promise<Database> }[] = [
  {
    name: "PGlite (memory://)",
    async open() {
      const pglite = await PGlite.create("memory://", { extensions: pgliteExtensions });
      return {
        target: { kind: "pglite", pglite },
        query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
        close: () => pglite.close(),
      };
    },
  },
  {
    name: "PostgreSQL server",
    async open() {
      const name = `waypoint_mt_${randomBytes(6).toString("hex")}`;
      await onServer((client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      const connectionString = withDatabase(serverUrl, name);
      return {
        target: { kind: "postgres", connectionString },
        query: async (sql) => {
          const client = new pg.Client({ connectionString });
          await client.connect();
          try {
            return (await client.query<Record<string, unknown>>(sql)).rows;
          } finally {
            await client.end();
          }
        },
        close: () => onServer((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => {}),
      };
    },
  },
];

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A copy of the real migrations folder plus extra migrations, in a temporary directory. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "waypoint-migrations-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(migrationsDir, dir, { recursive: true });
  for (const [folder, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  }
  return dir;
}

async function open(backend: (typeof backends)[number]): Promise<Database> {
  const db = await backend.open();
  cleanups.push(() => db.close());
  return db;
}

const badMigration = "29991231000000_bad";
const badSql = `-- Creates a table, then fails: none of it may stay behind.
CREATE TABLE "HalfApplied" ("id" TEXT PRIMARY KEY);
-- A comment; with a semicolon.
INSERT INTO "NoSuchTable" VALUES (1);
`;

const functionMigration = "29991231000000_function";
const functionSql = `-- A plpgsql body holds semicolons and a '$$'-quoted body; splitting the script on ";" breaks it.
CREATE FUNCTION waypoint_test_describe(n integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  label text := 'small; really';
BEGIN
  IF n > 10 THEN
    label := 'large; ' || n::text;
  END IF;
  RETURN label;
END;
$$;

CREATE TABLE "AfterFunction" ("id" TEXT PRIMARY KEY);
`;

describe.each(backends)("migrations on $name", (backend) => {
  test("a fresh database gets every migration, and a second run applies nothing", async () => {
    const db = await open(backend);

    expect(await applyMigrations(db.target)).toEqual({ applied: migrationFolders });
    const rows = await db.query("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual(migrationFolders);
    expect(rows.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(true);
    expect(await db.query(`SELECT to_regclass('"AuditEvent"')::text AS name`)).toEqual([{ name: '"AuditEvent"' }]);

    expect(await applyMigrations(db.target)).toEqual({ applied: [] });
    expect(await db.query("SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([{ n: migrationFolders.length }]);

    if (db.target.kind === "pglite") {
      // The caller owns the PGlite: still open.
      expect(db.target.pglite.closed).toBe(false);
    } else {
      // Every connection the engine opened is closed.
      const database = new URL(db.target.connectionString).pathname.slice(1);
      const open = await onServer((client) => client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [database]));
      expect(open.rows).toEqual([{ n: 0 }]);
    }
  });

  test("a failing migration is atomic, marked failed, and blocks later runs until resolved", async () => {
    const db = await open(backend);
    const dir = migrationsWith({ [badMigration]: badSql });

    const failure = await applyMigrations(db.target, { migrationsDir: dir }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = failure instanceof Error ? failure.message : "";
    expect(message).toContain(badMigration);
    expect(message).toContain('relation "NoSuchTable" does not exist');

    // The good migrations went in; the bad one left nothing behind and is recorded as failed.
    expect(await db.query(`SELECT to_regclass('"HalfApplied"')::text AS name`)).toEqual([{ name: null }]);
    const rows = await db.query("SELECT migration_name, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual([...migrationFolders, badMigration]);
    const bad = rows.at(-1);
    expect(bad?.finished_at).toBeNull();
    expect(bad?.rolled_back_at).toBeNull();
    expect(bad?.logs).toEqual(expect.any(String));

    await expect(applyMigrations(db.target, { migrationsDir: dir })).rejects.toThrow(new RegExp(`found failed migrations[\\s\\S]*${badMigration}`));

    // Fix it, mark the failed attempt rolled back, deploy again: as with `prisma migrate resolve`.
    writeFileSync(path.join(dir, badMigration, "migration.sql"), 'CREATE TABLE "HalfApplied" ("id" TEXT PRIMARY KEY);\n');
    await markMigrationRolledBack(db.target, badMigration, { migrationsDir: dir });
    expect(await applyMigrations(db.target, { migrationsDir: dir })).toEqual({ applied: [badMigration] });
    expect(await db.query(`SELECT to_regclass('"HalfApplied"')::text AS name`)).toEqual([{ name: '"HalfApplied"' }]);
  });

  test("a migration with a $$ plpgsql body containing ; applies whole", async () => {
    const db = await open(backend);
    const dir = migrationsWith({ [functionMigration]: functionSql });

    expect((await applyMigrations(db.target, { migrationsDir: dir })).applied.at(-1)).toBe(functionMigration);
    expect(await db.query("SELECT waypoint_test_describe(3) AS small, waypoint_test_describe(42) AS large")).toEqual([
      { small: "small; really", large: "large; 42" },
    ]);
    expect(await db.query(`SELECT to_regclass('"AfterFunction"')::text AS name`)).toEqual([{ name: '"AfterFunction"' }]);
  });

  test("the integrity rules hold: AuditEvent is append-only, accounts have exactly one owner", async () => {
    const db = await open(backend);
    await applyMigrations(db.target);

    await db.query(`INSERT INTO "AuditEvent" ("id", "action", "reasonCode") VALUES ('a1', 'signin.failed', 'security')`);
    await expect(db.query(`UPDATE "AuditEvent" SET "action" = 'edited' WHERE "id" = 'a1'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM "AuditEvent" WHERE "id" = 'a1'`)).rejects.toThrow(/append-only/);
    expect(await db.query(`SELECT "action" FROM "AuditEvent"`)).toEqual([{ action: "signin.failed" }]);

    await db.query(`INSERT INTO "Service" ("id", "updatedAt", "name") VALUES ('s1', now(), 'Service')`);
    await db.query(`INSERT INTO "StaffMember" ("id", "updatedAt", "serviceId", "displayName", "email", "role")
                    VALUES ('st1', now(), 's1', 'Sam', 'sam@example.org', 'WORKER')`);
    await expect(db.query(`INSERT INTO "EnrolmentCode" ("id", "updatedAt", "codeHash", "expiresAt") VALUES ('e1', now(), 'h1', now())`)).rejects.toThrow(
      /EnrolmentCode_exactly_one_owner/,
    );
    await db.query(`INSERT INTO "EnrolmentCode" ("id", "updatedAt", "codeHash", "expiresAt", "staffId")
                    VALUES ('e2', now(), 'h2', now(), 'st1')`);
  });

  test("createMigration finds nothing to create: the CHECKs and the trigger are invisible to the diff", async () => {
    const db = await open(backend);
    const dir = migrationsWith({});
    const shadowsBefore = await shadowDatabases();

    expect(await createMigration(db.target, "nothing", { migrationsDir: dir })).toEqual({ folder: null, sql: "" });
    expect(readdirSync(dir).sort()).toEqual([...migrationFolders, "migration_lock.toml"].sort());
    // Our shadow database was dropped (adapter-pg's own would have been left behind).
    expect((await shadowDatabases()).filter((name) => !shadowsBefore.includes(name))).toEqual([]);
  });
});

describe("createMigration", () => {
  test("writes the first migration and the lock file into an empty folder", async () => {
    const pglite = await PGlite.create("memory://", { extensions: pgliteExtensions });
    cleanups.push(() => pglite.close());
    const dir = mkdtempSync(path.join(tmpdir(), "waypoint-migrations-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));

    const { folder, sql } = await createMigration({ kind: "pglite", pglite }, "Init schema", { migrationsDir: dir });
    expect(folder).toMatch(/[/\\]\d{14}_init_schema$/);
    expect(sql).toContain('CREATE TABLE "AuditEvent"');
    expect(sql).not.toContain("CREATE SCHEMA");
    expect(readFileSync(path.join(folder ?? "", "migration.sql"), "utf8")).toBe(sql);
    expect(readFileSync(path.join(dir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });
});

async function shadowDatabases(): Promise<string[]> {
  const { rows } = await onServer((client) =>
    client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'"),
  );
  return rows.map((row) => row.datname);
}

describe("acquireDataDirLock", () => {
  const root = mkdtempSync(path.join(tmpdir(), "waypoint-lock-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("a second acquire on the same data directory is refused with a clear error", () => {
    const dataDir = path.join(root, "held", "pglite");
    const lock = acquireDataDirLock(dataDir, { log: () => {} });
    try {
      expect(existsSync(`${dataDir}.lock`)).toBe(true);
      expect(() => acquireDataDirLock(dataDir)).toThrow(
        `The embedded database at ${dataDir} is in use by another Waypoint process (pid ${process.pid}). ` +
          "Stop it first; two processes on one data directory corrupt it.",
      );
    } finally {
      lock.release();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    acquireDataDirLock(dataDir).release();
  });

  test("a lock left by a process that is no longer running is taken over", () => {
    const dataDir = path.join(root, "stale", "pglite");
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    writeFileSync(`${dataDir}.lock`, `${deadPid}\n`);

    const logged: string[] = [];
    const lock = acquireDataDirLock(dataDir, { log: (line) => logged.push(line) });
    try {
      // The first line names the holder (the second, its start time: app/db/embedded-lock.server.ts).
      expect(readFileSync(`${dataDir}.lock`, "utf8").split("\n")[0]).toBe(String(process.pid));
      expect(logged).toEqual([expect.stringContaining(`pid ${deadPid} is no longer running`)]);
    } finally {
      lock.release();
    }
  });
});
