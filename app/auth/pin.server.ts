import { randomBytes, randomInt, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { completeEnrolment } from "./enrolment.server";
import { addressKey, clearFailures, lockedKeys, nameKey, recordFailure } from "./rate-limit.server";

/**
 * PINs and passphrases, for people whose device cannot hold a passkey. Hashed with scrypt, which
 * is memory-hard (N=2^15, r=8: 32 MiB per hash), with a salt per credential; the parameters are
 * stored with the hash so they can be raised later. People sign in with a neutral sign-in name
 * made for them at enrolment (never their real name) and their PIN.
 */
const scryptAsync = promisify<string, Buffer, number, { N: number; r: number; p: number; maxmem: number }, Buffer>(scrypt);
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(pin, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(pin, Buffer.from(salt, "base64url"), expected.length, {
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
      .refine((v) => !/^(\d)\1+$/.test(v), "Don't use the same digit again and again")
      .refine((v) => !["123456", "654321", "012345", "123123"].includes(v), "That PIN is too easy to guess"),
    confirm: z.string(),
  })
  .refine((v) => v.pin === v.confirm, { path: ["confirm"], message: "The two PINs are not the same" });

export const pinSignInSchema = z.object({
  signInName: z.string().trim().toLowerCase().min(1, "Enter your sign-in name").max(64),
  pin: z.string().min(1, "Enter your PIN").max(128),
});

const WORDS_A = ["amber", "brisk", "calm", "clear", "cosy", "early", "gentle", "golden", "green", "kind", "light", "lucky", "mild", "quiet", "steady", "sunny", "swift", "warm"];
const WORDS_B = ["birch", "brook", "cloud", "field", "harbour", "hill", "lantern", "maple", "meadow", "orchard", "pebble", "river", "robin", "willow", "wren", "valley"];

export function generateSignInName() {
  const pick = (words: string[]) => words[randomInt(words.length)] ?? "calm";
  return `${pick(WORDS_A)}-${pick(WORDS_B)}-${randomInt(10, 100)}`;
}

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
const LOCKED = "Too many tries. Wait 15 minutes, or ask your worker for a new code.";

/**
 * Checks a sign-in name and PIN. Unknown names, wrong PINs and closed accounts all get the same
 * answer after the same work, so trying names reveals nothing.
 */
export async function checkPinSignIn(input: { signInName: string; pin: string }, clientAddress: string): Promise<PinSignInResult> {
  const addressLimit = addressKey("pin", clientAddress);
  if (await lockedKeys([addressLimit])) return { ok: false, status: 429, error: LOCKED };
  const credential = await db().pinCredential.findUnique({
    where: { signInName: input.signInName },
    select: { personId: true, hash: true, demo: true, person: { select: { anonymisedAt: true, involvementEndedAt: true } } },
  });
  // Counted per typed name, whether or not it exists, so a lockout says nothing about existence.
  const accountLimit = nameKey(input.signInName);
  if (await lockedKeys([accountLimit])) {
    await verifyPin(input.pin, await decoy());
    return { ok: false, status: 429, error: LOCKED };
  }
  const matches = await verifyPin(input.pin, credential?.hash ?? (await decoy()));
  const allowed =
    credential &&
    matches &&
    !credential.person.anonymisedAt &&
    !credential.person.involvementEndedAt &&
    !(credential.demo && env().NODE_ENV === "production");
  if (!allowed || !credential) {
    await recordFailure([addressLimit, accountLimit]);
    await recordAudit({ actor: null, action: "signin.pin.failed", reasonCode: "sign-in", subjectPersonId: credential?.personId ?? null });
    return { ok: false, status: 400, error: GENERIC_FAILURE };
  }
  await clearFailures([accountLimit]);
  await recordAudit({ actor: { personId: credential.personId }, action: "signin.pin", reasonCode: "sign-in", subjectPersonId: credential.personId });
  return { ok: true, personId: credential.personId };
}
