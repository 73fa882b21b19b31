import { createHmac } from "node:crypto";
import { db } from "~/db.server";
import { env } from "~/env.server";

/**
 * Failure counters for enrolment codes and PINs, held in the database so that the limit holds
 * however many app servers run. After MAX_FAILURES failures a key is locked for LOCK_MINUTES.
 * Keys name an account ("pin:person:<id>") or a client address, hashed so no address is stored.
 */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export function addressKey(kind: "code" | "pin", clientAddress: string) {
  const digest = createHmac("sha256", env().SESSION_SECRET).update(clientAddress).digest("base64url").slice(0, 22);
  return `${kind}:address:${digest}`;
}

/** A typed sign-in name, hashed: counted whether or not an account has it. */
export function nameKey(signInName: string) {
  const digest = createHmac("sha256", env().SESSION_SECRET).update(signInName).digest("base64url").slice(0, 22);
  return `pin:name:${digest}`;
}

export async function lockedKeys(keys: string[], now: Date = new Date()): Promise<boolean> {
  const locked = await db().rateLimit.count({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  return locked > 0;
}

/** Counts one failure against each key; locks a key that reaches the limit. */
export async function recordFailure(keys: string[], now: Date = new Date()) {
  for (const key of keys) {
    // One statement per key, so concurrent failures on several servers all count.
    await db().$executeRaw`
      INSERT INTO "RateLimit" ("key", "failures", "windowStart", "updatedAt")
      VALUES (${key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "RateLimit"."lockedUntil" IS NOT NULL AND "RateLimit"."lockedUntil" <= ${now}
                          THEN 1 ELSE "RateLimit"."failures" + 1 END,
        "lockedUntil" = CASE WHEN "RateLimit"."lockedUntil" IS NOT NULL AND "RateLimit"."lockedUntil" <= ${now}
                             THEN NULL ELSE "RateLimit"."lockedUntil" END,
        "updatedAt" = ${now}`;
    await db().rateLimit.updateMany({
      where: { key, failures: { gte: MAX_FAILURES }, lockedUntil: null },
      data: { lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) },
    });
  }
}

/** A success clears the account's counter (not the address's: one person's success does not
 * vouch for everyone behind the same address). */
export async function clearFailures(keys: string[]) {
  await db().rateLimit.deleteMany({ where: { key: { in: keys } } });
}
