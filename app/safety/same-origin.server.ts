/**
 * Every page sends `Referrer-Policy: no-referrer`, so a browser submitting one of our own forms
 * says `Origin: null` (https://fetch.spec.whatwg.org/#serializing-a-request-origin), which
 * Remix's CSRF check reads as a foreign origin and refuses. The browser's own `Sec-Fetch-Site`
 * header, which a page cannot set, says whether the request really came from this site:
 * - `same-origin`: ours. The meaningless `Origin: null` is dropped and Remix carries on.
 * - `cross-site` / `same-site`: someone else's page posting to us. Refused.
 * - absent (browsers from before 2020–2023): judged by `Origin` alone (below); the session cookie
 *   is SameSite=Lax, so a cross-site POST arrives without a session anyway.
 *
 * A real `Origin` is decided here rather than left to Remix: Remix throws a plain Error when it
 * does not match the Host (and `new URL` throws on a malformed one), which the server answered
 * with 500. Here it is accepted when it is the configured origin or the Host the request was
 * sent to (Remix's own rule), and stripped once accepted so Remix does not judge it again;
 * anything else is refused (403).
 * docs/decisions/007-no-referrer-and-form-origins.md
 */
export type OriginVerdict = "pass" | "strip-origin" | "refuse";

export type OriginHeaders = {
  origin?: string;
  secFetchSite?: string;
  /** The Host (or first X-Forwarded-Host) the request was sent to, as `host[:port]`. */
  host?: string;
  /** WAYPOINT_ORIGIN, e.g. `https://portal.example.org`. */
  configuredOrigin?: string;
};

export function judgeUnsafeRequest(method: string, headers: OriginHeaders): OriginVerdict {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return "pass";
  if (headers.secFetchSite === "cross-site" || headers.secFetchSite === "same-site") return "refuse";
  if (headers.origin === undefined) return "pass";
  if (headers.origin === "null") return "strip-origin";
  if (!URL.canParse(headers.origin)) return "refuse";
  const origin = new URL(headers.origin);
  if (headers.configuredOrigin && URL.canParse(headers.configuredOrigin) && origin.origin === new URL(headers.configuredOrigin).origin) {
    return "strip-origin";
  }
  if (headers.host && origin.host === headers.host.toLowerCase()) return "strip-origin";
  return "refuse";
}
