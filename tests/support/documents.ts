/**
 * Whole documents as a browser gets them, without a browser: the app's own server build (the one
 * `npm run dev` serves, loaded through Vite) behind Remix's request handler, on the test's own
 * database. For tests that compare or read pages byte for byte (tests/frames/).
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll } from "vitest";

/** A phone's User-Agent, so pages take their phone path. */
export const PHONE_USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Mobile)";

/**
 * Call at the top level of a test file: loads the server build before the file's tests (up to five
 * minutes on a loaded machine) and closes Vite after them. Returns `get(path, cookie)`, which asks
 * for `path` as a phone signed in with `cookie` ("name=value") and gives the status and the HTML.
 */
export function useDocuments(): (path: string, cookie: string) => Promise<{ status: number; html: string }> {
  let vite: ViteDevServer | undefined;
  let handle: ((request: Request) => Promise<Response>) | undefined;
  beforeAll(async () => {
    vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, logLevel: "silent", appType: "custom" });
    const build: unknown = await vite.ssrLoadModule("virtual:remix/server-build");
    handle = createRequestHandler(build as ServerBuild, "production");
  }, 300_000);
  afterAll(async () => {
    await vite?.close();
  });
  return async (path, cookie) => {
    if (!handle) throw new Error("useDocuments: the server build is not loaded yet (call it at the top level of the file)");
    const response = await handle(new Request(`http://localhost${path}`, { headers: { Cookie: cookie, "User-Agent": PHONE_USER_AGENT } }));
    return { status: response.status, html: await response.text() };
  };
}

/** The HTML less the per-request nonce and the scripts (whose data is the loaders', compared through the HTML they render). */
export function withoutScripts(html: string): string {
  return html.replace(/ nonce="[^"]*"/g, "").replace(/<script\b[\s\S]*?<\/script>/g, "");
}
