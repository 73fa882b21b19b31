import { auditChange, findPersonForStaff, requirePersonForStaff } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { openOptional, seal } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import { answerColumns, answerFromColumns, checkAnswer, missingRequired, pagesFor, shownAnswers, storedAnswerSet, type AnswerSet } from "./answers";
import { lockAssignment } from "./assignments.server";
import { shownItem } from "./shown";
import { publishedDefinition } from "./registry.server";
import { scoreAnswers } from "./scoring";
import { STALE_MESSAGE } from "~/forms/stale";

/**
 * The worker's own items on a questionnaire's record (an exit form's caseworker assessment, a
 * child's witnessing of abuse), saved beside the person's answers. Only the person's allocated
 * worker or the case manager holding their family gets here; anyone else, and any record not this
 * person's, is a 404. Reading what the person sent is ./response-for-staff.server.ts.
 */
export async function loadWorkerPart(viewer: StaffViewer, personId: string, assignmentId: string) {
  const person = await requirePersonForStaff(viewer, personId, { action: "questionnaire.worker-part.read", reasonCode: "casework" });
  const assignment = await db().questionnaireAssignment.findFirst({
    where: { id: assignmentId, personId: person.id },
    select: {
      id: true,
      status: true,
      definitionId: true,
      workerVersion: true,
      response: {
        select: {
          id: true,
          workerCompletedAt: true,
          answers: {
            where: { answeredBy: "WORKER" },
            select: { itemKey: true, numberValue: true, choiceValues: true, dateValue: true, textCipher: true, keyId: true },
          },
        },
      },
    },
  });
  if (!assignment) throw new Response("Not found", { status: 404 });
  const definition = await publishedDefinition(assignment.definitionId);
  const items = pagesFor(definition.data, "worker", null).flatMap((s) => s.items);
  const answers: AnswerSet = {};
  for (const row of assignment.response?.answers ?? []) {
    const value = answerFromColumns(definition.items.get(row.itemKey), { ...row, text: openOptional(row.textCipher, row.keyId, "answer") });
    if (value !== null) answers[row.itemKey] = value;
  }
  return {
    person: { id: person.id, name: `${person.firstName} ${person.lastName}` },
    title: definition.title,
    assignmentStatus: assignment.status,
    responseId: assignment.response?.id ?? null,
    completedAt: assignment.response?.workerCompletedAt?.toISOString() ?? null,
    /** The version of the worker's answers this page is drawn from (docs/decisions/024-stale-writes-refused.md). */
    version: assignment.workerVersion,
    items: items.map((item) => shownItem(item, null)),
    answers,
  };
}

export type WorkerSaveResult =
  | { ok: true; completed: boolean }
  /** Refused; `version` is set when the answers were saved all the same (completing with some missing). */
  | { ok: false; errors: Record<string, string>; status: number; version?: number }
  /** Another save of the worker's part came after this page was drawn: nothing was written. */
  | { ok: false; stale: true; errors: Record<string, string>; status: 409; version: number };

/**
 * Saves the worker's items on the record (creating the record if the person has not sent their
 * part). A malformed answer or a field that is not one of the worker's items writes nothing.
 * "Complete" also asks for every required item and dates the worker's part.
 * `options.version` is the version of the worker's answers the page was drawn from; a page drawn
 * before another save is refused (409) and writes nothing (docs/decisions/024-stale-writes-refused.md).
 */
