import { databaseReachable } from "~/db.server";

/**
 * What the load balancer's health check (`/healthz`) asks: whether this app server can reach its
 * database now. Returns true or false; never throws.
 */
export async function appServerHealthy(): Promise<boolean> {
  return databaseReachable();
}
