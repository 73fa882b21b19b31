import { db } from "~/db.server";
import type { AlertKind, RiskLevel } from "~/generated/prisma/client";
import { calendarDate, localDaysBetween, startOfLocalDay, todayIn } from "~/time/calendar";

/**
 * What needs attention for each of a set of people: the figures a caseload and a family view
 * show. Counts and dates only, never anyone's words. One query per kind of figure for the whole
 * set (not one per person), each on an index that starts with `personId`, so the cost follows
 * the size of the caseload, not of the service.
 */
export type PersonStatus = {
  openAlerts: { id: string; kind: AlertKind; createdAt: Date }[];
  overdueQuestionnaires: number;
  dueQuestionnaires: number;
  unreadMessages: number;
  nextAppointment: Date | null;
  lastContact: Date | null;
  risk: { level: RiskLevel; assessedAt: Date; reviewDueAt: Date | null } | null;
};

export async function statusesFor(personIds: string[], options: { staffId?: string; now?: Date } = {}): Promise<Map<string, PersonStatus>> {
  const now = options.now ?? new Date();
  const statuses = new Map<string, PersonStatus>(
    personIds.map((id) => [
      id,
      { openAlerts: [], overdueQuestionnaires: 0, dueQuestionnaires: 0, unreadMessages: 0, nextAppointment: null, lastContact: null, risk: null },
    ]),
  );
  if (personIds.length === 0) return statuses;
  const personId = { in: personIds };
  const [alerts, assignments, dueCounts, threads, upcoming, attended, contactNotes, risks] = await Promise.all([
    db().alert.findMany({
      where: { personId, resolvedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, personId: true, kind: true, createdAt: true },
    }),
    db().questionnaireAssignment.groupBy({
      by: ["personId"],
      where: { personId, status: { in: ["ASSIGNED", "IN_PROGRESS"] }, dueAt: { lt: now } },
      _count: { _all: true },
    }),
    db().questionnaireAssignment.groupBy({ by: ["personId"], where: { personId, status: { in: ["ASSIGNED", "IN_PROGRESS"] } }, _count: { _all: true } }),
    personMessages(personIds, options.staffId),
    db().appointment.groupBy({ by: ["personId"], where: { personId, status: "BOOKED", startsAt: { gte: now } }, _min: { startsAt: true } }),
    db().appointment.groupBy({ by: ["personId"], where: { personId, status: "ATTENDED", startsAt: { lte: now } }, _max: { startsAt: true } }),
    db().caseNote.groupBy({ by: ["personId"], where: { personId, kind: "CONTACT" }, _max: { occurredAt: true } }),
    db().riskAssessment.findMany({
      where: { personId },
      orderBy: [{ personId: "asc" }, { assessedAt: "desc" }],
      distinct: ["personId"],
      select: { personId: true, level: true, assessedAt: true, reviewDueAt: true },
    }),
  ]);
  const at = (id: string) => statuses.get(id);
  const later = (a: Date | null, b: Date | null | undefined) => (!b ? a : !a || b > a ? b : a);
  for (const a of alerts) at(a.personId)?.openAlerts.push({ id: a.id, kind: a.kind, createdAt: a.createdAt });
  for (const row of assignments) {
    const s = at(row.personId);
    if (s) s.overdueQuestionnaires = row._count._all;
  }
  for (const row of dueCounts) {
    const s = at(row.personId);
    if (s) s.dueQuestionnaires = row._count._all;
  }
  for (const t of threads) {
    const s = at(t.personId);
    if (!s) continue;
    s.unreadMessages += t.unread;
    s.lastContact = later(s.lastContact, t.lastFromPerson);
  }
  for (const row of upcoming) {
    const s = at(row.personId);
    if (s) s.nextAppointment = row._min.startsAt;
  }
  for (const row of attended) {
    const s = at(row.personId);
    if (s) s.lastContact = later(s.lastContact, row._max.startsAt);
  }
  for (const row of contactNotes) {
    const s = at(row.personId);
    if (s) s.lastContact = later(s.lastContact, row._max.occurredAt);
  }
  for (const r of risks) {
    const s = at(r.personId);
    if (s) s.risk = { level: r.level, assessedAt: r.assessedAt, reviewDueAt: r.reviewDueAt };
  }
  return statuses;
}

/**
 * Needs at or above this weight come first: a safety answer, a sign-in not recognised, a risk
 * review or a questionnaire overdue; unread messages and quiet weeks come after.
 */
export const FIRST_NEED_WEIGHT = 200;

export type Need = { key: "alert" | "not-me" | "new-sign-in" | "review" | "overdue" | "unread" | "contact"; words: string; weight: number };

