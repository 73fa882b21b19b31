import { db } from "~/db.server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { addCalendarDays, startOfLocalDay, type LocalDate } from "~/time/calendar";
import { factPlaces } from "./facts-sql";
import type { Group } from "./measures";
import { allCounts, denominatorLabel, SECTIONS } from "./sections";
import { MIN_PERCENT_DENOMINATOR, MIN_THRESHOLD, SuppressionImpossible, type Percentage, type Shown, type SuppressedFigures } from "./suppression";
import { viewFigures, viewKey, type Cell, type Cohort, type FigureSpec } from "./views";

/**
 * The service's outcome report, computed in the database: one SQL statement whose aggregates come
 * back as one row per group (and the families), area, filter side and, for a cohort view, referral
 * source and age band; no person's row reaches
 * JavaScript. It reads each person's facts from their typed "OutcomeAnswers" row, which the
 * database keeps as forms are sent (decision 038). Every figure then passes through the
 * suppression module before it is returned. docs/outcomes.md says what each line counts.
 *
 * Who is counted: people of the service (records merged into another are not counted twice)
 * whose involvement overlapped the period; only those who consented to monitoring and
 * evaluation, except in the data-quality section, which counts everyone so the gaps can be seen.
 *
 * Every view a reader can ask for (each area and the whole service, alone or cut by one referral
 * source or age band) is entered into suppression as one system of sums (views.ts, decision 041),
 * so no view's figure can be worked out from another's. The period is one whole reporting year
 * (page.server.ts): years never overlap, so no two reports' people are one inside the other.
 */

export type ReportFilters = {
  /** First and last local day of the period, inclusive. */
  from: LocalDate;
  to: LocalDate;
  areaId: string | null;
  group: Group | null;
  referralSource: string | null;
  ageBand: "under-8" | "8-12" | "13-17" | null;
};

export type ReportOptions = {
  serviceId: string;
  zone: string;
  /** The service's small-number threshold (counts 1..threshold are hidden). */
  threshold: number;
  /** Show a 95% Wilson interval beside each percentage. */
  intervals?: boolean;
};

export type ReportLine = {
  key: string;
  label: string;
  count: Shown;
  percent: Percentage;
  /** What the percentage is of, and how many that is. */
  of: { label: string; count: Shown } | null;
};

export type ReportMedian = { key: string; label: string; n: Shown; value: number | null };

export type ReportSection = {
  key: string;
  title: string;
  intro: string | null;
  chart: "bars" | "pairs" | null;
  lines: ReportLine[];
  /** Lines drawn as paired bars (intake beside exit), by their keys in `lines`. */
  pairs: { label: string; intake: string; exit: string }[];
  medians: ReportMedian[];
  /** Every figure in the section is hidden (or zero with nothing to say): the page says so in words. */
  allHidden: boolean;
  /**
   * Why the whole section is withheld, when it is: "small", no choice of figures could protect this
   * view; "families", whole-family figures are not split by cohort or group. Null when it is shown.
   */
  withheld: WithheldReason | null;
};

export type WithheldReason = "small" | "families";

export type OutcomeReport = {
  filters: ReportFilters;
  threshold: number;
  /**
   * True when no choice of figures to hide could keep this view from giving someone away (a
   * cohort view beside the unfiltered report): every figure is withheld and the page says why.
   */
  withheld: boolean;
  sections: ReportSection[];
};

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * One aggregate row, of one of two kinds. `fine` 1: a group (or FAMILY) in one area, side of the
 * filters, and (for a cohort view) referral source and age band (null: none); suppression adds these
 * up into every view. `fine` 0: a group's people in the chosen view (`in_scope`) or out of it, for
 * the view's medians, which cannot be added up.
 */
type AggregateRow = {
  kind: string;
  area_id: string | null;
  referral: string | null;
  band: string | null;
  in_scope: boolean | null;
  fine: number;
} & Record<string, unknown>;

