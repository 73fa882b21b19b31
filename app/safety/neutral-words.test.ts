import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NEUTRAL_TITLES, serviceUserMeta } from "./neutral-titles";

/**
 * Words that must never appear in the address, title or icon of a page a service user can see:
 * they are what history, tab strips and bookmarks show to someone else holding the phone.
 */
const REVEALING = /abuse|domestic|violen|refuge|perpetrat|victim|survivor|harm|safety|waypoint|dv\b|idva/i;

const routesDir = path.resolve("app/routes");
const serviceUserRoutes = readdirSync(routesDir).filter((name) => /\.tsx?$/.test(name) && !name.startsWith("staff") && !name.endsWith(".test.ts"));

describe("neutral presentation", () => {
  it("has route files to check", () => {
    expect(serviceUserRoutes).toContain("_user.home.tsx");
  });

  it("uses no revealing word in any service-user URL", () => {
    expect(serviceUserRoutes.filter((name) => REVEALING.test(name))).toEqual([]);
  });

  it("uses no revealing word in any service-user page title", () => {
    const titles = serviceUserRoutes.flatMap((name) =>
      [...readFileSync(path.join(routesDir, name), "utf8").matchAll(/(?:title:\s*|pageMeta\()"([^"]*)"/g)].map((m) => `${name}: ${m[1]}`),
    );
    expect(titles.length).toBeGreaterThan(3);
    expect(titles.filter((t) => REVEALING.test(t.split(": ")[1] ?? ""))).toEqual([]);
  });

  it("gives every page in the service user's frame the title the person chose, and the default when the frame has none", () => {
    const frame = (data: unknown) => [
      { id: "root", data: null },
      { id: "routes/_user", data },
      { id: "routes/_user.home", data: {} },
    ];
    expect(serviceUserMeta({ matches: frame({ pageTitle: "Notes" }) })).toEqual([
      { title: "Notes" },
      { tagName: "link", rel: "icon", href: "/icons/notes.svg", type: "image/svg+xml" },
    ]);
    expect(serviceUserMeta({ matches: frame(undefined) })[0]).toEqual({ title: "Appointments" });
    expect(serviceUserMeta({ matches: frame({ pageTitle: "Waypoint" }) })[0]).toEqual({ title: "Appointments" });
  });

  it("offers only neutral titles and icons", () => {
    for (const [title, icon] of Object.entries(NEUTRAL_TITLES)) {
      expect(title).not.toMatch(REVEALING);
      expect(icon).not.toMatch(REVEALING);
    }
  });

  it("ships no web manifest a browser could store", () => {
    expect(readdirSync(path.resolve("public")).filter((n) => /manifest/i.test(n))).toEqual([]);
  });
});
