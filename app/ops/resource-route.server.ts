import { logger, safeError } from "~/ops/logger.server";

/** What a resource route answers when it fails: the JSON shape its callers already read. */
export type ResourceFailure = { errors: { form: string }; retry: boolean };

/** Seconds a client is asked to wait before trying again after the database was out of reach. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The answer to an error thrown inside a resource route (a route that answers data, not a page).
 *
 * Remix answers such an error with a bare `500 text/plain "Unexpected Server Error"`
 * (@remix-run/server-runtime `errorResponseToJson`/`returnLastResortErrorResponse`): a background
 * save cannot tell it from any other failure, and a browser that meets it on a download shows it
 * instead of the page. Here the failure is answered in JSON instead, and when the database was
 * out of reach (a restart, a fail-over; see `safeError`'s kinds) as `503` with `Retry-After`,
 * which says "not done, try again" — the fault test (`npm run test:faults`) found a background
 * save answering the bare 500 while PostgreSQL was stopped.
 *
 * The error is logged as `handleError` in app/entry.server.tsx would have (its kind and codes,
 * never its values), since Remix does not see it any more.
 *
 * @param error anything thrown; a thrown `Response` (a redirect, a 404) is not an error and is
 *   returned unchanged
 * @returns a `Response`: the thrown one, or JSON `ResourceFailure` with status 503 (database
 *   unreachable, timed out or in a write conflict: retrying can succeed) or 500 (anything else)
 */
export function resourceFailure(error: unknown): Response {
  if (error instanceof Response) return error;
  const described = safeError(error);
  const transient = described.kind === "database unreachable" || described.kind === "database timeout" || described.kind === "write conflict";
  logger().error({ err: error, kind: described.kind }, transient ? "resource route failed: database not available" : "resource route failed");
  const body: ResourceFailure = transient
    ? { errors: { form: "Not done yet: the service could not be reached. Try again in a moment." }, retry: true }
    : { errors: { form: "Something went wrong, and nothing was changed by it. Try again later." }, retry: false };
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (transient) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return Response.json(body, { status: transient ? 503 : 500, headers });
}

/**
 * Wraps a resource route's `loader` or `action` so that no error leaves it as Remix's bare
 * "Unexpected Server Error" (see `resourceFailure`). Every resource route in app/routes uses it;
 * app/ops/resource-route.server.test.ts holds that rule.
 *
 * @param handler the route's own loader or action
 * @returns the same function, answering `resourceFailure(error)` for anything it throws
 *   (a thrown `Response` is thrown on, as Remix expects)
 */
export function resourceRoute<Args>(handler: (args: Args) => Promise<Response>): (args: Args) => Promise<Response> {
  return async (args: Args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) throw error;
      return resourceFailure(error);
    }
  };
}
