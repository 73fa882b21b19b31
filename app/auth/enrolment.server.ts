import { createHmac, randomInt } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import type { Prisma } from "~/generated/prisma/client";
import { addressLimit, clearLimitKeys, codeServiceLimit, countFailureForAlarm, reserveAttempt, settleSuccess } from "./rate-limit.server";
import { refusalMessage } from "./refusal";
import { appCookie } from "./cookies.server";

/**
 * Enrolment codes: how a person (or a member of staff) gets their first credential without an
 * e-mail address. A worker issues a short code, shown once, to hand over in person or by phone;
 * the person redeems it on the sign-in page and then registers a passkey or sets a PIN.
 * Only an HMAC of the code is stored, so a copy of the database does not give the codes away.
 */
// No 0/O, 1/I/L: read aloud over the phone without confusion.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_TTL_HOURS = 72;
const ENROLMENT_MINUTES = 15;

export type Principal = { personId: string } | { staffId: string };

export function generateCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** Case, spaces and dashes don't matter when a code is typed back. */
export function normaliseCode(input: string) {
  return input.toUpperCase().replace(/[\s-]/g, "");
}

export function hashCode(code: string) {
  return createHmac("sha256", env().SESSION_SECRET)
    .update(`enrolment:${normaliseCode(code)}`)
    .digest("base64url");
}

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .transform(normaliseCode)
    .pipe(z.string().regex(/^[2-9A-HJ-NP-Z]{8}$/, "Enter the 8-character code you were given, like 7H3K-92QX")),
});

/**
 * Issues a new code. Earlier unused codes stop working, every session of the person ends and
 * their passkeys and PIN are removed: a new code is what a worker gives after a lost or shared
 * device.
 */
export async function issueEnrolmentCode(principal: Principal, options: { issuedById: string | null; ttlHours?: number }) {
  const code = generateCode();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (options.ttlHours ?? CODE_TTL_HOURS) * 3_600_000);
  await db().$transaction(async (tx) => {
    await tx.enrolmentCode.updateMany({ where: { ...principal, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.session.updateMany({ where: { ...principal, endedAt: null }, data: { endedAt: now, endReason: "NEW_ENROLMENT" } });
    // A lost phone keeps its passkey, and whoever has it may know its screen lock: a new code
    // starts again from nothing. (Adding a second device needs no code: it is done signed in.)
    await tx.passkey.deleteMany({ where: principal });
    if ("personId" in principal) await tx.pinCredential.deleteMany({ where: { personId: principal.personId } });
    await tx.enrolmentCode.create({ data: { ...principal, codeHash: hashCode(code), issuedById: options.issuedById, expiresAt } });
    // A lock left on the person's codes by tries at an older one must not block the new code
    // (limits are no longer kept per person, but rows from before that may still be locked).
    await clearLimitKeys([legacyCodeLockKey(principal)], tx);
    await recordAudit(
      {
        actor: options.issuedById ? { staffId: options.issuedById } : null,
        action: "enrolment-code.issue",
        reasonCode: "account",
        subjectPersonId: "personId" in principal ? principal.personId : null,
        detail: "staffId" in principal ? { staffId: principal.staffId } : {},
      },
      tx,
    );
  });
  return { code, expiresAt };
}

const enrolmentCookie = () => appCookie("enrol", { maxAge: ENROLMENT_MINUTES * 60 });

const enrolmentState = z.object({ codeId: z.string(), until: z.number() });

export type RedeemResult = { ok: true; setCookie: string; principal: Principal } | { ok: false; error: string; status: number };

const GENERIC_FAILURE = "That code did not work. Check it and try again, or ask your worker for a new one.";

/** The per-person code lock kept before decision 020; cleared when a new code is issued. */
function legacyCodeLockKey(principal: Principal) {
  return `code:${"personId" in principal ? `person:${principal.personId}` : `staff:${principal.staffId}`}`;
}

/**
 * Checks a typed code. The attempt is reserved against the guessing limits before the code is
 * looked up (this address; the whole service, which rotating addresses cannot escape: decision
 * 020). A code that never existed, one that expired, one replaced by a newer code and one already
 * used are the same to the caller: the same answer, the same limits counted, and no lock on the
 * person, so tries at an old code never block the new one their worker issues. `now` is for tests.
 */
export async function redeemEnrolmentCode(code: string, clientAddress: string, now: Date = new Date()): Promise<RedeemResult> {
  const address = addressLimit("code", clientAddress);
  const service = codeServiceLimit();
  const reservation = await reserveAttempt([address, service], now);
  if (!reservation.ok) return { ok: false, error: refusalMessage(reservation, "code"), status: 429 };
  const found = await db().enrolmentCode.findUnique({
    where: { codeHash: hashCode(code) },
    select: { id: true, personId: true, staffId: true, expiresAt: true, usedAt: true, revokedAt: true, demo: true },
  });
  const principal: Principal | null = found?.personId ? { personId: found.personId } : found?.staffId ? { staffId: found.staffId } : null;
  const usable = found && principal && !found.usedAt && !found.revokedAt && found.expiresAt > now && !(found.demo && env().NODE_ENV === "production");
  if (!usable || !found || !principal) {
    await recordAudit({
      actor: null,
      action: "enrolment-code.failed",
      reasonCode: "sign-in",
      subjectPersonId: principal && "personId" in principal ? principal.personId : null,
    });
    await countFailureForAlarm("code", now);
    return { ok: false, error: GENERIC_FAILURE, status: 400 };
  }
  await settleSuccess({ clear: [], giveBack: [address, service] }, now);
  const setCookie = await enrolmentCookie().serialize({ codeId: found.id, until: now.getTime() + ENROLMENT_MINUTES * 60_000 });
  return { ok: true, setCookie, principal };
}

/** The enrolment this browser is in the middle of, if any. */
export async function readEnrolment(request: Request): Promise<{ codeId: string; principal: Principal } | null> {
  const parsed = enrolmentState.safeParse(await enrolmentCookie().parse(request.headers.get("Cookie")));
  if (!parsed.success || parsed.data.until < Date.now()) return null;
  const code = await db().enrolmentCode.findFirst({
    where: { id: parsed.data.codeId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { personId: true, staffId: true },
  });
  if (!code) return null;
  const principal = code.personId ? { personId: code.personId } : code.staffId ? { staffId: code.staffId } : null;
  return principal ? { codeId: parsed.data.codeId, principal } : null;
}

/**
 * Marks the code used once a credential exists. Atomic: of two browsers finishing with one code,
 * only one succeeds. Returns false if the code was used, revoked or expired meanwhile.
 */
export async function completeEnrolment(codeId: string, client: Prisma.TransactionClient = db()) {
  const { count } = await client.enrolmentCode.updateMany({
    where: { id: codeId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

export async function clearEnrolmentCookie() {
  return enrolmentCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/**
 * The sign-in name made at enrolment is shown once, on the page after the PIN is set. It travels
 * there in a signed, httpOnly cookie that lives two minutes and is removed when read.
 */
const signInNameCookie = () => appCookie("new-name", { path: "/set-up", maxAge: 120 });

export async function newSignInNameCookie(signInName: string) {
  return signInNameCookie().serialize(signInName);
}

export async function takeNewSignInName(request: Request) {
  const value: unknown = await signInNameCookie().parse(request.headers.get("Cookie"));
  const clear = await signInNameCookie().serialize("", { maxAge: 0, expires: new Date(0) });
  return { signInName: typeof value === "string" && value ? value : null, clear };
}
