/**
 * The authorization matrix: every route of the app (discovered from app/routes, so a new route
 * without an entry here fails) × every persona (each kind of service user, each staff role,
 * signed out) × a record of their own family and of another family. Each cell asserts the status
 * and that nothing about anyone the persona may not see appears in what the route returned.
 *
 * Routes are called through their own loader and action, with real sessions on a fresh database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Person } from "../../app/generated/prisma/client";
import { useAppDatabase } from "../support/app-database";
import { answerFrom } from "../support/route-answer";
import { PERSONAS, twoFamilies, type Persona, type TwoFamilies } from "../support/worlds";

const database = useAppDatabase();

/** What a cell may answer: a status, or "redirect:<path>". */
type Expect = number | `redirect:${string}`;
type Cell = Expect | { own: Expect; other: Expect };
type RouteSpec = {
  /**
   * The route's URL parameters for a record of the persona's own family ("own") and of another
   * family or service ("other"). Routes without parameters are called once, as "own".
   */
  params?: (world: World, record: "own" | "other") => Record<string, string>;
  get?: Partial<Record<Persona, Cell>> & { default: Cell };
  post?: Partial<Record<Persona, Cell>> & { default: Cell; body?: Record<string, string> };
};

/** Anyone not signed in is shown the cover page: only the service's way in shows sign-in (decision 032). */
const signIn = "redirect:/" as const;
/** Staff asking for a service user's page are sent to their console. */
const toConsole = "redirect:/staff" as const;
const staffAway = { worker: toConsole, "case-manager": toConsole, manager: toConsole, admin: toConsole } as const;
const personOnly = { default: signIn, ...staffAway, survivor: 200, "harmful-behaviour": 200, "young-person": 200 } as const;
const survivorRecord = (w: World, r: "own" | "other") => ({ personId: w[r].survivor.id });
/** A page of one person's record: their allocated worker and the case manager holding the family. */
const recordPage = { default: 404, "signed-out": signIn, worker: { own: 200, other: 404 }, "case-manager": { own: 200, other: 404 } } as const;
/** The same page's form, sent empty: refused as bad input on their own record, 404 on anyone else's. */
const recordForm = { default: 404, "signed-out": signIn, worker: { own: 400, other: 404 }, "case-manager": { own: 400, other: 404 } } as const;
const caseManagerPage = { default: 404, "signed-out": signIn, "case-manager": { own: 200, other: 404 } } as const;
const caseManagerForm = { default: 404, "signed-out": signIn, "case-manager": { own: 400, other: 404 } } as const;

