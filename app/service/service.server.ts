import { db } from "~/db.server";

/**
 * One deployment serves one service (docs/decisions/003-one-service-per-deployment.md). Pages
 * that nobody is signed in to (the cover page, sign-in, exit) read its settings from here.
 */
export async function currentService() {
  return db().service.findFirst({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, exitUrl: true, coverTheme: true, signInPath: true },
  });
}

/** Where quick exit goes when the database has no service yet (one rule: app/service/exit-address.ts). */
export { FALLBACK_EXIT_URL } from "./exit-address";
