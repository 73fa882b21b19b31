/**
 * Shared test worlds: the services, staff, families and people that many test files need, built
 * through the one factory (prisma/factory.ts) on the test's own database. A test file builds the
 * world it needs once (in `beforeAll`, or per test where the test changes it), then adds only what
 * is particular to it. Display names are set by hand where tests read them back: the factory's
 * random names could be anything, "Sam" or "Mia" included.
 */
import { handleNewSession } from "../../app/auth/session.server";
import { dateColumn } from "../../app/time/calendar";
import type { Person, Prisma, QuestionnaireDefinition, StaffMember } from "../../app/generated/prisma/client";
import type { Specialism } from "../../app/generated/prisma/enums";
import {
  allocate,
  createAppointment,
  createArea,
  createTeam,
  createAssignment,
  createFamily,
  createMessage,
  createPerson,
  createResponse,
  createService,
  createStaff,
  dateOfBirthForAge,
  enableQuestionnaires,
  publishDefinitions,
  type Db,
  type PersonInput,
} from "../fixtures/factory";

/** A new service (name and settings as given) with one area: where every world starts. */
export async function serviceWithArea(prisma: Db, service: Partial<Prisma.ServiceCreateInput> = {}, area: { name?: string } = {}) {
  const created = await createService(prisma, service);
  return { service: created, area: await createArea(prisma, { serviceId: created.id, ...area }) };
}

/**
 * One family in a new service's one area: where most tests of a single family start.
 * `heldBy` is the display name of a case manager created to hold it (nobody holds it without);
 * `questionnaires` publishes the built-in questionnaires and switches them on for the service,
 * returning the published definitions by key.
 */
export async function familyInService(
  prisma: Db,
  options: { service?: Partial<Prisma.ServiceCreateInput>; heldBy?: string; reference?: string; questionnaires?: boolean } = {},
) {
  const { service, area } = await serviceWithArea(prisma, options.service);
  const holder = options.heldBy === undefined ? null : await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER", displayName: options.heldBy });
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder?.id ?? null, reference: options.reference });
  const definitions = new Map<string, QuestionnaireDefinition>();
  if (options.questionnaires) {
    for (const definition of await publishDefinitions(prisma)) definitions.set(definition.key, definition);
    await enableQuestionnaires(prisma, service.id);
  }
  return { service, area, family, holder, definitions };
}

/** A worker of `specialism` in the service (a random display name unless one is given). */
export async function workerIn(prisma: Db, serviceId: string, specialism: Specialism, displayName?: string) {
  return createStaff(prisma, { serviceId, role: "WORKER", specialism, ...(displayName === undefined ? {} : { displayName }) });
}

/**
 * An adult survivor in a family of their own in a new service: the smallest world with a service
 * user, for sign-in, session and page tests. `service` sets the service's name and settings;
 * `heldBy` names a case manager created to hold the family (`holder`; nobody holds it without);
 * `person` sets the survivor's own fields (names, page title, flags). Returns the service, its
 * area, the family, the holder and the survivor as `person`.
 */
export async function survivorInService(
  prisma: Db,
  options: { service?: Partial<Prisma.ServiceCreateInput>; heldBy?: string; person?: Omit<PersonInput, "family" | "kind"> } = {},
) {
  const { service, area, family, holder } = await familyInService(prisma, { service: options.service, heldBy: options.heldBy });
  const person = await createPerson(prisma, { ...options.person, family, kind: "ADULT_SURVIVOR" });
  return { service, area, family, holder, person };
}

/**
 * `survivorInService` and an adult survivor advocate (a random display name) in the same service,
 * returned as `worker`; with `allocated`, the advocate is the survivor's worker.
 */
export async function survivorWithWorker(prisma: Db, options: Parameters<typeof survivorInService>[1] & { allocated?: boolean } = {}) {
  const world = await survivorInService(prisma, options);
  const worker = await workerIn(prisma, world.service.id, "ADULT_SURVIVOR_ADVOCATE");
  if (options.allocated) await allocate(prisma, { personId: world.person.id, staffId: worker.id });
  return { ...world, worker };
}

/**
 * The casework team most casework tests share, in one service: two case managers ("Casey Holder",
 * who holds the family under test, and "Jordan Elsewhere", who does not) and a worker of each
 * specialism ("Dana Advocate" for adult survivors, "Quinn Changeworker" for people using harmful
 * behaviour, "Robin Kidsworker" for children).
 */