const MATRIX: Record<string, RouteSpec> = {
  "_index.tsx": { get: { default: 200 } },
  "_user.tsx": { get: personOnly },
  "_user.home.tsx": { get: personOnly },
  // Any other address: not found inside the person's frame; the cover page for a visitor, as for the addresses that
  // exist. The way in (the sign-in page at the service's configured path) is app/auth/door.server.test.ts.
  "$.tsx": {
    get: { default: signIn, ...staffAway, survivor: 404, "harmful-behaviour": 404, "young-person": 404 },
    post: { default: signIn, ...staffAway, survivor: 404, "harmful-behaviour": 404, "young-person": 404 },
  },
  "_user.start.tsx": {
    get: personOnly,
    post: { default: signIn, ...staffAway, survivor: "redirect:/home", "harmful-behaviour": "redirect:/home", "young-person": "redirect:/home" },
  },
  "_user.account.tsx": {
    get: personOnly,
    post: { default: signIn, ...staffAway, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: { intent: "nothing" } },
  },
  "exit.tsx": { get: { default: 303 }, post: { default: 303 } },
  "healthz.ts": { get: { default: 200 } },
  "locked.tsx": { get: { default: 303 } },
  "passkeys.authentication-options.ts": { get: { default: 405 }, post: { default: 200 } },
  "passkeys.authentication.ts": { get: { default: 405 }, post: { default: 400 } },
  "passkeys.registration-options.ts": { get: { default: 405 }, post: { default: 200, "signed-out": 401 } },
  "passkeys.registration.ts": { get: { default: 405 }, post: { default: 400, "signed-out": 401 } },
  // A malformed answer: refused before anything is checked or set.
  "passkeys.confirm.ts": { get: { default: 405 }, post: { default: 400, "signed-out": 401 } },
  // "Confirm it's you" inside each frame: the person's (PIN or passkey) and staff's (passkey).
  "_user.confirm.tsx": {
    get: personOnly,
    post: { default: signIn, ...staffAway, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: { pin: "" } },
  },
  "staff.confirm.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  // Inside the person's frame (its layout is "_user.tsx" above); a visitor reads the tips on the sign-in page.
  "_user.privacy-tips.tsx": {},
  "set-up.tsx": { get: { default: signIn }, post: { default: signIn } },
  // No sign-in name waiting to be shown: a signed-in person goes home.
  "set-up_.done.tsx": { get: { ...personOnly, survivor: "redirect:/home", "harmful-behaviour": "redirect:/home", "young-person": "redirect:/home" } },
  // Signing out ends on the service's way in (the default path here); a GET is the cover page.
  "sign-out.tsx": { get: { default: signIn }, post: { default: "redirect:/sign-in" } },
  "signed-out.tsx": { get: { default: 200 } },
  "staff.$.tsx": { get: { default: 404, "signed-out": signIn } },
  "staff.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  "staff.account.tsx": {
    get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 },
    post: { default: 404, "signed-out": signIn, worker: 400, "case-manager": 400, manager: 400, admin: 400, body: { intent: "nothing" } },
  },
  "staff.audit.tsx": { get: { default: 404, "signed-out": signIn, manager: 200 } },
  // The outcome report and its CSV: managers (whole service) and case managers (their own area).
  "staff.reports.tsx": { get: { default: 404, "signed-out": signIn, manager: 200, "case-manager": 200 } },
  "staff.reports_.csv.ts": { get: { default: 404, "signed-out": signIn, manager: 200, "case-manager": 200 } },
  // Record-level (de-identified) export: managers only; the empty form is refused before anything is read.
  // Importing past forms: managers only; an empty paste is refused before anything is read.
  "staff.reports_.import.tsx": {
    get: { default: 404, "signed-out": signIn, manager: 200 },
    post: { default: 404, "signed-out": signIn, manager: 400, body: {} },
  },
  "staff.reports_.records.tsx": {
    get: { default: 404, "signed-out": signIn, manager: 200 },
    post: { default: 404, "signed-out": signIn, manager: 400, body: {} },
  },
  "staff.team.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, body: { intent: "invite", displayName: "", email: "x" } },
  },
  "staff._index.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  "staff.people.$personId_.export.tsx": { params: survivorRecord, get: recordPage },
  "staff.people.$personId_.export_.$format.ts": { params: (w, r) => ({ personId: w[r].survivor.id, format: "json" }), get: recordPage },
  "staff.people.$personId.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  // The record's history, drawn from the layout's data (one audited look): no loader or action of its own.
  "staff.people.$personId._index.tsx": {},
  "staff.people.$personId_.profile.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId_.contact.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: { safeChannels: "NOT_A_CHANNEL" } } },
  "staff.people.$personId_.risk.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId_.close.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId_.goals.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId_.allocate.tsx": { params: survivorRecord, get: caseManagerPage, post: { ...caseManagerForm, body: {} } },
  "staff.people.$personId_.merge.tsx": { params: survivorRecord, get: caseManagerPage, post: { ...caseManagerForm, body: {} } },
  "staff.people.$personId_.responses.$responseId.tsx": {
    params: (w, r) => ({ personId: w[r].survivor.id, responseId: w.responses[r] }),
    get: recordPage,
  },
  "staff.people.$personId_.assignments.$assignmentId.tsx": {
    params: (w, r) => ({ personId: w[r].survivor.id, assignmentId: w.assignments[r] }),
    get: recordPage,
    // The survivor's check-in has no worker items: refused as bad input, never written.
    post: { ...recordForm, body: { intent: "save" } },
  },
  "staff.families.new.tsx": {
    get: { default: 404, "signed-out": signIn, "case-manager": 200 },
    post: { default: 404, "signed-out": signIn, "case-manager": 400, body: {} },
  },
  "staff.families.$familyId._index.tsx": { params: (w, r) => ({ familyId: w[r].survivor.familyId }), get: caseManagerPage },
  "staff.families.$familyId.add.tsx": {
    params: (w, r) => ({ familyId: w[r].survivor.familyId }),
    get: caseManagerPage,
    post: { ...caseManagerForm, body: {} },
  },
  "staff.settings.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200, manager: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, manager: 400, body: { intent: "settings" } },
  },
  "staff.organisation.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, body: { intent: "area", name: "" } },
  },
  "staff.team_.$staffId.tsx": {
    params: (w, r) => ({ staffId: r === "own" ? w.staff.worker.id : w.otherServiceStaffId }),
    get: { default: 404, "signed-out": signIn, admin: { own: 200, other: 404 } },
    post: { default: 404, "signed-out": signIn, admin: { own: 400, other: 404 }, body: {} },
  },
  "_user.forms.$assignmentId.tsx": {
    params: (w, r) => ({ assignmentId: w.assignments[r] }),
    get: { default: signIn, ...staffAway, survivor: { own: 200, other: 404 }, "harmful-behaviour": 404, "young-person": 404 },
    // An answer to an item that does not exist: refused, nothing written.
    post: {
      default: signIn,
      ...staffAway,
      survivor: { own: 400, other: 404 },
      "harmful-behaviour": 404,
      "young-person": 404,
      body: { intent: "save", page: "0", "no-such-item": "yes" },
    },
  },
  "_user.forms.$assignmentId_.save.ts": {
    params: (w, r) => ({ assignmentId: w.assignments[r] }),
    // The background save: the same checks as the page's own save, answered as JSON.
    post: {
      default: signIn,
      ...staffAway,
      survivor: { own: 400, other: 404 },
      "harmful-behaviour": 404,
      "young-person": 404,
      body: { intent: "save", page: "0", version: "0", "no-such-item": "yes" },
    },
  },
  "_user.goals.tsx": { get: personOnly, post: { default: signIn, ...staffAway, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: {} } },
  // Booking (decision 034): the person's own appointments; a worker's week; booking for a person; venues.
  "_user.appointments._index.tsx": { get: personOnly },
  "_user.appointments.new.tsx": {
    get: personOnly,
    post: { default: signIn, ...staffAway, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: {} },
  },
  "_user.appointments.$appointmentId.tsx": {
    params: (w, r) => ({ appointmentId: w.appointments[r] }),
    get: { default: signIn, ...staffAway, survivor: { own: 200, other: 404 }, "harmful-behaviour": 404, "young-person": 404 },
    post: { default: signIn, ...staffAway, survivor: { own: 400, other: 404 }, "harmful-behaviour": 404, "young-person": 404, body: {} },
  },
  "staff.week.tsx": {
    get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200 },
    post: { default: 404, "signed-out": signIn, worker: 400, "case-manager": 400, body: { intent: "nothing" } },
  },
  "staff.people.$personId_.book.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  // The development outbox: there is none outside development (the tests run as "test").
  "staff.outbox.tsx": { get: { default: 404, "signed-out": signIn } },
  "staff.venues.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, body: { intent: "add", publicName: "" } },
  },
  // Messages (decision 036). The person's own conversations: another family's conversation id answers 404, and so
  // does the survivor's own conversation to the person using harmful behaviour and the child of her family.
  "_user.messages._index.tsx": { get: personOnly },
  "_user.messages.$threadId.tsx": {
    params: (w, r) => ({ threadId: w.threads[r] }),
    get: { default: signIn, ...staffAway, survivor: { own: 200, other: 404 }, "harmful-behaviour": 404, "young-person": 404 },
    // An empty reply: refused as bad input in her own conversation, 404 in anyone else's (id in the URL).
    post: {
      default: signIn,
      ...staffAway,
      survivor: { own: 400, other: 404 },
      "harmful-behaviour": 404,
      "young-person": 404,
      body: { intent: "reply", body: "   " },
    },
  },
  // The worker's conversations across their caseload, and the conversation beside a person's record.
  "staff.messages.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200 } },
  "staff.people.$personId_.messages.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: { intent: "send", body: "" } } },
  "staff.message-settings.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200, manager: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, manager: 400, body: { intent: "settings", messagesDisappearAfterDays: "0" } },
  },
  "staff.people.$personId_.code.tsx": {
    params: survivorRecord,
    get: { default: 404, "signed-out": signIn, worker: { own: 200, other: 404 }, "case-manager": { own: 200, other: 404 } },
    post: { default: 404, "signed-out": signIn, worker: { own: 200, other: 404 }, "case-manager": { own: 200, other: 404 } },
  },
};

