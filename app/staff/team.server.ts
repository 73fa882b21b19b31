import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { issueEnrolmentCode } from "~/auth/enrolment.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { channelConfigured, send } from "~/notifications/notifications.server";

/**
 * Admins invite staff and give them new sign-in codes. A staff code reaches only the member of
 * staff (docs/decisions/021-staff-codes-reach-only-the-staff-member.md): by e-mail to their work
 * address where e-mail is configured, otherwise shown to a second administrator, never to the one
 * who asked for it. Either way the administrator who asks cannot redeem it and become that worker.
 */
export const newStaffSchema = z
  .object({
    displayName: z.string().trim().min(2, "Enter their name").max(80),
    email: z.string().trim().toLowerCase().email("Enter a work e-mail address"),
    role: z.enum(["WORKER", "CASE_MANAGER", "MANAGER", "ADMIN"], { message: "Choose a role" }),
    specialism: z.enum(["ADULT_SURVIVOR_ADVOCATE", "CHILDRENS_CASEWORKER", "BEHAVIOUR_CHANGE_WORKER", ""]).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "WORKER" && !v.specialism) ctx.addIssue({ code: "custom", path: ["specialism"], message: "Choose what this worker does" });
    if (v.role !== "WORKER" && v.specialism) ctx.addIssue({ code: "custom", path: ["specialism"], message: "Only workers have a specialism" });
  });

export async function inviteStaff(admin: StaffViewer, input: z.output<typeof newStaffSchema>) {
  const exists = await db().staffMember.findFirst({ where: { serviceId: admin.staff.serviceId, email: input.email }, select: { id: true } });
  if (exists) return { ok: false as const, fields: { email: "Someone on the staff already has this e-mail address" } };
  const staff = await db().staffMember.create({
    data: {
      serviceId: admin.staff.serviceId,
      displayName: input.displayName,
      email: input.email,
      role: input.role,
      specialism: input.role === "WORKER" && input.specialism ? input.specialism : null,
    },
    select: { id: true, displayName: true, email: true },
  });
  await recordAudit({ actor: { staffId: admin.staff.id }, action: "staff.create", reasonCode: "administration", detail: { staffId: staff.id } });
  return { ok: true as const, outcome: await deliverStaffCode(admin, staff) };
}

/**
 * What became of a staff code, for the administrator's page. No variant carries the code except
 * "released", which only a second administrator's release produces.
 */
/**
 * Every staff account of the administrator's service, active ones first, then by name: id,
 * display name, role and when their access was stopped (null while active).
 */
export async function listStaffAccounts(admin: StaffViewer) {
  return db().staffMember.findMany({
    where: { serviceId: admin.staff.serviceId },
    orderBy: [{ deactivatedAt: { sort: "desc", nulls: "first" } }, { displayName: "asc" }],
    select: { id: true, displayName: true, role: true, deactivatedAt: true },
  });
}

export type StaffCodeOutcome =
  | { kind: "sent"; name: string }
  | { kind: "not-sent"; name: string }
  | { kind: "requested"; name: string }
  | { kind: "already-requested"; name: string }
  | { kind: "released"; name: string; code: string; expiresAt: string };

/** A new code for an existing member of staff of the same service (a new device, a lost one); null → 404. */
export async function reissueStaffCode(admin: StaffViewer, staffId: string): Promise<StaffCodeOutcome | null> {
  const staff = await db().staffMember.findFirst({
    where: { id: staffId, serviceId: admin.staff.serviceId, deactivatedAt: null },
    select: { id: true, displayName: true, email: true },
  });
  if (!staff) return null;
  return deliverStaffCode(admin, staff);
}

/**
 * With e-mail configured: issues the code and sends it to the staff member's work address (the
 * address an administrator typed at the invitation; it cannot be changed afterwards, so an
 * administrator cannot point it at themselves). If the mail server refuses, the code is already
 * issued and the earlier passkeys are gone; the administrator is told to try again, which
 * replaces it. Without e-mail: opens a request that a second administrator releases.
 */
