import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { PersonViewer } from "~/auth/session.server";
import { open, seal } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import { staleWrite, StaleWrite } from "~/db/conflicts.server";
import { bandOf, type AgeBand } from "~/age-bands/age-band";
import { readWholeNumber } from "~/forms/fields";
import type { Prisma } from "~/generated/prisma/client";
import { AssignmentStatus } from "~/generated/prisma/enums";
import { alertingItems, answerColumns, checkAnswer, isShown, missingRequired, pagesFor, shownAnswers, storedAnswerSet, type AnswerSet } from "./answers";
import { lockAssignment } from "./assignments.server";
import { publishedDefinition } from "./registry.server";
import { describeAnswer, shownItem, type ShownItem } from "./shown";
import { scoreAnswers } from "./scoring";
import { STALE_ANSWERS_MESSAGE } from "~/forms/stale";
import { wordingFor } from "./wording";

/**
 * A person filling in a questionnaire: one section a page, every page saved on the server as they
 * go (a sealed draft, never in the browser), resumable on any device, and submitted once.
 *
 * Every query is scoped by the signed-in person: an assignment that is not theirs answers 404,
 * the same as one that does not exist.
 */
type Tx = Prisma.TransactionClient;

/** Form fields that are not answers. */
const CONTROL_FIELDS = new Set(["intent", "page", "version"]);

const lockedRow = z.object({
  id: z.string(),
  status: z.enum(AssignmentStatus),
  dueAt: z.date(),
  definitionId: z.string(),
  draftVersion: z.number(),
  answersCipher: z.instanceof(Uint8Array).nullable(),
  keyId: z.string().nullable(),
  pageIndex: z.number().nullable(),
  hasResponse: z.boolean(),
});

/**
 * The person's own assignment, locked (see `lockAssignment`), with its draft and whether a
 * response exists, in one statement: saving and sending are the busiest writes people make.
 */
