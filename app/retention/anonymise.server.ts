import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { clearedKeys, removedKeys, retentionSteps, type ClearedKey, type RemovedKey } from "~/person-data/register.server";
import { addLocalMonths } from "~/time/calendar";
import { zoneOrDefault } from "~/time/service-zone.server";

/**
 * Retention: once a person's involvement ended longer ago than their service's `retentionMonths`,
 * everything that says who they are, or that they or a worker wrote, goes; what reports count
 * stays, de-identified. The Person row itself stays (answers, risk levels and allocations point at
 * it, and the append-only audit log refers to it by id), with its name replaced.
 *
 * Kept, because outcome reports are built from them and none names the person: kind, family,
 * service, demographics (gender, sexual orientation, ethnic group, disability, employment),
 * referral source, monitoring consent, involvement dates, closure reason; questionnaire
 * assignments and responses with every structured answer; risk assessments' levels, stages and
 * dates; allocations (which worker, from when to when); goals and every rating (without the goal's
 * words); audit events (ids only).
 *
 * Removed: safe-contact preferences, case notes, message threads and every message the person
 * wrote or received, questionnaire drafts, passkeys, PIN, sessions, enrolment codes, appointments,
 * alerts. Cleared: free-text answers, risk reasons, same-worker reasons and goal titles (the sealed
 * text and its key id), so no key rotation ever needs them again.
 *
 * Which table is which is decided once, in the person-data register
 * (app/person-data/register.server.ts, each table's `retention` rule); this module runs it.
 *
 * Nothing else holds a person back: there is no legal hold yet. When there is, `duePeople` is the
 * one place to exclude held people.
 */

/**
 * Rows removed, per table (the person-data register's `countAs`: "caseNotes", "messages", …). The
 * tables are those whose retention rule in the register is `delete`.
 */
export type RemovedCounts = Record<RemovedKey, number>;

/** Rows kept, with their sealed free text and its key id set to null (the register's `clear` rules). */
export type ClearedCounts = Record<ClearedKey, number>;

export type ServiceRetentionSummary = {
  serviceId: string;
  serviceName: string;
  retentionMonths: number;
  /** People whose involvement ended before this moment are due. */
  cutoff: Date;
  /**
   * True when the service's retention period is below one month: anonymising everyone the moment
   * their case closes cannot be what was meant, and it cannot be undone, so nothing is done.
   */
  skipped: boolean;
  /** People found due. */
  due: number;
  /**
   * People this run anonymised (with `dryRun`: would anonymise). Fewer than `due` only when another
   * run, on another server, anonymised some of them in the meantime.
   */
  anonymised: number;
  removed: RemovedCounts;
  cleared: ClearedCounts;
};

export type RetentionSummary = { now: Date; dryRun: boolean; services: ServiceRetentionSummary[] };

/**
 * `months` calendar months before `date`, at the same clock time in the service's `zone`. A day that
 * the earlier month lacks becomes that month's last day: 31 March less one month is 28 (or 29) February.
 */
export function monthsBefore(date: Date, months: number, zone: string): Date {
  return addLocalMonths(date, -months, zone);
}

/**
 * Anonymises every person due, one transaction each. Safe to run again, and from several servers
 * sharing one PostgreSQL server at once (see the conditional update in `anonymisePerson`).
 */
