/**
 * Prisma migrations for Waypoint, through the wasm schema engine (server/migrations.ts): the Prisma
 * CLI's `migrate` needs a native binary that cannot be downloaded here.
 *
 *   tsx scripts/migrate.ts deploy                           apply pending migrations
 *   tsx scripts/migrate.ts create <name>                    write prisma/migrations/<timestamp>_<name>/
 *   tsx scripts/migrate.ts resolve --rolled-back <name>     after fixing a failed migration
 *
 * The database: DATABASE_URL when it is a postgres:// or postgresql:// URL; otherwise the embedded
 * PGlite data directory WAYPOINT_DATA_DIR (default ./data/pglite).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pgliteExtensions } from "../app/db/pglite-options.server.ts";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "../app/db/embedded-lock.server.ts";
import { applyMigrations, createMigration, markMigrationRolledBack, takeEnginePanic, type MigrationTarget } from "../server/migrations.ts";

const usage = "usage: tsx scripts/migrate.ts deploy | create <name> | resolve --rolled-back <name>";

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "deploy" && rest.length === 0) {
    await withTarget(async (target, where) => {
      const { applied } = await applyMigrations(target);
      for (const name of applied) console.log(`Applied ${name}`);
      if (applied.length === 0) console.log(`No pending migrations (${where}).`);
    });
  } else if (command === "create" && rest.length === 1 && rest[0]) {
    const name = rest[0];
    await withTarget(async (target) => {
      const { folder } = await createMigration(target, name);
      console.log(
        folder === null
          ? "The schema matches the migrations: nothing to create."
          : `Created ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}`,
      );
    });
  } else if (command === "resolve" && rest.length === 2 && rest[0] === "--rolled-back" && rest[1]) {
    const name = rest[1];
    await withTarget(async (target) => {
      await markMigrationRolledBack(target, name);
      console.log(`Marked ${name} rolled back; deploy will apply it again.`);
    });
  } else {
    throw new Error(usage);
  }
}

async function withTarget(work: (target: MigrationTarget, where: string) => Promise<void>): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    await work({ kind: "postgres", connectionString: url }, `${parsed.hostname}${parsed.pathname}`);
    return;
  }
  const dataDir = path.resolve(process.env.WAYPOINT_DATA_DIR ?? "./data/pglite");
  // PGlite does not create parent folders (docs/background/embedded-postgres.md, shim 3).
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create(dataDir, { extensions: pgliteExtensions });
    try {
      const relative = path.relative(process.cwd(), dataDir);
      await work({ kind: "pglite", pglite }, relative.startsWith("..") ? dataDir : relative);
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
}

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`migrate: ${message.replace(/\s*\n\s*/g, " ").trim()}`);
  process.exit(1);
}

// A panic of the wasm engine inside an adapter callback is thrown there, not returned to us.
process.on("uncaughtException", (error) => {
  const panic = takeEnginePanic();
  fail(panic === undefined ? error : new Error(`the schema engine crashed: ${panic}`));
});

// Exit explicitly: nothing the engine or a driver leaves behind may keep the process waiting.
main(process.argv.slice(2)).then(() => process.exit(0), fail);
