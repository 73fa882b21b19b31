import { expect } from "vitest";
import type { PersonViewer, StaffViewer } from "../../app/auth/session.server";
import type { Person, StaffMember } from "../../app/generated/prisma/client";
import { DEFAULT_TIME_ZONE } from "../../app/time/zone";

/**
 * The signed-in viewer a domain function receives, built from a created row, for tests that call
 * domain code directly rather than through a route with a session cookie.
 */
export function staffViewer(staff: StaffMember, timeZone: string = DEFAULT_TIME_ZONE): StaffViewer {
  return {
    type: "staff",
    sessionId: "s",
    staff: { id: staff.id, serviceId: staff.serviceId, role: staff.role, specialism: staff.specialism, displayName: staff.displayName, timeZone },
  };
}

/** `timeZone`: the service's zone (a test service that sets none uses the default). */
export function personViewer(person: Person, timeZone: string = DEFAULT_TIME_ZONE): PersonViewer {
  return {
    type: "person",
    sessionId: "s",
    person: {
      id: person.id,
      kind: person.kind,
      familyId: person.familyId,
      serviceId: person.serviceId,
      firstName: person.firstName,
      dateOfBirth: person.dateOfBirth,
      pageTitle: person.pageTitle,
      safetyIntroSeenAt: person.safetyIntroSeenAt,
      idleLockMinutes: 10,
      timeZone,
    },
  };
}

/** The call is refused as not found: a thrown 404 Response, never a 403 that admits the record exists. */
export async function expectNotFound(call: Promise<unknown>) {
  const thrown = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(thrown instanceof Response)) throw new Error(`Expected a thrown 404 Response, got ${String(thrown)}`);
  expect(thrown.status).toBe(404);
}

/**
 * The status of the Response a call throws (a 404, a 409…), or "no throw" when it returns;
 * anything else it throws is thrown on, so a real fault is not read as a refusal.
 */
export async function thrownStatus(work: () => Promise<unknown>): Promise<number | "no throw"> {
  try {
    await work();
    return "no throw";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}
