import { cookieName } from "~/auth/cookies.server";
import { endSession, expiredSessionCookie, readSessionId } from "~/auth/session.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { logger } from "~/ops/logger.server";
import { currentService } from "~/service/service.server";
import { usableExitAddress } from "~/service/exit-address";

/**
 * How long `/exit` waits for the database before leaving anyway: a person pressing Exit must be
 * sent away at once, even when PostgreSQL is unreachable and a connection attempt would hang.
 */
export const EXIT_DATABASE_WAIT_MS = 2_000;

/** Asks the browser to drop everything it holds for this site (https://w3c.github.io/webappsec-clear-site-data/). */
export const CLEAR_SITE_DATA = '"cache", "cookies", "storage"';

/**
 * Quick exit through the server, which cannot fail: whatever goes wrong (an unusable stored exit
 * address, the database down or slow, a malformed cookie), the answer is a 303 to a neutral site
 * with `Clear-Site-Data` and an expired session cookie. The session row is ended when the database
 * answers in time; a failure is logged by kind, never shown.
 *
 * The order matters: the service's address is read from the session before it is ended (an ended
 * session no longer names a viewer), both bounded by EXIT_DATABASE_WAIT_MS.
 */
export async function quickExit(request: Request): Promise<Response> {
  const address = await bounded(exitAddressFor(request), "exit address");
  const setCookie = (await bounded(endSession(request, "QUICK_EXIT"), "end session")) ?? (await expiredCookie());
  const headers = new Headers({
    "Set-Cookie": setCookie,
    "Clear-Site-Data": CLEAR_SITE_DATA,
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
  });
  // usableExitAddress only returns header-safe ASCII; the fallback is a constant.
  headers.set("Location", usableExitAddress(address, portalOrigin()));
  return new Response(null, { status: 303, headers });
}

/** The stored exit address of the viewer's service (or of the deployment's service when nobody is signed in). */
async function exitAddressFor(request: Request): Promise<string | null> {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    const session = await db().session.findUnique({
      where: { id: sessionId },
      select: { person: { select: { service: { select: { exitUrl: true } } } }, staff: { select: { service: { select: { exitUrl: true } } } } },
    });
    const stored = session?.person?.service.exitUrl ?? session?.staff?.service.exitUrl;
    if (stored !== undefined) return stored;
  }
  return (await currentService())?.exitUrl ?? null;
}

async function bounded<T>(work: Promise<T>, what: string): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      logger().warn({ step: what, ms: EXIT_DATABASE_WAIT_MS }, "quick exit went on without the database (timeout)");
      resolve(null);
    }, EXIT_DATABASE_WAIT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    logger().error({ err: error, step: what }, "quick exit went on without the database");
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function expiredCookie(): Promise<string> {
  try {
    return await expiredSessionCookie();
  } catch {
    // The session cookie removed by hand, for when even the signed cookie cannot be serialised.
    const production = process.env.NODE_ENV === "production";
    return `${cookieName("sid", "/", production)}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${production ? "; Secure" : ""}`;
  }
}

function portalOrigin(): string {
  try {
    return env().WAYPOINT_ORIGIN;
  } catch {
    return "";
  }
}
