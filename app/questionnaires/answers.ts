import type { AgeBand } from "~/age-bands/age-band";
import { numericRange, type QuestionnaireDefinitionData, type QuestionnaireItem, type QuestionnaireSection } from "./definition-schema";
import { calendarDate, dateColumn, isLocalDate } from "~/time/calendar";

/**
 * Answers, checked against the item they answer. One shape everywhere (drafts, submission,
 * worker items, the demo seed): yes-no and single choice as the option's value, multiple choice as
 * a list of values, scales and numbers as numbers, dates as "YYYY-MM-DD", text as text.
 */
export type AnswerValue = number | string | string[];
export type AnswerSet = Record<string, AnswerValue>;
export type Respondent = "person" | "worker";

export type Checked = { ok: true; value: AnswerValue | null } | { ok: false; error: string };

/**
 * Checks one answer as it arrives (from a form: strings; from code: any value). `null` means "not
 * answered" (an empty box, nothing ticked), which is not an error here: whether an item must be
 * answered is decided for the whole page (`missingRequired`).
 */
export function checkAnswer(item: QuestionnaireItem, raw: unknown): Checked {
  const fail = (error: string): Checked => ({ ok: false, error });
  if (raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0)) return { ok: true, value: null };
  switch (item.type) {
    case "yes-no": {
      const value = raw === true ? "yes" : raw === false ? "no" : raw;
      return value === "yes" || value === "no" ? { ok: true, value } : fail("Choose yes or no");
    }
    case "single-choice": {
      const options = (item.options ?? []).map((o) => o.value);
      return typeof raw === "string" && options.includes(raw) ? { ok: true, value: raw } : fail("Choose one of the answers");
    }
    case "multiple-choice": {
      const options = (item.options ?? []).map((o) => o.value);
      const list = typeof raw === "string" ? [raw] : raw;
      if (!Array.isArray(list) || !list.every((v): v is string => typeof v === "string" && options.includes(v))) return fail("Choose from the answers given");
      // Once each, in the definition's order.
      return { ok: true, value: options.filter((o) => list.includes(o)) };
    }
    case "scale-0-10":
    case "scale-1-5":
    case "faces":
    case "number": {
      const [min, max] = numericRange(item);
      const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
      const whole = item.type !== "number";
      const words = item.type === "faces" ? "Pick one of the faces" : `Enter ${whole ? "a whole number" : "a number"} from ${min} to ${max}`;
      if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) return fail(words);
      return { ok: true, value: n };
    }
    case "date": {
      if (typeof raw !== "string" || !isLocalDate(raw.trim())) return fail("Enter a real date, like 2026-03-31");
      return { ok: true, value: raw.trim() };
    }
    case "short-text":
    case "long-text": {
      if (typeof raw !== "string") return fail("Write your answer as text");
      const text = raw.replace(/\r\n/g, "\n").trim();
      const limit = item.maxLength ?? (item.type === "short-text" ? 200 : 4000);
      if (text.length > limit) return fail(`Use ${limit} characters or fewer (this has ${text.length})`);
      return { ok: true, value: text === "" ? null : text };
    }
  }
}

/**
 * Whether an item is shown: the right party, the young person's age band, and its condition on an
 * earlier answer. `band` is null for adults (and for a young person without a date of birth, who
 * then sees every item, rather than miss one).
 */
export function isShown(item: QuestionnaireItem, context: { respondent: Respondent; band: AgeBand | null; answers: AnswerSet }): boolean {
  if (item.respondent !== context.respondent) return false;
  if (item.ageBands && context.band && !item.ageBands.includes(context.band)) return false;
  if (item.showIf) return conditionMet(item.showIf, context.answers);
  return true;
}

export function conditionMet(condition: NonNullable<QuestionnaireItem["showIf"]>, answers: AnswerSet): boolean {
  const given = answers[condition.item];
  const values = given === undefined ? [] : Array.isArray(given) ? given : [String(given)];
  return values.some((v) => condition.in.includes(v));
}

/**
 * The pages a party sees: one per section that has any item for them, in order. A section whose
 * items are all hidden by age band is not a page for that reader.
 */
