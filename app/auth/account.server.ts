import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { channelConfigured, send } from "~/notifications/notifications.server";
import { zoneOrDefault } from "~/time/service-zone.server";
import type { Principal } from "./enrolment.server";

/** A person's or staff member's own sign-ins, in plain words, newest first. */
export async function listRecentSignIns(principal: Principal, currentSessionId: string, take = 10) {
  const sessions = await db().session.findMany({
    where: principal,
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, lastSeenAt: true, deviceKind: true, method: true, endedAt: true, lockedAt: true },
  });
  return sessions.map((s) => ({
    id: s.id,
    at: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    device: s.deviceKind,
    how: methodWords[s.method] ?? "signed in",
    current: s.id === currentSessionId,
    active: !s.endedAt && !s.lockedAt,
  }));
}

const methodWords: Record<string, string> = {
  passkey: "with a passkey",
  pin: "with a PIN",
};

export async function signOutEverywhere(principal: Principal) {
  await db().session.updateMany({
    where: { ...principal, endedAt: null },
    data: { endedAt: new Date(), endReason: "SIGNED_OUT_EVERYWHERE" },
  });
}

/**
 * "This wasn't me": every session ends and every credential goes (a new code is needed to come
 * back). For a service user, each allocated worker also sees an alert on their caseload; the
 * person is not told who was alerted. Staff get a new invitation from their admin.
 */
export async function reportNotMe(principal: Principal) {
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.session.updateMany({ where: { ...principal, endedAt: null }, data: { endedAt: now, endReason: "NOT_ME" } });
    await tx.passkey.deleteMany({ where: principal });
    await tx.enrolmentCode.updateMany({ where: { ...principal, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if ("personId" in principal) {
      const { personId } = principal;
      await tx.pinCredential.deleteMany({ where: { personId } });
      await tx.alert.create({ data: { personId, kind: "NOT_ME" } });
      await recordAudit({ actor: { personId }, action: "account.not-me", reasonCode: "safeguarding", subjectPersonId: personId }, tx);
    } else {
      await recordAudit({ actor: principal, action: "account.not-me", reasonCode: "security" }, tx);
    }
  });
}

/**
 * A new way to sign in was added from a signed-in session (a passkey, a changed PIN). For a
 * service user, each allocated worker sees it on their caseload, the same way as "this wasn't me"
 * (an Alert on the person, which the caseload and record show); the person sees it on their
 * account page. Staff have no worker: their account page lists the new passkey, and the audit
 * log keeps it. Runs inside the caller's transaction, so the alert exists exactly when the
 * credential does.
 */
export async function alertNewSignInMethod(principal: Principal, what: "passkey" | "pin", tx: Prisma.TransactionClient) {
  if ("personId" in principal) {
    await tx.alert.create({ data: { personId: principal.personId, kind: "NEW_SIGN_IN_METHOD" } });
  }
  await recordAudit(
    {
      actor: principal,
      action: "account.new-sign-in-method",
      reasonCode: "personId" in principal ? "safeguarding" : "security",
      subjectPersonId: "personId" in principal ? principal.personId : null,
      detail: "staffId" in principal ? { staffId: principal.staffId, what } : { what },
    },
    tx,
  );
}

/**
 * Staff have no worker to alert: a passkey added to a member of staff's account is e-mailed to
 * their work address where e-mail is configured (outside any transaction: after it is saved).
 */
export async function tellStaffOfNewPasskey(principal: Principal) {
  if (!("staffId" in principal) || !channelConfigured("email")) return;
  const staff = await db().staffMember.findUnique({ where: { id: principal.staffId }, select: { email: true, service: { select: { timeZone: true } } } });
  if (staff) {
    await send({ channel: "email", to: staff.email, template: { name: "staff-new-passkey", at: new Date(), timeZone: zoneOrDefault(staff.service.timeZone) } });
  }
}

/** When the person's PIN was set (enrolment or a change), or null: for the account page. */
export async function pinSetAt(principal: Principal): Promise<Date | null> {
  if (!("personId" in principal)) return null;
  const pin = await db().pinCredential.findUnique({ where: { personId: principal.personId }, select: { updatedAt: true } });
  return pin?.updatedAt ?? null;
}