/**
 * Computes the report for a service and filters, suppressed.
 *
 * Suppression sees more than the page shows, so that no two views can be subtracted: every
 * figure is computed for each area and for the whole service (tied by "the service is the sum
 * of its areas"), and with a cohort filter, for every referral source and every age band of each
 * place (views.ts, decision 041). The unfiltered figures are decided first, exactly as the
 * unfiltered report decides them, and kept fixed while the cohort parts are decided, so no cohort
 * view adds anything to the unfiltered one, or to another cohort view.
 *
 * A group filter only chooses whose figures are shown: every figure counts one group, so the
 * group's figures are the unfiltered ones and the other groups' are nought. Whole-family figures
 * are not split by cohort (a family's members can fall in different cohorts): under any cohort or
 * group filter their section is withheld, in words.
 *
 * @param filters a checked period (from ≤ to, local days) and optional filters (ids checked by the
 *   caller; at most one of referral source and age band, see views.ts)
 * @returns every section in the seed report's order, each figure a `Shown`, each percentage with its n
 * @throws Error when both a referral source and an age band are given (the caller refuses that first);
 *   whatever the database throws; nothing for empty results (every figure is then 0)
 */
export async function outcomeReport(filters: ReportFilters, options: ReportOptions, client: Client = db()): Promise<OutcomeReport> {
  if (filters.referralSource !== null && filters.ageBand !== null) throw new Error("A report view is cut by a referral source or an age band, not both.");
  const threshold = Math.max(options.threshold, MIN_THRESHOLD);
  const rows = await aggregates(client, filters, options);
  const areas = [...new Set(rows.flatMap((r) => (r.fine === 1 && r.area_id !== null ? [r.area_id] : [])))].sort();
  if (filters.areaId && !areas.includes(filters.areaId)) areas.push(filters.areaId);
  const cohort = cohortOf(filters);

  const counts = [
    ...allCounts().map((c) => ({ key: c.key, group: c.group })),
    ...SECTIONS.flatMap((s) => s.medians ?? []).map((m) => ({ key: `${m.key}:n`, group: m.group })),
  ];
  const spec: FigureSpec = {
    counts,
    shares: SECTIONS.flatMap((s) => s.lines).flatMap((l) => (l.of ? [{ key: l.key, of: l.of }] : [])),
    partitions: SECTIONS.flatMap((s) => s.partitions ?? []),
  };
  const keys = counts.map((c) => c.key);
  const cells: Cell[] = rows
    .filter((r) => r.fine === 1 && r.area_id !== null)
    .map((r) => ({
      group: r.kind,
      area: r.area_id as string,
      referral: r.referral,
      band: r.band,
      counts: Object.fromEntries(keys.flatMap((k) => (r[k] === null || r[k] === undefined ? [] : [[k, Number(r[k])]]))),
    }));

  let shown: SuppressedFigures;
  try {
    const unfiltered = viewFigures(cells, areas, spec, false).finish(threshold);
    shown = cohort ? viewFigures(cells, areas, spec, true).finish(threshold, unfiltered.allDecisions()) : unfiltered;
  } catch (error) {
    if (!(error instanceof SuppressionImpossible)) throw error;
    return { filters, threshold, withheld: true, sections: SECTIONS.map((s) => withheldSection(s, "small")) };
  }
  const medians = new Map<string, number | null>();
  for (const m of SECTIONS.flatMap((s) => s.medians ?? [])) {
    // The view's own people (area and cohort filters alike are "in scope"): the one row that grouped by in_scope alone.
    const row = rows.find((r) => r.kind === m.group && r.fine === 0 && r.in_scope === true);
    const v = row?.[`${m.key}:median`];
    medians.set(m.key, v === null || v === undefined ? null : Number(v));
  }
  const groupOf = new Map(counts.map((c) => [c.key, c.group]));
  const nobody: Shown = { kind: "count", n: 0 };
  const place = filters.areaId ?? "*";
  const at: FigureAt = {
    // Under a group filter, another group's figure counts nobody in the view.
    shown: (key) => (filters.group !== null && groupOf.get(key) !== filters.group ? nobody : shown.shown(viewKey(key, place, cohort))),
    percent: (key, of, intervals) =>
      filters.group !== null && groupOf.get(key) !== filters.group
        ? { kind: "none", reason: "no-one" }
        : shown.percent(viewKey(key, place, cohort), viewKey(of, place, cohort), { interval: intervals }),
  };
  const split = cohort !== null || filters.group !== null;
  return {
    filters,
    threshold,
    withheld: false,
    sections: SECTIONS.map((section) =>
      split && section.lines.every((l) => l.group === "FAMILY")
        ? withheldSection(section, "families")
        : present(section, at, medians, options.intervals ?? false),
    ),
  };
}

