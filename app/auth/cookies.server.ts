import { createCookie } from "@remix-run/node";
import { env } from "~/env.server";

/**
 * The name a cookie is sent under. In production, a cookie for the whole site carries the
 * `__Host-` prefix, which the browser accepts only with Secure, Path=/ and no Domain, so no other
 * host (a sibling subdomain, a plain-http page on the network) can set or overwrite it; a cookie
 * for one path carries `__Secure-` (Secure only).
 * https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#name-cookie-name-prefixes
 * Development serves plain http on localhost, where the prefixes cannot be used.
 */
export function cookieName(name: string, path: string, production: boolean): string {
  if (!production) return name;
  return path === "/" ? `__Host-${name}` : `__Secure-${name}`;
}

/**
 * Every cookie Waypoint sets: HTTP-only (no script reads it), SameSite=Lax, Secure in production,
 * signed with SESSION_SECRET. Only the name, path and lifetime differ.
 */
export function appCookie(name: string, options: { path?: string; maxAge?: number } = {}) {
  const config = env();
  const production = config.NODE_ENV === "production";
  const path = options.path ?? "/";
  return createCookie(cookieName(name, path, production), {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path,
    maxAge: options.maxAge,
    secrets: [config.SESSION_SECRET],
  });
}
