import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";

/**
 * The PostgreSQL extensions every embedded (PGlite) database is opened with. PGlite loads an
 * extension's code only when it is named at `PGlite.create`, even for a data directory where
 * `CREATE EXTENSION` already ran, so every place that opens one (the app, the migration runner and
 * its shadow database, the test databases) passes these.
 *
 * - `btree_gist`: lets an exclusion constraint compare a text column with `=` beside a time range
 *   with `&&` — how the booking migration refuses overlapping appointments for one worker or one
 *   person (docs/decisions/034-booking.md). A PostgreSQL server ships it as a contrib extension.
 */
export const pgliteExtensions = { btree_gist };
