import { redirect } from "@remix-run/node";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { checkPinSignIn } from "./pin.server";
import { principalOf, type Viewer } from "./session.server";

/**
 * "Confirm it's you": the step-up before anything that adds a way into an account or takes data
 * out of the service. An open session is not enough for these: the threat model's first case is
 * a phone picked up while signed in (docs/background/safety-principles.md, "The threat model in one paragraph").
 *
 * The moment of proof is `Session.reauthenticatedAt`. Only two things set it: a PIN checked by
 * `checkPinSignIn` (with its rate limits) and a passkey assertion checked by `finishAuthentication`,
 * either when the session begins (sign-in) or on the confirm page. Enrolment with a code does not:
 * the code proves who was given it, not that they still hold the device.
 *
 * Guarded actions: a person adding a passkey; staff adding a passkey, issuing a person's code,
 * issuing or releasing a staff code, inviting staff, downloading a subject access export.
 * docs/decisions/021-staff-codes-reach-only-the-staff-member.md gives the window and the reasons.
 */
export const STEP_UP_MINUTES = 5;

/** The page that asks for the PIN or a passkey, inside the viewer's own layout (with Exit). */
export function confirmPathFor(viewer: Viewer) {
  return viewer.type === "person" ? "/confirm" : "/staff/confirm";
}

/**
 * Where to send someone back to: a path on this site only (never `//host`), else their home.
 * `next` is what the confirm page receives in its query string or form.
 */
export function safeReturnPath(viewer: Viewer, next: string | null | undefined) {
  const home = viewer.type === "person" ? "/account" : "/staff/account";
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || next.length > 512) return home;
  // Only back into the viewer's own part of the site.
  if (viewer.type === "person" && next.startsWith("/staff")) return home;
  if (viewer.type === "staff" && !next.startsWith("/staff")) return home;
  return next;
}

/** True when this session's last proof is within STEP_UP_MINUTES of `now`. */
export async function hasRecentProof(viewer: Viewer, now: Date = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - STEP_UP_MINUTES * 60_000);
  const count = await db().session.count({
    where: { id: viewer.sessionId, endedAt: null, lockedAt: null, reauthenticatedAt: { gte: since, lte: now } },
  });
  return count === 1;
}

/**
 * For a page or form: throws a redirect to the confirm page, which returns to `returnTo` (by
 * default the page the request came from) once the person has proved it is them. Call it after
 * the authorization checks, so someone else's record still answers 404.
 */
export async function requireRecentProof(request: Request, viewer: Viewer, returnTo?: string): Promise<void> {
  if (await hasRecentProof(viewer)) return;
  const url = new URL(request.url);
  const next = safeReturnPath(viewer, returnTo ?? `${url.pathname}${url.search}`);
  throw redirect(`${confirmPathFor(viewer)}?next=${encodeURIComponent(next)}`);
}

/** The JSON refusal for the passkey routes: the button sends the person to `confirm`. */
export function stepUpRequiredBody(viewer: Viewer, returnTo: string) {
  return {
    ok: false as const,
    error: "Please confirm it's you first.",
    confirm: `${confirmPathFor(viewer)}?next=${encodeURIComponent(safeReturnPath(viewer, returnTo))}`,
  };
}

/**
 * Records the proof on this session. Only the two checks above call it; `method` is for the
 * audit log. Scoped by the session and its owner, so a stale id sets nothing.
 */
export async function markProven(viewer: Viewer, method: "pin" | "passkey", now: Date = new Date()) {
  const principal = principalOf(viewer);
  const { count } = await db().session.updateMany({
    where: { id: viewer.sessionId, ...principal, endedAt: null, lockedAt: null },
    data: { reauthenticatedAt: now },
  });
  if (count !== 1) return false;
  await recordAudit({
    actor: principal,
    action: "account.confirmed",
    reasonCode: "account",
    subjectPersonId: viewer.type === "person" ? viewer.person.id : null,
    detail: viewer.type === "staff" ? { staffId: viewer.staff.id, method } : { method },
  });
  return true;
}

