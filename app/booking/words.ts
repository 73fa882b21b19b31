/**
 * How booking words a session's mode to people and staff (client-safe).
 */
export const modeWords = { IN_PERSON: "in person", PHONE: "by phone", VIDEO: "by video" } as const;

export const modeLabel = { IN_PERSON: "In person", PHONE: "Phone", VIDEO: "Video" } as const;

export const statusWords = { BOOKED: "Booked", ATTENDED: "Attended", MISSED: "Missed", CANCELLED: "Cancelled" } as const;

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export const exceptionKindLabel = { LEAVE: "Leave", BANK_HOLIDAY: "Bank holiday", OTHER: "Not available" } as const;

// What booking tells people (one place, so the tests and the pages say the same).

/** What the loser of a race, and anyone choosing a time no longer free, is told. */
export const TAKEN = "That time has just been taken.";
export const NOT_OFFERED = "That time is no longer offered.";
export const YOURS = "You already have an appointment at that time.";
/** A worker booking for someone, refused by the family rule: a plain reason naming no one. */
export const FAMILY_RULE_FOR_STAFF =
  "That time cannot be booked for this person: the service's rule on keeping family members apart applies. Choose another time or another venue.";
/** Why a session could not be had (sessions.server.ts `whyNot`). */
export type SessionRefusal = "not-offered" | "taken" | "yours" | "family";

/**
 * What each reader is told for each refusal. The person never learns of the family rule: to them a
 * session it withholds reads as taken, like any other. Staff booking on someone's behalf get a plain
 * reason that names no one.
 */
export const REFUSAL_WORDS: Record<"person" | "staff", Record<SessionRefusal, string>> = {
  person: { "not-offered": NOT_OFFERED, taken: TAKEN, yours: YOURS, family: TAKEN },
  staff: { "not-offered": NOT_OFFERED, taken: TAKEN, yours: "This person already has an appointment at that time.", family: FAMILY_RULE_FOR_STAFF },
};
export const TOO_LATE_TO_CANCEL = "It is too close to the time to cancel here. Please contact your worker.";
export const WORKER_BOOKS = "Your worker books your sessions with you.";
