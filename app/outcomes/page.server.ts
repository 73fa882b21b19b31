import { z } from "zod";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { AGE_BANDS } from "~/age-bands/age-band";
import { addCalendarMonths, isLocalDate, reportingYear, reportingYearOf, todayIn, type LocalDate } from "~/time/calendar";
import { GROUPS, REFERRAL_SOURCES } from "./filters";
import { outcomeReport, type OutcomeReport, type ReportFilters } from "./report.server";

/**
 * Who may read the outcome report, and the filters they may ask for. Managers read the whole
 * service and may filter by any of its areas; a case manager reads only the area of their team,
 * whatever they ask for. Everyone else (workers, administrators, every service user) gets a 404
 * from the route's guard before this is reached.
 */

export type ReportAccess = {
  serviceId: string;
  zone: string;
  threshold: number;
  /** The service shows a 95% Wilson interval beside each percentage (a service setting). */
  intervals: boolean;
  /** The reporting years the viewer may choose, the current one first (see `reportingYears`). */
  years: ReportingYear[];
  /** The areas the viewer may choose; a case manager has exactly one. */
  areas: { id: string; name: string }[];
  /** A case manager's report is always of their own area. */
  fixedAreaId: string | null;
};

const notFound = () => new Response("Not found", { status: 404 });

/**
 * What the viewer may see of the report.
 * @throws Response 404 for a role other than manager or case manager, and for a case manager whose
 *   team has no area (there is no area they hold)
 */
