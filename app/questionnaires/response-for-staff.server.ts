import { requirePersonForStaff } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { openOptional } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { storedAgeBand } from "~/age-bands/age-band";
import { answerFromColumns } from "./answers";
import { publishedDefinition } from "./registry.server";
import { storedScores } from "./scoring";
import { describeAnswer } from "./shown";
import { wordingFor } from "./wording";

/**
 * An answer's columns for showing it in words: the item, its value in whichever column holds it,
 * sealed text with its key, and who answered (a worker's name where a worker did). Shared by the
 * staff view of a response and the subject access export.
 */
export const answerShownSelect = {
  itemKey: true,
  answeredBy: true,
  numberValue: true,
  choiceValues: true,
  dateValue: true,
  textCipher: true,
  keyId: true,
  staff: { select: { displayName: true } },
} satisfies Prisma.AnswerSelect;

/**
 * What a person sent, read by staff in the words the person saw: each section and item in the
 * wording for the age band they answered in, each answer in words, the worker's answers marked
 * with who gave them, and the stored scores. Only the person's allocated worker or the case manager
 * holding their family gets here (audited as "questionnaire.read"); anyone else, and a response
 * that is not this person's, is a 404.
 */
export async function loadResponseForStaff(viewer: StaffViewer, personId: string, responseId: string) {
  const person = await requirePersonForStaff(viewer, personId, { action: "questionnaire.read", reasonCode: "casework" });
  const response = await db().questionnaireResponse.findFirst({
    where: { id: responseId, personId: person.id },
    select: {
      id: true,
      assignmentId: true,
      definitionId: true,
      submittedAt: true,
      workerCompletedAt: true,
      ageBand: true,
      scores: true,
      answers: { select: answerShownSelect },
    },
  });
  if (!response) throw new Response("Not found", { status: 404 });
  const definition = await publishedDefinition(response.definitionId);
  const band = storedAgeBand(response.ageBand);
  const byKey = new Map(response.answers.map((a) => [a.itemKey, a]));
  const sections = definition.data.sections.map((section) => ({
    title: wordingFor(section.title, band),
    items: section.items.map((item) => {
      const row = byKey.get(item.key);
      const value = row ? answerFromColumns(item, { ...row, text: openOptional(row.textCipher, row.keyId, "answer") }) : null;
      return {
        key: item.key,
        respondent: item.respondent,
        label: wordingFor(item.label, band),
        answer: value === null ? null : describeAnswer(item, value, band),
        by: row?.answeredBy === "WORKER" ? (row.staff?.displayName ?? "A worker") : null,
      };
    }),
  }));
  return {
    person: { id: person.id, name: `${person.firstName} ${person.lastName}` },
    title: definition.title,
    version: definition.version,
    assignmentId: response.assignmentId,
    submittedAt: response.submittedAt?.toISOString() ?? null,
    workerCompletedAt: response.workerCompletedAt?.toISOString() ?? null,
    hasWorkerItems: definition.data.sections.some((s) => s.items.some((i) => i.respondent === "worker")),
    band,
    sections,
    scores: storedScores(response.scores, definition.data.scores),
  };
}
