import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { FigureSet, MIN_THRESHOLD, shownText } from "~/outcomes/suppression";
import { Specialism, StaffRole } from "~/generated/prisma/enums";
import { optionalChoice, text } from "~/forms/fields";
import type { Outcome } from "~/forms/parse";
import { versionField, type StaleOutcome } from "~/forms/stale";
import { refusingStale, staleWrite } from "~/db/conflicts.server";

/**
 * The service's shape, kept by its administrator: areas (families are opened in one, reports
 * filter by them), teams, and each member of staff's role, specialism, team and whether they can
 * still sign in. Staff are deactivated, never deleted: their allocations, notes and audit trail stay.
 */
export const areaSchema = z.object({ name: text({ max: 60, min: 2, required: "Enter the area's name" }) });
export const teamSchema = z.object({
  name: text({ max: 60, min: 2, required: "Enter the team's name" }),
  areaId: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const staffChangeSchema = z
  .object({
    role: z.enum(StaffRole, { message: "Choose a role" }),
    specialism: optionalChoice(z.enum(Specialism, { message: "Choose a specialism" })),
    teamId: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined)),
    active: z.enum(["yes", "no"], { message: "Say whether they can sign in" }).transform((v) => v === "yes"),
    /** The version of the member of staff the page was drawn from (decision 024). */
    version: versionField,
  })
  .superRefine((v, ctx) => {
    if (v.role === "WORKER" && !v.specialism) ctx.addIssue({ code: "custom", path: ["specialism"], message: "Choose what this worker does" });
    if (v.role !== "WORKER" && v.specialism) ctx.addIssue({ code: "custom", path: ["specialism"], message: "Only workers have a specialism" });
  });

/**
 * The service's areas, each with how many families it holds, and its teams with their active
 * members. A count of families is a count of the people supported, so it passes through the one
 * suppression module at the service's threshold ("<5" for 1 to 4), the areas tied by their sum.
 */
export async function loadOrganisation(serviceId: string) {
  const [areas, teams, service] = await Promise.all([
    db().area.findMany({ where: { serviceId }, orderBy: { name: "asc" }, select: { id: true, name: true, _count: { select: { families: true } } } }),
    db().team.findMany({
      where: { serviceId },
      orderBy: { name: "asc" },
      select: { id: true, name: true, area: { select: { name: true } }, _count: { select: { members: { where: { deactivatedAt: null } } } } },
    }),
    db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { smallNumberThreshold: true } }),
  ]);
  const figures = new FigureSet();
  for (const a of areas) figures.count(`area:${a.id}`, a._count.families);
  figures.count(
    "families",
    areas.reduce((sum, a) => sum + a._count.families, 0),
    { published: false },
  );
  figures.sum(
    "families",
    areas.map((a) => `area:${a.id}`),
  );
  const shown = figures.finish(Math.max(service.smallNumberThreshold, MIN_THRESHOLD));
  return {
    areas: areas.map((a) => ({ id: a.id, name: a.name, families: shownText(shown.shown(`area:${a.id}`)) })),
    teams: teams.map((t) => ({ id: t.id, name: t.name, area: t.area?.name ?? null, members: t._count.members })),
  };
}