type World = TwoFamilies;

async function buildWorld(): Promise<World> {
  return twoFamilies(database().prisma);
}

/** Everyone whose name or id must not appear in what this persona is shown. */
function forbiddenFor(persona: Persona, world: World): Person[] {
  const everyone = [...Object.values(world.own), ...Object.values(world.other)];
  switch (persona) {
    case "survivor":
      return everyone.filter((p) => p.id !== world.own.survivor.id);
    case "harmful-behaviour":
      return everyone.filter((p) => p.id !== world.own.harmful.id);
    case "young-person":
      return everyone.filter((p) => p.id !== world.own.child.id);
    case "worker":
      return everyone.filter((p) => p.id !== world.own.survivor.id);
    case "case-manager":
      return Object.values(world.other);
    default:
      return everyone;
  }
}

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => unknown;
  action?: (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => unknown;
};

async function call(fn: NonNullable<RouteModule["loader"]>, request: Request, params: Record<string, string>) {
  const answer = await answerFrom(() => fn({ request, params, context: { clientAddress: "192.0.2.1" } }));
  const { location } = answer;
  const status: Expect = answer.status >= 300 && answer.status < 400 && answer.status !== 303 && location ? `redirect:${location}` : answer.status;
  return { status, body: answer.body };
}

const routeFiles = readdirSync(path.resolve("app/routes")).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

