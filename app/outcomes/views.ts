import { AGE_BANDS } from "~/age-bands/age-band";
import { REFERRAL_SOURCES } from "./filters";
import { FigureSet } from "./suppression";

/**
 * Every view of the outcome report that a reader can ask for, entered into suppression as one
 * system of sums (decision 041), so that no view can be subtracted from another:
 *
 * - **places**: each area, and the whole service (`*`), tied by "the service is the sum of its areas";
 * - **cohort parts**: for each place, the figure among the people referred by each source and the
 *   figure among the children of each age band. Each dimension's parts add up to the place's figure.
 *   A part "none" (no referral source recorded; adults, who have no band) is shown by no view but is
 *   decided as if it were: a reader may well know it (every family has a referral source; adults
 *   have no band), and then works out the other parts from the total. Both dimensions are in the
 *   same system, because a reader can ask for a referral view and an age-band view and set them
 *   side by side: both add up to the same total.
 *
 * A view shows one place and at most one cohort part. A referral source and an age band together
 * would be a cell of the cross of the two, which is not in the system, so it is refused (page.server.ts).
 *
 * The unfiltered views (places only) are decided first, on their own, exactly as the unfiltered
 * report always is; the cohort parts are decided with those decisions fixed. So every cohort view
 * (any source, any band) comes from one set of decisions, and adds nothing to the unfiltered report.
 * This module reads no database: report.server.ts hands it the aggregate cells, and
 * suppression.property.test.ts attacks what it decides.
 */

/** The cohort dimensions a view can be cut by, each with the values a reader can choose. */
export const DIMENSIONS = { referral: REFERRAL_SOURCES, band: AGE_BANDS } as const;
export type Dimension = keyof typeof DIMENSIONS;

/** The part of a dimension holding people with no value in it: shown by no view, decided as if it were. */
export const NO_VALUE = "none";

/** One view's cohort: a dimension and one of its values, or null for everyone. */
export type Cohort = { dimension: Dimension; value: string } | null;

/**
 * Aggregate counts for the people of one group in one area with one referral source and one age
 * band (null: none recorded / not a child). `counts` maps a figure's key to its count (people, or
 * a sum such as sessions).
 */
export type Cell = { group: string; area: string; referral: string | null; band: string | null; counts: Readonly<Record<string, number>> };

/** The figures of the report, as sections.ts declares them, that views are built over. */
export type FigureSpec = {
  /** Every count, with the group whose people it counts; FAMILY counts have no cohort parts. */
  counts: readonly { key: string; group: string }[];
  /** "k of n": `key` is a share of `of`; its complement is protected too (`FigureSet.share`). */
  shares: readonly { key: string; of: string }[];
  /** Breakdowns whose parts add up to a total (e.g. age bands of a group). */
  partitions: readonly { total: string; parts: readonly string[] }[];
};

/** The key of one figure in one place ("*": the whole service) and cohort part. */
export function viewKey(key: string, place: string, cohort: Cohort = null): string {
  return cohort ? `${key}|${place}|${cohort.dimension}=${cohort.value}` : `${key}|${place}`;
}

/** The parts of each dimension: every value a reader can choose, then `NO_VALUE`. */
function partsOf(dimension: Dimension): string[] {
  return [...DIMENSIONS[dimension], NO_VALUE];
}

/**
 * Builds the system of figures for suppression.
 *
 * @param cells the aggregate rows (see `Cell`); a place, group or part with no row counts 0
 * @param areas every area of the service that the views can name (ids)
 * @param spec the counts, shares and breakdowns of the report
 * @param withCohorts false: the places only (the unfiltered views); true: the places and every
 *   cohort part, for deciding with the places' decisions fixed
 * @returns the figures and sums, ready for `finish`
 * @throws Error when a share's count exceeds its total in some view (a fault in the counts)
 */
export function viewFigures(cells: readonly Cell[], areas: readonly string[], spec: FigureSpec, withCohorts: boolean): FigureSet {
  const figures = new FigureSet();
  // Sum the cells once into one number per figure, area and part, then add up areas and parts from those.
  const byArea = new Map<string, number>();
  const add = (k: string, n: number) => byArea.set(k, (byArea.get(k) ?? 0) + n);
  const groupOf = new Map(spec.counts.map((c) => [c.key, c.group]));
  for (const cell of cells) {
    for (const [key, n] of Object.entries(cell.counts)) {
      if (groupOf.get(key) !== cell.group || !n) continue;
      add(viewKey(key, cell.area), n);
      if (!withCohorts || cell.group === "FAMILY") continue;
      add(viewKey(key, cell.area, { dimension: "referral", value: cell.referral ?? NO_VALUE }), n);
      add(viewKey(key, cell.area, { dimension: "band", value: cell.band ?? NO_VALUE }), n);
    }
  }
  const places = [...areas, "*"];
  const cohortsOf = (key: string): Cohort[] =>
    withCohorts && groupOf.get(key) !== "FAMILY"
      ? (Object.keys(DIMENSIONS) as Dimension[]).flatMap((dimension) => partsOf(dimension).map((value) => ({ dimension, value })))
      : [];
  const variants = (key: string): { place: string; cohort: Cohort }[] =>
    places.flatMap((place) => [{ place, cohort: null }, ...cohortsOf(key).map((cohort) => ({ place, cohort }))]);
  const valueAt = (key: string, place: string, cohort: Cohort): number =>
    place === "*" ? areas.reduce((sum, area) => sum + (byArea.get(viewKey(key, area, cohort)) ?? 0), 0) : (byArea.get(viewKey(key, place, cohort)) ?? 0);

  /** The sums that tie one figure's views: areas add up to the service, parts to their place. */
  const tie = (key: string, name: (place: string, cohort: Cohort) => string) => {
    const cohorts = cohortsOf(key);
    for (const cohort of [null, ...cohorts])
      figures.sum(
        name("*", cohort),
        areas.map((area) => name(area, cohort)),
      );
    for (const dimension of new Set(cohorts.map((c) => c?.dimension)))
      for (const place of places)
        figures.sum(
          name(place, null),
          cohorts.filter((c) => c?.dimension === dimension).map((c) => name(place, c)),
        );
  };

  for (const { key } of spec.counts) {
    for (const { place, cohort } of variants(key)) figures.count(viewKey(key, place, cohort), valueAt(key, place, cohort));
    tie(key, (place, cohort) => viewKey(key, place, cohort));
  }
  for (const share of spec.shares) {
    for (const { place, cohort } of variants(share.key)) {
      const at = (key: string) => viewKey(key, place, cohort);
      figures.share(at(share.key), figures.valueOf(at(share.key)), at(share.of), figures.valueOf(at(share.of)));
    }
    tie(share.key, (place, cohort) => `${viewKey(share.key, place, cohort)}:not`);
  }
  for (const partition of spec.partitions)
    for (const { place, cohort } of variants(partition.total))
      figures.sum(
        viewKey(partition.total, place, cohort),
        partition.parts.map((part) => viewKey(part, place, cohort)),
      );
  return figures;
}
