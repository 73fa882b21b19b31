import { db } from "~/db.server";

/**
 * What managers and administrators see first: service-wide counts (never a name), and the staff
 * of the service (never case content). Workers and case managers see their caseload instead
 * (app/casework/caseload.server.ts).
 */
export async function serviceCounts(serviceId: string) {
  const [openFamilies, closedFamilies, byKind] = await Promise.all([
    db().family.count({ where: { serviceId, closedAt: null } }),
    db().family.count({ where: { serviceId, closedAt: { not: null } } }),
    // A record merged into another was the same person: counted once, as the kept record.
    db().person.groupBy({ by: ["kind"], where: { serviceId, mergedIntoId: null }, _count: { _all: true } }),
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

export async function staffList(serviceId: string) {
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
