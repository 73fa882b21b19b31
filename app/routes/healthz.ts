import { resourceRoute } from "~/ops/resource-route.server";
import { databaseReachable } from "~/db.server";

/** For load balancers: 200 when this app server can reach its database, 503 otherwise. */
async function handleLoader() {
  if (await databaseReachable()) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
}

export const loader = resourceRoute(handleLoader);