/** The cohort part a view is cut by (views.ts), or null for everyone. */
function cohortOf(filters: ReportFilters): Cohort {
  if (filters.referralSource !== null) return { dimension: "referral", value: filters.referralSource };
  return filters.ageBand !== null ? { dimension: "band", value: filters.ageBand } : null;
}

/** How `present` reads one figure of the chosen view. */
type FigureAt = { shown: (key: string) => Shown; percent: (key: string, of: string, intervals: boolean) => Percentage };

/** What a section says whatever its figures: its key, title, introduction and how it is drawn. */
function sectionHeading(section: (typeof SECTIONS)[number]): Pick<ReportSection, "key" | "title" | "intro" | "chart" | "pairs"> {
  return { key: section.key, title: section.title, intro: section.intro ?? null, chart: section.chart ?? null, pairs: section.pairs ?? [] };
}

/** A section of a report that cannot be shown without giving someone away: every figure withheld. */
function withheldSection(section: (typeof SECTIONS)[number], reason: WithheldReason): ReportSection {
  const hidden: Shown = { kind: "withheld" };
  return {
    ...sectionHeading(section),
    lines: section.lines.map((line) => ({
      key: line.key,
      label: line.label,
      count: hidden,
      percent: { kind: "none", reason: "hidden" },
      of: line.of ? { label: denominatorLabel(line.of), count: hidden } : null,
    })),
    medians: (section.medians ?? []).map((m) => ({ key: m.key, label: m.label, n: hidden, value: null })),
    allHidden: true,
    withheld: reason,
  };
}

function present(section: (typeof SECTIONS)[number], at: FigureAt, medians: Map<string, number | null>, intervals: boolean): ReportSection {
  const lines: ReportLine[] = section.lines.map((line) => ({
    key: line.key,
    label: line.label,
    count: at.shown(line.key),
    percent: line.of ? at.percent(line.key, line.of, intervals) : { kind: "none", reason: "no-one" },
    of: line.of ? { label: denominatorLabel(line.of), count: at.shown(line.of) } : null,
  }));
  const sectionMedians: ReportMedian[] = (section.medians ?? []).map((m) => {
    const n = at.shown(`${m.key}:n`);
    const value = medians.get(m.key) ?? null;
    return { key: m.key, label: m.label, n, value: n.kind === "count" && n.n >= MIN_PERCENT_DENOMINATOR ? value : null };
  });
  const visible = (s: Shown) => s.kind === "count" && s.n > 0;
  const allHidden = !lines.some((l) => visible(l.count)) && !sectionMedians.some((m) => m.value !== null);
  return {
    ...sectionHeading(section),
    lines,
    medians: sectionMedians,
    allHidden,
    withheld: null,
  };
}

// ───────────────────────────── SQL ─────────────────────────────

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * SQL for a young person's age band ("under-8", "8-12", "13-17", as app/age-bands/age-band.ts
 * `ageBand`) on the local day of `startedAt` in `zone`. Arguments are SQL expressions: `startedAt`
 * a "timestamp" holding UTC wall-clock time, `dateOfBirth` a date, `zone` a text IANA zone name.
 * width_bucket reads the age once (0 below 8, 1 below 13, else 2): written as a CASE with the age
 * in each branch, the zone conversion and age() cost about 50 ms at 100,000 people.
 */
export function ageBandSql(startedAt: string, dateOfBirth: string, zone: string): string {
  const age = `date_part('year', age((${startedAt} AT TIME ZONE 'UTC' AT TIME ZONE ${zone})::date, ${dateOfBirth}))`;
  return `(ARRAY['under-8', '8-12', '13-17'])[1 + width_bucket(${age}, ARRAY[8, 13]::float8[])]`;
}

/**
 * The people in the period with one row each of facts (kept inside the database as CTEs), ending
 * in the CTE `x`. Parameters: service, period as instants and as local days, zone, filters.
 */
