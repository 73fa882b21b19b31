/**
 * The route-table check that keeps Remix's own refusals away from visitors (decision 040), run on
 * the app's real route table (built by Vite from the sources, as `npm run dev` serves it): every
 * route with an action takes posts at its own address, every page without one does not, and every
 * resource route without a loader refuses a GET; the route a post goes to is the one Remix picks.
 */
import type { ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catchAllAddress, checkRouteMethod, routedPathname, routesFor } from "./route-methods.server";

let vite: ViteDevServer;
let build: ServerBuild;

beforeAll(async () => {
  vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, logLevel: "silent", appType: "custom" });
  build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
}, 300_000);

afterAll(async () => {
  await vite?.close();
});

/** A route's full address, each parameter and splat filled with "x". Null for a pathless layout. */
function addressOf(id: string): string | null {
  const segments: string[] = [];
  let route = build.routes[id];
  if (route && !route.path && !route.index) return null;
  while (route && route.id !== "root") {
    if (route.path) segments.unshift(route.path);
    route = route.parentId ? build.routes[route.parentId] : undefined;
  }
  const path = `/${segments.join("/")}`.replace(/:[A-Za-z]+/g, "x").replace(/\*$/, "x");
  return build.routes[id]?.index ? `${path}?index` : path;
}

const url = (address: string) => new URL(address, "http://localhost");

describe("which route answers a method, as Remix picks it", () => {
  it("finds each route at its own address, and says whether it takes a post as its module does", () => {
    const checked: string[] = [];
    for (const id of Object.keys(build.routes)) {
      if (id === "root") continue;
      const address = addressOf(id);
      if (address === null) continue;
      expect(routesFor(build, url(address))?.target, address).toBe(id);
      const takesPosts = Boolean(build.routes[id]?.module.action);
      expect(checkRouteMethod(build, "POST", url(address)), address).toBe(takesPosts ? "handled" : "not-handled");
      checked.push(id);
    }
    // The app's own routes were all found (a broken tree would match nothing and check nothing).
    expect(checked.length).toBeGreaterThan(50);
    expect(checked).toContain("routes/staff.people.$personId._index");
  });

  it("a post to a layout's own address goes to the layout, not its index page, unless ?index is bare", () => {
    expect(routesFor(build, url("/staff"))?.target).toBe("routes/staff");
    expect(routesFor(build, url("/staff?index"))?.target).toBe("routes/staff._index");
    expect(routesFor(build, url("/staff?index=1"))?.target).toBe("routes/staff");
    expect(checkRouteMethod(build, "POST", url("/staff"))).toBe("not-handled");
  });

  it("refuses a GET only to a resource route without a loader; every page can be drawn", () => {
    for (const [id, route] of Object.entries(build.routes)) {
      const address = addressOf(id);
      if (id === "root" || address === null) continue;
      const expected = route.module.default || route.module.loader ? "handled" : "not-handled";
      expect(checkRouteMethod(build, "GET", url(address)), address).toBe(expected);
    }
    expect(checkRouteMethod(build, "GET", url("/forms/x/save"))).toBe("not-handled");
    expect(checkRouteMethod(build, "GET", url("/forms/x/save.data"))).toBe("not-handled");
  });

  it("reads a single-fetch .data address as the page it is for, and sends a refused one to the catch-all", () => {
    expect(routedPathname("/_root.data")).toBe("/");
    expect(routedPathname("/staff/audit.data")).toBe("/staff/audit");
    expect(checkRouteMethod(build, "POST", url("/staff.data"))).toBe("not-handled");
    expect(catchAllAddress(url("/staff.data?index"))).toBe("/_.data?index");
    expect(catchAllAddress(url("/staff"))).toBe("/_");
    expect(routesFor(build, url("/_"))?.target).toBe("routes/$");
    expect(routesFor(build, url(routedPathname("/_.data")))?.target).toBe("routes/$");
  });
});
