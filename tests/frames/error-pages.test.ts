/**
 * Error pages keep the safety frame. The app is built by Vite from the sources (the same server
 * build `npm run dev` serves) and asked for whole documents through Remix's request handler in
 * production mode, with real sessions on a fresh database. To meet a 500 thrown in a loader and in
 * an action, one route that always throws is added below each layout: the layouts, their error
 * boundaries and the root are the app's own.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleNewSession } from "../../app/auth/session.server";
import type { Person, StaffMember } from "../../app/generated/prisma/client";
import { allocate, createAssignment, createFamily, createPerson, dateOfBirthForAge, publishDefinitions } from "../fixtures/factory";
import { useAppDatabase } from "../support/app-database";
import { familyInService, workerIn } from "../support/worlds";

const database = useAppDatabase();

/** What a thrown error says; it must never reach the page. */
const SECRET = "relation Person column lastName Rivers";

let vite: ViteDevServer;
let handle: (request: Request) => Promise<Response>;

let build: ServerBuild;

/**
 * A page below `parentId` whose loader and action always throw an error (a 500), with the error
 * boundary every page of that layout has (`ErrorBoundary`, or none for a page outside the layouts).
 */
function throwingRoute(parentId: string, routePath: string, ErrorBoundary?: () => unknown) {
  const id = `${parentId}.throws`;
  const fail = async () => {
    throw new Error(SECRET);
  };
  build.routes[id] = {
    id,
    parentId,
    path: routePath,
    module: { loader: fail, action: fail, default: () => null, ...(ErrorBoundary ? { ErrorBoundary } : {}) },
  };
  build.assets.routes[id] = {
    id,
    parentId,
    path: routePath,
    module: `/throws-${routePath}.js`,
    hasLoader: true,
    hasAction: true,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: ErrorBoundary !== undefined,
  };
}

beforeAll(async () => {
  vite = await createServer({ server: { middlewareMode: true, hmr: false, watch: null }, logLevel: "silent", appType: "custom" });
  const loaded: unknown = await vite.ssrLoadModule("virtual:remix/server-build");
  // A module namespace cannot take new keys: copy what the handler reads.
  const source = loaded as ServerBuild;
  build = { ...source, routes: { ...source.routes }, assets: { ...source.assets, routes: { ...source.assets.routes } } };
  const boundaries: unknown = await vite.ssrLoadModule("/app/components/error-message.tsx");
  const { ServiceUserPageError, StaffPageError } = boundaries as typeof import("../../app/components/error-message");
  throwingRoute("routes/_user", "throws", ServiceUserPageError);
  throwingRoute("routes/staff", "throws", StaffPageError);
  throwingRoute("root", "public-throws");
  handle = createRequestHandler(build, "production");
}, 300_000);

afterAll(async () => {
  await vite?.close();
});

type World = { survivor: Person; young: Person; otherSurvivor: Person; worker: StaffMember; ownAssignment: string; otherAssignment: string };
let world: World;

beforeEach(async () => {
  const prisma = database().prisma;
  await publishDefinitions(prisma);
  const { service, area, family } = await familyInService(prisma, { service: { name: "Riverside Family Support" } });
  const worker = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE", "Dana Advocate");
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Alex", lastName: "Rivers", pageTitle: "Notes" });
  const young = await createPerson(prisma, {
    family,
    kind: "YOUNG_PERSON",
    firstName: "Zoe",
    lastName: "Rivers",
    dateOfBirth: dateOfBirthForAge(15, new Date()),
  });
  const otherFamily = await createFamily(prisma, { serviceId: service.id, areaId: area.id });
  const otherSurvivor = await createPerson(prisma, { family: otherFamily, kind: "ADULT_SURVIVOR", firstName: "Noor", lastName: "Faraway" });
  await allocate(prisma, { personId: survivor.id, staffId: worker.id });
  await prisma.person.updateMany({ data: { safetyIntroSeenAt: new Date() } });
  const dueAt = new Date(Date.now() + 86_400_000);
  const own = await createAssignment(prisma, { personId: survivor.id, definitionKey: "adult-checkin", dueAt });
  const other = await createAssignment(prisma, { personId: otherSurvivor.id, definitionKey: "adult-checkin", dueAt });
  world = { survivor, young, otherSurvivor, worker, ownAssignment: own.id, otherAssignment: other.id };
});

async function cookieFor(principal: { personId: string } | { staffId: string }) {
  const setCookie = await handleNewSession(
    new Request("http://localhost/sign-in", { headers: { "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" } }),
    principal,
    "pin",
  );
  return setCookie.split(";")[0] ?? "";
}

async function get(path: string, cookie: string | null, method: "GET" | "POST" = "GET", form: Record<string, string> = { intent: "save" }) {
  const headers = new Headers({ Accept: "text/html", "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" });
  if (cookie) headers.set("Cookie", cookie);
  const body = method === "POST" ? new URLSearchParams(form) : undefined;
  const response = await handle(new Request(`http://localhost${path}`, { method, headers, body }));
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

/** The frame every error page inside a layout must keep. */
function expectFrame(html: string, options: { title: string | RegExp; exitWords: RegExp }) {
  // The skip link to /exit comes before anything else that can take focus.
  const firstLink = /<a [^>]*href="([^"]+)"[^>]*>([^<]*)</.exec(html.slice(html.indexOf("<body")));
  expect(firstLink?.[1]).toBe("/exit");
  expect(firstLink?.[2]).toBe("Exit this page quickly");
  expect(html).toMatch(new RegExp(`<a href="/exit" class="quick-exit"[^>]*>${options.exitWords.source}`));
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
  if (typeof options.title === "string") expect(title).toBe(options.title);
  else expect(title).toMatch(options.title);
  expect(html).toMatch(/<link rel="stylesheet" href="[^"]*app[^"]*\.css[^"]*"/);
  expect(html).not.toContain(SECRET);
}

