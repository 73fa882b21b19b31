import { STALE_MESSAGE, type StaleOutcome } from "~/forms/stale";

/**
 * Write conflicts, the part the domain modules share (docs/decisions/024-stale-writes-refused.md).
 *
 * A versioned save is one conditional statement:
 *
 *     const { count } = await tx.service.updateMany({
 *       where: { id, version: expected },
 *       data: { ...changes, version: { increment: 1 } },
 *     });
 *     if (count === 0) await staleWrite(() => currentVersion());
 *
 * PostgreSQL evaluates the WHERE against the newest committed row and takes its row lock, so of
 * two saves naming the same version exactly one matches; the other changes nothing (READ
 * COMMITTED re-checks the condition after waiting for the lock: PostgreSQL manual, "13.2.1 Read
 * Committed Isolation Level"). No read-then-write in JavaScript decides it.
 */

/** Thrown inside a transaction to undo it when a versioned save found the document moved on. */
export class StaleWrite extends Error {
  constructor(readonly current: number) {
    super("stale write");
    this.name = "StaleWrite";
  }
}

/**
 * Aborts the surrounding transaction as stale. `current` reads the version the document is at
 * now (null when it no longer exists, reported as 0), for the page to carry from then on.
 * @throws StaleWrite always
 */
export async function staleWrite(current: () => Promise<number | null>): Promise<never> {
  throw new StaleWrite((await current()) ?? 0);
}

/**
 * Runs a save; a `StaleWrite` thrown inside it (its transaction already rolled back) becomes the
 * outcome the page shows, with `message` (staff wording by default). Other errors pass through.
 */
export async function refusingStale<T>(save: () => Promise<T>, message: string = STALE_MESSAGE): Promise<T | StaleOutcome> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, stale: true, fields: { form: message }, version: error.current };
    throw error;
  }
}

/**
 * Whether a Prisma error is a unique-constraint violation (P2002): the database refusing a second
 * copy of something that may exist once. https://www.prisma.io/docs/orm/reference/error-reference#p2002
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Whether an error is PostgreSQL refusing a row under an exclusion constraint (SQLSTATE 23P01), and
 * which one: how the booking tables' "never two overlapping live appointments" rules answer the
 * loser of a race (docs/decisions/034-booking.md). Prisma 7 over a driver adapter reports it as an
 * unmapped database error whose cause carries the SQLSTATE and the message names the constraint, so
 * both are looked for along the error's cause chain. Returns the constraint's name, "" when the
 * name cannot be read, or null when the error is something else.
 */
export function exclusionViolation(error: unknown): string | null {
  const seen = new Set<unknown>();
  let found = false;
  let name = "";
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of ["code", "originalCode"]) if (key in value && Reflect.get(value, key) === "23P01") found = true;
    const message = "message" in value && typeof value.message === "string" ? value.message : "";
    const constraint = /violates exclusion constraint "([^"]+)"/.exec(message);
    if (constraint?.[1]) {
      found = true;
      name = constraint[1];
    }
    if ("constraint" in value && typeof value.constraint === "string") name ||= value.constraint;
    for (const key of ["cause", "meta", "driverAdapterError"]) if (key in value) visit(Reflect.get(value, key), depth + 1);
  };
  visit(error, 0);
  return found ? name : null;
}
