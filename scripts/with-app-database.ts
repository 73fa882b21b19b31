/**
 * For the project's commands (key rotation, retention, questionnaire schedules): check the
 * configuration, open the database the app would open (DATABASE_URL, or the embedded one in
 * WAYPOINT_DATA_DIR), apply pending migrations, run the work, close. On the embedded database the
 * app must be stopped first: only one process may open it, and the lock refuses a second.
 */
import { DatabaseOpenError, openDatabase, setDatabase } from "../app/db.server.ts";
import { ConfigError, env, type Env } from "../app/env.server.ts";
import { applyMigrations, migrationTargetOf } from "../server/migrations.ts";

export async function withAppDatabase(work: (config: Env) => Promise<number>): Promise<number> {
  let config: Env;
  try {
    config = env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.WAYPOINT_DATA_DIR });
  } catch (error) {
    if (error instanceof DatabaseOpenError || (error instanceof Error && /in use by another Waypoint process/.test(error.message))) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  setDatabase(database);
  try {
    await applyMigrations(migrationTargetOf(database));
    return await work(config);
  } finally {
    setDatabase(undefined);
    await database.close();
  }
}

/** Runs a command's main and exits with its status; an unexpected error prints its message only. */
export function runCommand(main: () => Promise<number>) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
