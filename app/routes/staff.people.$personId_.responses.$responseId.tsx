import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { loadResponseForStaff } from "~/questionnaires/response-for-staff.server";
import { pageMeta } from "~/safety/neutral-titles";
import { BackToRecord } from "~/components/back-to-record";

/** What a person sent, in the words they saw, with the worker's part and the scores. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  return loadResponseForStaff(viewer, params.personId ?? "", params.responseId ?? "");
}

export default function ResponseView() {
  const dates = useDates();
  const r = useLoaderData<typeof loader>();
  return (
    <main className="wide">
      <h1>
        {r.title} <span className="muted small">version {r.version}</span>
      </h1>
      <p className="muted">
        {r.person.name} · {r.submittedAt ? `sent ${dates.dayTime(r.submittedAt)}` : "not sent by them yet"}
        {r.band ? ` · seen in the ${r.band} wording` : ""}
        {r.hasWorkerItems ? ` · worker's part ${r.workerCompletedAt ? `completed ${dates.dayTime(r.workerCompletedAt)}` : "not completed"}` : ""}
      </p>
      {r.hasWorkerItems ? (
        <p>
          <a className="button" href={`/staff/people/${r.person.id}/assignments/${r.assignmentId}`}>
            {r.workerCompletedAt ? "Change your part" : "Fill in your part"}
          </a>
        </p>
      ) : null}
      {r.scores.length > 0 ? (
        <section className="card" aria-labelledby="scores-heading">
          <h2 id="scores-heading">Scores</h2>
          <dl className="facts">
            {r.scores.map((s) => (
              <div key={s.key} className="facts__row">
                <dt>{s.label}</dt>
                <dd>
                  <strong>{s.value}</strong>
                  {s.band ? ` (${s.band})` : ""}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {r.sections.map((section) => (
        <section key={section.title} className="card">
          <h2>{section.title}</h2>
          <dl className="check">
            {section.items.map((item) => (
              <div key={item.key} className="check__row">
                <dt>
                  {item.label}
                  {item.respondent === "worker" ? <span className="muted small"> (worker)</span> : null}
                </dt>
                <dd className="timeline__body">
                  {item.answer ?? <span className="muted">Not answered</span>}
                  {item.by ? <span className="muted small"> · {item.by}</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <BackToRecord personId={r.person.id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Answers · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
