import type { Reservation } from "./rate-limit.server";

/**
 * What a refused sign-in attempt is told. It depends only on the kind of limit and how long to
 * wait, never on whether a name or code exists. A lock says 15 minutes; a slow-down says how long
 * until the next try and that a passkey or a new code from the worker always works.
 */
export function refusalMessage(refused: Extract<Reservation, { ok: false }>, what: "pin" | "code"): string {
  if (refused.kind === "lock") return "Too many tries. Wait 15 minutes, or ask your worker for a new code.";
  const minutes = Math.max(1, Math.ceil(refused.retryAfterSeconds / 60));
  const wait = minutes === 1 ? "a minute" : `${minutes} minutes`;
  return what === "pin"
    ? `Too many tries with this sign-in name. Wait ${wait} and try again, sign in with a passkey, or ask your worker for a new code.`
    : `Too many codes are being tried just now. Wait ${wait} and try again.`;
}
