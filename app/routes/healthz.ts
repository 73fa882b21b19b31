import { resourceRoute } from "~/ops/resource-route.server";
import { appServerHealthy } from "~/ops/health.server";

/** For load balancers: 200 when this app server can reach its database, 503 otherwise. */
async function handleLoader() {
  if (await appServerHealthy()) return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  return Response.json({ status: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
}

export const loader = resourceRoute(handleLoader);
