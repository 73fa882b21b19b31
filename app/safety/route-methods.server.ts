import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

/**
 * Whether the route an address reaches can answer the request's method, decided from the route
 * table before Remix sees the request.
 *
 * Remix answers a post to a route without an `action` with 405, and a GET to a resource route
 * without a `loader` with 400, and its answer names the route and the address: "You made a POST
 * request to "/staff" but did not provide an `action` for route "routes/staff"" (in the `.data`
 * answer as text, in a document's hydration data). Those refusals told a signed-out visitor which
 * addresses exist (every unknown address is sent to the cover page, decision 032) and gave them
 * the console's route names (issue 14, "the route table is public"). `server/main.ts` uses this to
 * send such a request where an unknown address goes, before Remix can refuse it.
 *
 * Matching is the router's own (`matchRoutes` of `@remix-run/router`, the version Remix runs on),
 * and the route that takes a post is chosen as Remix chooses it (`getTargetMatch`: the index
 * route only with a bare `?index`, else the deepest route that adds to the path).
 */
export type RouteMethodCheck = "handled" | "not-handled";

type RouteNode = AgnosticRouteObject & { id: string; children?: RouteNode[] };

const trees = new WeakMap<ServerBuild, RouteNode[]>();

/** The build's flat route table as the nested tree the router matches against. */
function treeOf(build: ServerBuild): RouteNode[] {
  const known = trees.get(build);
  if (known) return known;
  const byParent = new Map<string | undefined, ServerBuild["routes"][string][]>();
  for (const route of Object.values(build.routes)) {
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(route);
    byParent.set(route.parentId, siblings);
  }
  const nodesUnder = (parentId: string | undefined): RouteNode[] =>
    (byParent.get(parentId) ?? []).map((route) => {
      const children = nodesUnder(route.id);
      const base = { id: route.id, path: route.path, caseSensitive: route.caseSensitive };
      return route.index ? { ...base, index: true } : { ...base, children };
    }) as RouteNode[];
  const tree = nodesUnder(undefined);
  trees.set(build, tree);
  return tree;
}

/** The path Remix routes a request to: a single-fetch `.data` address names the page it is for. */
export function routedPathname(pathname: string): string {
  if (pathname === "/_root.data") return "/";
  return pathname.endsWith(".data") ? pathname.slice(0, -".data".length) : pathname;
}

/**
 * The ids of the route that would handle a request to `url` with `method`, as Remix picks it:
 * `target` answers a POST (its `action`), `leaf` draws a GET (a page, or a resource route's
 * `loader`). Null when no route matches (the catch-all then answers).
 */
export function routesFor(build: ServerBuild, url: URL): { target: string; leaf: string } | null {
  const matches = matchRoutes(treeOf(build), routedPathname(url.pathname));
  const leaf = matches?.at(-1);
  if (!matches || !leaf) return null;
  const bareIndex = url.searchParams.getAll("index").some((v) => v === "");
  const target = leaf.route.index && bareIndex ? leaf : matches.filter((m, i) => i === 0 || (m.route.path !== undefined && m.route.path.length > 0)).at(-1);
  return target ? { target: target.route.id, leaf: leaf.route.id } : null;
}

/**
 * Whether a GET/HEAD or POST to `url` reaches a route that has the function Remix would call:
 * - POST: the target route (as Remix picks it) has an `action`;
 * - GET/HEAD: a page can always be drawn (its loader is optional); a resource route (no default
 *   export) needs a `loader`.
 * An address no route matches is "handled" (the app's catch-all answers it). Other methods are
 * refused earlier by the request guards, and are "handled" here.
 */
export function checkRouteMethod(build: ServerBuild, method: string, url: URL): RouteMethodCheck {
  if (!["GET", "HEAD", "POST"].includes(method)) return "handled";
  const routes = routesFor(build, url);
  if (!routes) return "handled";
  if (method === "POST") return build.routes[routes.target]?.module.action ? "handled" : "not-handled";
  const leaf = build.routes[routes.leaf];
  return !leaf || leaf.module.default || leaf.module.loader ? "handled" : "not-handled";
}

/**
 * Where a refused request goes instead: an address only the catch-all route (`routes/$`) matches,
 * so a visitor gets exactly what an unknown address gives them (the cover page), as a document or
 * as a `.data` answer. One segment starting with "_", which no way in can be (sign-in-path.ts).
 */
export function catchAllAddress(url: URL): string {
  const data = url.pathname.endsWith(".data");
  return `/_${data ? ".data" : ""}${url.search}`;
}
