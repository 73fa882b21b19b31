/**
 * What a route's loader or action answered, read the way the browser would see it: a status, the
 * redirect target if any, and the body as text. Routes answer in three ways, all covered here:
 * a `Response` (returned or thrown: redirects, 404s, resource routes), `data(value, { status })`
 * (Remix single fetch's `DataWithResponseInit`: the form replies of app/forms/reply.ts), or a
 * plain value (status 200). An `Error` thrown by the route is thrown again: it would be a 500.
 */
export type RouteAnswer = { status: number; location: string | null; body: string };

export async function answerOf(outcome: unknown): Promise<RouteAnswer> {
  if (outcome instanceof Response) return { status: outcome.status, location: outcome.headers.get("Location"), body: await outcome.text() };
  if (outcome instanceof Error) throw outcome;
  if (isDataWithInit(outcome)) {
    return { status: outcome.init?.status ?? 200, location: null, body: JSON.stringify(outcome.data ?? null) };
  }
  return { status: 200, location: null, body: JSON.stringify(outcome ?? null) };
}

/** Runs a loader or action and reads its answer, whether it returned or threw it. */
export async function answerFrom(run: () => unknown): Promise<RouteAnswer> {
  let outcome: unknown;
  try {
    outcome = await run();
  } catch (thrown) {
    outcome = thrown;
  }
  return answerOf(outcome);
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && "type" in value && value.type === "DataWithResponseInit" && "data" in value && "init" in value;
}