export async function reportAccess(viewer: StaffViewer): Promise<ReportAccess> {
  const { serviceId, role, id } = viewer.staff;
  if (role !== "MANAGER" && role !== "CASE_MANAGER") throw notFound();
  const service = await db().service.findUniqueOrThrow({
    where: { id: serviceId },
    select: { smallNumberThreshold: true, reportIntervals: true, reportingYearStartMonth: true },
  });
  const zone = viewer.staff.timeZone;
  const years = reportingYears(todayIn(zone), service.reportingYearStartMonth);
  const base = { serviceId, zone, years, threshold: service.smallNumberThreshold, intervals: service.reportIntervals };
  if (role === "MANAGER") {
    const areas = await db().area.findMany({ where: { serviceId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    return { ...base, areas, fixedAreaId: null };
  }
  const staff = await db().staffMember.findFirst({
    where: { id, serviceId },
    select: { team: { select: { area: { select: { id: true, name: true } } } } },
  });
  const area = staff?.team?.area;
  if (!area) throw notFound();
  return { ...base, areas: [area], fixedAreaId: area.id };
}

/** How many reporting years back a report can be asked for (and the longest record-level export). */
export const MAX_PERIOD_YEARS = 10;

export type ReportingYear = { year: number; from: LocalDate; to: LocalDate; label: string };

/**
 * The reporting years a report can be for: the one holding `today` and the nine before it, newest
 * first. A report is for one whole reporting year, never another period: years never overlap, so
 * no report is another's subset and none can be subtracted from another (decision 041).
 * @param today the service's calendar day
 * @param startMonth the month (1–12) each reporting year starts in (`Service.reportingYearStartMonth`)
 */
export function reportingYears(today: LocalDate, startMonth: number): ReportingYear[] {
  const current = reportingYearOf(today, startMonth);
  return Array.from({ length: MAX_PERIOD_YEARS }, (_, i) => reportingYear(current - i, startMonth));
}

export type FilterValues = { year: string; area: string; group: string; referral: string; band: string };
export type FilterErrors = Partial<Record<keyof FilterValues, string>>;

const day = (label: string) =>
  z
    .string()
    .trim()
    .refine(isLocalDate, { message: `Enter the ${label} date as year-month-day, for example 2025-04-01.` });

/** The filters as given in the address, before they are checked. No year: the current reporting year. */
export function filterValues(search: URLSearchParams, access: ReportAccess): FilterValues {
  const get = (name: string) => search.get(name)?.slice(0, 200) ?? "";
  return {
    year: get("year") || String(access.years[0]?.year ?? ""),
    area: access.fixedAreaId ?? get("area"),
    group: get("group"),
    referral: get("referral"),
    band: get("band"),
  };
}

/**
 * Checks the filters. Each problem is named against its field, in words a manager can act on.
 * @returns the filters for `outcomeReport`, or the field errors (the caller answers 400 and keeps the form)
 */
export function checkFilters(values: FilterValues, access: ReportAccess): { ok: true; filters: ReportFilters } | { ok: false; errors: FilterErrors } {
  const schema = z
    .object({
      year: z.string().refine((v) => access.years.some((y) => String(y.year) === v), {
        message: `Choose a reporting year from the list: reports are for whole reporting years, from the last ${MAX_PERIOD_YEARS}.`,
      }),
      area: z.string().refine((v) => v === "" || access.areas.some((a) => a.id === v), { message: "Choose an area from the list." }),
      group: z.union([z.literal(""), z.enum(GROUPS)], { error: "Choose a group from the list." }),
      referral: z.union([z.literal(""), z.enum(REFERRAL_SOURCES)], { error: "Choose a referral source from the list." }),
      band: z.union([z.literal(""), z.enum(AGE_BANDS)], { error: "Choose an age band from the list." }),
    })
    .superRefine((v, ctx) => {
      // A view is one cohort part (views.ts): the cross of a source and a band could be subtracted from each.
      if (v.referral && v.band)
        ctx.addIssue({
          code: "custom",
          path: ["band"],
          message: "Choose a referral source or a children's age band, not both: figures for both at once could be worked out against the figures for each.",
        });
    });
  const result = schema.safeParse(values);
  if (!result.success) {
    const errors: FilterErrors = {};
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && field in values && !errors[field as keyof FilterValues]) errors[field as keyof FilterValues] = issue.message;
    }
    return { ok: false, errors };
  }
  const v = result.data;
  const year = access.years.find((y) => String(y.year) === v.year) as ReportingYear;
  return {
    ok: true,
    filters: {
      from: year.from,
      to: year.to,
      areaId: access.fixedAreaId ?? (v.area || null),
      group: v.group || null,
      referralSource: v.referral || null,
      ageBand: v.band || null,
    },
  };
}

/** The report for checked filters, as the viewer may see it (always suppressed). */
export function reportFor(access: ReportAccess, filters: ReportFilters): Promise<OutcomeReport> {
  return outcomeReport(
    { ...filters, areaId: access.fixedAreaId ?? filters.areaId },
    { serviceId: access.serviceId, zone: access.zone, threshold: access.threshold, intervals: access.intervals },
  );
}

export type RecordsFormValues = { from: string; to: string; exportKey: string };

/** The record-level export form's period as the address gives it; by default the current reporting year. */
export function recordsPeriod(search: URLSearchParams, access: ReportAccess): { from: string; to: string } {
  const get = (name: string) => search.get(name)?.slice(0, 200) ?? "";
  return { from: get("from") || (access.years[0]?.from ?? ""), to: get("to") || (access.years[0]?.to ?? "") };
}
export type RecordsFormErrors = Partial<Record<keyof RecordsFormValues, string>>;

/** Export keys shorter than this would make pseudonyms guessable from the record ids. */
export const MIN_EXPORT_KEY_LENGTH = 16;

/**
 * Checks the record-level export's form: a period of whole days (at most ten years; rows, not
 * figures, so any period: there is nothing to subtract), and the export key.
 * @returns the period and key, or a message per field (the caller answers 400 and keeps the form, without the key)
 */
export function checkRecordsForm(
  values: RecordsFormValues,
): { ok: true; from: LocalDate; to: LocalDate; exportKey: string } | { ok: false; errors: RecordsFormErrors } {
  const period = z
    .object({ from: day("start"), to: day("end") })
    .superRefine((v, ctx) => {
      if (!isLocalDate(v.from) || !isLocalDate(v.to)) return;
      if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be on or after the start date." });
      else if (addCalendarMonths(v.from, 12 * MAX_PERIOD_YEARS) <= v.to)
        ctx.addIssue({ code: "custom", path: ["to"], message: `Choose a period of at most ${MAX_PERIOD_YEARS} years.` });
    })
    .safeParse({ from: values.from, to: values.to });
  const errors: RecordsFormErrors = {};
  if (!period.success)
    for (const issue of period.error.issues) {
      const field = issue.path[0];
      if ((field === "from" || field === "to") && !errors[field]) errors[field] = issue.message;
    }
  if (values.exportKey.length < MIN_EXPORT_KEY_LENGTH)
    errors.exportKey = `Enter an export key of at least ${MIN_EXPORT_KEY_LENGTH} characters, agreed with the evaluation partner and kept by the service.`;
  if (!period.success || errors.exportKey) return { ok: false, errors };
  return { ok: true, from: period.data.from as LocalDate, to: period.data.to as LocalDate, exportKey: values.exportKey };
}
