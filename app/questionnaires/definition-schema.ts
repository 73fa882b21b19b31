import { z } from "zod";

/**
 * The format of a questionnaire definition (first cut). Definitions are data: the built-in ones
 * live in app/questionnaires/definitions/, licensed ones are loaded from files a service holds a
 * licence for, and both are validated by this schema. A published (key, version) never changes.
 */
export const AGE_BANDS = ["under-8", "8-12", "13-17"] as const;

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

const optionSchema = z.object({ value: z.string().min(1).regex(/^[a-z0-9-]+$/), label: wordingSchema }).strict();

export const itemSchema = z
  .object({
    /** Stable across versions: outcome reports match intake and exit answers by this key. */
    key: z.string().regex(/^[a-z][a-z0-9-]*$/, "item keys are lower-case words joined by hyphens"),
    type: z.enum(ITEM_TYPES),
    /** Who answers: the service user, or the worker on the same record. */
    respondent: z.enum(["person", "worker"]).default("person"),
    label: wordingSchema,
    help: wordingSchema.optional(),
    required: z.boolean().default(false),
    options: z.array(optionSchema).min(2).optional(),
    /** Shown only when another item has one of these values. */
    showIf: z.object({ item: z.string(), in: z.array(z.string()).min(1) }).strict().optional(),
    /** Answers that raise a safety alert for the allocated worker. */
    alertIf: z.object({ in: z.array(z.string()).min(1) }).strict().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    const choice = item.type === "single-choice" || item.type === "multiple-choice";
    if (choice && !item.options) {
      ctx.addIssue({ code: "custom", message: `item "${item.key}" is a choice and needs options` });
    }
    if (!choice && item.options) {
      ctx.addIssue({ code: "custom", message: `item "${item.key}" is not a choice and cannot have options` });
    }
  });

export const sectionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: wordingSchema,
    items: z.array(itemSchema).min(1),
  })
  .strict();

export const definitionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    title: z.string().min(1),
    audience: z.enum(["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR", "YOUNG_PERSON"]).nullable(),
    stage: z.enum(["INTAKE", "CHECK_IN", "REFLECTION", "EXIT", "GOALS"]),
    sections: z.array(sectionSchema).min(1),
  })
  .strict()
  .superRefine((definition, ctx) => {
    const keys = new Set<string>();
    for (const item of definition.sections.flatMap((s) => s.items)) {
      if (keys.has(item.key)) ctx.addIssue({ code: "custom", message: `item key "${item.key}" is used twice` });
      keys.add(item.key);
    }
    for (const item of definition.sections.flatMap((s) => s.items)) {
      if (item.showIf && !keys.has(item.showIf.item)) {
        ctx.addIssue({ code: "custom", message: `item "${item.key}" depends on unknown item "${item.showIf.item}"` });
      }
    }
  });

export type QuestionnaireDefinitionInput = z.input<typeof definitionSchema>;
export type QuestionnaireDefinitionData = z.output<typeof definitionSchema>;
export type QuestionnaireItem = z.output<typeof itemSchema>;