export async function anonymiseDuePeople(options: { now?: Date; dryRun?: boolean } = {}): Promise<RetentionSummary> {
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const services = await db().service.findMany({
    select: { id: true, name: true, retentionMonths: true, timeZone: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const summaries: ServiceRetentionSummary[] = [];
  for (const service of services) {
    const cutoff = monthsBefore(now, service.retentionMonths, zoneOrDefault(service.timeZone));
    const summary: ServiceRetentionSummary = {
      serviceId: service.id,
      serviceName: service.name,
      retentionMonths: service.retentionMonths,
      cutoff,
      skipped: service.retentionMonths < 1,
      due: 0,
      anonymised: 0,
      removed: emptyRemoved(),
      cleared: emptyCleared(),
    };
    summaries.push(summary);
    if (summary.skipped) continue;

    const people = await db().person.findMany({ where: duePeople(service.id, cutoff), select: { id: true }, orderBy: { id: "asc" } });
    summary.due = people.length;
    const run: PersonRun = { serviceId: service.id, cutoff, now, retentionMonths: service.retentionMonths, dryRun };
    for (const person of people) {
      const outcome = dryRun
        ? await anonymisePerson(db(), person.id, run)
        : // Only `tx` inside: the embedded database is one connection, so a query on `db()` there
          // would wait for this transaction to end, which would wait for that query.
          // The longer timeout: a person with years of messages may need more than Prisma's 5 s.
          await db().$transaction((tx) => anonymisePerson(tx, person.id, run), { timeout: 60_000 });
      if (!outcome) continue;
      summary.anonymised += 1;
      addInto(summary.removed, outcome.removed);
      addInto(summary.cleared, outcome.cleared);
    }
  }
  return { now, dryRun, services: summaries };
}

function duePeople(serviceId: string, cutoff: Date): Prisma.PersonWhereInput {
  return { serviceId, anonymisedAt: null, involvementEndedAt: { lt: cutoff } };
}

type PersonRun = { serviceId: string; cutoff: Date; now: Date; retentionMonths: number; dryRun: boolean };

/**
 * Anonymises one person inside the caller's transaction, or with `dryRun` only counts. Returns null
 * when the person is no longer due (another run got there first, or the case was reopened).
 */
async function anonymisePerson(
  client: Prisma.TransactionClient,
  personId: string,
  run: PersonRun,
): Promise<{ removed: RemovedCounts; cleared: ClearedCounts } | null> {
  const stillDue: Prisma.PersonWhereInput = { id: personId, ...duePeople(run.serviceId, run.cutoff) };
  if (run.dryRun) {
    if ((await client.person.count({ where: stillDue })) === 0) return null;
  } else {
    // The conditional update comes first and claims the person: a second run doing the same
    // person at the same moment waits on this row lock, then finds `anonymisedAt` set, updates
    // nothing and returns here, so it neither repeats the work nor records a second audit event.
    const claimed = await client.person.updateMany({
      where: stillDue,
      data: {
        firstName: "Anonymised",
        lastName: "",
        dateOfBirth: null,
        pageTitle: "Appointments",
        safetyIntroSeenAt: null,
        anonymisedAt: run.now,
      },
    });
    if (claimed.count === 0) return null;
  }

  // Table by table as the person-data register says. With `dryRun`, count what the real run
  // would remove or clear, with the same conditions.
  const steps = retentionSteps();
  const removed = emptyRemoved();
  for (const step of steps.remove) removed[step.key] = await (run.dryRun ? step.rows.count : step.rows.apply)(client, personId);
  const cleared = emptyCleared();
  for (const step of steps.clear) cleared[step.key] = await (run.dryRun ? step.rows.count : step.rows.apply)(client, personId);

  if (!run.dryRun) {
    await recordAudit(
      {
        actor: null,
        action: "person.anonymise",
        reasonCode: "retention",
        subjectPersonId: personId,
        detail: { monthsAfterClosure: run.retentionMonths },
      },
      client,
    );
  }
  return { removed, cleared };
}

function emptyRemoved(): RemovedCounts {
  return zeroes(removedKeys());
}

function emptyCleared(): ClearedCounts {
  return zeroes(clearedKeys());
}

/** A count of 0 for every key given. */
function zeroes<K extends string>(keys: K[]): Record<K, number> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of keys) counts[key] = 0;
  if (!hasEvery(counts, keys)) throw new Error("unreachable: every key was just set");
  return counts;
}

function hasEvery<K extends string>(counts: Partial<Record<K, number>>, keys: K[]): counts is Record<K, number> {
  return keys.every((key) => typeof counts[key] === "number");
}

function addInto<K extends string>(total: Record<K, number>, part: Record<K, number>) {
  for (const key in part) total[key] += part[key];
}
