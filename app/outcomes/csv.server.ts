import { stringify } from "csv-stringify/sync";
import type { OutcomeReport } from "./report.server";
import { shownText } from "./suppression";

/** The columns of the report CSV, in order. */
export const REPORT_CSV_COLUMNS = ["section", "figure", "number", "out_of", "out_of_number", "percent", "ci_low", "ci_high"] as const;

/**
 * The outcome report as CSV (RFC 4180, UTF-8, header row): one row per figure, in the page's
 * order, with exactly what the page shows — suppressed counts as "<5" or "withheld", percentages
 * only where the page gives one. Built from a report that has already passed suppression; it
 * reads nothing else. Medians follow as rows with an empty "out_of".
 */
export function reportCsv(report: OutcomeReport): string {
  const rows: string[][] = [];
  for (const section of report.sections) {
    for (const line of section.lines) {
      const p = line.percent;
      rows.push([
        section.title,
        line.label,
        shownText(line.count),
        line.of?.label ?? "",
        line.of ? shownText(line.of.count) : "",
        p.kind === "percent" ? String(p.percent) : "",
        p.kind === "percent" && p.interval ? String(p.interval.low) : "",
        p.kind === "percent" && p.interval ? String(p.interval.high) : "",
      ]);
    }
    for (const m of section.medians) {
      rows.push([section.title, m.label, m.value === null ? "" : String(m.value), "", shownText(m.n), "", "", ""]);
    }
  }
  // A cell starting with = + - @ could run as a formula in a spreadsheet; none of ours can (labels
  // are our own words, numbers are numbers), but "<5" and "-" are written as text all the same.
  return stringify([[...REPORT_CSV_COLUMNS], ...rows], { quoted_match: /^[=+\-@<]/ });
}

/** A file name with the period, e.g. "outcomes-2025-01-01-to-2025-12-31.csv". */
export function reportCsvFilename(report: OutcomeReport): string {
  return `outcomes-${report.filters.from}-to-${report.filters.to}.csv`;
}