export async function caseworkTeam(prisma: Db, serviceId: string) {
  return {
    holder: await createStaff(prisma, { serviceId, role: "CASE_MANAGER", displayName: "Casey Holder" }),
    otherHolder: await createStaff(prisma, { serviceId, role: "CASE_MANAGER", displayName: "Jordan Elsewhere" }),
    advocate: await createStaff(prisma, { serviceId, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", displayName: "Dana Advocate" }),
    bcw: await createStaff(prisma, { serviceId, role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER", displayName: "Quinn Changeworker" }),
    childWorker: await createStaff(prisma, { serviceId, role: "WORKER", specialism: "CHILDRENS_CASEWORKER", displayName: "Robin Kidsworker" }),
  };
}

/**
 * A worker's weekly availability for the booking tests, whose weeks are in March 2027: Tuesdays
 * 09:00–13:00 in the service's zone, hour-long sessions in person at `venueId`, from 1 January 2027.
 */
export async function tuesdayMornings(prisma: Db, staffId: string, venueId: string) {
  return prisma.availabilityRule.create({
    data: { staffId, weekday: 2, startMinute: 540, endMinute: 780, sessionMinutes: 60, mode: "IN_PERSON", venueId, validFrom: dateColumn("2027-01-01") },
  });
}

export type Persona = "signed-out" | "survivor" | "harmful-behaviour" | "young-person" | "worker" | "case-manager" | "manager" | "admin";
export const PERSONAS: Persona[] = ["signed-out", "survivor", "harmful-behaviour", "young-person", "worker", "case-manager", "manager", "admin"];

/** A survivor, a person using harmful behaviour and a child of ten, in one family. */
export type FamilyOfThree = { survivor: Person; harmful: Person; child: Person };

export type TwoFamilies = {
  own: FamilyOfThree;
  other: FamilyOfThree;
  staff: Record<"worker" | "case-manager" | "manager" | "admin", StaffMember>;
  /** A check-in assigned to each survivor, and a response each survivor sent. */
  assignments: Record<"own" | "other", string>;
  responses: Record<"own" | "other", string>;
  /** An appointment of each survivor, with their own worker, three days ahead. */
  appointments: Record<"own" | "other", string>;
  /** Each survivor's conversation with their own worker, holding one message from each side. */
  threads: Record<"own" | "other", string>;
  /** A member of staff of a second service, whom this service's admin must not reach. */
  otherServiceStaffId: string;
  /** A signed-in session cookie ("name=value") for each persona; null when signed out. */
  cookies: Record<Persona, string | null>;
};

/**
 * The world of the authorization matrix (tests/access/): one service with staff of every role,
 * and two families of three. The "own" family is held by the case manager and its survivor is
 * allocated to the worker; the "other" family is held by nobody and its survivor has another
 * worker. Every persona has a session that has just proved it is them ("Confirm it's you" is
 * tested in app/auth/step-up.server.test.ts), so a test sees only who may reach what.
 */
export async function twoFamilies(prisma: Db): Promise<TwoFamilies> {
  const { service, area } = await serviceWithArea(prisma);
  const worker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  // The case manager's team covers the area, so the outcome report shows them that area.
  const team = await createTeam(prisma, { serviceId: service.id, areaId: area.id });
  const caseManager = await createStaff(prisma, { serviceId: service.id, role: "CASE_MANAGER", teamId: team.id });
  const manager = await createStaff(prisma, { serviceId: service.id, role: "MANAGER" });
  const admin = await createStaff(prisma, { serviceId: service.id, role: "ADMIN" });
  const otherWorker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const family = async (caseManagerId: string | null): Promise<FamilyOfThree> => {
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
  const checkIn = async (personId: string) =>
    (await createAssignment(prisma, { personId, definitionKey: "adult-checkin", dueAt: new Date(Date.now() + 86_400_000) })).id;
  const sent = async (personId: string) =>
    (
      await createResponse(prisma, {
        person: { id: personId },
        definitionKey: "adult-checkin",
        submittedAt: new Date(),
        answers: { "safe-at-home-now": "yes", "feel-well": 6 },
      })
    ).response.id;
  const conversation = async (personId: string, staffId: string) => {
    const thread = await prisma.messageThread.create({ data: { personId, staffId } });
    await createMessage(prisma, { threadId: thread.id, author: { staffId }, text: "Checking in before Thursday" });
    await createMessage(prisma, { threadId: thread.id, author: { personId }, text: "Thursday is fine" });
    return thread.id;
  };
  const otherService = await createService(prisma);
  const otherServiceStaff = await createStaff(prisma, { serviceId: otherService.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
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
    threads: { own: await conversation(own.survivor.id, worker.id), other: await conversation(other.survivor.id, otherWorker.id) },
    otherServiceStaffId: otherServiceStaff.id,
    cookies: {
      "signed-out": null,
      survivor: await sessionCookie({ personId: own.survivor.id }),
      "harmful-behaviour": await sessionCookie({ personId: own.harmful.id }),
      "young-person": await sessionCookie({ personId: own.child.id }),
      worker: await sessionCookie({ staffId: worker.id }),
      "case-manager": await sessionCookie({ staffId: caseManager.id }),
      manager: await sessionCookie({ staffId: manager.id }),
      admin: await sessionCookie({ staffId: admin.id }),
    },
  };
}

/** A real session for a person or member of staff, signed in just now and proven: the cookie's "name=value". */
export async function sessionCookie(principal: { personId: string } | { staffId: string }): Promise<string | null> {
  return (await handleNewSession(new Request("http://localhost/"), principal, "pin", { proven: true })).split(";")[0] ?? null;
}