describe("authorization matrix", () => {
  it("has an entry for every route file, and no entry for a route that is gone", () => {
    expect(routeFiles.filter((f) => !(f in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  let world: World;
  beforeEach(async () => {
    world = await buildWorld();
  });

  for (const file of routeFiles) {
    const spec = MATRIX[file];
    if (!spec) continue;
    it(`${file}: every persona gets what its role allows and nothing of anyone else`, async () => {
      const mod: RouteModule = await import(`../../app/routes/${file}`);
      const checked: string[] = [];
      for (const method of ["get", "post"] as const) {
        const cells = spec[method];
        const fn = method === "get" ? mod.loader : mod.action;
        if (!cells) {
          expect(fn, `${file} exports a ${method === "get" ? "loader" : "action"} but the matrix has no entry for it`).toBeUndefined();
          continue;
        }
        expect(fn, `${file} has a matrix entry for ${method} but no handler`).toBeTypeOf("function");
        if (!fn) continue;
        for (const persona of PERSONAS) {
          for (const record of spec.params ? (["own", "other"] as const) : (["own"] as const)) {
            const cell = cells[persona] ?? cells.default;
            const expected = typeof cell === "object" ? cell[record] : cell;
            const params: Record<string, string> = spec.params ? spec.params(world, record) : {};
            const headers = new Headers({ "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" });
            const cookie = world.cookies[persona];
            if (cookie) headers.set("Cookie", cookie);
            const body = method === "post" ? new URLSearchParams(spec.post?.body ?? {}) : undefined;
            const request = new Request(`http://localhost/${file}`, { method: method.toUpperCase(), headers, body });
            const result = await call(fn, request, params);
            const where = `${method.toUpperCase()} ${file} as ${persona} (${record} record)`;
            expect(result.status, where).toEqual(expected);
            for (const person of forbiddenFor(persona, world)) {
              expect(result.body, `${where} shows ${person.kind} ${person.id}`).not.toContain(person.id);
              expect(result.body, `${where} shows the name of ${person.kind} ${person.id}`).not.toContain(`${person.firstName} ${person.lastName}`);
            }
            checked.push(where);
          }
        }
      }
      expect(checked.length).toBe((spec.get ? 1 : 0) * PERSONAS.length * (spec.params ? 2 : 1) + (spec.post ? 1 : 0) * PERSONAS.length * (spec.params ? 2 : 1));
    });
  }
});