describe("every page inside a layout has the error boundary that keeps the layout's frame", () => {
  it("is exported by each page route of the service user's and the staff layouts", () => {
    const pages = Object.values(build.routes).filter(
      (route) => route && (route.parentId === "routes/_user" || route.parentId === "routes/staff") && !route.id.endsWith(".throws") && route.module.default,
    );
    expect(pages.map((route) => route?.id)).toEqual(
      expect.arrayContaining(["routes/_user.home", "routes/_user.privacy-tips", "routes/staff._index", "routes/staff.$"]),
    );
    expect(pages.filter((route) => !route?.module.ErrorBoundary).map((route) => route?.id)).toEqual([]);
  });
});

describe("a service user's error pages keep their frame", () => {
  it("a questionnaire that is not theirs: 404 inside their frame, with their neutral title", async () => {
    const page = await get(`/forms/${world.otherAssignment}`, await cookieFor({ personId: world.survivor.id }));
    expect(page.status).toBe(404);
    expectFrame(page.html, { title: "Notes", exitWords: /Exit/ });
    expect(page.html).toContain("Page not found");
    expect(page.html).not.toContain("Faraway");
  });

  it("a page number past the end of their own questionnaire, sent in a form: inside their frame", async () => {
    const page = await get(`/forms/${world.ownAssignment}?page=99`, await cookieFor({ personId: world.survivor.id }), "POST", { intent: "save", page: "99" });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expectFrame(page.html, { title: "Notes", exitWords: /Exit/ });
  });

  it("an address that does not exist: 404 inside their frame; a young person's says Leave now", async () => {
    const adult = await get("/no/such/page", await cookieFor({ personId: world.survivor.id }));
    expect(adult.status).toBe(404);
    expectFrame(adult.html, { title: "Notes", exitWords: /Exit/ });
    const young = await get("/no/such/page", await cookieFor({ personId: world.young.id }));
    expect(young.status).toBe(404);
    expectFrame(young.html, { title: "Appointments", exitWords: /Leave now/ });
  });

  it("a 500 thrown in a loader and in an action: inside their frame, saying nothing of the error", async () => {
    const cookie = await cookieFor({ personId: world.survivor.id });
    for (const method of ["GET", "POST"] as const) {
      const page = await get("/throws", cookie, method);
      expect(page.status, method).toBe(500);
      expectFrame(page.html, { title: "Notes", exitWords: /Exit/ });
      expect(page.html).toContain("Something went wrong");
    }
  });

  it("a staff address: 404 with the Exit control, and nothing of the console", async () => {
    const page = await get(`/staff/people/${world.survivor.id}`, await cookieFor({ personId: world.survivor.id }));
    expect(page.status).toBe(404);
    expectFrame(page.html, { title: "Home", exitWords: /Exit/ });
    expect(page.html).not.toMatch(/waypoint|overview|staff accounts/i);
  });
});

describe("a member of staff's error pages keep the console's frame", () => {
  it("a record they may not open, an unknown address under /staff, and a 500 in a loader and an action", async () => {
    const cookie = await cookieFor({ staffId: world.worker.id });
    const notTheirs = await get(`/staff/people/${world.otherSurvivor.id}`, cookie);
    expect(notTheirs.status).toBe(404);
    expectFrame(notTheirs.html, { title: /staff$/i, exitWords: /Exit/ });
    expect(notTheirs.html).toContain("Dana Advocate");
    expect(notTheirs.html).not.toContain("Faraway");

    const unknown = await get("/staff/no/such/page", cookie);
    expect(unknown.status).toBe(404);
    expectFrame(unknown.html, { title: /staff$/i, exitWords: /Exit/ });

    for (const method of ["GET", "POST"] as const) {
      const page = await get("/staff/throws", cookie, method);
      expect(page.status, method).toBe(500);
      expectFrame(page.html, { title: /staff$/i, exitWords: /Exit/ });
    }
  });
});

describe("a signed-out visitor", () => {
  it("is sent to the cover page from any address past it, real or not, so none is told apart; only the way in shows sign-in", async () => {
    for (const path of ["/no/such/page", "/nosuchpage", "/home", "/staff", "/staff/no/such/page", "/sign-out", "/set-up", `/forms/${world.ownAssignment}`]) {
      const page = await get(path, null);
      expect([page.status, page.location], path).toEqual([302, "/"]);
    }
    const door = await get("/sign-in", null);
    expect(door.status).toBe(200);
    expect(door.html).toContain("<h1>Sign in</h1>");
  });

  it("meets an error on a page before signing in as a neutral page with no portal words", async () => {
    const page = await get("/public-throws", null);
    expect(page.status).toBe(500);
    expect(page.html).toContain("Something went wrong");
    expect(page.html).not.toContain(SECRET);
    expect(page.html).not.toMatch(/abuse|domestic|violen|refuge|perpetrat|victim|survivor|harm|safety|waypoint|staff|idva/i);
  });
});
