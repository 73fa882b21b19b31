/**
 * `npm run reminders:send`: sends the appointment reminders due by now (the app server also does
 * this every ten minutes; this is for a deployment that prefers cron). Safe to run at any time, as
 * often as wanted and beside running servers: each appointment time is reminded once.
 */
import { sendDueReminders } from "../app/booking/reminders.server.ts";
import { runCommand, withAppDatabase } from "./with-app-database.ts";

runCommand(() =>
  withAppDatabase(async () => {
    const { claimed, sent, skipped } = await sendDueReminders();
    console.log(
      claimed === 0 ? "No reminders due." : `Reminders due: ${claimed} (sent ${sent}, skipped ${skipped}; the skipped are recorded for each person's worker).`,
    );
    return 0;
  }),
);