function peopleSql(p: Params, filters: ReportFilters, options: ReportOptions): string {
  const fromAt = p.add(startOfLocalDay(filters.from, options.zone).toISOString());
  const toAt = p.add(startOfLocalDay(addCalendarDays(filters.to, 1), options.zone).toISOString());
  const fromDay = p.add(filters.from);
  const toDay = p.add(addCalendarDays(filters.to, 1));
  const zone = p.add(options.zone);
  const service = p.add(options.serviceId);
  const area = p.add(filters.areaId);
  const group = p.add(filters.group);
  const referral = p.add(filters.referralSource);
  const band = p.add(filters.ageBand);
  // Timestamps are stored as UTC wall-clock time in "timestamp" columns: a parameter cast with
  // ::timestamp keeps the UTC wall-clock time of the ISO string, whatever the session's zone.
  return `
  base AS (
    SELECT p.id, p.kind::text AS kind, p."familyId", f."areaId",
      p."consentMonitoring" AS consent,
      (p."involvementEndedAt" >= ${fromAt}::timestamp AND p."involvementEndedAt" < ${toAt}::timestamp) AS ended,
      (f."referralDate" >= ${fromDay}::date AND f."referralDate" < ${toDay}::date) AS referred,
      f."referralDate" AS referral_date,
      p.gender::text AS gender, p."sexualOrientation" AS orientation, p."ethnicityGroup" AS ethnicity,
      p.disability, p.employment::text AS employment,
      COALESCE(p."referralSource", f."referralSource")::text AS referral,
      CASE WHEN p.kind = 'YOUNG_PERSON' AND p."dateOfBirth" IS NOT NULL THEN
        ${ageBandSql(`p."involvementStartedAt"`, `p."dateOfBirth"`, zone)}
      END AS band
    FROM "Person" p JOIN "Family" f ON f.id = p."familyId"
    WHERE p."serviceId" = ${service} AND p."mergedIntoId" IS NULL
      AND p."involvementStartedAt" < ${toAt}::timestamp
      AND (p."involvementEndedAt" IS NULL OR p."involvementEndedAt" >= ${fromAt}::timestamp)
  ),
  scoped AS (
    SELECT base.*,
      ((${area}::text IS NULL OR base."areaId" = ${area}::text)
        AND (${group}::text IS NULL OR base.kind = ${group}::text)
        AND (${referral}::text IS NULL OR base.referral = ${referral}::text)
        AND (${band}::text IS NULL OR base.band = ${band}::text)) AS in_scope
    FROM base
  ),
  ap AS (
    SELECT a."personId",
      count(*) FILTER (WHERE a.status <> 'CANCELLED' AND a."startsAt" >= ${fromAt}::timestamp AND a."startsAt" < ${toAt}::timestamp) AS offered,
      count(*) FILTER (WHERE a.status = 'ATTENDED' AND a."startsAt" >= ${fromAt}::timestamp AND a."startsAt" < ${toAt}::timestamp) AS attended,
      min(a."startsAt") FILTER (WHERE a.status = 'ATTENDED') AS first_attended
    FROM "Appointment" a JOIN "Person" ap_p ON ap_p.id = a."personId" AND ap_p."serviceId" = ${service}
    GROUP BY a."personId"
  ),
  risk AS (
    SELECT DISTINCT ON (ra."personId") ra."personId", ra.level::text AS level
    FROM "RiskAssessment" ra JOIN "Person" ra_p ON ra_p.id = ra."personId" AND ra_p."serviceId" = ${service}
    ORDER BY ra."personId", (ra.stage = 'INTAKE') DESC, ra."assessedAt" ASC
  ),
  x AS (
    SELECT s.*, o.flags, o.numbers, o.choices,
      o."intakeResponseId" IS NOT NULL AS has_intake,
      o."exitResponseId" IS NOT NULL AS has_exit,
      (s.ended AND o."intakeResponseId" IS NOT NULL AND o."exitResponseId" IS NOT NULL) AS matched,
      COALESCE(ap.offered, 0) AS offered,
      COALESCE(ap.attended, 0) AS attended,
      ((ap.first_attended AT TIME ZONE 'UTC' AT TIME ZONE ${zone})::date - s.referral_date) AS days_to_contact,
      risk.level AS risk_first
    FROM scoped s
      LEFT JOIN "OutcomeAnswers" o ON o."personId" = s.id
      LEFT JOIN ap ON ap."personId" = s.id
      LEFT JOIN risk ON risk."personId" = s.id
  )`;
}

