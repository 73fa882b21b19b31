import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { getViewer } from "~/auth/session.server";

/**
 * The route table the browser may learn, per viewer.
 *
 * With lazy route discovery (`future.v3_lazyRouteDiscovery`) Remix answers `GET /__manifest?p=<path>
 * &version=<v>` with the routes matching each path: ids and module file names. Remix 2.17 answers
 * it before any route or loader runs, to anyone (`handleManifestRequest` in
 * @remix-run/server-runtime), so a visitor on the neutral cover page could ask for `/staff/people/x`
 * and read the whole console's names. Here it is answered from a build that holds only the routes
 * the viewer's persona can reach: signed out, the pages before signing in; a service user, those
 * and their own layout's; staff, those and the console's. A path whose route is left out gets no
 * patch, and the browser then loads that address as a document, which the server guards as usual.
 *
 * The answer is personal, so it is `no-store` (Remix sends `public, max-age=31536000, immutable`,
 * which would let a shared browser hand one viewer's answer to the next).
 */
export type Audience = "public" | "person" | "staff";

/** Which persona a route belongs to, from its id (`routes/_user.home`, `routes/staff.audit`, `routes/sign-in`). */
export function routeAudience(routeId: string): Audience {
  if (routeId === "routes/_user" || routeId.startsWith("routes/_user.")) return "person";
  if (routeId === "routes/staff" || routeId.startsWith("routes/staff.") || routeId.startsWith("routes/staff_")) return "staff";
  return "public";
}

/** The build reduced to the routes one audience may learn about. */
export function buildFor(build: ServerBuild, audience: Audience): ServerBuild {
  const allowed = (id: string) => {
    const owner = routeAudience(id);
    return owner === "public" || owner === audience;
  };
  return {
    ...build,
    routes: Object.fromEntries(Object.entries(build.routes).filter(([id]) => allowed(id))),
    assets: { ...build.assets, routes: Object.fromEntries(Object.entries(build.assets.routes).filter(([id]) => allowed(id))) },
  };
}

type Handler = (request: Request) => Promise<Response>;
const handlers = new WeakMap<ServerBuild, Record<Audience, Handler>>();

function handlersFor(build: ServerBuild, mode: string): Record<Audience, Handler> {
  const known = handlers.get(build);
  if (known) return known;
  const made = {
    public: createRequestHandler(buildFor(build, "public"), mode),
    person: createRequestHandler(buildFor(build, "person"), mode),
    staff: createRequestHandler(buildFor(build, "staff"), mode),
  };
  handlers.set(build, made);
  return made;
}

/** Whether a request is Remix's route discovery request (path `/__manifest`). */
export function isRouteManifestRequest(url: URL) {
  return url.pathname === "/__manifest";
}

/**
 * Answers `/__manifest` for the viewer the request's session cookie names (none: the public
 * pages only). `build` is the server build or, in development, a function giving it.
 */
export async function answerRouteManifest(request: Request, build: ServerBuild | (() => Promise<ServerBuild>), mode: string): Promise<Response> {
  const serverBuild = typeof build === "function" ? await build() : build;
  const viewer = await getViewer(request);
  const audience: Audience = viewer?.type === "person" ? "person" : viewer?.type === "staff" ? "staff" : "public";
  const answer = await handlersFor(serverBuild, mode)[audience](request);
  const headers = new Headers(answer.headers);
  headers.set("Cache-Control", "no-store");
  headers.set("Vary", "Cookie");
  return new Response(answer.body, { status: answer.status, headers });
}
