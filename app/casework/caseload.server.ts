import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import type { PersonKind, RiskLevel } from "~/generated/prisma/enums";
import { bandOf } from "~/age-bands/age-band";
import { SHOWS, type CaseloadQuery } from "./caseload-query";
import { daysBetween, needsOf, reviewOverdue, statusesFor, type Need } from "./status.server";

/** One person on a caseload, with what needs attention first. */
export type CaseloadRow = {
  id: string;
  name: string;
  kind: PersonKind;
  familyReference: string;
  band: string | null;
  needs: Need[];
  urgency: number;
  nextAppointment: string | null;
  daysSinceContact: number | null;
  risk: { level: RiskLevel; reviewDueAt: string | null; reviewOverdue: boolean } | null;
  closedOn: string | null;
  dueQuestionnaires: number;
};

/**
 * A worker's caseload is the people allocated to them. A case manager's is everyone in the
 * families they hold, so that whole-family working starts from one list; a person whose family
 * has closed drops off it.
 */
export async function loadCaseload(viewer: StaffViewer, query: CaseloadQuery, now: Date = new Date()) {
  return shapeCaseload(await caseloadRows(viewer, now), query);
}

/** Everyone on the viewer's caseload, each with their needs, before any filter or order. */
export async function caseloadRows(viewer: StaffViewer, now: Date = new Date()): Promise<CaseloadRow[]> {
  const personSelect = {
    id: true,
    firstName: true,
    lastName: true,
    kind: true,
    dateOfBirth: true,
    involvementStartedAt: true,
    involvementEndedAt: true,
    family: { select: { reference: true } },
  } as const;
  const found =
    viewer.staff.role === "CASE_MANAGER"
      ? await db().person.findMany({
          where: { serviceId: viewer.staff.serviceId, anonymisedAt: null, family: { caseManagerId: viewer.staff.id, closedAt: null } },
          select: personSelect,
        })
      : (
          await db().allocation.findMany({
            where: { staffId: viewer.staff.id, endedAt: null, person: { anonymisedAt: null, serviceId: viewer.staff.serviceId } },
            select: { person: { select: personSelect } },
          })
        ).map((a) => a.person);
  // Allocating refuses a second open allocation to the same worker, and a merge ends one, but two
  // allocations made at the same instant can both pass the check: list the person once.
  const people = [...new Map(found.map((p) => [p.id, p])).values()];
  // Unread messages are the worker's own threads; a case manager sees every thread's.
  const statuses = await statusesFor(
    people.map((p) => p.id),
    { staffId: viewer.staff.role === "CASE_MANAGER" ? undefined : viewer.staff.id, now },
  );
  return people.map((p) => {
    const status = statuses.get(p.id);
    const needs = status ? needsOf(status, now, p.involvementStartedAt, viewer.staff.timeZone) : [];
    const reviewDueAt = status?.risk?.reviewDueAt ?? null;
    return {
      id: p.id,
      name: `${p.firstName} ${p.lastName}`,
      kind: p.kind,
      familyReference: p.family.reference,
      band: bandOf(p, now, viewer.staff.timeZone),
      needs,
      urgency: needs.reduce((sum, n) => sum + n.weight, 0),
      nextAppointment: status?.nextAppointment?.toISOString() ?? null,
      daysSinceContact: status?.lastContact ? daysBetween(status.lastContact, now, viewer.staff.timeZone) : null,
      risk: status?.risk
        ? {
            level: status.risk.level,
            reviewDueAt: reviewDueAt?.toISOString() ?? null,
            reviewOverdue: reviewDueAt !== null && reviewOverdue(reviewDueAt, now, viewer.staff.timeZone),
          }
        : null,
      closedOn: p.involvementEndedAt?.toISOString() ?? null,
      dueQuestionnaires: status?.dueQuestionnaires ?? 0,
    };
  });
}

/** The caseload as the page shows it: how many each filter would show, and the rows the query asks for, in its order. */
export function shapeCaseload(rows: CaseloadRow[], query: CaseloadQuery) {
  const counts = Object.fromEntries(SHOWS.map((show) => [show, rows.filter((r) => matchesShow(r, show)).length])) as Record<CaseloadQuery["show"], number>;
  const shown = rows.filter((r) => (query.kind ? r.kind === query.kind : true) && matchesShow(r, query.show));
  return { rows: shown.sort(comparator(query.sort)), counts, query };
}

function matchesShow(row: CaseloadRow, show: CaseloadQuery["show"]) {
  switch (show) {
    case "all":
      return true;
    case "attention":
      return row.needs.length > 0;
    case "alerts":
      return row.needs.some((n) => n.key === "alert" || n.key === "not-me" || n.key === "new-sign-in");
    case "overdue":
      return row.needs.some((n) => n.key === "overdue");
    case "unread":
      return row.needs.some((n) => n.key === "unread");
    case "review":
      return row.risk?.reviewOverdue === true;
    case "closing":
      return row.closedOn !== null;
  }
}

function comparator(sort: CaseloadQuery["sort"]): (a: CaseloadRow, b: CaseloadRow) => number {
  const byName = (a: CaseloadRow, b: CaseloadRow) => a.name.localeCompare(b.name, "en-GB");
  // Missing values go last whatever the order.
  const byDate = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));
  switch (sort) {
    case "name":
      return byName;
    case "next":
      return (a, b) => byDate(a.nextAppointment, b.nextAppointment) || byName(a, b);
    case "contact":
      return (a, b) => (b.daysSinceContact ?? Infinity) - (a.daysSinceContact ?? Infinity) || byName(a, b);
    case "review":
      return (a, b) => byDate(a.risk?.reviewDueAt ?? null, b.risk?.reviewDueAt ?? null) || byName(a, b);
    case "attention":
      return (a, b) => b.urgency - a.urgency || (b.daysSinceContact ?? 0) - (a.daysSinceContact ?? 0) || byName(a, b);
  }
}
