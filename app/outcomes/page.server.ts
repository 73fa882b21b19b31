import { z } from "zod";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { AGE_BANDS } from "~/age-bands/age-band";
import { addCalendarDays, addCalendarMonths, isLocalDate, todayIn, type LocalDate } from "~/time/calendar";
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
  const service = await db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { smallNumberThreshold: true, reportIntervals: true } });
  const base = { serviceId, zone: viewer.staff.timeZone, threshold: service.smallNumberThreshold, intervals: service.reportIntervals };
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

/** The longest period a report covers: the service's own report covers two years. */
export const MAX_PERIOD_YEARS = 10;

export type FilterValues = { from: string; to: string; area: string; group: string; referral: string; band: string };
export type FilterErrors = Partial<Record<keyof FilterValues, string>>;

const day = (label: string) =>
  z
    .string()
    .trim()
    .refine(isLocalDate, { message: `Enter the ${label} date as year-month-day, for example 2025-04-01.` });

/** The filters as given in the address, before they are checked. Missing dates default to the last 12 months. */
export function filterValues(search: URLSearchParams, access: ReportAccess, now: Date = new Date()): FilterValues {
  const today = todayIn(access.zone, now);
  const get = (name: string) => search.get(name)?.slice(0, 200) ?? "";
  return {
    from: get("from") || addCalendarDays(addCalendarMonths(today, -12), 1),
    to: get("to") || today,
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
      from: day("start"),
      to: day("end"),
      area: z.string().refine((v) => v === "" || access.areas.some((a) => a.id === v), { message: "Choose an area from the list." }),
      group: z.union([z.literal(""), z.enum(GROUPS)], { error: "Choose a group from the list." }),
      referral: z.union([z.literal(""), z.enum(REFERRAL_SOURCES)], { error: "Choose a referral source from the list." }),
      band: z.union([z.literal(""), z.enum(AGE_BANDS)], { error: "Choose an age band from the list." }),
    })
    .superRefine((v, ctx) => {
      if (!isLocalDate(v.from) || !isLocalDate(v.to)) return;
      if (v.to < v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date must be on or after the start date." });
      else if (addCalendarMonths(v.from, 12 * MAX_PERIOD_YEARS) <= v.to)
        ctx.addIssue({ code: "custom", path: ["to"], message: `Choose a period of at most ${MAX_PERIOD_YEARS} years.` });
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
  return {
    ok: true,
    filters: {
      from: v.from as LocalDate,
      to: v.to as LocalDate,
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
export type RecordsFormErrors = Partial<Record<keyof RecordsFormValues, string>>;

/** Export keys shorter than this would make pseudonyms guessable from the record ids. */
export const MIN_EXPORT_KEY_LENGTH = 16;

/**
 * Checks the record-level export's form: a period as for the report, and the export key.
 * @returns the period and key, or a message per field (the caller answers 400 and keeps the form, without the key)
 */
export function checkRecordsForm(
  values: RecordsFormValues,
): { ok: true; from: LocalDate; to: LocalDate; exportKey: string } | { ok: false; errors: RecordsFormErrors } {
  const period = checkFilters(
    { from: values.from, to: values.to, area: "", group: "", referral: "", band: "" },
    { serviceId: "", zone: "", threshold: 0, intervals: false, areas: [], fixedAreaId: null },
  );
  const errors: RecordsFormErrors = {};
  if (!period.ok) {
    if (period.errors.from) errors.from = period.errors.from;
    if (period.errors.to) errors.to = period.errors.to;
  }
  if (values.exportKey.length < MIN_EXPORT_KEY_LENGTH)
    errors.exportKey = `Enter an export key of at least ${MIN_EXPORT_KEY_LENGTH} characters, agreed with the evaluation partner and kept by the service.`;
  if (!period.ok || errors.exportKey) return { ok: false, errors };
  return { ok: true, from: period.filters.from, to: period.filters.to, exportKey: values.exportKey };
}
