import { recordAudit } from "~/audit/audit.server";
import type { AuditAction } from "~/audit/visibility";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { StaffViewer } from "./session.server";

/**
 * Who may see what, in one place. Plain functions, tested in policy.server.test.ts; every domain
 * query about a person goes through `peopleVisibleTo` or `requirePersonForStaff`.
 *
 * - A service user: only their own records (every query of theirs is `where: { personId }`).
 * - A worker: the people allocated to them (an open allocation).
 * - A case manager: every person in the families they hold, and anyone allocated to them.
 * - A manager: aggregates only — no single person's record.
 * - An admin: service set-up and staff — no person's record.
 */
export function peopleVisibleTo(staff: StaffViewer["staff"]): Prisma.PersonWhereInput {
  const serviceId = staff.serviceId;
  switch (staff.role) {
    case "WORKER":
      return { serviceId, allocations: { some: { staffId: staff.id, endedAt: null } } };
    case "CASE_MANAGER":
      return {
        serviceId,
        OR: [{ family: { caseManagerId: staff.id } }, { allocations: { some: { staffId: staff.id, endedAt: null } } }],
      };
    case "MANAGER":
    case "ADMIN":
      // Matches nobody: `id: { in: [] }` is how Prisma says "no rows".
      return { id: { in: [] } };
  }
}

/**
 * The person, if this staff member may see them; otherwise a 404 (never 403: a 403 would say the
 * record exists). No audit row: for a change, which writes its own audit row in the same
 * transaction as the change, only once it is made (a refusal changes nothing and records nothing).
 * An action calls this before it reads its form, so a bad form about someone else's record answers
 * 404 like any other request about it. Returns what the callers' rules need: the kind, the family
 * and who holds it.
 */
export async function findPersonForStaff(viewer: StaffViewer, personId: string) {
  const person = await db().person.findFirst({
    where: { AND: [{ id: personId, anonymisedAt: null }, peopleVisibleTo(viewer.staff)] },
    select: { id: true, firstName: true, lastName: true, kind: true, familyId: true, family: { select: { caseManagerId: true } } },
  });
  if (!person) throw new Response("Not found", { status: 404 });
  return person;
}

/** `findPersonForStaff` for a look at the record: the look is written to the audit log with its reason. */
export async function requirePersonForStaff(viewer: StaffViewer, personId: string, audit: { action: AuditAction; reasonCode: string }) {
  const person = await findPersonForStaff(viewer, personId);
  await recordAudit({ actor: { staffId: viewer.staff.id }, subjectPersonId: person.id, ...audit });
  return person;
}

/** The audit row a change to a person's record writes, inside the change's own transaction. */
export function auditChange(
  viewer: StaffViewer,
  personId: string,
  action: AuditAction,
  client: Prisma.TransactionClient,
  detail?: Record<string, string | number | boolean | null>,
) {
  return recordAudit({ actor: { staffId: viewer.staff.id }, subjectPersonId: personId, action, reasonCode: "casework", detail }, client);
}

/**
 * A family the case manager holds, or a 404. Only case managers hold families; a worker sees the
 * people allocated to them, never a family as a whole (docs/decisions/011-who-sees-a-family.md).
 */
export async function requireHeldFamily(viewer: StaffViewer, familyId: string, audit?: { action: AuditAction; reasonCode: string }) {
  const family =
    viewer.staff.role === "CASE_MANAGER"
      ? await db().family.findFirst({
          where: { id: familyId, serviceId: viewer.staff.serviceId, caseManagerId: viewer.staff.id },
          select: { id: true, reference: true, serviceId: true, closedAt: true },
        })
      : null;
  if (!family) throw new Response("Not found", { status: 404 });
  if (audit) await recordAudit({ actor: { staffId: viewer.staff.id }, ...audit, detail: { familyId: family.id } });
  return family;
}

/** Whether this staff member holds the person's family (and so may allocate workers to them). */
export function holdsFamily(viewer: StaffViewer, family: { caseManagerId: string | null }) {
  return viewer.staff.role === "CASE_MANAGER" && family.caseManagerId === viewer.staff.id;
}
