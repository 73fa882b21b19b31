import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
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