/**
 * `x` (the people's rows of `peopleSql`) with `where` applied and, beside each row's columns, the
 * facts that `uses` (SQL texts over one person's row) name, each read once from its place in the
 * person's typed arrays (decision 038). Only the facts named are read, and the rows are not kept
 * wide in the `x` CTE: at 100,000 people, reading all 88 facts into every row of the materialised
 * CTE cost about 0.1 s of the statement's 1.06 s of CPU (docs/outcomes.md §Performance). OFFSET 0
 * keeps PostgreSQL from folding the subquery into its caller, which would read a fact again in
 * every aggregate that names it. Returns a FROM item aliased `x`.
 */
function xWithFacts(where: string, uses: string[]): string {
  const text = uses.join("\n");
  const facts = factPlaces()
    .filter(({ fact }) => new RegExp(`\\b${fact.name}\\b`).test(text))
    .map(({ fact, column, index }) => `, x.${column}[${index}] AS ${fact.name}`)
    .join("");
  return `(SELECT x.*${facts} FROM x WHERE ${where} OFFSET 0) x`;
}

function countSql(where: string, sum: string | undefined, everyone: boolean | undefined): string {
  const condition = everyone ? `(${where})` : `consent AND (${where})`;
  return sum ? `COALESCE(sum(${sum}) FILTER (WHERE ${condition}), 0)` : `count(*) FILTER (WHERE ${condition})`;
}

/** The report's one statement and the settings it runs under (see `reportStatement`). */
export type ReportStatement = { sql: string; values: unknown[]; settings: string[] };

/**
 * The report's single SQL statement, its parameters, and the `SET LOCAL` statements it runs under,
 * without running it: `outcomeReport` runs it, and bench/outcomes-explain.ts runs EXPLAIN ANALYZE
 * on exactly the same text. Returns one row per group (and FAMILY), area (null: every area) and
 * side of the cohort filter; see `AggregateRow`. Throws nothing.
 */
