import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { loadCaseloadMessages } from "~/messages/messages.server";
import { pageMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";

const FILTERS = { all: "Everyone", unread: "Unread", waiting: "Waiting for your reply" } as const;
type Filter = keyof typeof FILTERS;

function isFilter(value: string | null): value is Filter {
  return value !== null && value in FILTERS;
}

/** The worker's conversations across their caseload: unread, waiting for their reply, by person. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const asked = new URL(request.url).searchParams.get("show");
  const filter: Filter = isFilter(asked) ? asked : "all";
  return { filter, conversations: await loadCaseloadMessages(viewer, filter) };
}

export default function StaffMessages() {
  const dates = useDates();
  const { filter, conversations } = useLoaderData<typeof loader>();
  return (
    <main className="wide">
      <h1>Messages</h1>
      <nav aria-label="Show" className="filters">
        <ul className="filters__list">
          {(Object.keys(FILTERS) as Filter[]).map((f) => (
            <li key={f}>
              <a href={f === "all" ? "/staff/messages" : `/staff/messages?show=${f}`} aria-current={f === filter ? "true" : undefined}>
                {FILTERS[f]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {conversations.length === 0 ? (
        <p className="card muted">{filter === "all" ? "No conversations yet. Start one from a person's record." : "Nothing here."}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Unread</th>
                <th scope="col">Waiting for your reply</th>
                <th scope="col">Last message</th>
              </tr>
            </thead>
            <tbody>
              {conversations.map((c) => (
                <tr key={c.threadId}>
                  <td>
                    <a href={`/staff/people/${c.personId}/messages`}>{c.name}</a>
                  </td>
                  <td>{c.unread > 0 ? <strong>{c.unread}</strong> : "0"}</td>
                  <td>{c.waiting ? "Yes" : "No"}</td>
                  <td>{dates.dayTime(c.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Messages");
export { StaffPageError as ErrorBoundary } from "~/components/error-message";
