import { clearColumns, deletePersonRows, movePersonRows, type RegisterPart } from "~/person-data/rules";

/**
 * Questionnaires' part of the person-data register (app/person-data/register.server.ts): what is
 * given to a person, what they saved and sent, and their goals.
 */
export const questionnaireData = {
  QuestionnaireDefinition: { holds: "nothing", note: "A published questionnaire: reference data shared by every person it is given to." },
  ServiceQuestionnaire: { holds: "nothing", note: "Which questionnaires a service has switched on." },
  QuestionnaireRule: { holds: "nothing", note: "When a service assigns a questionnaire to a kind of person; the assignments it makes are the person's." },
  QuestionnaireAssignment: {
    holds: { by: "person", columns: { personId: "the person asked to answer" } },
    merge: {
      action: "move",
      note: "A recurring occurrence is unique per person and both records may hold the same one, so moved assignments drop their occurrence number (the schedule goes by dates).",
      run: (tx, { keepId, duplicateId }) =>
        tx.questionnaireAssignment.updateMany({ where: { personId: duplicateId }, data: { personId: keepId, occurrence: null } }),
    },
    retention: { action: "keep", note: "Which questionnaire was given when: the skeleton of the de-identified outcome data." },
    subjectAccess: {
      action: "include",
      section: "questionnaires",
      fields: { definitionId: "Questionnaire", stage: "Stage", dueAt: "Due", status: "Status" },
    },
    timeline: { action: "hide", note: "What is due is shown in its own panel; the timeline shows questionnaires once answered." },
  },
  QuestionnaireDraft: {
    holds: { by: "person", columns: { personId: "the person answering (denormalised from the assignment)" } },
    merge: {
      action: "move",
      run: movePersonRows((tx) => tx.questionnaireDraft),
    },
    retention: {
      action: "delete",
      countAs: "questionnaireDrafts",
      rows: deletePersonRows((c) => c.questionnaireDraft),
    },
    subjectAccess: {
      action: "leave-out",
      note: "Answers saved but not yet sent belong to the person, who may still change or discard them; staff never read them and the person sees them when they sign in.",
    },
    timeline: { action: "hide", note: "Staff never read a draft." },
  },
  QuestionnaireResponse: {
    holds: { by: "person", columns: { personId: "the person who answered (or for whom the worker's part was recorded)" } },
    merge: {
      action: "move",
      run: movePersonRows((tx) => tx.questionnaireResponse),
    },
    retention: { action: "keep", note: "De-identified outcome data: reports count responses and their scores." },
    subjectAccess: {
      action: "include",
      section: "questionnaires",
      fields: { definitionId: "Questionnaire", stage: "Stage", submittedAt: "Sent", workerCompletedAt: "Worker's part completed", scores: "Scores" },
    },
    timeline: { action: "show", kinds: ["questionnaire"] },
  },
  Answer: {
    holds: { by: "parent", parent: "QuestionnaireResponse", column: "responseId" },
    merge: { action: "keep", note: "Answers stay on their response, which moves." },
    retention: {
      action: "clear",
      countAs: "answers",
      columns: ["textCipher", "keyId"],
      rows: clearColumns(
        (c) => c.answer,
        (personId) => ({ response: { personId }, OR: [{ textCipher: { not: null } }, { keyId: { not: null } }] }),
        { textCipher: null, keyId: null },
      ),
    },
    subjectAccess: {
      action: "include",
      section: "questionnaires",
      fields: {
        itemKey: "Question",
        numberValue: "Answer",
        choiceValues: "Answer",
        dateValue: "Answer",
        textCipher: "Answer",
        answeredBy: "Answered by",
        staffId: "Answered by",
      },
      review: "when a written answer mentions a family member or a relationship word",
    },
    timeline: { action: "hide", note: "Shown with their questionnaire, behind its link." },
  },
  Goal: {
    holds: { by: "person", columns: { personId: "the person working towards it" } },
    merge: { action: "move", run: movePersonRows((tx) => tx.goal) },
    // The goal stays as outcome data (its ratings are what goal-based outcomes count); its words go.
    retention: {
      action: "clear",
      countAs: "goals",
      columns: ["titleCipher", "keyId"],
      rows: clearColumns(
        (c) => c.goal,
        (personId) => ({ personId, OR: [{ titleCipher: { not: null } }, { keyId: { not: null } }] }),
        { titleCipher: null, keyId: null },
      ),
    },
    subjectAccess: {
      action: "include",
      section: "goals",
      fields: { titleCipher: "Goal", createdAt: "Goal set", closedAt: "Closed" },
      review: "when the title mentions a family member or a relationship word",
    },
    timeline: { action: "hide", note: "Goals are drawn as a chart on the record, not listed as events." },
  },
  GoalRating: {
    holds: { by: "parent", parent: "Goal", column: "goalId" },
    merge: { action: "keep", note: "Ratings stay on their goal, which moves." },
    retention: { action: "keep", note: "A score, a date and who rated it: de-identified outcome data, kept with its goal." },
    subjectAccess: { action: "include", section: "goals", fields: { ratedAt: "When", score: "Score (0–10)", ratedBy: "Rated by" } },
    timeline: { action: "hide", note: "Drawn in the goals chart." },
  },
} satisfies RegisterPart<
  | "QuestionnaireDefinition"
  | "ServiceQuestionnaire"
  | "QuestionnaireRule"
  | "QuestionnaireAssignment"
  | "QuestionnaireDraft"
  | "QuestionnaireResponse"
  | "Answer"
  | "Goal"
  | "GoalRating"
>;
