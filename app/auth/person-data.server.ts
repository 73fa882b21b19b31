import { deletePersonRows, type RegisterPart } from "~/person-data/rules";

/**
 * Accounts' part of the person-data register (app/person-data/register.server.ts): the ways a
 * person signs in, and their sign-ins. A passkey, code or session belongs to a person or to a
 * staff member (a CHECK constraint); only the person's side is theirs.
 */
export const accountData = {
  Passkey: {
    holds: { by: "person", columns: { personId: "the person who signs in with it (null for a staff member's)" } },
    merge: {
      action: "remove",
      note: "The person signs in as the record kept: the duplicate's passkeys go.",
      run: (tx, { duplicateId }) => tx.passkey.deleteMany({ where: { personId: duplicateId } }),
    },
    retention: {
      action: "delete",
      countAs: "passkeys",
      rows: deletePersonRows((c) => c.passkey),
    },
    subjectAccess: {
      action: "leave-out",
      note: "Only values that cannot be turned back into the secret are held; the person sees and removes their passkeys on their account page.",
    },
    timeline: { action: "hide", note: "A way to sign in, not casework." },
  },
  PinCredential: {
    holds: { by: "person", columns: { personId: "the person who signs in with it" } },
    merge: {
      action: "remove",
      note: "The person signs in as the record kept: the duplicate's PIN goes.",
      run: (tx, { duplicateId }) => tx.pinCredential.deleteMany({ where: { personId: duplicateId } }),
    },
    retention: {
      action: "delete",
      countAs: "pinCredentials",
      rows: deletePersonRows((c) => c.pinCredential),
    },
    subjectAccess: { action: "leave-out", note: "Only a one-way hash of the PIN and a made-up sign-in name are held." },
    timeline: { action: "hide", note: "A way to sign in, not casework." },
  },
  EnrolmentCode: {
    holds: { by: "person", columns: { personId: "the person the code enrols (null for a staff member's)" } },
    merge: {
      action: "end",
      note: "Codes not yet used are revoked; used and revoked ones stay on the duplicate as history.",
      run: (tx, { duplicateId, now }) =>
        tx.enrolmentCode.updateMany({ where: { personId: duplicateId, usedAt: null, revokedAt: null }, data: { revokedAt: now } }),
    },
    retention: {
      action: "delete",
      countAs: "enrolmentCodes",
      rows: deletePersonRows((c) => c.enrolmentCode),
    },
    subjectAccess: { action: "leave-out", note: "Only a hash of a single-use code is held; the code was shown once, to the worker who issued it." },
    timeline: { action: "hide", note: "A way to sign in, not casework." },
  },
  Session: {
    holds: { by: "person", columns: { personId: "the person signed in (null for a staff member's)" } },
    merge: {
      action: "end",
      note: "The duplicate's open sessions end (as after a new enrolment code); the rows stay as its sign-in history.",
      run: (tx, { duplicateId, now }) =>
        tx.session.updateMany({ where: { personId: duplicateId, endedAt: null }, data: { endedAt: now, endReason: "NEW_ENROLMENT" } }),
    },
    retention: {
      action: "delete",
      countAs: "sessions",
      rows: deletePersonRows((c) => c.session),
    },
    subjectAccess: {
      action: "include",
      section: "signIns",
      fields: { createdAt: "When", deviceKind: "Device", method: "How", lastSeenAt: "Last active", lockedAt: "Locked", endedAt: "Ended", endReason: "Ended" },
    },
    timeline: { action: "hide", note: "Sign-ins are the person's own account history; staff see them as alerts when the person says one was not them." },
  },
  RateLimit: {
    holds: "nothing",
    note:
      'Failure counters keyed by a hashed client address or an account id ("pin:person:<id>"), with counts and times only: they say nothing about ' +
      "who the person is, and they clear on success or when their window passes.",
  },
} satisfies RegisterPart<"Passkey" | "PinCredential" | "EnrolmentCode" | "Session" | "RateLimit">;
