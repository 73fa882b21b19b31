import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import { PersonKind, RuleTrigger } from "~/generated/prisma/enums";
import { isUniqueViolation, refusingStale, staleWrite } from "~/db/conflicts.server";
import { checkbox, optionalWholeNumber, text, wholeNumber } from "~/forms/fields";
import type { Outcome } from "~/forms/parse";
import { versionField, type StaleOutcome } from "~/forms/stale";
import { isCoverTheme } from "./cover-themes";
import { zoneOrDefault } from "~/time/service-zone.server";
import { timeZoneSchema } from "~/time/zone";
import { exitAddressProblem } from "./exit-address";
import { normaliseSignInPath, signInPathProblem } from "~/auth/sign-in-path";

/**
 * The service's settings, changed by an administrator or a manager. They live in the database so
 * that every app server sees the same value at once.
 */
export const settingsSchema = z.object({
  name: text({ max: 100, min: 2, required: "Enter the service's name (staff see it; service users never do)" }),
  // One rule for the exit address (app/service/exit-address.ts); /exit checks it again when reading.
  exitUrl: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const problem = exitAddressProblem(v, env().WAYPOINT_ORIGIN);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  coverTheme: z.string().refine(isCoverTheme, "Choose one of the cover pages"),
  idleLockMinutes: wholeNumber(2, 60, "the service users' idle lock"),
  absoluteSessionHours: wholeNumber(1, 24, "the service users' longest session"),
  staffIdleMinutes: wholeNumber(5, 240, "the staff idle lock"),
  staffSessionHours: wholeNumber(1, 16, "the staff longest session"),
  // Never below the default: a lower threshold would let small counts identify people.
  smallNumberThreshold: wholeNumber(4, 20, "the small-number threshold"),
  reportIntervals: checkbox,
  retentionMonths: wholeNumber(12, 1200, "the retention period"),
  riskReviewWeeks: wholeNumber(2, 26, "the risk review interval"),
  showAccessSummary: checkbox,
  // Every calendar day (ages, due dates, "today", report periods) is a day in this zone. Left out of
  // a form, it stays as it is.
  timeZone: timeZoneSchema.optional(),
  // The service's way in (decision 032): only an administrator may change it, so it is left out of
  // a manager's form and then stays as it is.
  signInPath: z
    .string()
    .transform(normaliseSignInPath)
    .superRefine((v, ctx) => {
      const problem = signInPathProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** The version of the settings the page was drawn from (app/forms/stale.ts). */
  version: versionField,
});

export type Settings = z.output<typeof settingsSchema>;

export async function loadSettings(serviceId: string) {
  const row = await db().service.findUniqueOrThrow({
    where: { id: serviceId },
    select: {
      name: true,
      exitUrl: true,
      coverTheme: true,
      idleLockMinutes: true,
      absoluteSessionHours: true,
      staffIdleMinutes: true,
      staffSessionHours: true,
      smallNumberThreshold: true,
      reportIntervals: true,
      retentionMonths: true,
      riskReviewWeeks: true,
      showAccessSummary: true,
      timeZone: true,
      signInPath: true,
      version: true,
    },
  });
  return { ...row, timeZone: zoneOrDefault(row.timeZone) };
}

/**
 * Saves the settings, only if they are still at the version the page was drawn from; otherwise
 * nothing is written and the outcome is stale, with the version they are at now. A changed
 * sign-in path is refused from anyone but an administrator (a field error, nothing written) and
 * is audited on its own ("service.sign-in-path.update"), without the path itself.
 */
export async function saveSettings(viewer: StaffViewer, input: Settings) {
  const { version, ...changes } = input;
  const serviceId = viewer.staff.serviceId;
  const before = await db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { signInPath: true } });
  const movesTheWayIn = changes.signInPath !== undefined && changes.signInPath !== before.signInPath;
  if (movesTheWayIn && viewer.staff.role !== "ADMIN") {
    return { ok: false as const, stale: false as const, fields: { signInPath: "Only an administrator can change the sign-in address" } };
  }
  return refusingStale(() =>
    db().$transaction(async (tx) => {
      const { count } = await tx.service.updateMany({ where: { id: serviceId, version }, data: { ...changes, version: { increment: 1 } } });
      if (count === 0) await staleWrite(async () => (await tx.service.findUnique({ where: { id: serviceId }, select: { version: true } }))?.version ?? null);
      await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.settings.update", reasonCode: "administration" }, tx);
      if (movesTheWayIn) await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.sign-in-path.update", reasonCode: "administration" }, tx);
      return { ok: true as const };
    }),
  );
}