export function pagesFor(definition: QuestionnaireDefinitionData, respondent: Respondent, band: AgeBand | null): QuestionnaireSection[] {
  return definition.sections
    .map((section) => ({ ...section, items: section.items.filter((i) => i.respondent === respondent && (!i.ageBands || !band || i.ageBands.includes(band))) }))
    .filter((section) => section.items.length > 0);
}

/** Required items that are shown but not answered, with the message each gets. */
export function missingRequired(
  items: QuestionnaireItem[],
  context: { respondent: Respondent; band: AgeBand | null; answers: AnswerSet },
): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const item of items) {
    if (!item.required || !isShown(item, context)) continue;
    if (context.answers[item.key] === undefined) missing[item.key] = item.type === "faces" ? "Pick a face" : "Answer this question to go on";
  }
  return missing;
}

/**
 * Keeps only answers to items this party sees now: an answer left behind when an earlier answer
 * changed (a detail under "yes" after the person chose "no") is dropped, never sent.
 */
export function shownAnswers(
  definition: QuestionnaireDefinitionData,
  context: { respondent: Respondent; band: AgeBand | null; answers: AnswerSet },
): AnswerSet {
  const kept: AnswerSet = {};
  for (const item of definition.sections.flatMap((s) => s.items)) {
    const value = context.answers[item.key];
    // In order, so a condition on an earlier item sees what was kept of it.
    if (value !== undefined && isShown(item, { ...context, answers: kept })) kept[item.key] = value;
  }
  return kept;
}

/** The keys of items whose answer raises a safety alert. */
export function alertingItems(definition: QuestionnaireDefinitionData, answers: AnswerSet): string[] {
  return definition.sections
    .flatMap((s) => s.items)
    .filter((item) => {
      const value = answers[item.key];
      if (!item.alertIf || value === undefined) return false;
      const values = Array.isArray(value) ? value : [String(value)];
      return values.some((v) => item.alertIf?.in.includes(v));
    })
    .map((item) => item.key);
}

/** The columns an answer is stored in; text is returned for the caller to seal. */
export function answerColumns(item: QuestionnaireItem, value: AnswerValue) {
  switch (item.type) {
    case "yes-no":
    case "single-choice":
      return { numberValue: null, choiceValues: [String(value)], dateValue: null, text: null };
    case "multiple-choice":
      return { numberValue: null, choiceValues: Array.isArray(value) ? value : [String(value)], dateValue: null, text: null };
    case "date":
      return { numberValue: null, choiceValues: [], dateValue: dateColumn(String(value)), text: null };
    case "short-text":
    case "long-text":
      return { numberValue: null, choiceValues: [], dateValue: null, text: String(value) };
    default:
      return { numberValue: Number(value), choiceValues: [], dateValue: null, text: null };
  }
}

/** Back from the stored columns (text already opened) to an answer value. */
export function answerFromColumns(
  item: QuestionnaireItem | undefined,
  columns: { numberValue: number | null; choiceValues: string[]; dateValue: Date | null; text: string | null },
): AnswerValue | null {
  if (columns.text !== null) return columns.text;
  if (columns.numberValue !== null) return columns.numberValue;
  if (columns.dateValue) return calendarDate(columns.dateValue);
  if (item?.type === "multiple-choice") return columns.choiceValues;
  return columns.choiceValues[0] ?? null;
}

/**
 * Stored structured answers back as an answer set (free text left out: scores never count it),
 * optionally only one party's, e.g. the worker's part when the person's is being scored with it.
 */
export function storedAnswerSet(
  items: Map<string, QuestionnaireItem>,
  rows: { itemKey: string; numberValue: number | null; choiceValues: string[]; dateValue: Date | null }[],
  respondent?: Respondent,
): AnswerSet {
  const set: AnswerSet = {};
  for (const row of rows) {
    const item = items.get(row.itemKey);
    if (!item || (respondent && item.respondent !== respondent)) continue;
    const value = answerFromColumns(item, { ...row, text: null });
    if (value !== null) set[row.itemKey] = value;
  }
  return set;
}
