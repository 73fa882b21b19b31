import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listAuditEvents } from "~/audit/audit-view.server";
import { requireStaff } from "~/auth/session.server";
import { pageMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import { TableHead } from "~/components/table-head";

/** The audit log, for managers: every staff read or change of a record, and sign-in events. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER"]);
  return { events: await listAuditEvents(viewer.staff.serviceId) };
}

export default function AuditLog() {
  const { events } = useLoaderData<typeof loader>();
  const dates = useDates();
  return (
    <main className="wide">
      <h1>Audit log</h1>
      <p className="muted">The latest {events.length} events. People are shown by a pseudonym of their record, never by name.</p>
      <table>
        <TableHead columns={["When", "Who", "What", "Why", "Record"]} />
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{dates.mediumDayTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.reason}</td>
              <td>{e.subject ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Audit log · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
