import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";

/**
 * Every cookie Waypoint sets: HTTP-only (no script reads it), SameSite=Lax, Secure in production,
 * signed with SESSION_SECRET. Only the name, path and lifetime differ.
 */
export function appCookie(name: string, options: { path?: string; maxAge?: number } = {}) {
  const config = env();
  return createCookie(name, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.NODE_ENV === "production",
    path: options.path ?? "/",
    maxAge: options.maxAge,
    secrets: [config.SESSION_SECRET],
  });
}
