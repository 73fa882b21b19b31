import { clearColumns, deletePersonRows, movePersonRows, type RegisterPart } from "~/person-data/rules";

/**
 * Casework's part of the person-data register (app/person-data/register.server.ts): the family, the
 * person, how to contact them, their workers, risk, notes and alerts.
 */
export const caseworkData = {
  Family: {
    holds: "nothing",
    note:
      "The case, shared by everyone in it: a reference, an area, a referral source and dates. A person's rows point at it, not it at them; " +
      "merging closes the duplicate's family once no one in it is still open (mergeDuplicate), and nothing from it enters one person's export.",
  },
  Person: {
    holds: {
      by: "person",
      columns: {
        id: "the person themself",
        mergedIntoId: "on a merged duplicate, the record it was merged into (decision 019)",
      },
    },
    merge: {
      action: "keep",
      note: "The duplicate's row stays, de-identified, with mergedIntoId pointing at the record kept: the append-only audit log still names it. mergeDuplicate does this after every table has moved.",
    },
    retention: {
      action: "de-identify",
      note: "The row stays (answers, risk levels and allocations point at it; the audit log names it) with the name, date of birth, page title and first-visit mark overwritten; kind, family, demographics, consent and dates are the outcome data and stay.",
    },
    subjectAccess: {
      action: "include",
      section: "person",
      fields: {
        firstName: "Name",
        lastName: "Name",
        kind: "Supported as",
        dateOfBirth: "Date of birth",
        gender: "Gender",
        sexualOrientation: "Sexual orientation",
        ethnicityGroup: "Ethnic group",
        disability: "Disability",
        employment: "Employment",
        referralSource: "Referred by",
        consentMonitoring: "Agreed to answers being used for monitoring",
        consentRecordedAt: "Agreed to answers being used for monitoring",
        involvementStartedAt: "Support started",
        involvementEndedAt: "Support ended",
        closureReason: "Why support ended",
        pageTitle: "Page title you chose",
      },
    },
    timeline: { action: "show", kinds: ["closure"] },
  },
  SafeContactPreference: {
    holds: { by: "person", columns: { personId: "the person to contact" } },
    merge: {
      action: "de-duplicate",
      note: "One per person: the record kept keeps its own when it has one, and the duplicate's is removed; otherwise the duplicate's moves.",
      run: async (tx, { keepId, duplicateId }) => {
        const [kept, duplicate] = await Promise.all([
          tx.safeContactPreference.findUnique({ where: { personId: keepId }, select: { id: true } }),
          tx.safeContactPreference.findUnique({ where: { personId: duplicateId }, select: { id: true } }),
        ]);
        if (!duplicate) return;
        if (kept) await tx.safeContactPreference.delete({ where: { personId: duplicateId } });
        else await tx.safeContactPreference.update({ where: { personId: duplicateId }, data: { personId: keepId } });
      },
    },
    retention: {
      action: "delete",
      countAs: "safeContactPreferences",
      rows: deletePersonRows((c) => c.safeContactPreference),
    },
    subjectAccess: {
      action: "include",
      section: "safeContact",
      fields: { safeTimesCipher: "Safe times", safeChannels: "Ways to contact you", doNotContactBy: "Never contact you by", codeWordCipher: "Code word" },
      review: "when the safe times or the code word mention a family member or a relationship word",
    },
    timeline: { action: "hide", note: "A setting, shown in its own panel of the record, not an event." },
  },
  Allocation: {
    holds: { by: "person", columns: { personId: "the person the worker supports" } },
    merge: {
      action: "de-duplicate",
      note: "One open allocation per worker: where both records have the same worker open, the duplicate's is ended (kept as history) before it moves.",
      run: async (tx, { keepId, duplicateId, now }) => {
        const keptWorkers = (await tx.allocation.findMany({ where: { personId: keepId, endedAt: null }, select: { staffId: true } })).map((a) => a.staffId);
        await tx.allocation.updateMany({ where: { personId: duplicateId, endedAt: null, staffId: { in: keptWorkers } }, data: { endedAt: now } });
        await tx.allocation.updateMany({ where: { personId: duplicateId }, data: { personId: keepId } });
      },
    },
    retention: {
      action: "clear",
      countAs: "allocations",
      columns: ["sameWorkerReasonCipher", "keyId"],
      // A key id without text is cleared too: rotation looks for rows by key id.
      rows: clearColumns(
        (c) => c.allocation,
        (personId) => ({ personId, OR: [{ sameWorkerReasonCipher: { not: null } }, { keyId: { not: null } }] }),
        { sameWorkerReasonCipher: null, keyId: null },
      ),
    },
    subjectAccess: {
      action: "include",
      section: "allocations",
      fields: { staffId: "Worker", startedAt: "From", endedAt: "To", sameWorkerReasonCipher: "Why the same worker supports someone else too" },
      review: "always when there is a same-worker reason: it exists because of another family member",
    },
    timeline: { action: "show", kinds: ["allocation"] },
  },
  RiskAssessment: {
    holds: { by: "person", columns: { personId: "the person assessed" } },
    merge: {
      action: "move",
      run: movePersonRows((tx) => tx.riskAssessment),
    },
    retention: {
      action: "clear",
      countAs: "riskAssessments",
      columns: ["reasonCipher", "keyId"],
      rows: clearColumns(
        (c) => c.riskAssessment,
        (personId) => ({ personId, OR: [{ reasonCipher: { not: null } }, { keyId: { not: null } }] }),
        { reasonCipher: null, keyId: null },
      ),
    },
    subjectAccess: {
      action: "include",
      section: "riskAssessments",
      fields: { assessedAt: "When", level: "Level", stage: "Stage", staffId: "By", reasonCipher: "Reason", reviewDueAt: "Review due" },
      review: "when the reason mentions someone; always for a person using harmful behaviour (safeguarding)",
    },
    timeline: { action: "show", kinds: ["risk"] },
  },
  CaseNote: {
    holds: { by: "person", columns: { personId: "the person the note is about" } },
    merge: { action: "move", run: movePersonRows((tx) => tx.caseNote) },
    retention: {
      action: "delete",
      countAs: "caseNotes",
      rows: deletePersonRows((c) => c.caseNote),
    },
    subjectAccess: {
      action: "include",
      section: "caseNotes",
      fields: { occurredAt: "When", kind: "Kind", authorId: "By", bodyCipher: "Text" },
      review: "when the text mentions a family member or a relationship word",
    },
    timeline: { action: "show", kinds: ["note", "contact", "attempt"] },
  },
  Alert: {
    holds: { by: "person", columns: { personId: "the person whose answer or sign-in raised it" } },
    merge: { action: "move", run: movePersonRows((tx) => tx.alert) },
    retention: {
      action: "delete",
      countAs: "alerts",
      rows: deletePersonRows((c) => c.alert),
    },
    subjectAccess: {
      action: "include",
      section: "alerts",
      fields: { createdAt: "Raised", kind: "What", assignmentId: "Questionnaire", resolvedAt: "Dealt with" },
      review: "always: safeguarding information, whether it may be disclosed is a practitioner's judgement",
    },
    timeline: { action: "show", kinds: ["alert"] },
  },
} satisfies RegisterPart<"Family" | "Person" | "SafeContactPreference" | "Allocation" | "RiskAssessment" | "CaseNote" | "Alert">;