export function reportStatement(filters: ReportFilters, options: ReportOptions): ReportStatement {
  const counts = allCounts();
  const mediansSpec = SECTIONS.flatMap((s) => s.medians ?? []);

  // One statement: the people's counts and the families' counts share every CTE (x is computed once),
  // as parts of a UNION ALL padded to the same columns. Each group's counts are aggregated over that
  // group's rows only: every count on every row cost three times the work (decision 038).
  const p = new Params();
  const groups: Group[] = ["ADULT_SURVIVOR", "HARMFUL_BEHAVIOUR", "YOUNG_PERSON"];
  const columnsOf = (group: Group) => [
    ...counts.filter((m) => m.group === group).map((m) => ({ name: m.key, sql: countSql(m.where, m.sum, m.everyone) })),
    ...mediansSpec
      .filter((m) => m.group === group)
      .flatMap((m) => [
        { name: `${m.key}:n`, sql: `count(*) FILTER (WHERE consent AND ${m.where})` },
        { name: `${m.key}:median`, sql: `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${m.value}) FILTER (WHERE consent AND ${m.where})` },
      ]),
  ];
  const personColumns = groups.map((group) => {
    const columns = columnsOf(group);
    const uses = columns.map((c) => c.sql);
    return { group, columns, from: xWithFacts(`kind = '${group}'`, uses) };
  });
  const familyColumns = counts.filter((m) => m.group === "FAMILY").map((m) => ({ name: m.key, sql: countSql(m.where, m.sum, true) }));
  const allColumns = [...personColumns.flatMap((g) => g.columns), ...familyColumns];
  const select = (mine: { name: string; sql: string }[]) =>
    allColumns.map((c) => `${mine.includes(c) ? c.sql : "NULL::float8"} AS "${c.name}"`).join(",\n    ");
  const multipleExit = "((e_physical)::int + (e_sexual)::int + (e_hs)::int + (e_jc)::int)";
  const familyFacts = `bool_or(kind = 'ADULT_SURVIVOR' AND matched) AS s_matched,
      bool_or(kind = 'HARMFUL_BEHAVIOUR' AND ended AND has_exit) AS h_exit,
      bool_or(kind = 'ADULT_SURVIVOR' AND matched AND agree_felt_safer IN ('agree', 'strongly-agree')) AS s_safer,
      bool_or(kind = 'ADULT_SURVIVOR' AND matched AND e_physical_asked AND e_sexual_asked AND e_hs_asked AND e_jc_asked AND ${multipleExit} = 0) AS s_no_abuse,
      bool_or(kind = 'HARMFUL_BEHAVIOUR' AND ended AND risk_at_intake IN ('medium', 'high')
        AND (risk_at_exit = 'standard' OR (risk_at_intake = 'high' AND risk_at_exit = 'medium'))) AS h_risk_reduced,
      bool_or(kind = 'HARMFUL_BEHAVIOUR' AND ended AND physical_at_intake AND physical_at_exit_asked AND NOT physical_at_exit) AS h_no_physical,
      count(*) FILTER (WHERE kind = 'YOUNG_PERSON' AND matched AND i_witnessed AND e_witnessed_asked) AS y_witnessed,
      count(*) FILTER (WHERE kind = 'YOUNG_PERSON' AND matched AND i_witnessed AND e_witnessed_asked AND NOT e_witnessed) AS y_witnessed_ceased`;
  // The cohort parts (views.ts) only for a cohort view: grouping by them costs the unfiltered report
  // about a quarter of its time at 100,000 people (the band is an age worked out for every child).
  // Both grouping sets begin (kind, in_scope), so one sort serves both; the fine rows are split by
  // in_scope too, which views.ts adds up again. At 100,000 people: 0.86 s of backend CPU, as before
  // the cohort parts, against 0.97 s with two sorts (bench/outcomes-explain.ts, same kept database).
  const cohort = cohortOf(filters) !== null;
  const parts = cohort ? "referral, band" : "NULL::text AS referral, NULL::text AS band";
  const query = `WITH ${peopleSql(p, filters, options)},
  fam AS (
    SELECT "familyId", min("areaId") AS "areaId",
      ${familyFacts}
    FROM ${xWithFacts("consent", [familyFacts])} GROUP BY "familyId"
  )
  ${personColumns
    .map(
      ({ from, columns }) => `SELECT kind, "areaId" AS area_id, ${parts}, in_scope, 1 - GROUPING("areaId") AS fine, ${select(columns)}
  FROM ${from} GROUP BY GROUPING SETS ((kind, in_scope, "areaId"${cohort ? ", referral, band" : ""}), (kind, in_scope))`,
    )
    .join("\n  UNION ALL\n  ")}
  UNION ALL
  SELECT 'FAMILY' AS kind, "areaId" AS area_id, NULL AS referral, NULL AS band, NULL::boolean AS in_scope, 1 AS fine, ${select(familyColumns)}
  FROM fam GROUP BY "areaId"`;

  const settings = [
    // PostgreSQL would JIT-compile this statement (hundreds of aggregate expressions push its
    // estimated cost over jit_above_cost), which cost about 0.8 s each time at 6,000 people and saves
    // nothing on a statement that runs once (bench/outcomes.ts). So JIT is off for this transaction only.
    "SET LOCAL jit = off",
    // The people's rows are sorted for the grouping and families hashed: in memory, not on disk
    // (the default 4 MB spilled at 100,000 people; bench/outcomes.ts).
    "SET LOCAL work_mem = '64MB'",
  ];
  return { sql: query, values: p.values, settings };
}

async function aggregates(client: Client, filters: ReportFilters, options: ReportOptions) {
  const { sql, values, settings } = reportStatement(filters, options);
  const run = async (tx: Prisma.TransactionClient) => {
    for (const setting of settings) await tx.$executeRawUnsafe(setting);
    return tx.$queryRawUnsafe<AggregateRow[]>(sql, ...values);
  };
  // Inside a caller's transaction already: use it; else one of our own (always `tx` inside, never the
  // main client: the embedded database is one connection).
  const rows = "$transaction" in client ? await client.$transaction(run, { timeout: 120_000 }) : await run(client);
  // Rows of the view (grouped by in_scope alone) carry only the medians, which cannot be added up
  // from the fine rows; counts are added up from the fine rows.
  return rows.map((r): AggregateRow => ({ ...r, fine: Number(r.fine) }));
}
