import { db } from "~/db.server";
import { FigureSet, MIN_THRESHOLD, type Shown } from "~/outcomes/suppression";

export type ServiceCounts = { openFamilies: number; closedFamilies: number; adultSurvivors: number; harmfulBehaviour: number; youngPeople: number };

/**
 * The service-wide counts behind the managers' dashboard, exact. Never for output: the page takes
 * `serviceCounts`, which passes them through suppression. Records merged into another are the
 * same person, counted once as the kept record.
 */
export async function exactServiceCounts(serviceId: string): Promise<ServiceCounts> {
  const [openFamilies, closedFamilies, byKind] = await Promise.all([
    db().family.count({ where: { serviceId, closedAt: null } }),
    db().family.count({ where: { serviceId, closedAt: { not: null } } }),
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

/**
 * What managers and administrators see first: service-wide counts (never a name), each passed
 * through the one suppression module (app/outcomes/suppression.ts) at the service's threshold, as
 * every number about the people supported must be before it leaves the server: a count from 1 to
 * the threshold is "<N". Open and closed families add up to every family, which the page does not
 * show; it is entered as their sum all the same, so that a later total cannot give one away.
 * Workers and case managers see their caseload instead (app/casework/caseload.server.ts).
 */
export async function serviceCounts(serviceId: string): Promise<Record<keyof ServiceCounts, Shown>> {
  const [exact, service] = await Promise.all([
    exactServiceCounts(serviceId),
    db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { smallNumberThreshold: true } }),
  ]);
  const figures = new FigureSet();
  const keys = Object.keys(exact) as (keyof ServiceCounts)[];
  for (const key of keys) figures.count(key, exact[key]);
  figures.count("families", exact.openFamilies + exact.closedFamilies, { published: false });
  figures.sum("families", ["openFamilies", "closedFamilies"]);
  const shown = figures.finish(Math.max(service.smallNumberThreshold, MIN_THRESHOLD));
  return Object.fromEntries(keys.map((key) => [key, shown.shown(key)])) as Record<keyof ServiceCounts, Shown>;
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
