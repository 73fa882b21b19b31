import { z } from "zod";
import { AGE_BANDS } from "~/age-bands/age-band";

/**
 * The format of a questionnaire definition. Definitions are data: the built-in ones live in
 * app/questionnaires/definitions/, licensed ones are JSON files a service holds a licence for
 * (docs/questionnaires.md), and both are checked by this schema at start-up. A published
 * (key, version) never changes: a change is a new version.
 */

/** Wording, optionally varied by the young person's age band; `default` is used otherwise. */
export const wordingSchema = z.union([
  z.string().min(1),
  z
    .object({
      default: z.string().min(1),
      "under-8": z.string().min(1).optional(),
      "8-12": z.string().min(1).optional(),
      "13-17": z.string().min(1).optional(),
    })
    .strict(),
]);

export const ITEM_TYPES = [
  "single-choice",
  "multiple-choice",
  "yes-no",
  "scale-0-10",
  "scale-1-5",
  "faces",
  "number",
  "date",
  "short-text",
  "long-text",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The range a numeric type has unless the item narrows it. */
export const NUMERIC_RANGES: Partial<Record<ItemType, readonly [number, number]>> = {
  "scale-0-10": [0, 10],
  "scale-1-5": [1, 5],
  faces: [1, 5],
  number: [-1_000_000, 1_000_000],
};

const slug = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "feel-safe"');

const optionSchema = z
  .object({
    value: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words or digits joined by hyphens"),
    label: wordingSchema,
    /** What the option counts for in a score (e.g. "agree" = 4). Needed only on scored items. */
    score: z.number().finite().optional(),
  })
  .strict();

export const itemSchema = z
  .object({
    /** Stable across versions: outcome reports match intake and exit answers by this key. */
    key: slug,
    type: z.enum(ITEM_TYPES),
    /** Who answers: the service user, or the worker on the same record. */
    respondent: z.enum(["person", "worker"]).default("person"),
    label: wordingSchema,
    help: wordingSchema.optional(),
    required: z.boolean().default(false),
    options: z.array(optionSchema).min(2).optional(),
    /** Shown only when another (earlier) item has one of these values. */
    showIf: z
      .object({ item: slug, in: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    /** Shown to young people of these age bands only (e.g. no typing for under-8s). */
    ageBands: z.array(z.enum(AGE_BANDS)).min(1).optional(),
    /** Answers that raise a safety alert for the allocated worker ("no", "1" for the saddest face). */
    alertIf: z
      .object({ in: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    maxLength: z.number().int().positive().max(20_000).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const choice = item.type === "single-choice" || item.type === "multiple-choice";
    if (choice && !item.options) ctx.addIssue({ code: "custom", path: ["options"], message: `item "${item.key}" is a choice and needs options` });
    if (!choice && item.options) ctx.addIssue({ code: "custom", path: ["options"], message: `item "${item.key}" is not a choice and cannot have options` });
    const values = (item.options ?? []).map((o) => o.value);
    if (new Set(values).size !== values.length) ctx.addIssue({ code: "custom", path: ["options"], message: `item "${item.key}" has an option value twice` });
    const range = NUMERIC_RANGES[item.type];
    if ((item.min !== undefined || item.max !== undefined) && !range) {
      ctx.addIssue({ code: "custom", path: ["min"], message: `item "${item.key}" is not a number or scale and cannot have min or max` });
    }
    if (range) {
      const [low, high] = numericRange(item);
      if (low >= high) ctx.addIssue({ code: "custom", path: ["max"], message: `item "${item.key}" needs min below max` });
      if (item.type !== "number" && (low < range[0] || high > range[1])) {
        ctx.addIssue({ code: "custom", path: ["min"], message: `item "${item.key}" must stay within ${range[0]}–${range[1]}, the range of a ${item.type}` });
      }
    }
    if (item.maxLength !== undefined && item.type !== "short-text" && item.type !== "long-text") {
      ctx.addIssue({ code: "custom", path: ["maxLength"], message: `item "${item.key}" is not text and cannot have maxLength` });
    }
    for (const value of item.alertIf?.in ?? []) {
      if (!possibleAnswer(item, value)) {
        ctx.addIssue({ code: "custom", path: ["alertIf"], message: `item "${item.key}" cannot be answered "${value}", so it cannot raise an alert on it` });
      }
    }
    if (item.respondent === "worker" && item.ageBands) {
      ctx.addIssue({ code: "custom", path: ["ageBands"], message: `item "${item.key}" is the worker's: age bands are for what young people see` });
    }
  });

export const sectionSchema = z
  .object({
    key: slug,
    title: wordingSchema,
    /** A sentence or two shown above the section's items. */
    intro: wordingSchema.optional(),
    items: z.array(itemSchema).min(1),
  })
  .strict();

/**
 * A score computed at submission: a sum or mean of items (yes = 1, no = 0; a choice counts its
 * option's `score`), optionally prorated when a few items were skipped, with bands that name ranges.
 */
export const scoreSchema = z
  .object({
    key: slug,
    label: z.string().min(1),
    method: z.enum(["sum", "mean"]),
    items: z.array(slug).min(1),
    /** Items whose scale runs the other way: counted as (min + max − answer). */
    reverse: z.array(slug).optional(),
    /** Up to this many items may be unanswered; a sum is then scaled up to the full set. */
    maxMissing: z.number().int().min(0).default(0),
    /** Ascending: the first band whose `upTo` is at or above the score names it. */
    bands: z
      .array(z.object({ upTo: z.number().finite(), label: z.string().min(1) }).strict())
      .min(1)
      .optional(),
  })
  .strict();

export const definitionSchema = z
  .object({
    key: slug,
    version: z.number().int().positive(),
    title: z.string().min(1),
    audience: z.enum(["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR", "YOUNG_PERSON"]).nullable(),
    stage: z.enum(["INTAKE", "CHECK_IN", "REFLECTION", "EXIT", "GOALS"]),
    /** For licensed instruments: the notice the licence requires people to see (e.g. a copyright line). */
    licence: z
      .object({ notice: z.string().min(1) })
      .strict()
      .optional(),
    sections: z.array(sectionSchema).min(1),
    scores: z.array(scoreSchema).optional(),
  })
  .strict()
  .superRefine((definition, ctx) => {
    const items = definition.sections.flatMap((s) => s.items);
    const seen = new Map<string, QuestionnaireItem>();
    const sectionKeys = new Set<string>();
    for (const section of definition.sections) {
      if (sectionKeys.has(section.key)) ctx.addIssue({ code: "custom", path: ["sections"], message: `section key "${section.key}" is used twice` });
      sectionKeys.add(section.key);
    }
    for (const item of items) {
      if (seen.has(item.key)) ctx.addIssue({ code: "custom", path: ["sections"], message: `item key "${item.key}" is used twice` });
      if (item.showIf) {
        const target = seen.get(item.showIf.item);
        if (!target) {
          ctx.addIssue({ code: "custom", path: ["sections"], message: `item "${item.key}" depends on "${item.showIf.item}", which is not an earlier item` });
        } else {
          for (const value of item.showIf.in) {
            if (!possibleAnswer(target, value)) {
              ctx.addIssue({
                code: "custom",
                path: ["sections"],
                message: `item "${item.key}" depends on "${target.key}" being "${value}", which it can never be`,
              });
            }
          }
          if (target.respondent !== item.respondent) {
            ctx.addIssue({ code: "custom", path: ["sections"], message: `item "${item.key}" depends on "${target.key}", which the other party answers` });
          }
        }
      }
      if (item.ageBands && definition.audience !== "YOUNG_PERSON") {
        ctx.addIssue({ code: "custom", path: ["sections"], message: `item "${item.key}" has age bands but the questionnaire is not for young people` });
      }
      seen.set(item.key, item);
    }
    const scoreKeys = new Set<string>();
    for (const score of definition.scores ?? []) {
      if (scoreKeys.has(score.key)) ctx.addIssue({ code: "custom", path: ["scores"], message: `score key "${score.key}" is used twice` });
      scoreKeys.add(score.key);
      for (const key of [...score.items, ...(score.reverse ?? [])]) {
        const item = seen.get(key);
        if (!item) {
          ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" counts "${key}", which is not an item` });
          continue;
        }
        if (!scoreable(item)) {
          ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" counts "${key}", a ${item.type} item, which has no number` });
        }
      }
      for (const key of score.reverse ?? []) {
        if (!score.items.includes(key))
          ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" reverses "${key}" but does not count it` });
        const item = seen.get(key);
        if (item && !NUMERIC_RANGES[item.type]) {
          ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" can only reverse a scale, not "${key}"` });
        }
      }
      if (score.maxMissing >= score.items.length) {
        ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" allows every item to be missing` });
      }
      const limits = (score.bands ?? []).map((b) => b.upTo);
      if (limits.some((limit, i) => i > 0 && limit <= (limits[i - 1] ?? -Infinity))) {
        ctx.addIssue({ code: "custom", path: ["scores"], message: `score "${score.key}" needs its bands in ascending order` });
      }
    }
  });

export type QuestionnaireDefinitionInput = z.input<typeof definitionSchema>;
export type QuestionnaireDefinitionData = z.output<typeof definitionSchema>;
export type QuestionnaireItem = z.output<typeof itemSchema>;
export type QuestionnaireSection = z.output<typeof sectionSchema>;
export type ScoreSpec = z.output<typeof scoreSchema>;

/** An item's [min, max], from the item or its type. */
export function numericRange(item: Pick<QuestionnaireItem, "type" | "min" | "max">): [number, number] {
  const range = NUMERIC_RANGES[item.type] ?? [0, 0];
  return [item.min ?? range[0], item.max ?? range[1]];
}

/** Whether an item has a number to count in a score. */
export function scoreable(item: QuestionnaireItem): boolean {
  if (NUMERIC_RANGES[item.type] || item.type === "yes-no") return true;
  return item.type === "single-choice" && (item.options ?? []).every((o) => o.score !== undefined);
}

/** Whether `value` (as text) could ever be this item's answer: what alertIf and showIf may name. */
function possibleAnswer(item: QuestionnaireItem, value: string): boolean {
  if (item.type === "yes-no") return value === "yes" || value === "no";
  if (item.options) return item.options.some((o) => o.value === value);
  if (NUMERIC_RANGES[item.type]) {
    const n = Number(value);
    const [low, high] = numericRange(item);
    return value.trim() !== "" && Number.isFinite(n) && n >= low && n <= high;
  }
  return false;
}
