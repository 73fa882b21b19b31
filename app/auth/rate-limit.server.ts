import { createHmac } from "node:crypto";
import ipaddr from "ipaddr.js";
import { recordAudit } from "~/audit/audit.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import { logger } from "~/ops/logger.server";
import { SIGN_IN_ALARM_ACTION } from "~/audit/visibility";

/**
 * Guessing limits for enrolment codes and PINs, held in the database (`RateLimit`) so that they
 * hold however many app servers run. The design and its numbers are in
 * docs/decisions/020-guessing-limits.md.
 *
 * Every attempt is *reserved* before the work it guards (the slow PIN hash, the code look-up) by
 * one `INSERT … ON CONFLICT … DO UPDATE … RETURNING` per key, which both decides and counts under
 * the row's lock: twenty requests sent at the same instant get at most `max` through, never
 * "checked, then counted after the hash". A success gives its reservation back (`settleSuccess`).
 *
 * Two kinds of rule:
 * - `lock`: after `max` attempts within `windowMs`, refuse every attempt for `lockMs`.
 * - `slow`: the first `free` attempts within `windowMs` pass; after that one attempt at a time
 *   passes, each waiting twice as long as the last (from `firstDelayMs` up to `maxDelayMs`). It
 *   never shuts the key for longer than `maxDelayMs`, so a person whose sign-in name someone else
 *   is trying is slowed, not locked out.
 */
