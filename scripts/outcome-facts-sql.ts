/**
 * Prints the SQL a migration needs when app/outcomes/measures.ts FACTS changes (decision 038):
 * the functions that compute a person's typed facts, replaced, then every person's row refreshed.
 * Usage: npx tsx scripts/outcome-facts-sql.ts >> prisma/migrations/<timestamp>_<name>/migration.sql
 */
import { factFunctionsSql } from "../app/outcomes/facts-sql";

process.stdout.write(`${factFunctionsSql()}
-- Every person's facts computed again with the new functions.
SELECT waypoint_refresh_outcome_answers(ARRAY(SELECT DISTINCT q."personId" FROM "QuestionnaireResponse" q), true);
`);