export type ConfirmResult = { ok: true } | { ok: false; status: number; error: string };

/**
 * The PIN half of the confirm page (works with JavaScript off). The PIN goes through the same
 * check as signing in, `checkPinSignIn`, so the same limits and lockouts count it: a confirm page
 * is no side door for guessing. The PIN must be this person's own.
 */
export async function confirmWithPin(viewer: Viewer, pin: string, clientAddress: string): Promise<ConfirmResult> {
  if (viewer.type !== "person") return { ok: false, status: 400, error: "Use your passkey to confirm." };
  const credential = await db().pinCredential.findUnique({ where: { personId: viewer.person.id }, select: { signInName: true } });
  if (!credential) return { ok: false, status: 400, error: "You don't have a PIN. Use your passkey to confirm." };
  const result = await checkPinSignIn({ signInName: credential.signInName, pin }, clientAddress);
  if (!result.ok) return { ok: false, status: result.status, error: result.status === 429 ? result.error : "That PIN is not right. Try again." };
  if (result.personId !== viewer.person.id) return { ok: false, status: 400, error: "That PIN is not right. Try again." };
  await markProven(viewer, "pin");
  return { ok: true };
}

/** Whether the viewer can confirm with a PIN, so the page offers only what works. */
export async function confirmOptionsFor(viewer: Viewer) {
  const pin = viewer.type === "person" ? (await db().pinCredential.count({ where: { personId: viewer.person.id } })) === 1 : false;
  const passkeys = await db().passkey.count({ where: principalOf(viewer) });
  return { pin, passkey: passkeys > 0 };
}

/**
 * The passkey half of the confirm page: `asserted` is the account whose passkey
 * `finishAuthentication` has just checked. Another account's passkey on the same device (a
 * shared phone) proves nothing about this session, and is refused.
 */
export async function confirmWithPasskey(viewer: Viewer, asserted: { personId: string } | { staffId: string }): Promise<ConfirmResult> {
  const own = principalOf(viewer);
  const same = "personId" in own ? "personId" in asserted && asserted.personId === own.personId : "staffId" in asserted && asserted.staffId === own.staffId;
  if (!same) {
    await recordAudit({
      actor: own,
      action: "account.confirm-refused",
      reasonCode: "security",
      subjectPersonId: viewer.type === "person" ? viewer.person.id : null,
      detail: viewer.type === "staff" ? { staffId: viewer.staff.id, reason: "another-account" } : { reason: "another-account" },
    });
    return { ok: false, status: 400, error: "That passkey is not one of yours. Use your own passkey or PIN." };
  }
  if (!(await markProven(viewer, "passkey"))) return { ok: false, status: 401, error: "Your sign-in has run out. Please sign in again." };
  return { ok: true };
}

/** The confirm page's PIN form. */
export const confirmPinSchema = z.object({
  pin: z.string().min(1, "Enter your PIN").max(128, "Enter your PIN"),
  next: z.string().max(512).optional(),
});

/** What the confirm page shows: where it returns to, and which ways of confirming this account has. */
export async function loadConfirmPage(viewer: Viewer, url: URL) {
  return { next: safeReturnPath(viewer, url.searchParams.get("next")), ...(await confirmOptionsFor(viewer)) };
}

/**
 * The confirm page's form (PIN). Returns the page to go back to, or a failure to show with the
 * status to answer (400 wrong PIN, 429 locked out).
 */
export async function submitConfirmPage(viewer: Viewer, form: FormData, clientAddress: string) {
  const parsed = confirmPinSchema.safeParse(Object.fromEntries(form));
  const next = safeReturnPath(viewer, typeof form.get("next") === "string" ? String(form.get("next")) : null);
  if (!parsed.success) return { ok: false as const, status: 400, error: parsed.error.issues[0]?.message ?? "Enter your PIN", next };
  const result = await confirmWithPin(viewer, parsed.data.pin, clientAddress);
  return result.ok ? { ok: true as const, next } : { ...result, next };
}
