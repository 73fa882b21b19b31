import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { issueEnrolmentCode } from "~/auth/enrolment.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";

/** Admins invite staff: a staff record and a single-use code to enrol a passkey with. */
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
    select: { id: true, displayName: true },
  });
  await recordAudit({ actor: { staffId: admin.staff.id }, action: "staff.create", reasonCode: "administration", detail: { staffId: staff.id } });
  const { code, expiresAt } = await issueEnrolmentCode({ staffId: staff.id }, { issuedById: admin.staff.id });
  return { ok: true as const, name: staff.displayName, code, expiresAt: expiresAt.toISOString() };
}

/** A new code for an existing member of staff of the same service (a new device, a lost one). */
export async function reissueStaffCode(admin: StaffViewer, staffId: string) {
  const staff = await db().staffMember.findFirst({
    where: { id: staffId, serviceId: admin.staff.serviceId, deactivatedAt: null },
    select: { id: true, displayName: true },
  });
  if (!staff) return null;
  const { code, expiresAt } = await issueEnrolmentCode({ staffId: staff.id }, { issuedById: admin.staff.id });
  return { name: staff.displayName, code, expiresAt: expiresAt.toISOString() };
}
