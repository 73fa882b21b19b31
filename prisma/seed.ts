/**
 * `npm run db:seed` (tsx prisma/seed.ts): loads the demo service into an empty database.
 *
 * Opens the database the app would open (DATABASE_URL, or the embedded one in WAYPOINT_DATA_DIR),
 * applies pending migrations, and seeds only if the database has no service yet: it never adds a
 * second service or touches real data. Stop the app first when it uses the embedded database (two
 * processes on one PGlite data dir would corrupt it; the data-dir lock refuses the second).
 */
import { DatabaseOpenError, openDatabase, type Database } from "../app/db.server.ts";
import { ConfigError, parseEnv } from "../app/env.server.ts";
import { applyMigrations, migrationTargetOf } from "../server/migrations.ts";
import { formatDemoSummary, seedDemoService } from "./demo-service.ts";

async function main(): Promise<number> {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  if (config.NODE_ENV === "production") {
    console.error("The demo service is never loaded in production: its people sign in with a published PIN and codes.");
    return 1;
  }

  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.WAYPOINT_DATA_DIR });
  } catch (error) {
    if (error instanceof DatabaseOpenError || (error instanceof Error && /lock/i.test(error.message))) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  try {
    const { applied } = await applyMigrations(migrationTargetOf(database));
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

    if ((await database.prisma.service.count()) > 0) {
      console.log("The database already has a service; nothing seeded.");
      return 0;
    }
    const started = Date.now();
    const summary = await seedDemoService(database.prisma);
    console.log(formatDemoSummary(summary));
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
