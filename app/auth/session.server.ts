import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import type { PersonKind, SessionEndReason, Specialism, StaffRole } from "~/generated/prisma/client";
import { describeDevice } from "./device";
import { appCookie } from "./cookies.server";

/**
 * Sessions are rows in the database; the cookie holds only the row id, signed. Any app server can
 * check a session, and ending one (sign out, quick exit, "this wasn't me") is a single update.
 */
const cookieName = "sid";

function sessionCookie() {
  return appCookie(cookieName);
}

export type PersonViewer = {
  type: "person";
  sessionId: string;
  person: {
    id: string;
    kind: PersonKind;
    familyId: string;
    serviceId: string;
    firstName: string;
    dateOfBirth: Date | null;
    pageTitle: string;
    safetyIntroSeenAt: Date | null;
    idleLockMinutes: number;
  };
};

export type StaffViewer = {
  type: "staff";
  sessionId: string;
  staff: {
    id: string;
    serviceId: string;
    role: StaffRole;
    specialism: Specialism | null;
    displayName: string;
  };
};

export type Viewer = PersonViewer | StaffViewer;

const LAST_SEEN_RESOLUTION_MS = 60_000;

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in person or staff member, or null. Ends sessions that have run out. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await db().session.findFirst({
    where: { id: sessionId, endedAt: null, lockedAt: null },
    select: {
      id: true,
      lastSeenAt: true,
      expiresAt: true,
      person: {
        select: {
          id: true,
          kind: true,
          familyId: true,
          serviceId: true,
          firstName: true,
          dateOfBirth: true,
          pageTitle: true,
          safetyIntroSeenAt: true,
          anonymisedAt: true,
          service: { select: { idleLockMinutes: true } },
        },
      },
      staff: {
        select: {
          id: true,
          serviceId: true,
          role: true,
          specialism: true,
          displayName: true,
          deactivatedAt: true,
          service: { select: { staffIdleMinutes: true } },
        },
      },
    },
  });
  if (!session) return null;

  const now = new Date();
  const idleMinutes = session.person
    ? session.person.service.idleLockMinutes
    : (session.staff?.service.staffIdleMinutes ?? 0);
  if (session.expiresAt <= now) {
    await db().session.update({ where: { id: session.id }, data: { endedAt: now, endReason: "EXPIRED" } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > idleMinutes * 60_000) {
    // Idle: lock rather than end, so the person can see later that this session existed.
    await db().session.update({ where: { id: session.id }, data: { lockedAt: now } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }

  if (session.person && !session.person.anonymisedAt) {
    const { service, anonymisedAt: _anonymised, ...person } = session.person;
    return { type: "person", sessionId: session.id, person: { ...person, idleLockMinutes: service.idleLockMinutes } };
  }
  if (session.staff && !session.staff.deactivatedAt) {
    const { service: _service, deactivatedAt: _deactivated, ...staff } = session.staff;
    return { type: "staff", sessionId: session.id, staff };
  }
  return null;
}

export async function requirePerson(request: Request): Promise<PersonViewer> {
  const viewer = await getViewer(request);
  if (viewer?.type === "person") return viewer;
  throw redirect("/sign-in");
}

/**
 * A staff member in one of the given roles. Anyone else gets 404, not 403: a 403 would tell a
 * signed-in service user that a staff page exists at this address.
 */
export async function requireStaff(request: Request, roles?: readonly StaffRole[]): Promise<StaffViewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw redirect("/sign-in");
  if (viewer.type !== "staff" || (roles && !roles.includes(viewer.staff.role))) {
    throw new Response("Not found", { status: 404 });
  }
  return viewer;
}

type Principal = { personId: string } | { staffId: string };

/**
 * The one place a session begins, for every way of signing in. Returns the Set-Cookie header;
 * a new id each time, so a cookie planted before sign-in is never promoted.
 */
export async function handleNewSession(request: Request, principal: Principal, method: string) {
  // Each role's absolute lifetime comes from the service's settings.
  const hours =
    "personId" in principal
      ? (
          await db().person.findUniqueOrThrow({
            where: { id: principal.personId },
            select: { service: { select: { absoluteSessionHours: true } } },
          })
        ).service.absoluteSessionHours
      : (
          await db().staffMember.findUniqueOrThrow({
            where: { id: principal.staffId },
            select: { service: { select: { staffSessionHours: true } } },
          })
        ).service.staffSessionHours;
  const session = await db().session.create({
    data: {
      ...principal,
      method,
      deviceKind: describeDevice(request.headers.get("User-Agent")),
      expiresAt: new Date(Date.now() + hours * 3_600_000),
    },
    select: { id: true },
  });
  return sessionCookie().serialize(session.id);
}

/** Ends the current session (if any) and returns a Set-Cookie header that removes the cookie. */
export async function endSession(request: Request, reason: SessionEndReason) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    await db().session.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: reason },
    });
  }
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/**
 * Locks the current session after the idle time passed in the browser: the row stays (the person
 * can see it in their sign-in history) but no longer signs anyone in, and the cookie is removed.
 */
export async function lockSession(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    await db().session.updateMany({ where: { id: sessionId, endedAt: null, lockedAt: null }, data: { lockedAt: new Date() } });
  }
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Whose credentials and sessions these are: the signed-in person or staff member. */
export function principalOf(viewer: Viewer): { personId: string } | { staffId: string } {
  return viewer.type === "person" ? { personId: viewer.person.id } : { staffId: viewer.staff.id };
}