async function deliverStaffCode(admin: StaffViewer, staff: { id: string; displayName: string; email: string }): Promise<StaffCodeOutcome> {
  if (channelConfigured("email")) {
    const { code, expiresAt } = await issueEnrolmentCode({ staffId: staff.id }, { issuedById: admin.staff.id });
    const sent = await send({ channel: "email", to: staff.email, template: { name: "staff-sign-in-code", code, expiresAt, timeZone: admin.staff.timeZone } });
    await recordAudit({
      actor: { staffId: admin.staff.id },
      action: sent.ok ? "staff-code.sent" : "staff-code.not-sent",
      reasonCode: "account",
      detail: { staffId: staff.id, channel: "email" },
    });
    return { kind: sent.ok ? "sent" : "not-sent", name: staff.displayName };
  }
  try {
    await db().$transaction(async (tx) => {
      await tx.staffCodeRequest.create({ data: { staffId: staff.id, requestedById: admin.staff.id } });
      await recordAudit({ actor: { staffId: admin.staff.id }, action: "staff-code.request", reasonCode: "account", detail: { staffId: staff.id } }, tx);
    });
  } catch (error) {
    // The partial unique index: one open request per member of staff.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { kind: "already-requested", name: staff.displayName };
    throw error;
  }
  return { kind: "requested", name: staff.displayName };
}

/** Open requests in the administrator's service, and whether this administrator may release each. */
export async function listStaffCodeRequests(admin: StaffViewer) {
  const requests = await db().staffCodeRequest.findMany({
    where: { releasedAt: null, cancelledAt: null, staff: { serviceId: admin.staff.serviceId } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      createdAt: true,
      staffId: true,
      requestedById: true,
      staff: { select: { displayName: true } },
      requestedBy: { select: { displayName: true } },
    },
  });
  return requests.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    forName: r.staff.displayName,
    byName: r.requestedBy.displayName,
    canRelease: r.requestedById !== admin.staff.id && r.staffId !== admin.staff.id,
  }));
}

/**
 * A second administrator releases a requested code: the code is issued now and shown to them
 * only, to hand to the member of staff. The claim on the request is one conditional update, and
 * the database's check refuses a release by the administrator who asked or by the staff member
 * themselves, whatever this code does. Null (→ 404): no such open request in this service, or
 * this administrator may not release it.
 */
export async function releaseStaffCode(admin: StaffViewer, requestId: string): Promise<StaffCodeOutcome | null> {
  const now = new Date();
  const { count } = await db().staffCodeRequest.updateMany({
    where: {
      id: requestId,
      releasedAt: null,
      cancelledAt: null,
      requestedById: { not: admin.staff.id },
      staffId: { not: admin.staff.id },
      staff: { serviceId: admin.staff.serviceId, deactivatedAt: null },
    },
    data: { releasedAt: now, releasedById: admin.staff.id },
  });
  if (count !== 1) return null;
  const request = await db().staffCodeRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { staffId: true, staff: { select: { displayName: true } } },
  });
  const { code, expiresAt } = await issueEnrolmentCode({ staffId: request.staffId }, { issuedById: admin.staff.id });
  await recordAudit({
    actor: { staffId: admin.staff.id },
    action: "staff-code.release",
    reasonCode: "account",
    detail: { staffId: request.staffId, requestId },
  });
  return { kind: "released", name: request.staff.displayName, code, expiresAt: expiresAt.toISOString() };
}

/** Withdraws an open request (any administrator of the service). False → 404. */
export async function cancelStaffCodeRequest(admin: StaffViewer, requestId: string): Promise<boolean> {
  const { count } = await db().staffCodeRequest.updateMany({
    where: { id: requestId, releasedAt: null, cancelledAt: null, staff: { serviceId: admin.staff.serviceId } },
    data: { cancelledAt: new Date() },
  });
  if (count === 1) {
    await recordAudit({ actor: { staffId: admin.staff.id }, action: "staff-code.cancel", reasonCode: "account", detail: { requestId } });
  }
  return count === 1;
}

/**
 * Told on their next sign-in: the sign-in codes made for this member of staff since the session
 * before this one began (or in the last 30 days, for a first sign-in), who made each, and whether
 * it was used. An administrator who used someone's code cannot hide it: the real member of staff
 * sees it the next time they sign in.
 */
export async function staffCodeNotices(viewer: StaffViewer) {
  const previous = await db().session.findFirst({
    where: { staffId: viewer.staff.id, id: { not: viewer.sessionId } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = previous?.createdAt ?? new Date(Date.now() - 30 * 86_400_000);
  const codes = await db().enrolmentCode.findMany({
    where: { staffId: viewer.staff.id, createdAt: { gt: since }, issuedById: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, usedAt: true, issuedBy: { select: { displayName: true } } },
  });
  return codes.map((c) => ({
    id: c.id,
    at: c.createdAt.toISOString(),
    by: c.issuedBy?.displayName ?? "an administrator",
    usedAt: c.usedAt?.toISOString() ?? null,
  }));
}
