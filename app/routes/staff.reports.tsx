import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { BarChart, type Bar } from "~/components/charts/bar-chart";
import { SelectField } from "~/components/form-fields";
import { AGE_BANDS } from "~/age-bands/age-band";
import { GROUPS, REFERRAL_SOURCES } from "~/outcomes/filters";
import { checkFilters, filterValues, reportAccess, reportFor, type FilterErrors } from "~/outcomes/page.server";
import type { ReportLine, ReportSection } from "~/outcomes/report.server";
import { percentText, shownText } from "~/outcomes/suppression";
import { pageMeta } from "~/safety/neutral-titles";
import { personKindLabel, referralSourceLabel } from "~/staff/labels";

/**
 * The outcome report: managers for the whole service (any area), case managers for their own
 * area only; anyone else 404 (the guard). Filters come in the address (a GET form), so a report
 * can be bookmarked and printed; bad filters answer 400 with the form as it was sent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER", "CASE_MANAGER"]);
  const access = await reportAccess(viewer);
  const values = filterValues(new URL(request.url).searchParams, access);
  const years = access.years.map((y) => ({ value: String(y.year), label: y.label, from: y.from, to: y.to }));
  const page = { values, years, areas: access.areas, fixedArea: access.fixedAreaId !== null, threshold: access.threshold };
  const checked = checkFilters(values, access);
  if (!checked.ok) return data({ ...page, errors: checked.errors, report: null }, { status: 400 });
  const none: FilterErrors = {};
  return { ...page, errors: none, report: await reportFor(access, checked.filters) };
}

export default function OutcomeReportPage() {
  const { values, years, areas, fixedArea, errors, report } = useLoaderData<typeof loader>();
  const year = years.find((y) => y.value === values.year);
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== "")).toString();
  /** One filter of the form, its value and error as the loader gave them (ids `filter-<name>`, which the error list links to). */
  const filterSelect = (name: keyof typeof values, label: string, options: { value: string; label: string }[], placeholder?: string) => (
    <SelectField name={name} id={`filter-${name}`} label={label} defaultValue={values[name]} error={errors[name]} options={options} placeholder={placeholder} />
  );
  const errorList = Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === "string");
  return (
    <main className="wide report">
      <h1>Outcome report</h1>
      {errorList.length > 0 ? (
        <div className="card error-summary" role="alert" aria-labelledby="filter-problems">
          <h2 id="filter-problems">The report could not be made</h2>
          <ul>
            {errorList.map(([field, message]) => (
              <li key={field}>
                <a href={`#filter-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" className="card report__filters" aria-label="Filters">
        <div className="columns">
          {filterSelect("year", "Reporting year", years)}
          {fixedArea ? (
            <p className="field">
              <span className="label">Area</span> {areas[0]?.name}
            </p>
          ) : (
            filterSelect(
              "area",
              "Area",
              areas.map((a) => ({ value: a.id, label: a.name })),
              "Whole service",
            )
          )}
          {filterSelect(
            "group",
            "Group",
            GROUPS.map((g) => ({ value: g, label: personKindLabel[g] })),
            "Everyone",
          )}
          {filterSelect(
            "referral",
            "Referred by",
            REFERRAL_SOURCES.map((r) => ({ value: r, label: referralSourceLabel[r] })),
            "Any referral source",
          )}
          {filterSelect(
            "band",
            "Children's age at the start",
            AGE_BANDS.map((b) => ({ value: b, label: b === "under-8" ? "Under 8" : b })),
            "Any age",
          )}
        </div>
        <button type="submit">Show report</button>
      </form>
      {report ? (
        <>
          <p className="report__actions">
            <a href={`/staff/reports/csv?${query}`} download>
              Download the report as CSV
            </a>
            {fixedArea ? null : (
              <>
                {" · "}
                <a href={year ? `/staff/reports/records?from=${year.from}&to=${year.to}` : "/staff/reports/records"}>Records for evaluation</a>
                {" · "}
                <a href="/staff/reports/import">Import past forms</a>
              </>
            )}
          </p>
          <p className="muted">
            {year ? `${year.label}: ${year.from} to ${year.to}. ` : null}Reports are for whole reporting years, so that no report can be subtracted from
            another.
          </p>
          <SuppressionNote threshold={report.threshold} />
          {report.withheld ? (
            <p className="card notice">
              This selection cannot be shown without letting someone work out figures about a small number of people from the report for the whole service.
              Every figure is withheld. Choose a wider selection.
            </p>
          ) : null}
          {report.sections.map((section) => (
            <ReportSectionView key={section.key} section={section} />
          ))}
        </>
      ) : null}
    </main>
  );
}

function SuppressionNote({ threshold }: { threshold: number }) {
  return (
    <p className="muted">
      Only people who agreed to their information being used for monitoring and evaluation are counted (data quality counts everyone). “&lt;{threshold + 1}”
      stands for 1 to {threshold} people, or for a nought hidden to protect another figure; “withheld” hides a larger number that would let a small one be
      worked out. No percentage is given of fewer than 10 people.
    </p>
  );
}

function ofText(line: ReportLine): string {
  if (!line.of) return "";
  return `${shownText(line.of.count)} ${line.of.label}`;
}

function barOf(line: ReportLine): Bar {
  const note =
    line.count.kind !== "count"
      ? shownText(line.count)
      : line.percent.kind === "none" && line.percent.reason === "small-denominator"
        ? "fewer than 10"
        : "not shown";
  const p = line.percent;
  return { label: line.label, percent: p.kind === "percent" ? p.percent : null, note, ...(p.kind === "percent" && p.interval ? { interval: p.interval } : {}) };
}

function ReportSectionView({ section }: { section: ReportSection }) {
  const headingId = `section-${section.key}`;
  const paired = new Set(section.pairs.flatMap((p) => [p.intake, p.exit]));
  const withPercent = section.lines.filter((l) => l.of && !paired.has(l.key));
  const lineOf = (key: string) => section.lines.find((l) => l.key === key);
  const pairBars = section.pairs.flatMap((pair): Bar[] => {
    const intake = lineOf(pair.intake);
    const exit = lineOf(pair.exit);
    if (!intake || !exit) return [];
    const second = barOf(exit);
    return [
      {
        ...barOf(intake),
        label: pair.label,
        second: { percent: second.percent, note: second.note, ...(second.interval ? { interval: second.interval } : {}) },
      },
    ];
  });
  return (
    <section className="card report__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{section.title}</h2>
      {section.intro ? <p className="muted">{section.intro}</p> : null}
      {section.withheld === "families" ? (
        <p>
          Whole-family figures are given for the whole service or an area, not for a group, referral source or age band: the members of one family can fall on
          both sides of such a choice.
        </p>
      ) : section.allHidden ? (
        <p>Nothing in this section can be shown: there is no one to count, or every number is small enough to identify someone.</p>
      ) : (
        <>
          {section.chart && withPercent.length > 0 ? (
            <BarChart
              title={section.title}
              description={`Percentages for ${withPercent.length} figures; the table below gives each number, what it is a share of, and the percentage.`}
              bars={withPercent.map(barOf)}
            />
          ) : null}
          {pairBars.length > 0 ? (
            <BarChart
              title={`${section.title}: at intake and at exit`}
              description={`For each of ${pairBars.length} figures, the percentage at intake (solid bar) beside the percentage at exit (hatched bar), of the same people; the table below gives each number and what it is a share of.`}
              legend={["At intake", "At exit"]}
              bars={pairBars}
            />
          ) : null}
          <table>
            <caption className="visually-hidden">{section.title}</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Number</th>
                <th scope="col">Out of</th>
                <th scope="col">Percentage</th>
              </tr>
            </thead>
            <tbody>
              {section.lines.map((line) => (
                <tr key={line.key}>
                  <th scope="row">{line.label}</th>
                  <td>{shownText(line.count)}</td>
                  <td>{ofText(line)}</td>
                  <td>{percentText(line.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {section.medians.length > 0 ? (
            <ul className="plain">
              {section.medians.map((m) => (
                <li key={m.key}>
                  {m.label}: {m.value === null ? "not shown (fewer than 10 people, or none recorded)" : `${m.value} (n=${shownText(m.n)})`}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => pageMeta("Outcome report · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
