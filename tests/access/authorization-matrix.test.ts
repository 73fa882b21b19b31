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
import { handleNewSession } from "../../app/auth/session.server";
import type { Person, StaffMember } from "../../app/generated/prisma/client";
import {
  allocate,
  createAppointment,
  createArea,
  createAssignment,
  createFamily,
  createPerson,
  createResponse,
  createService,
  createStaff,
  dateOfBirthForAge,
  enableQuestionnaires,
  publishDefinitions,
} from "../fixtures/factory";
import { useAppDatabase } from "../support/app-database";

const database = useAppDatabase();

type Persona = "signed-out" | "survivor" | "harmful-behaviour" | "young-person" | "worker" | "case-manager" | "manager" | "admin";
const PERSONAS: Persona[] = ["signed-out", "survivor", "harmful-behaviour", "young-person", "worker", "case-manager", "manager", "admin"];

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

const signIn = "redirect:/sign-in" as const;
const personOnly = { default: signIn, survivor: 200, "harmful-behaviour": 200, "young-person": 200 } as const;
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
  // Any other address: not found inside the person's frame; sign-in for everyone else, as for the addresses that exist.
  "_user.$.tsx": { get: { default: signIn, survivor: 404, "harmful-behaviour": 404, "young-person": 404 } },
  "_user.start.tsx": {
    get: personOnly,
    post: { default: signIn, survivor: "redirect:/home", "harmful-behaviour": "redirect:/home", "young-person": "redirect:/home" },
  },
  "_user.account.tsx": {
    get: personOnly,
    post: { default: signIn, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: { intent: "nothing" } },
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
    post: { default: signIn, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: { pin: "" } },
  },
  "staff.confirm.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  "privacy-tips.tsx": {},
  "set-up.tsx": { get: { default: signIn }, post: { default: signIn } },
  // No sign-in name waiting to be shown: a signed-in person goes home.
  "set-up_.done.tsx": { get: { ...personOnly, survivor: "redirect:/home", "harmful-behaviour": "redirect:/home", "young-person": "redirect:/home" } },
  "sign-in.tsx": {
    get: { default: "redirect:/home", "signed-out": 200, worker: "redirect:/staff", "case-manager": "redirect:/staff", manager: "redirect:/staff", admin: "redirect:/staff" },
    post: { default: 400, body: { intent: "pin", signInName: "", pin: "" } },
  },
  "sign-out.tsx": { get: { default: signIn }, post: { default: signIn } },
  "signed-out.tsx": { get: { default: 200 } },
  "staff.$.tsx": { get: { default: 404, "signed-out": signIn } },
  "staff.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  "staff.account.tsx": {
    get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 },
    post: { default: 404, "signed-out": signIn, worker: 400, "case-manager": 400, manager: 400, admin: 400, body: { intent: "nothing" } },
  },
  "staff.audit.tsx": { get: { default: 404, "signed-out": signIn, manager: 200 } },
  "staff.team.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, body: { intent: "invite", displayName: "", email: "x" } },
  },
  "staff._index.tsx": { get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200, manager: 200, admin: 200 } },
  "staff.people.$personId.export.tsx": { params: survivorRecord, get: recordPage },
  "staff.people.$personId.export_.$format.ts": { params: (w, r) => ({ personId: w[r].survivor.id, format: "json" }), get: recordPage },
  "staff.people.$personId._index.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId.profile.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId.contact.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: { safeChannels: "NOT_A_CHANNEL" } } },
  "staff.people.$personId.risk.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId.close.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId.goals.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  "staff.people.$personId.allocate.tsx": { params: survivorRecord, get: caseManagerPage, post: { ...caseManagerForm, body: {} } },
  "staff.people.$personId.merge.tsx": { params: survivorRecord, get: caseManagerPage, post: { ...caseManagerForm, body: {} } },
  "staff.people.$personId.responses.$responseId.tsx": {
    params: (w, r) => ({ personId: w[r].survivor.id, responseId: w.responses[r] }),
    get: recordPage,
  },
  "staff.people.$personId.assignments.$assignmentId.tsx": {
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
  "staff.families.$familyId.add.tsx": { params: (w, r) => ({ familyId: w[r].survivor.familyId }), get: caseManagerPage, post: { ...caseManagerForm, body: {} } },
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
    get: { default: signIn, survivor: { own: 200, other: 404 }, "harmful-behaviour": 404, "young-person": 404 },
    // An answer to an item that does not exist: refused, nothing written.
    post: { default: signIn, survivor: { own: 400, other: 404 }, "harmful-behaviour": 404, "young-person": 404, body: { intent: "save", page: "0", "no-such-item": "yes" } },
  },
  "_user.forms.$assignmentId_.save.ts": {
    params: (w, r) => ({ assignmentId: w.assignments[r] }),
    // The background save: the same checks as the page's own save, answered as JSON.
    post: { default: signIn, survivor: { own: 400, other: 404 }, "harmful-behaviour": 404, "young-person": 404, body: { intent: "save", page: "0", version: "0", "no-such-item": "yes" } },
  },
  "_user.goals.tsx": { get: personOnly, post: { default: signIn, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: {} } },
  // Booking (decision 027): the person's own appointments; a worker's week; booking for a person; venues.
  "_user.appointments._index.tsx": { get: personOnly },
  "_user.appointments.new.tsx": { get: personOnly, post: { default: signIn, survivor: 400, "harmful-behaviour": 400, "young-person": 400, body: {} } },
  "_user.appointments.$appointmentId.tsx": {
    params: (w, r) => ({ appointmentId: w.appointments[r] }),
    get: { default: signIn, survivor: { own: 200, other: 404 }, "harmful-behaviour": 404, "young-person": 404 },
    post: { default: signIn, survivor: { own: 400, other: 404 }, "harmful-behaviour": 404, "young-person": 404, body: {} },
  },
  "staff.week.tsx": {
    get: { default: 404, "signed-out": signIn, worker: 200, "case-manager": 200 },
    post: { default: 404, "signed-out": signIn, worker: 400, "case-manager": 400, body: { intent: "nothing" } },
  },
  "staff.people.$personId.book.tsx": { params: survivorRecord, get: recordPage, post: { ...recordForm, body: {} } },
  // The development outbox: there is none outside development (the tests run as "test").
  "staff.outbox.tsx": { get: { default: 404, "signed-out": signIn } },
  "staff.venues.tsx": {
    get: { default: 404, "signed-out": signIn, admin: 200 },
    post: { default: 404, "signed-out": signIn, admin: 400, body: { intent: "add", publicName: "" } },
  },
  "staff.people.$personId.code.tsx": {
    params: survivorRecord,
    get: { default: 404, "signed-out": signIn, worker: { own: 200, other: 404 }, "case-manager": { own: 200, other: 404 } },
    post: { default: 404, "signed-out": signIn, worker: { own: 200, other: 404 }, "case-manager": { own: 200, other: 404 } },
  },
};