/** Days on the service's calendar (`zone`) from one instant to another: "no contact for 21 days" counts days as people do. */
export function daysBetween(from: Date, to: Date, zone: string) {
  return localDaysBetween(from, to, zone);
}

/**
 * A risk review is due on a calendar day (a date field, kept at 00:00 UTC of that day): it is overdue
 * from the next day on the service's calendar, not from a UTC instant that falls the evening before
 * west of Greenwich or an hour into the day in summer.
 */
export function reviewOverdue(reviewDueAt: Date, now: Date, zone: string): boolean {
  return calendarDate(reviewDueAt) < todayIn(zone, now);
}

/** A caseload goes quiet if no one has been in touch for this long. */
export const QUIET_AFTER_DAYS = 21;

/**
 * What needs attention first, most urgent first, in plain words: a safety answer, a sign-in the
 * person did not recognise, a risk review past due, an overdue questionnaire, unread messages,
 * and weeks without contact. The weights order a caseload by urgency.
 */
export function needsOf(status: PersonStatus, now: Date, startedAt: Date, zone: string): Need[] {
  const needs: Need[] = [];
  const safety = status.openAlerts.filter((a) => a.kind === "SAFETY_ANSWER").length;
  if (safety > 0) needs.push({ key: "alert", words: safety === 1 ? "Safety answer to check" : `${safety} safety answers to check`, weight: 1000 });
  if (status.openAlerts.some((a) => a.kind === "NOT_ME")) needs.push({ key: "not-me", words: "Did not recognise a sign-in", weight: 900 });
  // Someone holding an open session could add their own passkey: the worker checks with the person.
  if (status.openAlerts.some((a) => a.kind === "NEW_SIGN_IN_METHOD")) needs.push({ key: "new-sign-in", words: "A new way to sign in was added", weight: 850 });
  const review = status.risk?.reviewDueAt;
  if (review && reviewOverdue(review, now, zone)) {
    needs.push({ key: "review", words: `Risk review ${daysBetween(startOfLocalDay(calendarDate(review), zone), now, zone)} days overdue`, weight: 300 });
  }
  if (status.overdueQuestionnaires > 0) {
    needs.push({
      key: "overdue",
      words: status.overdueQuestionnaires === 1 ? "Questionnaire overdue" : `${status.overdueQuestionnaires} questionnaires overdue`,
      weight: 200,
    });
  }
  if (status.unreadMessages > 0)
    needs.push({ key: "unread", words: `${status.unreadMessages} unread ${status.unreadMessages === 1 ? "message" : "messages"}`, weight: 100 });
  const quietSince = status.lastContact ?? startedAt;
  const quiet = daysBetween(quietSince, now, zone);
  if (quiet >= QUIET_AFTER_DAYS) {
    needs.push({ key: "contact", words: status.lastContact ? `No contact for ${quiet} days` : `No contact since starting ${quiet} days ago`, weight: 50 });
  }
  return needs;
}

/**
 * For each of the people's threads (with one worker, or with anyone): how many of the person's
 * messages are unread, and when the person last wrote (contact is the person writing, not a
 * worker's message waiting for an answer). Counted per thread on the (threadId, createdAt) index,
 * so the cost follows the caseload, not the size of the Message table.
 */
async function personMessages(personIds: string[], staffId: string | undefined) {
  const threads = await db().messageThread.findMany({
    where: { personId: { in: personIds }, ...(staffId ? { staffId } : {}) },
    select: { id: true, personId: true },
  });
  if (threads.length === 0) return [];
  const threadId = { in: threads.map((t) => t.id) };
  const [unread, latest] = await Promise.all([
    db().message.groupBy({ by: ["threadId"], where: { threadId, authorPersonId: { not: null }, readAt: null }, _count: { _all: true } }),
    db().message.groupBy({ by: ["threadId"], where: { threadId, authorPersonId: { not: null } }, _max: { createdAt: true } }),
  ]);
  return threads.map((t) => ({
    personId: t.personId,
    unread: unread.find((u) => u.threadId === t.id)?._count._all ?? 0,
    lastFromPerson: latest.find((l) => l.threadId === t.id)?._max.createdAt ?? null,
  }));
}

/**
 * Staff who support both the survivor and the person using harmful behaviour of one family, from
 * each member's open allocations. Home Office standards: the same worker ought not to; it is shown
 * wherever it happens, whether or not a reason was recorded.
 */
export function sharedWorkerIds(people: { kind: string; allocations: { staffId: string }[] }[]): Set<string> {
  const of = (kind: string) => new Set(people.filter((p) => p.kind === kind).flatMap((p) => p.allocations.map((a) => a.staffId)));
  const survivors = of("ADULT_SURVIVOR");
  return new Set([...of("HARMFUL_BEHAVIOUR")].filter((id) => survivors.has(id)));
}
