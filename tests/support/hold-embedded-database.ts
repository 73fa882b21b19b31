/**
 * A child process for app/db/embedded-lock.server.test.ts: opens the embedded database in the
 * data dir given as argv[2] exactly as the server does (lock first), adds one row, prints
 * "ready <rows>", then holds the database until it is killed.
 */
import { openDatabase } from "../../app/db.server";

const database = await openDatabase({ dataDir: process.argv[2] ?? "" });
if (database.kind !== "embedded") throw new Error("expected the embedded database");
await database.pglite.exec("CREATE TABLE IF NOT EXISTS visit (n int); INSERT INTO visit VALUES (1);");
const result = await database.pglite.query<{ rows: number }>("SELECT count(*)::int AS rows FROM visit");
process.stdout.write(`ready ${result.rows[0]?.rows ?? 0}\n`);
setInterval(() => undefined, 60_000);
