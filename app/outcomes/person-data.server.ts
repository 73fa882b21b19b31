import type { RegisterPart } from "~/person-data/rules";

/**
 * The outcome report's part of the person-data register (app/person-data/register.server.ts).
 * "OutcomeAnswers" is a copy, kept by the database's own triggers (decision 038), of the structured
 * answers on a person's first intake and last exit form: every rule follows from that.
 */
export const outcomeData = {
  OutcomeAnswers: {
    holds: { by: "person", columns: { personId: "the person whose intake and exit answers it gathers" } },
    merge: {
      action: "keep",
      note: "Kept by the database: moving the duplicate's responses refreshes both records' rows in the merge's transaction (the duplicate's is left empty).",
    },
    retention: {
      action: "keep",
      note: "Structured answers only, no free text: de-identified outcome data, like the answers it copies (decision 030).",
    },
    subjectAccess: { action: "leave-out", note: "A copy of answers the export already gives under questionnaires." },
    timeline: { action: "hide", note: "A copy of answers shown with their questionnaire." },
  },
} satisfies RegisterPart<"OutcomeAnswers">;