function duplicateName(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

export async function addArea(viewer: StaffViewer, input: z.output<typeof areaSchema>): Promise<Outcome> {
  try {
    const area = await db().area.create({ data: { serviceId: viewer.staff.serviceId, name: input.name }, select: { id: true } });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.area.create", reasonCode: "administration", detail: { areaId: area.id } });
    return { ok: true };
  } catch (error) {
    if (duplicateName(error)) return { ok: false, fields: { name: "There is already an area with this name" } };
    throw error;
  }
}

export async function addTeam(viewer: StaffViewer, input: z.output<typeof teamSchema>): Promise<Outcome> {
  const serviceId = viewer.staff.serviceId;
  if (input.areaId && !(await db().area.findFirst({ where: { id: input.areaId, serviceId }, select: { id: true } }))) {
    return { ok: false, fields: { areaId: "Choose one of the service's areas" } };
  }
  try {
    const team = await db().team.create({ data: { serviceId, name: input.name, areaId: input.areaId ?? null }, select: { id: true } });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.team.create", reasonCode: "administration", detail: { teamId: team.id } });
    return { ok: true };
  } catch (error) {
    if (duplicateName(error)) return { ok: false, fields: { name: "There is already a team with this name" } };
    throw error;
  }
}

/** A service's teams by name (id and name), for choosing a member of staff's team. */
export async function listTeams(serviceId: string) {
  return db().team.findMany({ where: { serviceId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** One member of staff, for the administrator's edit page; other services' staff are not found. */
export async function loadStaffMember(viewer: StaffViewer, staffId: string) {
  const staff = await db().staffMember.findFirst({
    where: { id: staffId, serviceId: viewer.staff.serviceId },
    select: {
      id: true,
      displayName: true,
      email: true,
      role: true,
      specialism: true,
      teamId: true,
      deactivatedAt: true,
      version: true,
      _count: { select: { allocations: { where: { endedAt: null } }, managedFamilies: { where: { closedAt: null } } } },
    },
  });
  if (!staff) throw new Response("Not found", { status: 404 });
  return staff;
}

/**
 * Changes a member of staff. Deactivating ends their sessions at once. The last active
 * administrator cannot be removed (nobody could then set the service up), and an administrator
 * cannot demote or deactivate themself by mistake. The change is saved only if the member of
 * staff is still at `input.version` (the version the page was drawn from): otherwise nothing is
 * written and the outcome is stale with the version now, so a page left open in an old tab cannot
 * silently undo another administrator's change, such as giving back access they stopped.
 * @throws Response 404 for a member of staff of another service
 */
export async function changeStaffMember(viewer: StaffViewer, staffId: string, input: z.output<typeof staffChangeSchema>): Promise<Outcome | StaleOutcome> {
  const staff = await loadStaffMember(viewer, staffId);
  const serviceId = viewer.staff.serviceId;
  if (input.teamId && !(await db().team.findFirst({ where: { id: input.teamId, serviceId }, select: { id: true } }))) {
    return { ok: false, fields: { teamId: "Choose one of the service's teams" } };
  }
  const losesAdmin = staff.role === "ADMIN" && (input.role !== "ADMIN" || !input.active);
  if (losesAdmin && staff.id === viewer.staff.id) return { ok: false, fields: { role: "Ask another administrator to change your own account" } };
  const now = new Date();
  return refusingStale(() =>
    db().$transaction(async (tx): Promise<Outcome> => {
      if (losesAdmin) {
        // The active administrators are locked while counted: two administrators removing each
        // other at the same moment are taken one after the other, and the second is refused.
        const admins = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "StaffMember" WHERE "serviceId" = ${serviceId} AND "role" = 'ADMIN' AND "deactivatedAt" IS NULL FOR UPDATE`;
        if (admins.length <= 1) return { ok: false, fields: { role: "The service needs at least one active administrator" } };
      }
      const { count } = await tx.staffMember.updateMany({
        where: { id: staff.id, version: input.version },
        data: {
          role: input.role,
          specialism: input.role === "WORKER" ? (input.specialism ?? null) : null,
          teamId: input.teamId ?? null,
          deactivatedAt: input.active ? null : (staff.deactivatedAt ?? now),
          version: { increment: 1 },
        },
      });
      if (count === 0) await staleWrite(async () => (await tx.staffMember.findUnique({ where: { id: staff.id }, select: { version: true } }))?.version ?? null);
      if (!input.active)
        await tx.session.updateMany({ where: { staffId: staff.id, endedAt: null }, data: { endedAt: now, endReason: "SIGNED_OUT_EVERYWHERE" } });
      await recordAudit(
        {
          actor: { staffId: viewer.staff.id },
          action: "staff.update",
          reasonCode: "administration",
          detail: { staffId: staff.id, role: input.role, active: input.active },
        },
        tx,
      );
      return { ok: true };
    }),
  );
}
