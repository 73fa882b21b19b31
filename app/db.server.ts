import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { pgliteExtensions } from "~/db/pglite-options.server";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "~/generated/prisma/client";
import { acquireDataDirLock } from "~/db/embedded-lock.server";

/**
 * The one database of the app. Two shapes, one schema and one migration history:
 * - `postgres`: DATABASE_URL points at a PostgreSQL server (production, CI), through @prisma/adapter-pg;
 * - `embedded`: PGlite (PostgreSQL compiled to wasm) in this process, on a data dir under ./data,
 *   so the portal runs from a fresh clone with nothing else installed.
 * See docs/decisions/001-postgresql-everywhere.md.
 */
export type Database =
  | { kind: "postgres"; prisma: PrismaClient; connectionString: string; close(): Promise<void> }
  | { kind: "embedded"; prisma: PrismaClient; pglite: PGlite; dataDir: string; close(): Promise<void> }
  /** A client opened by someone else (a test's fresh database); the app only queries through it. */
  | { kind: "external"; prisma: PrismaClient; close(): Promise<void> };

export class DatabaseOpenError extends Error {}

export type OpenOptions = {
  databaseUrl?: string;
  dataDir: string;
  /** Connections per app server on a PostgreSQL server. */
  poolSize?: number;
};

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const connectionString = options.databaseUrl;
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString, max: options.poolSize ?? 10 }),
    });
    return {
      kind: "postgres",
      prisma,
      connectionString,
      close: () => prisma.$disconnect(),
    };
  }
  return openEmbedded(options.dataDir);
}

async function openEmbedded(dataDirOption: string): Promise<Database> {
  const dataDir = path.resolve(dataDirOption);
  // PGlite does not create parent folders (docs/background/embedded-postgres.md, shim 3).
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Two processes on one data dir corrupt it beyond repair, silently: lock before opening.
  const lock = acquireDataDirLock(dataDir);
  try {
    refuseForeignDirectory(dataDir);
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(dataDir, { extensions: pgliteExtensions });
    } catch (error) {
      throw new DatabaseOpenError(
        `The embedded database at ${dataDir} could not be opened (${describe(error)}). ` +
          "It was left exactly as it was: restore it from a backup, or move it aside to start with a new one.",
      );
    }
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      kind: "embedded",
      prisma,
      pglite,
      dataDir,
      async close() {
        try {
          await prisma.$disconnect();
          await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** A non-empty directory that is not a PostgreSQL data dir is someone's files: never initialise over it. */
function refuseForeignDirectory(dataDir: string) {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length > 0 && !entries.includes("PG_VERSION")) {
    throw new DatabaseOpenError(
      `${dataDir} is not an embedded Waypoint database (it has files but no PG_VERSION). ` + "Set WAYPOINT_DATA_DIR to an empty or database directory.",
    );
  }
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

// The server process and the Remix server bundle are separate module graphs (and Vite reloads
// modules in development), so the open database is held on globalThis, not in a module variable.
declare global {
  var waypointDatabase: Database | undefined;
}

export function setDatabase(database: Database | undefined) {
  globalThis.waypointDatabase = database;
}

export function currentDatabase(): Database {
  const database = globalThis.waypointDatabase;
  if (!database) throw new Error("The database is not open: the server opens it at start-up.");
  return database;
}

/** The Prisma client every domain module queries through. */
export function db(): PrismaClient {
  return currentDatabase().prisma;
}

/**
 * Whether this app server can reach its database now: one `SELECT 1`. For load balancers
 * (`/healthz`); never throws.
 */
export async function databaseReachable(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
