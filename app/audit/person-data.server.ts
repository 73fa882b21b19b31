import type { RegisterPart } from "~/person-data/rules";

/** The audit log's part of the person-data register (app/person-data/register.server.ts). */
export const auditData = {
  AuditEvent: {
    holds: {
      by: "person",
      columns: {
        subjectPersonId: "the person whose record was read or changed",
        actorPersonId: "the person who acted (signing in, their own changes)",
      },
    },
    merge: {
      action: "keep",
      note: "Append-only (a trigger refuses UPDATE and DELETE): events keep the duplicate's id, and the export of the record kept includes them (decision 019).",
    },
    retention: { action: "keep", note: "Append-only and holds ids and codes only, never names or free text; the run adds one person.anonymise event." },
    subjectAccess: {
      action: "include",
      section: "accessLog",
      fields: { at: "When", actorStaffId: "Who", actorPersonId: "Who", action: "What", reasonCode: "Why" },
      review: "an event done by another person's account (none is written today) is never named and always reviewed",
    },
    timeline: { action: "hide", note: "Who looked at the record is the audit view's, not the casework timeline's." },
  },
} satisfies RegisterPart<"AuditEvent">;
