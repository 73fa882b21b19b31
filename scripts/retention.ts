/**
 * Retention: anonymise people whose involvement ended longer ago than their service's retention
 * period (Service.retentionMonths, 72 by default, counted in calendar months).
 *
 *   npm run retention:run               anonymise everyone due; one line per service
 *   npm run retention:run -- --dry-run  count who and what would go; change nothing
 *
 * What goes: the person's name (it becomes "Anonymised"), date of birth, safe-contact preferences,
 * case notes, message threads with every message in them, questionnaire drafts, passkeys, PIN,
 * sessions, enrolment codes, appointments, alerts, and the sealed free text of their answers, risk
 * assessments (the reason), allocations (the same-worker reason) and goals (the title: the goal and
 * its ratings stay).
 * What stays: the Person row with its kind, family, service, demographics, consent and involvement
 * dates and closure reason; questionnaire assignments, responses and every structured answer; risk
 * levels and dates; allocations. These are the de-identified outcome data reports are built from.
 * The audit log is append-only and holds ids only: it stays, and gains one "person.anonymise" event
 * per person. Details: app/retention/anonymise.server.ts.
 *
 * Meant to run daily from cron (or any scheduler), e.g. `15 3 * * * cd /srv/waypoint && npm run
 * retention:run`. Running it again finds nothing left to do.
 *
 * Several servers may run it at once only if they share one PostgreSQL server (DATABASE_URL): each
 * person is anonymised in their own transaction that starts with an update conditional on
 * `anonymisedAt` still being null, so a second run on the same person waits for the first to commit,
 * then changes nothing. On the embedded database only one process may open it at all: stop the app,
 * run this, start the app again.
 */
import { anonymiseDuePeople } from "../app/retention/anonymise.server.ts";
import { runCommand, withAppDatabase } from "./with-app-database.ts";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg !== "--dry-run")) {
    console.error("usage: npm run retention:run -- [--dry-run]");
    return 2;
  }
  const dryRun = args.includes("--dry-run");
  return withAppDatabase(async () => {
    const summary = await anonymiseDuePeople({ dryRun });
    if (summary.services.length === 0) console.log("No service is set up: nothing to do.");
    for (const service of summary.services) {
      if (service.skipped) {
        console.log(`${service.serviceName}: nothing done (retention ${service.retentionMonths} months; set at least 1)`);
        continue;
      }
      const n = service.anonymised;
      const people = `${n} ${n === 1 ? "person" : "people"}`;
      const done = dryRun ? "would be anonymised" : "anonymised";
      // Another run (or a reopened case) got there between the search and the update.
      const meanwhile = service.due > n ? `; ${service.due - n} no longer due when reached` : "";
      console.log(`${service.serviceName}: ${people} ${done} (closed before ${day(service.cutoff)}; retention ${service.retentionMonths} months${meanwhile})`);
    }
    return 0;
  });
}

/** The cutoff is an instant on the service's clock (app/retention), so it is printed in full, in UTC, rather than as a UTC day that may differ from the service's. */
function day(date: Date): string {
  return date.toISOString();
}

runCommand(main);