type World = {
  own: { survivor: Person; harmful: Person; child: Person };
  other: { survivor: Person; harmful: Person; child: Person };
  staff: Record<"worker" | "case-manager" | "manager" | "admin", StaffMember>;
  /** A check-in assigned to each survivor, and a response each survivor sent. */
  assignments: Record<"own" | "other", string>;
  responses: Record<"own" | "other", string>;
  /** An appointment of each survivor, with their own worker. */
  appointments: Record<"own" | "other", string>;
  /** A member of staff of a second service, whom this service's admin must not reach. */
  otherServiceStaffId: string;
  cookies: Record<Persona, string | null>;
};

async function buildWorld(): Promise<World> {
  const prisma = database().prisma;
  const service = await createService(prisma);
  const area = await createArea(prisma, { serviceId: service.id });
  const worker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const caseManager = await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER" });
  const manager = await createStaff(prisma, { serviceId: service.id, role: "MANAGER" });
  const admin = await createStaff(prisma, { serviceId: service.id, role: "ADMIN" });
  const otherWorker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const family = async (caseManagerId: string | null) => {
    const f = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId });
    return {
      survivor: await createPerson(prisma, { family: f, kind: "ADULT_SURVIVOR" }),
      harmful: await createPerson(prisma, { family: f, kind: "HARMFUL_BEHAVIOUR" }),
      child: await createPerson(prisma, { family: f, kind: "YOUNG_PERSON", dateOfBirth: dateOfBirthForAge(10, new Date()) }),
    };
  };
  const own = await family(caseManager.id);
  const other = await family(null);
  await allocate(prisma, { personId: own.survivor.id, staffId: worker.id });
  await allocate(prisma, { personId: other.survivor.id, staffId: otherWorker.id });
  await prisma.person.updateMany({ data: { safetyIntroSeenAt: new Date() } });
  await publishDefinitions(prisma);
  await enableQuestionnaires(prisma, service.id);
  const checkIn = async (personId: string) => (await createAssignment(prisma, { personId, definitionKey: "adult-checkin", dueAt: new Date(Date.now() + 86_400_000) })).id;
  const sent = async (personId: string) =>
    (await createResponse(prisma, { person: { id: personId }, definitionKey: "adult-checkin", submittedAt: new Date(), answers: { "safe-at-home-now": "yes", "feel-well": 6 } })).response.id;
  const otherService = await createService(prisma);
  const otherServiceStaff = await createStaff(prisma, { serviceId: otherService.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const session = async (principal: { personId: string } | { staffId: string }) =>
    // Signed in with a PIN or passkey just now ("proven"), so the matrix sees who may reach a route;
    // what a bare open session may not do ("Confirm it's you") is app/auth/step-up.server.test.ts.
    (await handleNewSession(new Request("http://localhost/"), principal, "pin", { proven: true })).split(";")[0] ?? null;
  return {
    own,
    other,
    staff: { worker, "case-manager": caseManager, manager, admin },
    assignments: { own: await checkIn(own.survivor.id), other: await checkIn(other.survivor.id) },
    responses: { own: await sent(own.survivor.id), other: await sent(other.survivor.id) },
    appointments: {
      own: (await createAppointment(prisma, { personId: own.survivor.id, staffId: worker.id, startsAt: new Date(Date.now() + 3 * 86_400_000) })).id,
      other: (await createAppointment(prisma, { personId: other.survivor.id, staffId: otherWorker.id, startsAt: new Date(Date.now() + 3 * 86_400_000) })).id,
    },
    otherServiceStaffId: otherServiceStaff.id,
    cookies: {
      "signed-out": null,
      survivor: await session({ personId: own.survivor.id }),
      "harmful-behaviour": await session({ personId: own.harmful.id }),
      "young-person": await session({ personId: own.child.id }),
      worker: await session({ staffId: worker.id }),
      "case-manager": await session({ staffId: caseManager.id }),
      manager: await session({ staffId: manager.id }),
      admin: await session({ staffId: admin.id }),
    },
  };
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
  let outcome: unknown;
  try {
    outcome = await fn({ request, params, context: { clientAddress: "192.0.2.1" } });
  } catch (thrown) {
    outcome = thrown;
  }
  if (outcome instanceof Response) {
    const location = outcome.headers.get("Location");
    const status: Expect = outcome.status >= 300 && outcome.status < 400 && outcome.status !== 303 && location ? `redirect:${location}` : outcome.status;
    return { status, body: await outcome.text() };
  }
  if (outcome instanceof Error) throw outcome;
  return { status: 200 as Expect, body: JSON.stringify(outcome ?? null) };
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
