import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff, type StaffViewer } from "~/auth/session.server";
import { readCaseloadQuery } from "~/casework/caseload-query";
import { caseloadRows, loadCaseload, shapeCaseload } from "~/casework/caseload.server";
import { listHeldFamilies } from "~/casework/families.server";
import { CaseloadTable } from "~/components/caseload-table";
import { useDates } from "~/time/context";
import { formatCalendarDay } from "~/time/format";
import { serviceCounts, staffList } from "~/staff/dashboard.server";
import { shownText } from "~/outcomes/suppression";
import { staffCodeNotices } from "~/staff/team.server";
import { roleLabel, specialismLabel } from "~/staff/labels";
import { pageMeta } from "~/safety/neutral-titles";
import { TableHead } from "~/components/table-head";

/**
 * The first page a member of staff sees, shaped by role: a worker's caseload; a case manager's
 * families and caseload; a manager's service counts; an administrator's staff and set-up.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request);
  return { ...(await overviewFor(viewer, new URL(request.url))), codeNotices: await staffCodeNotices(viewer) };
}

async function overviewFor(viewer: StaffViewer, url: URL) {
  switch (viewer.staff.role) {
    case "WORKER":
      return { role: "WORKER" as const, caseload: await loadCaseload(viewer, readCaseloadQuery(url)) };
    case "CASE_MANAGER": {
      // One caseload for both lists: the families' counts and the people table.
      const everyone = await caseloadRows(viewer);
      return {
        role: "CASE_MANAGER" as const,
        families: await listHeldFamilies(viewer, everyone),
        caseload: shapeCaseload(everyone, readCaseloadQuery(url)),
      };
    }
    case "MANAGER":
      return { role: "MANAGER" as const, counts: await serviceCounts(viewer.staff.serviceId) };
    case "ADMIN":
      return { role: "ADMIN" as const, staff: await staffList(viewer.staff.serviceId) };
  }
}

export default function StaffOverview() {
  const data = useLoaderData<typeof loader>();
  const dates = useDates();
  return (
    <main className="wide">
      <h1>{data.role === "WORKER" ? "My caseload" : "Overview"}</h1>
      {data.codeNotices.length > 0 ? (
        <section className="card notice" role="status" aria-labelledby="codes-heading">
          <h2 id="codes-heading">Sign-in codes made for you since you last signed in</h2>
          <ul className="plain">
            {data.codeNotices.map((c) => (
              <li key={c.id}>
                {dates.dayTime(c.at)}, by {c.by}: {c.usedAt ? `used ${dates.dayTime(c.usedAt)}` : "not used"}
              </li>
            ))}
          </ul>
          <p>
            If you did not use one of these, someone else may have signed in as you: press &quot;This wasn&apos;t me&quot; under{" "}
            <a href="/staff/account">Your sign-ins</a> and tell your manager.
          </p>
        </section>
      ) : null}
      {data.role === "CASE_MANAGER" ? (
        <section aria-labelledby="families-heading">
          <h2 id="families-heading">Families I hold ({data.families.length})</h2>
          <p>
            <a className="button" href="/staff/families/new">
              Open a family
            </a>
          </p>
          {data.families.length === 0 ? (
            <p className="muted">You hold no open families.</p>
          ) : (
            <table>
              <TableHead columns={["Reference", "Area", "Referred", "People open", "Needing attention"]} />
              <tbody>
                {data.families.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <a href={`/staff/families/${f.id}`}>{f.reference}</a>
                    </td>
                    <td>{f.area}</td>
                    <td>{formatCalendarDay(f.referralDate)}</td>
                    <td>{f.openPeople}</td>
                    <td>{f.needingAttention > 0 ? <strong>{f.needingAttention}</strong> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {data.role === "WORKER" || data.role === "CASE_MANAGER" ? (
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">
            {data.role === "CASE_MANAGER" ? `People in my families (${data.caseload.counts.all})` : `My people (${data.caseload.counts.all})`}
          </h2>
          <CaseloadTable caseload={data.caseload} />
        </section>
      ) : null}
      {data.role === "MANAGER" ? (
        <section aria-labelledby="counts-heading">
          <h2 id="counts-heading">The service today</h2>
          <div className="stats">
            <p className="stat">
              <strong>{shownText(data.counts.openFamilies)}</strong> open families
            </p>
            <p className="stat">
              <strong>{shownText(data.counts.closedFamilies)}</strong> closed families
            </p>
            <p className="stat">
              <strong>{shownText(data.counts.adultSurvivors)}</strong> adult survivors
            </p>
            <p className="stat">
              <strong>{shownText(data.counts.harmfulBehaviour)}</strong> behaviour-change service users
            </p>
            <p className="stat">
              <strong>{shownText(data.counts.youngPeople)}</strong> young people
            </p>
          </div>
        </section>
      ) : null}
      {data.role === "ADMIN" ? (
        <section aria-labelledby="staff-heading">
          <h2 id="staff-heading">Staff ({data.staff.length})</h2>
          <p className="actions">
            <a href="/staff/team">Staff accounts</a>
            <a href="/staff/organisation">Areas and teams</a>
            <a href="/staff/settings">Service settings</a>
          </p>
          <table>
            <TableHead columns={["Name", "Role", "Team", "Status"]} />
            <tbody>
              {data.staff.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>
                    {roleLabel[s.role]}
                    {s.specialism ? ` · ${specialismLabel[s.specialism]}` : ""}
                  </td>
                  <td>{s.team ?? "—"}</td>
                  <td>{s.active ? "Active" : "Deactivated"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Overview · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