/** Every published questionnaire (newest version of each key), and whether this service uses it. */
export async function loadQuestionnaireUse(serviceId: string) {
  const [definitions, enabled, rules, service] = await Promise.all([
    db().questionnaireDefinition.findMany({
      orderBy: [{ key: "asc" }, { version: "desc" }],
      distinct: ["key"],
      select: { key: true, version: true, title: true, audience: true, stage: true, source: true },
    }),
    db().serviceQuestionnaire.findMany({ where: { serviceId }, select: { definition: { select: { key: true } } } }),
    db().questionnaireRule.findMany({
      where: { serviceId },
      orderBy: [{ personKind: "asc" }, { trigger: "asc" }],
      select: { id: true, personKind: true, trigger: true, intervalDays: true, dueAfterDays: true, definition: { select: { key: true, title: true } } },
    }),
    db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { questionnaireUseVersion: true } }),
  ]);
  const on = new Set(enabled.map((e) => e.definition.key));
  return {
    /** The version of the list of questionnaires in use the page is drawn from (decision 024). */
    questionnaireUseVersion: service.questionnaireUseVersion,
    definitions: definitions.map((d) => ({ ...d, enabled: on.has(d.key) })),
    rules: rules.map((r) => ({
      id: r.id,
      personKind: r.personKind,
      trigger: r.trigger,
      intervalDays: r.intervalDays,
      dueAfterDays: r.dueAfterDays,
      key: r.definition.key,
      title: r.definition.title,
    })),
  };
}

export const questionnaireUseSchema = z.object({
  keys: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v])),
  version: versionField,
});

/**
 * Saves which questionnaires the service uses (`keys`, each a published definition's key), only if
 * the list is still at `version`, the version the page was drawn from: otherwise nothing is written
 * and the outcome is stale with the version now, so an old tab cannot quietly put back a
 * questionnaire someone switched off, or switch off one someone switched on. Off stops new
 * assignments only: what people were already asked stays answerable, and answers keep their version.
 */
export async function saveQuestionnaireUse(viewer: StaffViewer, keys: string[], version: number): Promise<Outcome | StaleOutcome> {
  const serviceId = viewer.staff.serviceId;
  const definitions = await db().questionnaireDefinition.findMany({ select: { id: true, key: true } });
  const known = new Set(definitions.map((d) => d.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) return { ok: false, fields: { keys: "Choose from the questionnaires listed" } };
  return refusingStale(() =>
    db().$transaction(async (tx) => {
      const { count } = await tx.service.updateMany({
        where: { id: serviceId, questionnaireUseVersion: version },
        data: { questionnaireUseVersion: { increment: 1 } },
      });
      if (count === 0)
        await staleWrite(
          async () => (await tx.service.findUnique({ where: { id: serviceId }, select: { questionnaireUseVersion: true } }))?.questionnaireUseVersion ?? null,
        );
      await tx.serviceQuestionnaire.deleteMany({ where: { serviceId, definition: { key: { notIn: keys } } } });
      await tx.serviceQuestionnaire.createMany({
        data: definitions.filter((d) => keys.includes(d.key)).map((d) => ({ serviceId, definitionId: d.id })),
        skipDuplicates: true,
      });
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, action: "service.questionnaires.update", reasonCode: "administration", detail: { enabled: keys.length } },
        tx,
      );
      return { ok: true as const };
    }),
  );
}

export const ruleSchema = z
  .object({
    key: z.string().min(1, "Choose a questionnaire"),
    personKind: z.enum(PersonKind, { message: "Choose who it is for" }),
    trigger: z.enum(RuleTrigger, { message: "Choose when it is assigned" }),
    intervalDays: optionalWholeNumber(1, 365, "how often, in days,"),
    dueAfterDays: wholeNumber(0, 90, "the days until it is due"),
  })
  .superRefine((v, ctx) => {
    if (v.trigger === "RECURRING" && v.intervalDays === undefined) ctx.addIssue({ code: "custom", path: ["intervalDays"], message: "Say how often, in days" });
  });

export async function addRule(viewer: StaffViewer, input: z.output<typeof ruleSchema>): Promise<Outcome> {
  const definition = await db().questionnaireDefinition.findFirst({
    where: { key: input.key },
    orderBy: { version: "desc" },
    select: { id: true, audience: true },
  });
  if (!definition) return { ok: false, fields: { key: "Choose a questionnaire from the list" } };
  if (definition.audience && definition.audience !== input.personKind) {
    return { ok: false, fields: { personKind: "This questionnaire is written for someone else" } };
  }
  try {
    await db().$transaction(async (tx) => {
      const rule = await tx.questionnaireRule.create({
        data: {
          serviceId: viewer.staff.serviceId,
          definitionId: definition.id,
          personKind: input.personKind,
          trigger: input.trigger,
          intervalDays: input.trigger === "RECURRING" ? (input.intervalDays ?? null) : null,
          dueAfterDays: input.dueAfterDays,
        },
        select: { id: true },
      });
      await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.rule.create", reasonCode: "administration", detail: { ruleId: rule.id } }, tx);
    });
  } catch (error) {
    // The database keeps one rule per questionnaire, kind of person and trigger (a unique index),
    // so two pages adding the same rule at once cannot both succeed either.
    if (isUniqueViolation(error))
      return { ok: false, fields: { key: "There is already a rule for this questionnaire, for these people, at this time. Remove it first to change it." } };
    throw error;
  }
  return { ok: true };
}

export async function removeRule(viewer: StaffViewer, ruleId: string) {
  const { count } = await db().questionnaireRule.deleteMany({ where: { id: ruleId, serviceId: viewer.staff.serviceId } });
  if (count === 0) return false;
  await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.rule.remove", reasonCode: "administration", detail: { ruleId } });
  return true;
}
