import { z } from "zod";
import {
  AssessmentStage,
  ClosureReason,
  ContactChannel,
  Employment,
  EthnicityGroup,
  Gender,
  NoteKind,
  PersonKind,
  ReferralSource,
  RiskLevel,
  SexualOrientation,
} from "~/generated/prisma/enums";
import { checkbox, choices, date, optionalChoice, optionalDate, optionalText, optionalYesNo, text, yesNo } from "~/forms/fields";
import { versionField } from "~/forms/stale";
import { isNeutralTitle, type NeutralTitle } from "~/safety/neutral-titles";
import { fromLocalDateTime, minuteOfDay } from "~/time/calendar";

/** The casework console's forms, one schema each. Checked on the server; shared with the pages for their field names. */

export const openFamilySchema = z.object({
  areaId: z.string({ message: "Choose the area" }).min(1, "Choose the area"),
  referralSource: z.enum(ReferralSource, { message: "Choose where the referral came from" }),
  referralDate: date({ required: "Enter the date of the referral", notFuture: true, earliest: "2000-01-01" }),
});

const names = {
  firstName: text({ max: 60, required: "Enter their first name" }),
  lastName: text({ max: 60, required: "Enter their last name" }),
};

const profileFields = {
  ...names,
  dateOfBirth: optionalDate({ notFuture: true }),
  gender: optionalChoice(z.enum(Gender, { message: "Choose from the list" })),
  sexualOrientation: optionalChoice(z.enum(SexualOrientation, { message: "Choose from the list" })),
  ethnicityGroup: optionalChoice(z.enum(EthnicityGroup, { message: "Choose from the list" })),
  employment: optionalChoice(z.enum(Employment, { message: "Choose from the list" })),
  disability: optionalYesNo("Choose yes, no, or leave it unanswered"),
  consentMonitoring: yesNo("Say whether they agreed to their answers being used for monitoring and evaluation"),
  pageTitle: z.custom<NeutralTitle>((v) => typeof v === "string" && isNeutralTitle(v), "Choose a page title from the list").default("Appointments"),
};

function childNeedsBirthDate(value: { kind: PersonKind; dateOfBirth?: Date }, ctx: z.RefinementCtx) {
  if (value.kind === "YOUNG_PERSON" && !value.dateOfBirth) {
    ctx.addIssue({ code: "custom", path: ["dateOfBirth"], message: "Enter the child's date of birth: it decides which words their pages use" });
  }
}

export const newPersonSchema = z
  .object({
    kind: z.enum(PersonKind, { message: "Choose who this is in the family" }),
    ...profileFields,
    /** Ticked after the page warned about a possible duplicate and the worker checked. */
    notDuplicate: checkbox,
  })
  .superRefine(childNeedsBirthDate);

/** Editing a person's details: the fields, and the version of the record the page was drawn from (app/forms/stale.ts). */
export const profileSchema = z.object({ ...profileFields, version: versionField });

/** A person's details as the Person columns hold them: "not recorded" is null. */
export function profileColumns(input: Omit<z.output<typeof profileSchema>, "version">) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth ?? null,
    pageTitle: input.pageTitle,
    gender: input.gender ?? null,
    sexualOrientation: input.sexualOrientation ?? null,
    ethnicityGroup: input.ethnicityGroup ?? null,
    employment: input.employment ?? null,
    disability: input.disability ?? null,
    consentMonitoring: input.consentMonitoring,
  };
}

const optionalClock = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || v.trim() === "") return null;
    const m = minuteOfDay(v);
    if (m === null) {
      ctx.addIssue({ code: "custom", message: "Enter a time as hours and minutes, like 10:00" });
      return z.NEVER;
    }
    return m;
  });

