import { recordAudit } from "~/audit/audit.server";
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
 * record exists). Every successful look is written to the audit log with its reason.
 */
export async function requirePersonForStaff(
  viewer: StaffViewer,
  personId: string,
  audit: { action: string; reasonCode: string },
) {
  const person = await db().person.findFirst({
    where: { AND: [{ id: personId, anonymisedAt: null }, peopleVisibleTo(viewer.staff)] },
    select: { id: true, firstName: true, lastName: true, kind: true, familyId: true },
  });
  if (!person) throw new Response("Not found", { status: 404 });
  await recordAudit({ actor: { staffId: viewer.staff.id }, subjectPersonId: person.id, ...audit });
  return person;
}