async function lockOwnAssignment(tx: Tx, viewer: PersonViewer, assignmentId: string) {
  // Two statements, not one: after waiting for the lock, a locking read sees the newest version
  // of the locked row but the older one of the rows joined to it, so the draft and the response
  // are read by a second statement, which sees everything committed before the lock was granted.
  if (!(await lockAssignment(tx, assignmentId, viewer.person.id))) throw new Response("Not found", { status: 404 });
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT a."id", a."status", a."dueAt", a."definitionId", a."draftVersion", d."answersCipher", d."keyId", d."pageIndex",
           EXISTS (SELECT 1 FROM "QuestionnaireResponse" r WHERE r."assignmentId" = a."id") AS "hasResponse"
      FROM "QuestionnaireAssignment" a
      LEFT JOIN "QuestionnaireDraft" d ON d."assignmentId" = a."id"
     WHERE a."id" = ${assignmentId} AND a."personId" = ${viewer.person.id}`;
  if (rows.length === 0) throw new Response("Not found", { status: 404 });
  const row = lockedRow.parse(rows[0]);
  const draft = row.answersCipher && row.keyId ? { answersCipher: row.answersCipher, keyId: row.keyId, pageIndex: row.pageIndex ?? 0 } : null;
  return {
    id: row.id,
    status: row.status,
    dueAt: row.dueAt,
    definitionId: row.definitionId,
    draftVersion: row.draftVersion,
    draft,
    hasResponse: row.hasResponse,
  };
}

async function ownAssignment(client: Tx, viewer: PersonViewer, assignmentId: string) {
  const assignment = await client.questionnaireAssignment.findFirst({
    where: { id: assignmentId, personId: viewer.person.id },
    select: {
      id: true,
      status: true,
      dueAt: true,
      definitionId: true,
      draftVersion: true,
      draft: { select: { answersCipher: true, keyId: true, pageIndex: true } },
    },
  });
  if (!assignment) throw new Response("Not found", { status: 404 });
  return assignment;
}

function readDraft(draft: { answersCipher: Uint8Array; keyId: string } | null): AnswerSet {
  if (!draft) return {};
  const parsed: unknown = JSON.parse(open(draft.answersCipher, draft.keyId, "draft"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const answers: AnswerSet = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "number" || typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"))) answers[key] = value;
  }
  return answers;
}

export type FillingView =
  | { state: "submitted"; title: string }
  | { state: "closed"; title: string }
  | {
      state: "page";
      assignmentId: string;
      title: string;
      licence: string | null;
      band: AgeBand | null;
      pageIndex: number;
      pageCount: number;
      section: { title: string; intro: string | null; items: ShownItem[] };
      answers: AnswerSet;
      /** Required answers still missing, when the person was sent back here to give them. */
      missing: Record<string, string>;
      started: boolean;
      dueAt: string;
      /** The version of the answers this page is drawn from, sent back with every save (app/forms/stale.ts). */
      version: number;
    }
  | {
      state: "check";
      assignmentId: string;
      title: string;
      licence: string | null;
      band: AgeBand | null;
      pageCount: number;
      /** The version of the answers being checked: sending refuses if they changed since. */
      version: number;
      pages: { index: number; title: string; answers: { key: string; label: string; answer: string | null }[] }[];
    };

/**
 * What to show: the page asked for, or (with no page) the page they reached last time, so a
 * person who left in the middle comes back where they were.
 */
export async function loadFilling(
  viewer: PersonViewer,
  assignmentId: string,
  page: string | null,
  options: { showMissing?: boolean; now?: Date } = {},
): Promise<FillingView> {
  const now = options.now ?? new Date();
  const assignment = await ownAssignment(db(), viewer, assignmentId);
  const definition = await publishedDefinition(assignment.definitionId);
  if (assignment.status === "SUBMITTED") return { state: "submitted", title: definition.title };
  if (assignment.status === "CLOSED") return { state: "closed", title: definition.title };
  const band = bandOf(viewer.person, now, viewer.person.timeZone);
  const pages = pagesFor(definition.data, "person", band);
  const answers = readDraft(assignment.draft);
  const common = {
    assignmentId: assignment.id,
    title: definition.title,
    licence: definition.data.licence?.notice ?? null,
    band,
    pageCount: pages.length,
    version: assignment.draftVersion,
  };
  if (page === "check" || pages.length === 0) {
    return {
      state: "check",
      ...common,
      pages: pages.map((section, index) => ({
        index,
        title: wordingFor(section.title, band),
        answers: section.items
          .filter((item) => isShown(item, { respondent: "person", band, answers }))
          .map((item) => ({ key: item.key, label: wordingFor(item.label, band), answer: describeAnswer(item, answers[item.key], band) })),
      })),
    };
  }
  const requested = page === null ? (assignment.draft?.pageIndex ?? 0) : readWholeNumber(page);
  const index = requested !== null && Number.isInteger(requested) && requested >= 0 && requested < pages.length ? requested : 0;
  const section = pages[index];
  if (!section) throw new Response("Not found", { status: 404 });
  return {
    state: "page",
    ...common,
    pageIndex: index,
    section: {
      title: wordingFor(section.title, band),
      intro: section.intro ? wordingFor(section.intro, band) : null,
      // An item whose condition depends on an earlier page is decided here; one that depends on
      // this page is sent with its condition, for the browser (or the next save) to decide.
      items: section.items
        .filter((item) => !item.showIf || section.items.some((i) => i.key === item.showIf?.item) || isShown(item, { respondent: "person", band, answers }))
        .map((item) => shownItem(item, band)),
    },
    answers: Object.fromEntries(section.items.filter((i) => answers[i.key] !== undefined).map((i) => [i.key, answers[i.key] ?? ""])),
    missing: options.showMissing ? missingRequired(section.items, { respondent: "person", band, answers }) : {},
    started: assignment.draft !== null,
    dueAt: assignment.dueAt.toISOString(),
  };
}

export type SaveResult =
  | { ok: true; nextPage: number | "check" | null }
  /** Refused; `version` is set when the page's answers were saved all the same (required ones missing): the page's new version. */
  | { ok: false; errors: Record<string, string>; status: number; version?: number }
  /** The answers changed after this page was drawn (another tab, another device): nothing was written. */
  | { ok: false; stale: true; errors: Record<string, string>; status: 409; version: number };

/**
 * Saves one page's answers into the draft. An answer that does not fit its item (or a field that
 * is not an item on this page) is bad input: nothing is written and the page says why. Required
 * items left empty are saved as they are; going on to the next page asks for them.
 *
 * `options.version` is the draft version the page was drawn from (`FillingView.version`); a page
 * drawn before another save is refused as stale (409) and writes nothing, because the page sends
 * every answer on it and would put back what the other save changed (blanks included). A
 * successful save raises the version by exactly one. Omitted only by callers that did not draw
 * a page (tests of the answers themselves).
 */
export async function savePage(
  viewer: PersonViewer,
  assignmentId: string,
  pageIndex: number,
  form: Record<string, string | string[]>,
  options: { move: "next" | "back" | "stay" | "check"; now?: Date; version?: number },
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  return refusingStaleAnswers(() =>
    db().$transaction(async (tx): Promise<SaveResult> => {
      const assignment = await lockOwnAssignment(tx, viewer, assignmentId);
      if (assignment.status === "SUBMITTED") return { ok: false, errors: { form: "This has already been sent. Thank you." }, status: 409 };
      if (assignment.status === "CLOSED") return { ok: false, errors: { form: "This is no longer open to answer." }, status: 409 };
      const definition = await publishedDefinition(assignment.definitionId, tx);
      const band = bandOf(viewer.person, now, viewer.person.timeZone);
      const pages = pagesFor(definition.data, "person", band);
      const section = pages[pageIndex];
      if (!section) return { ok: false, errors: { form: "That page does not exist." }, status: 400 };

      const errors: Record<string, string> = {};
      for (const key of Object.keys(form)) {
        if (!CONTROL_FIELDS.has(key) && !section.items.some((i) => i.key === key)) errors[key] = "This is not a question on this page.";
      }
      const given: AnswerSet = { ...readDraft(assignment.draft) };
      for (const item of section.items) {
        const checked = checkAnswer(item, form[item.key]);
        if (!checked.ok) errors[item.key] = checked.error;
        else if (checked.value === null) delete given[item.key];
        else given[item.key] = checked.value;
      }
      if (Object.keys(errors).length > 0) return { ok: false, errors, status: 400 };

      const kept = shownAnswers(definition.data, { respondent: "person", band, answers: given });
      const missing = options.move === "next" || options.move === "check" ? missingRequired(section.items, { respondent: "person", band, answers: kept }) : {};
      const stays = Object.keys(missing).length > 0;
      const nextPage = stays
        ? pageIndex
        : options.move === "next"
          ? pageIndex + 1 < pages.length
            ? pageIndex + 1
            : "check"
          : options.move === "back"
            ? Math.max(0, pageIndex - 1)
            : options.move === "check"
              ? "check"
              : null;
      await claimDraftVersion(tx, viewer, assignment, options.version);
      const sealed = seal(JSON.stringify(kept), "draft");
      const resumeAt = typeof nextPage === "number" ? nextPage : pageIndex;
      await tx.questionnaireDraft.upsert({
        where: { assignmentId: assignment.id },
        create: { assignmentId: assignment.id, personId: viewer.person.id, pageIndex: resumeAt, answersCipher: sealed.cipher, keyId: sealed.keyId },
        update: { pageIndex: resumeAt, answersCipher: sealed.cipher, keyId: sealed.keyId },
      });
      if (assignment.status === "ASSIGNED") await tx.questionnaireAssignment.update({ where: { id: assignment.id }, data: { status: "IN_PROGRESS" } });
      await raiseAlert(tx, viewer.person.id, assignment.id, null, alertingItems(definition.data, kept), now);
      // Saved, but the page asks for what is missing: it now holds the version just written.
      if (stays) return { ok: false, errors: missing, status: 400, version: assignment.draftVersion + 1 };
      return { ok: true, nextPage };
    }),
  );
}

/**
 * The versioned statement every write of the person's answers goes through: raises the draft
 * version by one if it is still `expected` (compared in the UPDATE itself), or aborts the
 * transaction as stale. `expected` undefined raises it unconditionally.
 * @throws StaleWrite when the answers moved on since `expected`
 */
async function claimDraftVersion(tx: Tx, viewer: PersonViewer, assignment: { id: string; draftVersion: number }, expected: number | undefined) {
  const { count } = await tx.questionnaireAssignment.updateMany({
    where: { id: assignment.id, personId: viewer.person.id, ...(expected === undefined ? {} : { draftVersion: expected }) },
    data: { draftVersion: { increment: 1 } },
  });
  if (count === 0) await staleWrite(async () => assignment.draftVersion);
}

async function refusingStaleAnswers(save: () => Promise<SaveResult>): Promise<SaveResult> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, stale: true, errors: { form: STALE_ANSWERS_MESSAGE }, status: 409, version: error.current };
    throw error;
  }
}

/**
 * A safety answer alerts the person's workers as soon as it is saved, once per questionnaire: a
 * person who says they are not safe may have to leave before they can send anything.
 */
async function raiseAlert(tx: Tx, personId: string, assignmentId: string, responseId: string | null, itemKeys: string[], now: Date) {
  if (itemKeys.length === 0) return;
  const existing = await tx.alert.findUnique({ where: { assignmentId }, select: { id: true, itemKeys: true, responseId: true, resolvedAt: true } });
  if (existing) {
    const keys = [...new Set([...existing.itemKeys, ...itemKeys])];
    const fresh = keys.length !== existing.itemKeys.length;
    if (fresh || (responseId && !existing.responseId)) {
      await tx.alert.update({
        where: { id: existing.id },
        // An answer the worker has not yet seen opens the alert again, even if they dealt with the first.
        data: {
          itemKeys: keys,
          responseId: responseId ?? existing.responseId,
          ...(fresh && existing.resolvedAt ? { resolvedAt: null, resolvedById: null } : {}),
        },
      });
    }
    return;
  }
  await tx.alert.create({ data: { personId, kind: "SAFETY_ANSWER", assignmentId, responseId, itemKeys, createdAt: now } });
}

export type SubmitResult = { ok: true; already: boolean } | { ok: false; page: number | "check"; errors: Record<string, string>; status: number };

/** Said on the check page when the answers changed after it was drawn: what is shown now is what would be sent. */
export const CHANGED_SINCE_CHECKED =
  "Your answers were changed in another window or on another device after this page was opened, so nothing was sent. The answers below are the newest: check them, then send.";

/**
 * Sends the person's answers. Idempotent: a second submit (a double tap, a resent form) finds the
 * questionnaire sent and stores nothing more. Everything is written in one transaction or not at all.
 * `version` is the draft version the check page showed: if the answers changed since, nothing is
 * sent (409) and the page shows the newest answers to check again.
 */
export async function submit(viewer: PersonViewer, assignmentId: string, now = new Date(), version?: number): Promise<SubmitResult> {
  return db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(tx, viewer, assignmentId);
    if (assignment.status === "SUBMITTED") return { ok: true, already: true };
    if (assignment.status === "CLOSED") return { ok: false, page: "check", errors: { form: "This is no longer open to answer." }, status: 409 };
    const definition = await publishedDefinition(assignment.definitionId, tx);
    const band = bandOf(viewer.person, now, viewer.person.timeZone);
    const pages = pagesFor(definition.data, "person", band);
    const answers = shownAnswers(definition.data, { respondent: "person", band, answers: readDraft(assignment.draft) });
    for (const [index, section] of pages.entries()) {
      const missing = missingRequired(section.items, { respondent: "person", band, answers });
      if (Object.keys(missing).length > 0) return { ok: false, page: index, errors: missing, status: 400 };
    }
    if (version !== undefined && version !== assignment.draftVersion) return { ok: false, page: "check", errors: { form: CHANGED_SINCE_CHECKED }, status: 409 };
    // The conditional update is the lock: of two submits racing, one changes the row and the
    // other finds nothing to change and reports the questionnaire already sent. The version in
    // it means what is sent is what the person checked.
    const { count } = await tx.questionnaireAssignment.updateMany({
      where: { id: assignment.id, status: { in: ["ASSIGNED", "IN_PROGRESS"] }, ...(version === undefined ? {} : { draftVersion: version }) },
      data: { status: "SUBMITTED", draftVersion: { increment: 1 } },
    });
    if (count === 0) return { ok: true, already: true };
    // The worker's part, when it came first, is scored with the person's.
    const workerRows = assignment.hasResponse
      ? await tx.answer.findMany({
          where: { response: { assignmentId: assignment.id }, answeredBy: "WORKER" },
          select: { itemKey: true, numberValue: true, choiceValues: true, dateValue: true },
        })
      : [];
    const scores = scoreAnswers(definition.data, { ...storedAnswerSet(definition.items, workerRows, "worker"), ...answers });
    const response = assignment.hasResponse
      ? await tx.questionnaireResponse.update({
          where: { assignmentId: assignment.id },
          data: { submittedAt: now, ageBand: band, scores },
          select: { id: true },
        })
      : await tx.questionnaireResponse.create({
          data: {
            assignmentId: assignment.id,
            personId: viewer.person.id,
            definitionId: definition.id,
            stage: definition.data.stage,
            submittedAt: now,
            ageBand: band,
            scores,
          },
          select: { id: true },
        });
    const rows = Object.entries(answers).flatMap(([key, value]) => {
      const item = definition.items.get(key);
      if (!item) return [];
      const { text, ...columns } = answerColumns(item, value);
      const sealed = text === null ? null : seal(text, "answer");
      return [
        { responseId: response.id, itemKey: key, answeredBy: "PERSON" as const, ...columns, textCipher: sealed?.cipher ?? null, keyId: sealed?.keyId ?? null },
      ];
    });
    if (rows.length > 0) await tx.answer.createMany({ data: rows });
    await raiseAlert(tx, viewer.person.id, assignment.id, response.id, alertingItems(definition.data, answers), now);
    await tx.questionnaireDraft.deleteMany({ where: { assignmentId: assignment.id } });
    await recordAudit(
      {
        actor: { personId: viewer.person.id },
        action: "questionnaire.submit",
        reasonCode: "questionnaire",
        subjectPersonId: viewer.person.id,
        detail: { assignmentId: assignment.id },
      },
      tx,
    );
    return { ok: true, already: false };
  });
}

/**
 * "Discard my answers": the draft goes and the questionnaire is as it was when assigned. A safety
 * alert the answers already raised stays with the worker (it holds no answer, only which item).
 */
export async function discardDraft(viewer: PersonViewer, assignmentId: string) {
  return db().$transaction(async (tx) => {
    const assignment = await lockOwnAssignment(tx, viewer, assignmentId);
    if (assignment.status !== "IN_PROGRESS" && assignment.status !== "ASSIGNED") return false;
    await tx.questionnaireDraft.deleteMany({ where: { assignmentId: assignment.id } });
    // The version goes up, not back: a page drawn before the discard cannot quietly save the
    // discarded answers again.
    await tx.questionnaireAssignment.updateMany({
      where: { id: assignment.id, status: { in: ["ASSIGNED", "IN_PROGRESS"] } },
      data: { status: "ASSIGNED", draftVersion: { increment: 1 } },
    });
    return true;
  });
}