export const safeContactSchema = z
  .object({
    safeTimes: optionalText(200),
    /**
     * The safe times as data, which notifications obey (app/notifications/safe-times.ts): days of
     * the week (1 = Monday … 7 = Sunday) and one window, in the service's zone. None: nothing is
     * sent outside the portal.
     */
    safeDays: choices(z.enum(["1", "2", "3", "4", "5", "6", "7"], { message: "Choose days from the list" })),
    safeFrom: optionalClock,
    safeUntil: optionalClock,
    safeChannels: choices(z.enum(ContactChannel, { message: "Choose from the list" })),
    doNotContactBy: choices(z.enum(ContactChannel, { message: "Choose from the list" })),
    email: optionalText(200).refine((v) => !v || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v), "Enter an e-mail address, like name@example.org"),
    phone: optionalText(30).refine((v) => !v || /^\+?[0-9 ()-]{7,}$/.test(v), "Enter a phone number, like 07700 900123"),
    calendarFile: checkbox,
    calendarWithAddress: checkbox,
    codeWord: optionalText(60),
    /** The version of the preferences the page was drawn from; 0 when there were none yet. */
    version: versionField,
  })
  .superRefine((value, ctx) => {
    const both = value.safeChannels.filter((c) => value.doNotContactBy.includes(c));
    if (both.length > 0) {
      ctx.addIssue({ code: "custom", path: ["doNotContactBy"], message: "A way of contacting them cannot be both safe and not to be used" });
    }
    const anyWindow = value.safeDays.length > 0 || value.safeFrom !== null || value.safeUntil !== null;
    if (anyWindow) {
      if (value.safeDays.length === 0) ctx.addIssue({ code: "custom", path: ["safeDays"], message: "Choose the days, or clear the times" });
      if (value.safeFrom === null) ctx.addIssue({ code: "custom", path: ["safeFrom"], message: "Enter when the safe time starts" });
      if (value.safeUntil === null) ctx.addIssue({ code: "custom", path: ["safeUntil"], message: "Enter when the safe time ends" });
      if (value.safeFrom !== null && value.safeUntil !== null && value.safeUntil <= value.safeFrom) {
        ctx.addIssue({ code: "custom", path: ["safeUntil"], message: "The safe time ends after it starts, on the same day" });
      }
    }
    if (value.safeChannels.includes("EMAIL") && !value.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the e-mail address that is safe to use" });
    if (value.safeChannels.includes("TEXT_MESSAGE") && !value.phone)
      ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter the number that is safe for texts" });
  });

export const allocationSchema = z.object({
  staffId: z.string({ message: "Choose a worker" }).min(1, "Choose a worker"),
  sameWorkerReason: optionalText(1000),
});

export const riskSchema = z
  .object({
    level: z.enum(RiskLevel, { message: "Choose the risk level" }),
    stage: z.enum(AssessmentStage, { message: "Choose when this assessment was made" }),
    assessedAt: date({ required: "Enter the date of the assessment", notFuture: true, earliest: "2000-01-01" }),
    reason: text({ max: 4000, required: "Say briefly why: what the level rests on" }),
    reviewDueAt: optionalDate(),
  })
  .superRefine((value, ctx) => {
    if (value.reviewDueAt && value.reviewDueAt <= value.assessedAt) {
      ctx.addIssue({ code: "custom", path: ["reviewDueAt"], message: "The review must be after the assessment" });
    }
  });

/**
 * A case note, with the time it happened read on the service's clock (`zone`, the staff member's
 * service): a `datetime-local` input sends no zone. A time the clocks skipped (01:30 on the last
 * Sunday of March in the UK) is refused; one they showed twice (01:30 on the last Sunday of October)
 * is the first of the two (app/time/calendar.ts, `fromLocalDateTime`).
 */
export function noteSchema(zone: string) {
  return z.object({
    kind: z.enum(NoteKind, { message: "Choose what kind of note this is" }),
    occurredAt: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return new Date();
        const read = fromLocalDateTime(v, zone);
        if (read.ok) return read.at;
        ctx.addIssue({
          code: "custom",
          message:
            read.reason === "skipped"
              ? "The clocks went forward then, so that time did not happen: enter the time as the clock showed it, like 02:30"
              : "Enter a date and time, like 2026-03-31 14:30",
        });
        return z.NEVER;
      })
      .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, "A note records what happened: the time cannot be in the future"),
    body: text({ max: 10_000, required: "Write the note" }),
  });
}
export type NoteInput = z.output<ReturnType<typeof noteSchema>>;

export const closeSchema = z.object({
  closureReason: z.enum(ClosureReason, { message: "Choose why their involvement is closing" }),
  endedAt: date({ required: "Enter the date their involvement ends", notFuture: true, earliest: "2000-01-01" }),
});
