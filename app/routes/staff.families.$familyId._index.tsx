import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { loadFamilyView } from "~/casework/families.server";
import { formatCalendarDay } from "~/time/format";
import { useDates } from "~/time/context";
import { pageMeta } from "~/safety/neutral-titles";
import { closureReasonLabel, personKindLabel, referralSourceLabel, riskLevelLabel } from "~/staff/labels";
import { TableHead } from "~/components/table-head";
import { BackToOverview } from "~/components/back-to-record";

/**
 * The whole family side by side, for the case manager who holds it: each member's workers, risk
 * and what needs attention. No one's words appear here; they stay on each person's record.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  return loadFamilyView(viewer, params.familyId ?? "");
}

export default function FamilyView() {
  const dates = useDates();
  const family = useLoaderData<typeof loader>();
  return (
    <main className="wide">
      <h1>Family {family.reference}</h1>
      <p className="muted">
        {family.area} · referred by {referralSourceLabel[family.referralSource].toLowerCase()} on {formatCalendarDay(family.referralDate)} · opened{" "}
        {dates.day(family.openedAt)}
        {family.closedAt ? ` · closed ${dates.day(family.closedAt)}` : ""}
      </p>
      {family.sharedWorkers.length > 0 ? (
        <div className="card warning" role="note">
          <p>
            <strong>{family.sharedWorkers.join(" and ")}</strong> supports both the survivor and the person using harmful behaviour in this family. Home Office
            standards advise against one worker supporting both; the reason is recorded on their allocations.
          </p>
        </div>
      ) : null}
      <p className="actions">
        <a className="button" href={`/staff/families/${family.id}/add`}>
          Add a person
        </a>
      </p>
      {family.people.length === 0 ? (
        <p className="muted">No one has been added to this family yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <TableHead columns={["Person", "Workers", "Risk", "Next appointment", "Last contact", "Needs attention"]} />
            <tbody>
              {family.people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/staff/people/${p.id}`}>{p.name}</a>
                    <div className="muted small">
                      {personKindLabel[p.kind]}
                      {p.dateOfBirth ? `, born ${formatCalendarDay(p.dateOfBirth)}` : ""}
                      {p.closedOn
                        ? ` · closed ${formatCalendarDay(p.closedOn)}${p.closureReason ? ` (${closureReasonLabel[p.closureReason].toLowerCase()})` : ""}`
                        : ""}
                    </div>
                  </td>
                  <td>
                    {p.workers.length === 0 ? (
                      <span className="need need--review">No worker allocated</span>
                    ) : (
                      <ul className="plain-list">
                        {p.workers.map((w) => (
                          <li key={w.name}>
                            {w.name}
                            {w.shared ? <strong> (also the other party&apos;s worker)</strong> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {p.risk ? (
                      `${riskLevelLabel[p.risk.level]}${p.risk.reviewDueAt ? `, review ${formatCalendarDay(p.risk.reviewDueAt)}` : ""}`
                    ) : (
                      <span className="muted">Not assessed</span>
                    )}
                  </td>
                  <td>{p.nextAppointment ? dates.dayTime(p.nextAppointment) : <span className="muted">None booked</span>}</td>
                  <td>{p.daysSinceContact === null ? <span className="muted">No contact yet</span> : `${p.daysSinceContact} days ago`}</td>
                  <td>
                    {p.needs.length === 0 ? (
                      <span className="muted">Nothing</span>
                    ) : (
                      <ul className="needs">
                        {p.needs.map((n) => (
                          <li key={n.key} className={`need need--${n.key}`}>
                            {n.words}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <BackToOverview />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Family · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
