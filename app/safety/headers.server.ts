/**
 * Headers every document carries. The Content-Security-Policy is enforced, with a nonce made for
 * each request: no inline script runs unless this server wrote it for this response.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean }) {
  const directives = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    // Vite injects styles inline during development only.
    options.development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    options.development ? "connect-src 'self' ws:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ];
  return directives.join("; ");
}

/**
 * Headers for every response of the app (documents, data, resource routes, static files), added
 * by the app server where a response has not set its own. `no-store` everywhere except
 * fingerprinted static assets: a page that once held personal data must not sit in a cache.
 */
export const baselineHeaders: Record<string, string> = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/**
 * The baseline headers for this deployment. Production adds HSTS: a browser that has once reached
 * the portal over https never tries plain http again, for a year, so nobody on the network can
 * strip the encryption (https://www.rfc-editor.org/rfc/rfc6797). Production refuses an http
 * origin (app/env.server.ts), so it is always served over https.
 */
export function baselineHeadersFor(options: { production: boolean }): Record<string, string> {
  if (!options.production) return baselineHeaders;
  return { ...baselineHeaders, "Strict-Transport-Security": "max-age=31536000; includeSubDomains" };
}
