import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { notifyPerson } from "~/notifications/notifications.server";
import { logger } from "~/ops/logger.server";

/**
 * Reminders before appointments (issue 10; docs/decisions/035-booking-reminders.md). Every app
 * server runs `sendDueReminders` on an interval (server/main.ts), as it runs the recurring
 * questionnaires (decision 018); `npm run reminders:send` does one run from cron.
 *
 * A reminder is the notifications module's one neutral text ("You have an appointment update"),
 * sent by `notifyPerson` under its rules: the person's chosen safe channel only, inside their safe
 * times only, no fallback, every attempt recorded (NotificationRecord, template
 * "appointment-reminder") for their worker.
 *
 * Exactly once per appointment time. A run first CLAIMS the due appointments with one conditional
 * UPDATE … WHERE "reminderClaimedAt" IS NULL … RETURNING: when two servers run at once, PostgreSQL
 * lets one update each row and the other, re-checking the WHERE after the first commits, finds it
 * claimed and skips it. Only what a run claimed is sent, by that run. Moving an appointment clears
 * its claim (booking.server.ts, moveAppointment), so the new time gets its own reminder.
 *
 * At most once, never retried: the claim stands whatever the attempt's outcome. A reminder skipped
 * because the run fell outside the person's safe times (or they have no safe channel, or the
 * channel is not configured) is recorded as skipped once and is NOT tried again later: trying at
 * every run would fill the worker's record with skips, and a later "safe" moment is a guess about
 * someone else's day. Their worker sees the skip and can remind them another way. A server that
 * stops between the claim and the send loses that reminder rather than risk sending it twice.
 */

/** What one run did: appointments claimed, and of those how many reminders were sent or skipped. */
export type ReminderRun = { claimed: number; sent: number; skipped: number };

/**
 * Sends the reminders due at `now`: one for each live (BOOKED) appointment starting after `now`
 * and no later than its service's `reminderLeadMinutes` (minutes; 0 = the service sends none)
 * after `now`, not yet claimed. Safe to run at any time, on any number of servers at once.
 * A failure to notify one person is logged (ids only) and the run goes on to the next.
 * @throws only when the claim itself fails (the database is unreachable): nothing was claimed then.
 */
export async function sendDueReminders(now: Date = new Date()): Promise<ReminderRun> {
  const at = Prisma.sql`${now}::timestamp(3)`;
  const claimed = await db().$queryRaw<{ id: string; personId: string }[]>`
    UPDATE "Appointment" AS a
       SET "reminderClaimedAt" = ${at}
      FROM "Person" AS p, "Service" AS s
     WHERE p."id" = a."personId" AND s."id" = p."serviceId"
       AND a."status" = 'BOOKED'
       AND a."reminderClaimedAt" IS NULL
       AND s."reminderLeadMinutes" > 0
       AND a."startsAt" > ${at}
       AND a."startsAt" <= ${at} + s."reminderLeadMinutes" * interval '1 minute'
    RETURNING a."id", a."personId"`;
  const run: ReminderRun = { claimed: claimed.length, sent: 0, skipped: 0 };
  for (const appointment of claimed) {
    try {
      const result = await notifyPerson(appointment.personId, "appointment-reminder", now, db(), { appointmentId: appointment.id });
      if (result.outcome === "SENT") run.sent += 1;
      else run.skipped += 1;
    } catch (error) {
      run.skipped += 1;
      logger().error({ err: error, appointmentId: appointment.id }, "appointment reminder not sent");
    }
  }
  return run;
}
