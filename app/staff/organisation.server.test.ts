/**
 * An administrator changing a member of staff: other services' staff are not found, a team must be
 * the service's own, deactivating ends sessions at once, and the service never loses its last
 * active administrator: an administrator cannot remove themself, and when two remove each other
 * at the same moment, one of them is refused.
 */
import { describe, expect, it } from "vitest";
import { createService, createStaff, createTeam, type Db } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { expectNotFound, staffViewer as viewerOf } from "../../tests/support/viewers";
import { changeStaffMember, staffChangeSchema } from "./organisation.server";
import { newSecretId } from "~/auth/secret-id.server";
import { STALE_MESSAGE } from "~/forms/stale";

const database = useAppDatabase();

/** A change as the page sends it, drawn from `version` (0: a member of staff never changed). */
const change = (input: Record<string, string>, version = 0) => staffChangeSchema.parse({ version: String(version), ...input });
const demoted = change({ role: "MANAGER", active: "yes" });

async function setting(prisma: Db) {
  const service = await createService(prisma);
  const first = await createStaff(prisma, { serviceId: service.id, role: "ADMIN", displayName: "Ada Admin" });
  const second = await createStaff(prisma, { serviceId: service.id, role: "ADMIN", displayName: "Bea Admin" });
  const worker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  return { service, first, second, worker };
}

async function activeAdmins(prisma: Db, serviceId: string) {
  return prisma.staffMember.count({ where: { serviceId, role: "ADMIN", deactivatedAt: null } });
}

describe("changing a member of staff", () => {
  it("does not find another service's staff, and refuses another service's team, changing nothing", async () => {
    const prisma = database().prisma;
    const { first, worker } = await setting(prisma);
    const elsewhere = await createService(prisma);
    const theirs = await createStaff(prisma, { serviceId: elsewhere.id, role: "WORKER", specialism: "CHILDRENS_CASEWORKER" });
    const theirTeam = await createTeam(prisma, { serviceId: elsewhere.id });

    await expectNotFound(changeStaffMember(viewerOf(first), theirs.id, change({ role: "MANAGER", active: "yes" })));
    const refused = await changeStaffMember(
      viewerOf(first),
      worker.id,
      change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", teamId: theirTeam.id, active: "yes" }),
    );
    expect(refused).toEqual({ ok: false, fields: { teamId: "Choose one of the service's teams" } });

    expect(await prisma.staffMember.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ role: "WORKER", deactivatedAt: null });
    expect(await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ teamId: null });
    expect(await prisma.auditEvent.count({ where: { action: "staff.update" } })).toBe(0);
  });

  it("ends a deactivated member's sessions at once, and audits the change", async () => {
    const prisma = database().prisma;
    const { first, worker } = await setting(prisma);
    await prisma.session.create({
      data: { id: newSecretId(), staffId: worker.id, method: "passkey", deviceKind: "desktop", expiresAt: new Date(Date.now() + 3_600_000) },
    });

    expect(await changeStaffMember(viewerOf(first), worker.id, change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", active: "no" }))).toEqual({
      ok: true,
    });

    expect((await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).deactivatedAt).not.toBeNull();
    const sessions = await prisma.session.findMany({ where: { staffId: worker.id } });
    expect(sessions.map((s) => s.endReason)).toEqual(["SIGNED_OUT_EVERYWHERE"]);
    const audits = await prisma.auditEvent.findMany({ where: { action: "staff.update" }, select: { actorStaffId: true, detail: true } });
    expect(audits).toEqual([{ actorStaffId: first.id, detail: { staffId: worker.id, role: "WORKER", active: false } }]);
  });

  it("refuses an administrator removing their own account", async () => {
    const prisma = database().prisma;
    const { service, first, second } = await setting(prisma);

    expect(await changeStaffMember(viewerOf(first), first.id, demoted)).toEqual({
      ok: false,
      fields: { role: "Ask another administrator to change your own account" },
    });
    expect(await activeAdmins(prisma, service.id)).toBe(2);
    expect(await changeStaffMember(viewerOf(first), second.id, demoted)).toEqual({ ok: true });
    expect(await activeAdmins(prisma, service.id)).toBe(1);
  });

  it("keeps one administrator when two remove each other at the same moment", async () => {
    const prisma = database().prisma;
    const { service, first, second } = await setting(prisma);

    const outcomes = await Promise.all([changeStaffMember(viewerOf(first), second.id, demoted), changeStaffMember(viewerOf(second), first.id, demoted)]);

    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, fields: { role: "The service needs at least one active administrator" } }]);
    expect(await activeAdmins(prisma, service.id)).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "staff.update" } })).toBe(1);
  });

  it("refuses a change from a page drawn before another administrator's: an old tab cannot give back access someone stopped", async () => {
    const prisma = database().prisma;
    const { first, second, worker } = await setting(prisma);
    // Both administrators open the worker's page (version 0). The second stops the worker's access.
    const stop = change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", active: "no" });
    expect(await changeStaffMember(viewerOf(second), worker.id, stop)).toEqual({ ok: true });

    // The first, from the page drawn before, moves the worker to another team with "Yes, can sign in" still chosen.
    const team = await createTeam(prisma, { serviceId: worker.serviceId });
    const fromOldTab = change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", teamId: team.id, active: "yes" });
    const outcome = await changeStaffMember(viewerOf(first), worker.id, fromOldTab);

    expect(outcome).toEqual({ ok: false, stale: true, fields: { form: STALE_MESSAGE }, version: 1 });
    expect(await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ teamId: null, version: 1 });
    expect((await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).deactivatedAt).not.toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "staff.update", actorStaffId: first.id } })).toBe(0);
    // Saving again from the page now at the current version is a choice made knowing: it is kept.
    expect(
      await changeStaffMember(viewerOf(first), worker.id, change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", teamId: team.id, active: "no" }, 1)),
    ).toEqual({ ok: true });
    expect(await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ teamId: team.id, version: 2 });
  });

  it("of two changes sent at once from the same page version, exactly one is kept", async () => {
    const prisma = database().prisma;
    const { first, second, worker } = await setting(prisma);
    const outcomes = await Promise.all([
      changeStaffMember(viewerOf(first), worker.id, change({ role: "MANAGER", active: "yes" })),
      changeStaffMember(viewerOf(second), worker.id, change({ role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", active: "no" })),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && "stale" in o)).toHaveLength(1);
    expect((await prisma.staffMember.findUniqueOrThrow({ where: { id: worker.id } })).version).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "staff.update" } })).toBe(1);
  });

  it("refuses a change that does not say which version of the page it was drawn from", () => {
    expect(staffChangeSchema.safeParse({ role: "MANAGER", active: "yes" }).success).toBe(false);
  });
});
