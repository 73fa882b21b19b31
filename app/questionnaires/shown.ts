import type { AgeBand } from "~/age-bands/age-band";
import type { AnswerValue } from "./answers";
import type { QuestionnaireItem } from "./definition-schema";
import { FACE_WORDS } from "./faces";
import { wordingFor } from "./wording";

/**
 * What a reader is shown of a questionnaire: an item in the words for them, and an answer in
 * words. The person's pages, their check page and the worker's part all show items this way.
 */
export type ShownItem = {
  key: string;
  type: QuestionnaireItem["type"];
  label: string;
  help: string | null;
  required: boolean;
  options: { value: string; label: string }[];
  min: number | null;
  max: number | null;
  maxLength: number | null;
  /** A condition on another item on the same page (the browser hides the item until it holds). */
  showIf: { item: string; in: string[] } | null;
};

/** An item as a page shows it: the words for this reader, nothing else of the definition. */
export function shownItem(item: QuestionnaireItem, band: AgeBand | null): ShownItem {
  return {
    key: item.key,
    type: item.type,
    label: wordingFor(item.label, band),
    help: item.help ? wordingFor(item.help, band) : null,
    required: item.required,
    options: (item.options ?? []).map((o) => ({ value: o.value, label: wordingFor(o.label, band) })),
    min: item.min ?? null,
    max: item.max ?? null,
    maxLength: item.maxLength ?? null,
    showIf: item.showIf ?? null,
  };
}

/** An answer in words, as the check page shows it. */
export function describeAnswer(item: QuestionnaireItem, value: AnswerValue | undefined, band: AgeBand | null): string | null {
  if (value === undefined) return null;
  if (item.type === "yes-no") return value === "yes" ? "Yes" : "No";
  if (item.type === "faces") return FACE_WORDS[Number(value)] ?? String(value);
  if (item.options) {
    const values = Array.isArray(value) ? value : [String(value)];
    return values.map((v) => optionWords(item, v, band)).join(", ");
  }
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/**
 * A chosen option in the words the reader saw: its label in the wording for their age band, or
 * the stored value itself when the item (or a definition since changed) has no such option. The
 * check page and the subject access export both say choices this way.
 */
export function optionWords(item: QuestionnaireItem | undefined, value: string, band: AgeBand | null): string {
  const option = item?.options?.find((o) => o.value === value);
  return option ? wordingFor(option.label, band) : value;
}

/** A yes/no answer as every page says it ("Yes", "No"); any other stored value as it is. */
export function yesNoWords(value: string): string {
  return value === "yes" ? "Yes" : value === "no" ? "No" : value;
}