export type LimitRule =
  { kind: "lock"; max: number; windowMs: number; lockMs: number } | { kind: "slow"; free: number; windowMs: number; firstDelayMs: number; maxDelayMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The rules in force; decision 020 works out what they give an attacker and cost a victim. */
export const RULES = {
  /** A PIN, per typed sign-in name from one address (an IPv6 /64 counts as one address). */
  pinNameAddress: { kind: "lock", max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** PINs from one address, whatever name is typed: one address trying many names. */
  pinAddress: { kind: "lock", max: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** A PIN, per typed sign-in name from every address together: slowed, never locked. */
  pinName: { kind: "slow", free: 10, windowMs: 24 * HOUR, firstDelayMs: MINUTE, maxDelayMs: HOUR },
  /** Enrolment codes from one address. */
  codeAddress: { kind: "lock", max: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /**
   * Enrolment codes from every address together. A guess names no account (codes are random), so
   * the only limit that rotating addresses cannot escape is one over the whole service.
   */
  codeService: { kind: "slow", free: 100, windowMs: HOUR, firstDelayMs: 30_000, maxDelayMs: 30_000 },
  /**
   * Messages sent by one account, person or staff (issue 11, decision 036): thirty in ten minutes
   * is far beyond anyone writing by hand, and stops a script (or a stolen session) filling a
   * conversation; the lock lifts after ten minutes.
   */
  messageSend: { kind: "lock", max: 30, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE },
} as const satisfies Record<string, LimitRule>;

/** Kept for the tests and messages that speak of "five tries, fifteen minutes". */
export const MAX_FAILURES = RULES.pinNameAddress.max;
export const LOCK_MINUTES = RULES.pinNameAddress.lockMs / MINUTE;

/** Failed sign-ins (PINs and codes together) across the whole deployment in one hour that raise the alarm. */
export const ALARM_THRESHOLD = 100;
export const ALARM_WINDOW_MS = HOUR;
/** The audit action of the alarm (kept with the audit kinds, which the audit log also reads). */
export { SIGN_IN_ALARM_ACTION };

export type Limit = { key: string; rule: LimitRule };

export type Reservation = { ok: true } | { ok: false; kind: LimitRule["kind"]; retryAfterSeconds: number };

/**
 * The part of a client address that one client controls: an IPv4 address as it is; an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it maps; any other IPv6
 * address as its /64, since one home or phone is normally given a whole /64 (RFC 6177 §2;
 * RFC 7421 §1) and could otherwise try from 2^64 addresses. Anything unparsable ("unknown")
 * is used as it is.
 */
export function addressGroup(clientAddress: string): string {
  if (!ipaddr.isValid(clientAddress)) return clientAddress;
  const address = ipaddr.process(clientAddress);
  if (address.kind() === "ipv4") return address.toString();
  const parts = ipaddr.IPv6.parse(address.toString()).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}

/** A keyed hash, so the table holds no address and no typed name. */
function digest(value: string) {
  return createHmac("sha256", env().SESSION_SECRET).update(value).digest("base64url").slice(0, 22);
}

/** The limit on one address group for codes or PINs. */
export function addressLimit(kind: "code" | "pin", clientAddress: string): Limit {
  return { key: `${kind}:address:${digest(addressGroup(clientAddress))}`, rule: kind === "pin" ? RULES.pinAddress : RULES.codeAddress };
}

/** The lock on one typed sign-in name from one address group: counted whether or not an account has the name. */
export function nameAddressLimit(signInName: string, clientAddress: string): Limit {
  return { key: `pin:name-address:${digest(`${signInName}\n${addressGroup(clientAddress)}`)}`, rule: RULES.pinNameAddress };
}

/** The slow-down on one typed sign-in name from every address. */
export function nameLimit(signInName: string): Limit {
  return { key: `pin:name:${digest(signInName)}`, rule: RULES.pinName };
}

/** The limit on messages sent by one account; keyed by a hash, so the table names no one. */
export function messageSendLimit(account: { personId: string } | { staffId: string }): Limit {
  const id = "personId" in account ? `person:${account.personId}` : `staff:${account.staffId}`;
  return { key: `message:${digest(id)}`, rule: RULES.messageSend };
}

/** The slow-down on enrolment codes over the whole service. */
export function codeServiceLimit(): Limit {
  return { key: "code:service", rule: RULES.codeService };
}

/**
 * Reserves one attempt against each limit, in order, each in one atomic statement. Returns ok only
 * if every limit let it through; when one refuses, the reservations already made for this attempt
 * are given back, so an attempt that was not checked costs nothing (a refused try of a slowed name
 * does not lock the person's own address). Errors: database errors propagate.
 */
export async function reserveAttempt(limits: Limit[], now: Date = new Date()): Promise<Reservation> {
  const reserved: Limit[] = [];
  for (const limit of limits) {
    const row = await reserveOne(limit, now);
    if (!row.admitted) {
      await refund(reserved, now);
      const waitMs = row.lockedUntil ? row.lockedUntil.getTime() - now.getTime() : 0;
      return { ok: false, kind: limit.rule.kind, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    reserved.push(limit);
  }
  return { ok: true };
}

type ReservedRow = { admitted: boolean; lockedUntil: Date | null };

/** A timestamp parameter, cast so PostgreSQL never has to guess its type inside a CASE. */
const at = (value: Date | null) => Prisma.sql`${value}::timestamp(3)`;

async function reserveOne({ key, rule }: Limit, now: Date): Promise<ReservedRow> {
  const windowStartedBefore = at(new Date(now.getTime() - rule.windowMs));
  const current = at(now);
  const failures = Prisma.sql`"RateLimit"."failures"`;
  const lockedUntil = Prisma.sql`"RateLimit"."lockedUntil"`;
  let rows: ReservedRow[];
  if (rule.kind === "lock") {
    const lockEnd = at(new Date(now.getTime() + rule.lockMs));
    // stale: the window or the lock is over, so counting starts again with this attempt.
    const stale = Prisma.sql`("RateLimit"."windowStart" <= ${windowStartedBefore} OR (${lockedUntil} IS NOT NULL AND ${lockedUntil} <= ${current}))`;
    const open = Prisma.sql`(${stale} OR ${lockedUntil} IS NULL)`;
    rows = await db().$queryRaw<ReservedRow[]>`
      INSERT INTO "RateLimit" ("key", "failures", "windowStart", "updatedAt", "lockedUntil", "admitted")
      VALUES (${key}, 1, ${current}, ${current}, ${rule.max <= 1 ? lockEnd : at(null)}, true)
      ON CONFLICT ("key") DO UPDATE SET
        "admitted" = ${open},
        "failures" = CASE WHEN ${stale} THEN 1 WHEN ${open} THEN ${failures} + 1 ELSE ${failures} END,
        "lockedUntil" = CASE WHEN ${stale} THEN (CASE WHEN 1 >= ${rule.max}::int THEN ${lockEnd} END)
                             WHEN ${open} THEN (CASE WHEN ${failures} + 1 >= ${rule.max}::int THEN ${lockEnd} END)
                             ELSE ${lockedUntil} END,
        "windowStart" = CASE WHEN ${stale} THEN ${current} ELSE "RateLimit"."windowStart" END,
        "updatedAt" = ${current}
      RETURNING "admitted", "lockedUntil"`;
  } else {
    // After `free` attempts, one at a time: the next is let through once `lockedUntil` has passed,
    // and pushes it on by a delay that doubles with each attempt (exponent capped so the float
    // cannot overflow; LEAST caps the delay itself).
    const stale = Prisma.sql`("RateLimit"."windowStart" <= ${windowStartedBefore})`;
    const open = Prisma.sql`(${stale} OR ${failures} < ${rule.free}::int OR ${lockedUntil} IS NULL OR ${lockedUntil} <= ${current})`;
    const delayMs = Prisma.sql`LEAST(${rule.firstDelayMs}::float8 * power(2::float8, LEAST(${failures} - ${rule.free}::int, 40)::float8), ${rule.maxDelayMs}::float8)`;
    rows = await db().$queryRaw<ReservedRow[]>`
      INSERT INTO "RateLimit" ("key", "failures", "windowStart", "updatedAt", "lockedUntil", "admitted")
      VALUES (${key}, 1, ${current}, ${current}, ${rule.free < 1 ? at(new Date(now.getTime() + rule.firstDelayMs)) : at(null)}, true)
      ON CONFLICT ("key") DO UPDATE SET
        "admitted" = ${open},
        "failures" = CASE WHEN ${stale} THEN 1 WHEN ${open} THEN ${failures} + 1 ELSE ${failures} END,
        "lockedUntil" = CASE WHEN ${stale} THEN NULL
                             WHEN ${open} AND ${failures} + 1 > ${rule.free}::int THEN ${current} + ${delayMs} * interval '1 millisecond'
                             WHEN ${open} THEN NULL
                             ELSE ${lockedUntil} END,
        "windowStart" = CASE WHEN ${stale} THEN ${current} ELSE "RateLimit"."windowStart" END,
        "updatedAt" = ${current}
      RETURNING "admitted", "lockedUntil"`;
  }
  const row = rows[0];
  if (!row) throw new Error(`RateLimit: no row returned for ${key}`);
  return row;
}

/**
 * Gives one reserved attempt back to each limit (still in its window): the count goes down by
 * one, and a lock or slow-down that this attempt helped to reach is lifted again.
 */
async function refund(limits: Limit[], now: Date) {
  for (const { key, rule } of limits) {
    const threshold = rule.kind === "lock" ? rule.max : rule.free + 1;
    await db().$executeRaw`
      UPDATE "RateLimit" SET
        "failures" = GREATEST("failures" - 1, 0),
        "lockedUntil" = CASE WHEN "failures" - 1 < ${threshold}::int THEN NULL ELSE "lockedUntil" END,
        "updatedAt" = ${at(now)}
      WHERE "key" = ${key} AND "windowStart" > ${at(new Date(now.getTime() - rule.windowMs))}`;
  }
}

/**
 * After a successful check: the account's own limits start again (`clear`) and the shared ones
 * (an address, the whole service) get this attempt back (`giveBack`), so people signing in
 * behind one address do not use up each other's tries.
 */
export async function settleSuccess(options: { clear: Limit[]; giveBack: Limit[] }, now: Date = new Date()) {
  if (options.clear.length > 0) await db().rateLimit.deleteMany({ where: { key: { in: options.clear.map((l) => l.key) } } });
  await refund(options.giveBack, now);
}

/** Removes limits by key (a worker's new code starts the person's limits again). */
export async function clearLimitKeys(keys: string[], client: Prisma.TransactionClient = db()) {
  if (keys.length > 0) await client.rateLimit.deleteMany({ where: { key: { in: keys } } });
}

/**
 * Counts one failed sign-in (a wrong PIN or code) across the whole deployment. The failure that
 * reaches ALARM_THRESHOLD within an hour, and only that one, raises the alarm: a warning in the
 * log and an audit event managers see. Atomic, so two servers never raise it twice in one window.
 * Returns whether this failure raised it.
 */
export async function countFailureForAlarm(kind: "code" | "pin", now: Date = new Date()) {
  const rows = await db().$queryRaw<{ failures: number }[]>`
    INSERT INTO "RateLimit" ("key", "failures", "windowStart", "updatedAt", "admitted")
    VALUES ('alarm:sign-in', 1, ${at(now)}, ${at(now)}, false)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "RateLimit"."windowStart" <= ${at(new Date(now.getTime() - ALARM_WINDOW_MS))} THEN 1 ELSE "RateLimit"."failures" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${at(new Date(now.getTime() - ALARM_WINDOW_MS))} THEN ${at(now)} ELSE "RateLimit"."windowStart" END,
      "updatedAt" = ${at(now)}
    RETURNING "failures"`;
  if (rows[0]?.failures !== ALARM_THRESHOLD) return false;
  logger().warn(
    { event: SIGN_IN_ALARM_ACTION, threshold: ALARM_THRESHOLD, windowMinutes: ALARM_WINDOW_MS / MINUTE, last: kind },
    "many failed sign-ins across the service",
  );
  await recordAudit({
    actor: null,
    action: SIGN_IN_ALARM_ACTION,
    reasonCode: "security",
    detail: { failures: ALARM_THRESHOLD, windowMinutes: ALARM_WINDOW_MS / MINUTE, last: kind },
  });
  return true;
}
