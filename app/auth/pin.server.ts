import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { completeEnrolment } from "./enrolment.server";
import { addressLimit, countFailureForAlarm, nameAddressLimit, nameLimit, reserveAttempt, settleSuccess } from "./rate-limit.server";
import { refusalMessage } from "./refusal";
import { generateSignInName, normaliseSignInName } from "./sign-in-name.server";
import { WEAK_PIN_MESSAGES, weakPinReason } from "./weak-pin";

/**
 * PINs and passphrases, for people whose device cannot hold a passkey. People sign in with a
 * neutral sign-in name made for them at enrolment (never their real name) and their PIN.
 *
 * Stored as `scrypt-hmac$N$r$p$salt$hash`: the PIN is first keyed with the server's PIN pepper
 * (HMAC-SHA-256 with WAYPOINT_PIN_PEPPER, which lives with the other keys and never in the
 * database), then hashed with scrypt, which is memory-hard (N=2^15, r=8: 32 MiB per hash), with a
 * salt per credential; the parameters are stored with the hash so they can be raised later. A
 * six-digit PIN has only a million values, so without the pepper a copy of the database would
 * give every PIN up to an offline search (OWASP Password Storage Cheat Sheet, "Peppering":
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#peppering).
 * Hashes made before the pepper (`scrypt$…`) still verify, and are replaced at the person's next
 * successful sign-in.
 */
const scryptAsync = promisify<string | Buffer, Buffer, number, { N: number; r: number; p: number; maxmem: number }, Buffer>(scrypt);
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const PEPPERED = "scrypt-hmac";
const LEGACY = "scrypt";

function peppered(pin: string): Buffer {
  return createHmac("sha256", env().WAYPOINT_PIN_PEPPER).update(pin, "utf8").digest();
}

/** A new stored hash of a PIN (peppered, salted scrypt). */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(peppered(pin), salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return [PEPPERED, PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** Whether a stored hash is in the current format (peppered, current parameters). */
export function isCurrentPinHash(stored: string) {
  return stored.startsWith(`${PEPPERED}$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$`);
}

/** Checks a PIN against a stored hash of either format; false for a malformed hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if ((scheme !== PEPPERED && scheme !== LEGACY) || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(scheme === PEPPERED ? peppered(pin) : pin, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** Hashed once at start-up: unknown names are checked against it so they take as long as real ones. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPin(randomBytes(12).toString("hex")));

export const newPinSchema = z
  .object({
    pin: z
      .string()
      .min(6, "Use at least 6 characters")
      .max(128, "Use at most 128 characters")
      .superRefine((pin, ctx) => {
        // Too short or too long is said first, alone: one thing to fix at a time.
        if (pin.length < 6 || pin.length > 128) return;
        const reason = weakPinReason(pin);
        if (reason) ctx.addIssue({ code: "custom", message: WEAK_PIN_MESSAGES[reason] });
      }),
    confirm: z.string(),
  })
  .refine((v) => v.pin === v.confirm, { path: ["confirm"], message: "The two PINs are not the same" });

export const pinSignInSchema = z.object({
  signInName: z.string().max(64).transform(normaliseSignInName).pipe(z.string().min(1, "Enter your sign-in name")),
  pin: z.string().min(1, "Enter your PIN").max(128),
});

export { generateSignInName };

/**
 * Sets the person's PIN as the last step of enrolment, with the code marked used in the same
 * transaction. Returns the sign-in name to show them, or null if the code was used meanwhile.
 */
export async function setPinFromEnrolment(codeId: string, personId: string, pin: string) {
  const hash = await hashPin(pin);
  for (let attempt = 0; attempt < 5; attempt++) {
    const signInName = generateSignInName();
    if (await db().pinCredential.findFirst({ where: { signInName, NOT: { personId } }, select: { id: true } })) continue;
    return db().$transaction(async (tx) => {
      if (!(await completeEnrolment(codeId, tx))) return null;
      await tx.pinCredential.upsert({
        where: { personId },
        create: { personId, signInName, hash },
        update: { signInName, hash, demo: false },
      });
      await recordAudit({ actor: { personId }, action: "pin.set", reasonCode: "account", subjectPersonId: personId }, tx);
      return signInName;
    });
  }
  throw new Error("Could not find a free sign-in name after 5 tries.");
}

export type PinSignInResult = { ok: true; personId: string } | { ok: false; status: number; error: string };

const GENERIC_FAILURE = "That sign-in name and PIN don't match. Check them and try again.";

/**
 * Checks a sign-in name and PIN. The attempt is reserved against every guessing limit before the
 * slow hash (rate-limit.server.ts; decision 020): per name from this address (locks), from this
 * address for any name (locks), per name from every address (slows, never locks). Unknown names,
 * wrong PINs and closed accounts all get the same answer after the same work, so trying names
 * reveals nothing. A success clears the name's limits and upgrades an old-format hash.
 * `now` is for tests.
 */
export async function checkPinSignIn(input: { signInName: string; pin: string }, clientAddress: string, now: Date = new Date()): Promise<PinSignInResult> {
  const signInName = normaliseSignInName(input.signInName);
  const address = addressLimit("pin", clientAddress);
  const nameAddress = nameAddressLimit(signInName, clientAddress);
  const name = nameLimit(signInName);
  const reservation = await reserveAttempt([address, nameAddress, name], now);
  if (!reservation.ok) return { ok: false, status: 429, error: refusalMessage(reservation, "pin") };

  const credential = await db().pinCredential.findUnique({
    where: { signInName },
    select: { id: true, personId: true, hash: true, demo: true, person: { select: { anonymisedAt: true, involvementEndedAt: true } } },
  });
  const matches = await verifyPin(input.pin, credential?.hash ?? (await decoy()));
  const allowed =
    credential && matches && !credential.person.anonymisedAt && !credential.person.involvementEndedAt && !(credential.demo && env().NODE_ENV === "production");
  if (!allowed || !credential) {
    await recordAudit({ actor: null, action: "signin.pin.failed", reasonCode: "sign-in", subjectPersonId: credential?.personId ?? null });
    await countFailureForAlarm("pin", now);
    return { ok: false, status: 400, error: GENERIC_FAILURE };
  }
  await settleSuccess({ clear: [nameAddress, name], giveBack: [address] }, now);
  if (!isCurrentPinHash(credential.hash)) {
    // Only if no one changed it meanwhile: a PIN set in another request wins.
    await db().pinCredential.updateMany({ where: { id: credential.id, hash: credential.hash }, data: { hash: await hashPin(input.pin) } });
  }
  await recordAudit({ actor: { personId: credential.personId }, action: "signin.pin", reasonCode: "sign-in", subjectPersonId: credential.personId });
  return { ok: true, personId: credential.personId };
}
