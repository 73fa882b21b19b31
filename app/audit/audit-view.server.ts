import { createHmac } from "node:crypto";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { ACTIONS_SHOWN_TO_THE_PERSON, SIGN_IN_ALARM_ACTION } from "./visibility";

/** A stable pseudonym for a person's record: lets a manager see that events concern one record without its id or name. */
export function recordPseudonym(personId: string) {
  return createHmac("sha256", env().SESSION_SECRET).update(`record:${personId}`).digest("hex").slice(0, 10);
}

/**
 * The audit log as a manager reads it: who did what, when and why. People appear by a pseudonym
 * of their record (managers see no names or ids); staff by name, since it is staff conduct being reviewed.
 */
export async function listAuditEvents(serviceId: string, options: { take?: number; subjectPersonId?: string } = {}) {
  const events = await db().auditEvent.findMany({
    where: {
      ...(options.subjectPersonId ? { subjectPersonId: options.subjectPersonId } : {}),
      OR: [
        { actorStaff: { serviceId } },
        { subjectPerson: { serviceId } },
        { actorPerson: { serviceId } },
        // The sign-in alarm concerns the whole deployment (the sign-in page is shared) and names no one.
        ...(options.subjectPersonId ? [] : [{ action: SIGN_IN_ALARM_ACTION, subjectPersonId: null, actorStaffId: null, actorPersonId: null }]),
      ],
    },
    orderBy: { at: "desc" },
    take: options.take ?? 200,
    select: {
      id: true,
      at: true,
      action: true,
      reasonCode: true,
      subjectPersonId: true,
      actorPersonId: true,
      actorStaff: { select: { displayName: true } },
    },
  });
  return events.map((e) => ({
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    reason: e.reasonCode,
    subject: e.subjectPersonId ? recordPseudonym(e.subjectPersonId) : null,
    actor: e.actorStaff?.displayName ?? (e.actorPersonId ? "the person themself" : "not signed in"),
  }));
}

/**
 * For a person, in plain words, when the service has turned it on: which staff looked at or
 * changed their record in the last 90 days, and how often. Never what they looked at. Counts only
 * the kinds of event `visibility.ts` shows to the person: a duplicate check by a case manager in
 * another area is not an opening of their record and must not tell them that area or case exists.
 * Returns `{ name, times, last: ISO-8601 or null }[]`.
 */
export async function staffAccessSummary(personId: string, now: Date = new Date()) {
  const rows = await db().auditEvent.groupBy({
    by: ["actorStaffId"],
    where: {
      subjectPersonId: personId,
      action: { in: ACTIONS_SHOWN_TO_THE_PERSON },
      actorStaffId: { not: null },
      at: { gte: new Date(now.getTime() - 90 * 86_400_000) },
    },
    _count: { _all: true },
    _max: { at: true },
  });
  const staff = await db().staffMember.findMany({
    where: { id: { in: rows.flatMap((r) => (r.actorStaffId ? [r.actorStaffId] : [])) } },
    select: { id: true, displayName: true },
  });
  return rows.map((r) => ({
    name: staff.find((s) => s.id === r.actorStaffId)?.displayName ?? "A member of staff",
    times: r._count._all,
    last: r._max.at?.toISOString() ?? null,
  }));
}

/**
 * The access summary for the signed-in person's account page, or null when their service has not
 * turned it on (Settings, "show people who opened their record").
 */
export async function accessSummaryIfShown(person: { id: string; serviceId: string }, now: Date = new Date()) {
  const service = await db().service.findUnique({ where: { id: person.serviceId }, select: { showAccessSummary: true } });
  return service?.showAccessSummary ? staffAccessSummary(person.id, now) : null;
}
