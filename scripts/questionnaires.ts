/**
 * `npm run questionnaires:schedule`: assigns the recurring questionnaires due by now (the app
 * server also does this every ten minutes; this is for a deployment that prefers cron, and for
 * checking what a schedule would do). Safe to run at any time and as often as wanted.
 */
import { applyRecurringRules } from "../app/questionnaires/assignments.server.ts";
import { runCommand, withAppDatabase } from "./with-app-database.ts";

runCommand(() =>
  withAppDatabase(async () => {
    const { created } = await applyRecurringRules();
    console.log(created === 0 ? "Nothing new to assign." : `Assigned ${created} recurring questionnaire${created === 1 ? "" : "s"}.`);
    return 0;
  }),
);
