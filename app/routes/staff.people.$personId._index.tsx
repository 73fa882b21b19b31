import { useRouteLoaderData } from "@remix-run/react";
import { LineChart } from "~/components/charts/line-chart";
import { useDates } from "~/time/context";
import type { loader as recordLoader } from "./staff.people.$personId";

/**
 * The record's history, below its summary (the layout, staff.people.$personId.tsx): the person's
 * scores, risk and goals over time as charts, and the timeline of notes, contacts, appointments,
 * messages, questionnaires, risk, alerts and allocations, newest first. It has no loader: what it
 * shows comes with the summary's one audited look at the record.
 */
export default function RecordHistory() {
  const dates = useDates();
  const data = useRouteLoaderData<typeof recordLoader>("routes/staff.people.$personId");
  if (!data) return null;
  return (
    <>
      {data.charts.length > 0 ? (
        <section aria-labelledby="charts-heading">
          <h2 id="charts-heading">Over time</h2>
          <div className="charts">
            {data.charts.map((c) => (
              <LineChart key={c.key} title={c.title} yMin={c.yMin} yMax={c.yMax} yTickLabels={c.yTickLabels} series={c.series} />
            ))}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        {data.timeline.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ol className="timeline">
            {data.timeline.map((e, i) => (
              <li key={`${e.at}-${i}`} className={`timeline__item timeline__item--${e.kind}`}>
                <p className="timeline__head">
                  <time dateTime={e.at}>{dates.dayTime(e.at)}</time> · <strong>{e.link ? <a href={e.link}>{e.title}</a> : e.title}</strong>
                  {e.by ? <span className="muted"> · {e.by}</span> : null}
                </p>
                {e.body ? <p className="timeline__body">{e.body}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
