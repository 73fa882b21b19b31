import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { z } from "zod";
import type { SessionEndReason } from "~/generated/prisma/client";
import { PersonKind, Specialism, StaffRole } from "~/generated/prisma/enums";
import { describeDevice } from "./device";
import { appCookie } from "./cookies.server";
import { zoneOrDefault } from "~/time/service-zone.server";
import { newSecretId } from "./secret-id.server";

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
    /** The service's IANA time zone (app/time): every calendar day this person sees is a day in it. */
    timeZone: string;
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
    /** The service's IANA time zone (app/time). */
    timeZone: string;
  };
};

export type Viewer = PersonViewer | StaffViewer;

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** The session id the signed cookie carries, or null; reads no database. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * A session with whoever it belongs to, in one statement: it runs on every request (often twice,
 * for a layout and its page), so one round trip instead of the five separate queries Prisma would
 * send for the relations.
 */
const sessionRow = z.object({
  id: z.string(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  personId: z.string().nullable(),
  personKind: z.enum(PersonKind).nullable(),
  familyId: z.string().nullable(),
  personServiceId: z.string().nullable(),
  firstName: z.string().nullable(),
  dateOfBirth: z.date().nullable(),
  pageTitle: z.string().nullable(),
  safetyIntroSeenAt: z.date().nullable(),
  anonymisedAt: z.date().nullable(),
  idleLockMinutes: z.number().nullable(),
  staffId: z.string().nullable(),
  staffServiceId: z.string().nullable(),
  role: z.enum(StaffRole).nullable(),
  specialism: z.enum(Specialism).nullable(),
  displayName: z.string().nullable(),
  deactivatedAt: z.date().nullable(),
  staffIdleMinutes: z.number().nullable(),
  personTimeZone: z.string().nullable(),
  staffTimeZone: z.string().nullable(),
});

async function findOpenSession(sessionId: string) {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT s."id", s."lastSeenAt", s."expiresAt",
           p."id" AS "personId", p."kind" AS "personKind", p."familyId", p."serviceId" AS "personServiceId",
           p."firstName", p."dateOfBirth", p."pageTitle", p."safetyIntroSeenAt", p."anonymisedAt",
           ps."idleLockMinutes", ps."timeZone" AS "personTimeZone",
           st."id" AS "staffId", st."serviceId" AS "staffServiceId", st."role", st."specialism",
           st."displayName", st."deactivatedAt", ss."staffIdleMinutes",
           ss."timeZone" AS "staffTimeZone"
      FROM "Session" s
      LEFT JOIN "Person" p ON p."id" = s."personId"
      LEFT JOIN "Service" ps ON ps."id" = p."serviceId"
      LEFT JOIN "StaffMember" st ON st."id" = s."staffId"
      LEFT JOIN "Service" ss ON ss."id" = st."serviceId"
     WHERE s."id" = ${sessionId} AND s."endedAt" IS NULL AND s."lockedAt" IS NULL`;
  return rows.length > 0 ? sessionRow.parse(rows[0]) : null;
}

/** The signed-in person or staff member, or null. Ends sessions that have run out. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await findOpenSession(sessionId);
  if (!session) return null;

  const now = new Date();
  const idleMinutes = session.personId ? (session.idleLockMinutes ?? 0) : (session.staffIdleMinutes ?? 0);
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

  if (session.personId && session.personKind && session.familyId && session.personServiceId && session.firstName !== null && !session.anonymisedAt) {
    return {
      type: "person",
      sessionId: session.id,
      person: {
        id: session.personId,
        kind: session.personKind,
        familyId: session.familyId,
        serviceId: session.personServiceId,
        firstName: session.firstName,
        dateOfBirth: session.dateOfBirth,
        pageTitle: session.pageTitle ?? "Appointments",
        safetyIntroSeenAt: session.safetyIntroSeenAt,
        idleLockMinutes: session.idleLockMinutes ?? 0,
        timeZone: zoneOrDefault(session.personTimeZone),
      },
    };
  }
  if (session.staffId && session.staffServiceId && session.role && session.displayName !== null && !session.deactivatedAt) {
    return {
      type: "staff",
      sessionId: session.id,
      staff: {
        id: session.staffId,
        serviceId: session.staffServiceId,
        role: session.role,
        specialism: session.specialism,
        displayName: session.displayName,
        timeZone: zoneOrDefault(session.staffTimeZone),
      },
    };
  }
  return null;
}

/**
 * Where a page of the portal sends someone it is not for: a visitor not signed in gets the
 * neutral cover page at the site's root (never the sign-in page, which would tell whoever holds
 * the phone what was open: only the service's own sign-in path shows it, decision 032), and a
 * member of staff their console.
 */
export const COVER_PAGE = "/";

export async function requirePerson(request: Request): Promise<PersonViewer> {
  const viewer = await getViewer(request);
  if (viewer?.type === "person") return viewer;
  throw redirect(viewer ? "/staff" : COVER_PAGE);
}

/**
 * A staff member in one of the given roles. Anyone else gets 404, not 403: a 403 would tell a
 * signed-in service user that a staff page exists at this address.
 */
export async function requireStaff(request: Request, roles?: readonly StaffRole[]): Promise<StaffViewer> {
  const viewer = await getViewer(request);
  if (!viewer) throw redirect(COVER_PAGE);
  if (viewer.type !== "staff" || (roles && !roles.includes(viewer.staff.role))) {
    throw new Response("Not found", { status: 404 });
  }
  return viewer;
}

type Principal = { personId: string } | { staffId: string };

/**
 * The one place a session begins, for every way of signing in. Returns the Set-Cookie header;
 * a new id each time, so a cookie planted before sign-in is never promoted.
 * `proven`: the sign-in itself checked a PIN or a passkey (not a code), so for the next few
 * minutes the person need not confirm again (app/auth/step-up.server.ts).
 */
export async function handleNewSession(request: Request, principal: Principal, method: string, options: { proven?: boolean } = {}) {
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
      // The id is the bearer secret the cookie carries: 256 random bits, not a guessable cuid.
      id: newSecretId(),
      ...principal,
      method,
      deviceKind: describeDevice(request.headers.get("User-Agent")),
      expiresAt: new Date(Date.now() + hours * 3_600_000),
      reauthenticatedAt: options.proven ? new Date() : null,
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
  return expiredSessionCookie();
}

/** A `Set-Cookie` value that removes the session cookie; needs no database. */
export function expiredSessionCookie(): Promise<string> {
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
