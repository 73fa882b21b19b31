import { db } from "~/db.server";
import type { StaffViewer } from "~/auth/session.server";

/**
 * The first page a staff member sees, shaped by role:
 * - a worker: the people allocated to them (and only those);
 * - a case manager: the open families they hold;
 * - a manager: service-wide counts, never a name;
 * - an admin: the staff of the service, never case content.
 */
export async function loadStaffDashboard(viewer: StaffViewer) {
  const { id: staffId, serviceId, role } = viewer.staff;
  switch (role) {
    case "WORKER":
      return { role, people: await allocatedPeople(staffId) };
    case "CASE_MANAGER":
      return { role, families: await heldFamilies(staffId), people: await allocatedPeople(staffId) };
    case "MANAGER":
      return { role, counts: await serviceCounts(serviceId) };
    case "ADMIN":
      return { role, staff: await staffList(serviceId) };
  }
}

async function allocatedPeople(staffId: string) {
  const allocations = await db().allocation.findMany({
    where: { staffId, endedAt: null, person: { involvementEndedAt: null, anonymisedAt: null } },
    orderBy: { person: { lastName: "asc" } },
    select: {
      person: {
        select: {
          id: true,
          firstName: true,
          lastName: true,
          kind: true,
          family: { select: { reference: true } },
          _count: { select: { alerts: { where: { resolvedAt: null } } } },
        },
      },
    },
  });
  return allocations.map(({ person }) => ({
    id: person.id,
    name: `${person.firstName} ${person.lastName}`,
    kind: person.kind,
    familyReference: person.family.reference,
    openAlerts: person._count.alerts,
  }));
}

async function heldFamilies(staffId: string) {
  const families = await db().family.findMany({
    where: { caseManagerId: staffId, closedAt: null },
    orderBy: { reference: "asc" },
    select: {
      id: true,
      reference: true,
      referralDate: true,
      area: { select: { name: true } },
      people: { select: { kind: true, involvementEndedAt: true } },
    },
  });
  return families.map((f) => ({
    id: f.id,
    reference: f.reference,
    area: f.area.name,
    referralDate: f.referralDate.toISOString().slice(0, 10),
    openPeople: f.people.filter((p) => !p.involvementEndedAt).length,
  }));
}

async function serviceCounts(serviceId: string) {
  const [openFamilies, closedFamilies, byKind] = await Promise.all([
    db().family.count({ where: { serviceId, closedAt: null } }),
    db().family.count({ where: { serviceId, closedAt: { not: null } } }),
    db().person.groupBy({ by: ["kind"], where: { serviceId }, _count: { _all: true } }),
  ]);
  const kind = (k: string) => byKind.find((row) => row.kind === k)?._count._all ?? 0;
  return {
    openFamilies,
    closedFamilies,
    adultSurvivors: kind("ADULT_SURVIVOR"),
    harmfulBehaviour: kind("HARMFUL_BEHAVIOUR"),
    youngPeople: kind("YOUNG_PERSON"),
  };
}

async function staffList(serviceId: string) {
  const staff = await db().staffMember.findMany({
    where: { serviceId },
    orderBy: [{ role: "asc" }, { displayName: "asc" }],
    select: {
      id: true,
      displayName: true,
      role: true,
      specialism: true,
      deactivatedAt: true,
      team: { select: { name: true } },
    },
  });
  return staff.map((s) => ({
    id: s.id,
    name: s.displayName,
    role: s.role,
    specialism: s.specialism,
    team: s.team?.name ?? null,
    active: !s.deactivatedAt,
  }));
}