export async function saveWorkerPart(
  viewer: StaffViewer,
  personId: string,
  assignmentId: string,
  form: Record<string, string | string[]>,
  options: { complete: boolean; now?: Date; version?: number },
): Promise<WorkerSaveResult> {
  const now = options.now ?? new Date();
  // Audited once, with the change, below.
  const person = await findPersonForStaff(viewer, personId);
  return db().$transaction(async (tx) => {
    // The same lock as the person's saving and sending: the two parts are written one at a time.
    if (!(await lockAssignment(tx, assignmentId, person.id))) throw new Response("Not found", { status: 404 });
    const assignment = await tx.questionnaireAssignment.findFirst({
      where: { id: assignmentId, personId: person.id },
      select: { id: true, status: true, definitionId: true, stage: true },
    });
    if (!assignment) throw new Response("Not found", { status: 404 });
    if (assignment.status === "CLOSED")
      return { ok: false, errors: { form: "This questionnaire was withdrawn: assign it again to record your part." }, status: 409 };
    const definition = await publishedDefinition(assignment.definitionId, tx);
    const items = pagesFor(definition.data, "worker", null).flatMap((s) => s.items);
    if (items.length === 0) return { ok: false, errors: { form: "This questionnaire has nothing for the worker to fill in." }, status: 400 };
    const errors: Record<string, string> = {};
    for (const key of Object.keys(form)) {
      if (key !== "intent" && key !== "version" && !items.some((i) => i.key === key)) errors[key] = "This is not one of the worker's questions.";
    }
    const given: AnswerSet = {};
    for (const item of items) {
      const checked = checkAnswer(item, form[item.key]);
      if (!checked.ok) errors[item.key] = checked.error;
      else if (checked.value !== null) given[item.key] = checked.value;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, status: 400 };
    const kept = shownAnswers(definition.data, { respondent: "worker", band: null, answers: given });
    const missing = options.complete ? missingRequired(items, { respondent: "worker", band: null, answers: kept }) : {};
    const completing = options.complete && Object.keys(missing).length === 0;
    // The first write, and the versioned one: a page drawn before another save matches nothing.
    const { count } = await tx.questionnaireAssignment.updateMany({
      where: { id: assignment.id, personId: person.id, ...(options.version === undefined ? {} : { workerVersion: options.version }) },
      data: { workerVersion: { increment: 1 } },
    });
    const current = await tx.questionnaireAssignment.findUniqueOrThrow({ where: { id: assignment.id }, select: { workerVersion: true } });
    if (count === 0) return { ok: false, stale: true, errors: { form: STALE_MESSAGE }, status: 409, version: current.workerVersion };
    const claimed = current.workerVersion;

    const existing = await tx.questionnaireResponse.findUnique({
      where: { assignmentId: assignment.id },
      select: {
        id: true,
        workerCompletedAt: true,
        answers: { where: { answeredBy: "PERSON" }, select: { itemKey: true, numberValue: true, choiceValues: true, dateValue: true } },
      },
    });
    const personAnswers = storedAnswerSet(definition.items, existing?.answers ?? [], "person");
    const scores = scoreAnswers(definition.data, { ...personAnswers, ...kept });
    const response = existing
      ? await tx.questionnaireResponse.update({
          where: { id: existing.id },
          data: { scores, ...(completing ? { workerCompletedAt: existing.workerCompletedAt ?? now } : {}) },
          select: { id: true },
        })
      : await tx.questionnaireResponse.create({
          data: {
            assignmentId: assignment.id,
            personId: person.id,
            definitionId: definition.id,
            stage: assignment.stage,
            submittedAt: null,
            scores,
            workerCompletedAt: completing ? now : null,
          },
          select: { id: true },
        });
    await tx.answer.deleteMany({ where: { responseId: response.id, answeredBy: "WORKER" } });
    const rows = Object.entries(kept).flatMap(([key, value]) => {
      const item = definition.items.get(key);
      if (!item) return [];
      const { text, ...columns } = answerColumns(item, value);
      const sealed = text === null ? null : seal(text, "answer");
      return [
        {
          responseId: response.id,
          itemKey: key,
          answeredBy: "WORKER" as const,
          staffId: viewer.staff.id,
          ...columns,
          textCipher: sealed?.cipher ?? null,
          keyId: sealed?.keyId ?? null,
        },
      ];
    });
    if (rows.length > 0) await tx.answer.createMany({ data: rows });
    // A questionnaire with no questions for the person is done when the worker completes it.
    const personItems = definition.data.sections.some((s) => s.items.some((i) => i.respondent === "person"));
    if (completing && !personItems && assignment.status !== "SUBMITTED") {
      await tx.questionnaireAssignment.update({ where: { id: assignment.id }, data: { status: "SUBMITTED" } });
    }
    await auditChange(viewer, person.id, "questionnaire.worker-part", tx, { assignmentId: assignment.id, completed: completing });
    if (options.complete && !completing) return { ok: false, errors: missing, status: 400, version: claimed };
    return { ok: true, completed: completing };
  });
}
