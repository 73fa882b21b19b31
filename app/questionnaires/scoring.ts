import type { AnswerSet } from "./answers";
import { numericRange, type QuestionnaireDefinitionData, type QuestionnaireItem, type ScoreSpec } from "./definition-schema";

/**
 * Scores, as each definition declares them: a sum or a mean of items, reversed items counted the
 * other way, prorated when no more than `maxMissing` items were skipped (a sum is scaled up to the
 * full set of items and rounded to one decimal), and named by bands. A score with too many items
 * missing is left out rather than guessed.
 */
export type Score = { value: number; band: string | null; answered: number; of: number };
export type Scores = Record<string, Score>;

export function scoreAnswers(definition: QuestionnaireDefinitionData, answers: AnswerSet): Scores {
  const items = new Map(definition.sections.flatMap((s) => s.items).map((i) => [i.key, i]));
  const scores: Scores = {};
  for (const spec of definition.scores ?? []) {
    const score = computeScore(spec, items, answers);
    if (score) scores[spec.key] = score;
  }
  return scores;
}

export function computeScore(spec: ScoreSpec, items: Map<string, QuestionnaireItem>, answers: AnswerSet): Score | null {
  const values: number[] = [];
  for (const key of spec.items) {
    const item = items.get(key);
    const value = item ? itemValue(item, answers[key]) : null;
    if (value === null || !item) continue;
    if (spec.reverse?.includes(key)) {
      const [min, max] = numericRange(item);
      values.push(min + max - value);
    } else {
      values.push(value);
    }
  }
  const missing = spec.items.length - values.length;
  if (values.length === 0 || missing > spec.maxMissing) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  const raw = spec.method === "mean" ? sum / values.length : (sum * spec.items.length) / values.length;
  const value = Math.round(raw * 10) / 10;
  const band = spec.bands?.find((b) => value <= b.upTo)?.label ?? spec.bands?.at(-1)?.label ?? null;
  return { value, band, answered: values.length, of: spec.items.length };
}

/** An answer as a number for scoring: yes 1, no 0, a choice its option's score, a scale its value. */
function itemValue(item: QuestionnaireItem, answer: AnswerSet[string] | undefined): number | null {
  if (answer === undefined) return null;
  if (typeof answer === "number") return answer;
  if (item.type === "yes-no") return answer === "yes" ? 1 : answer === "no" ? 0 : null;
  if (item.type === "single-choice" && typeof answer === "string") return item.options?.find((o) => o.value === answer)?.score ?? null;
  return null;
}

/**
 * Scores as stored with a response (JSON), each with its label from the definition; anything in
 * the JSON that is not a score is passed over.
 */
export function storedScores(stored: unknown, specs: readonly { key: string; label: string }[] = []) {
  if (typeof stored !== "object" || stored === null) return [];
  return Object.entries(stored).flatMap(([key, score]: [string, unknown]) =>
    typeof score === "object" && score !== null && "value" in score && typeof score.value === "number"
      ? [
          {
            key,
            label: specs.find((spec) => spec.key === key)?.label ?? key,
            value: score.value,
            band: "band" in score && typeof score.band === "string" ? score.band : null,
          },
        ]
      : [],
  );
}

/** The lowest and highest a score can be, from the items it counts (what a chart of it spans). */
export function scoreRange(spec: Pick<ScoreSpec, "method" | "items">, items: Map<string, QuestionnaireItem>): [number, number] {
  const ranges = spec.items.map((key): [number, number] => {
    const item = items.get(key);
    if (!item || item.type === "yes-no") return [0, 1];
    if (item.options) {
      const scores = item.options.map((o) => o.score ?? 0);
      return [Math.min(...scores), Math.max(...scores)];
    }
    return numericRange(item);
  });
  const low = ranges.reduce((sum, r) => sum + r[0], 0);
  const high = ranges.reduce((sum, r) => sum + r[1], 0);
  return spec.method === "mean" ? [low / ranges.length, high / ranges.length] : [low, high];
}
