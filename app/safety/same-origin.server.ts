/**
 * Every page sends `Referrer-Policy: no-referrer`, so a browser submitting one of our own forms
 * says `Origin: null` (https://fetch.spec.whatwg.org/#serializing-a-request-origin), which
 * Remix's CSRF check reads as a foreign origin and refuses. The browser's own `Sec-Fetch-Site`
 * header, which a page cannot set, says whether the request really came from this site:
 * - `same-origin`: ours. The meaningless `Origin: null` is dropped and Remix carries on.
 * - `cross-site` / `same-site`: someone else's page posting to us. Refused.
 * - absent (browsers from before 2020–2023): allowed through; the session cookie is SameSite=Lax,
 *   so a cross-site POST arrives without a session anyway.
 * docs/decisions/007-no-referrer-and-form-origins.md
 */
export type OriginVerdict = "pass" | "strip-origin" | "refuse";

export function judgeUnsafeRequest(method: string, headers: { origin?: string; secFetchSite?: string }): OriginVerdict {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return "pass";
  if (headers.secFetchSite === "cross-site" || headers.secFetchSite === "same-site") return "refuse";
  if (headers.origin === "null") return "strip-origin";
  return "pass";
}
