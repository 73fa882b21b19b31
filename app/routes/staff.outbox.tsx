import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { devOutbox } from "~/staff/outbox.server";
import { pageMeta } from "~/safety/neutral-titles";
import { contactChannelLabel } from "~/staff/labels";
import { useDates } from "~/time/context";

/** Development only: the updates that would have gone to the viewer's people, as sent. Elsewhere 404. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  return { messages: await devOutbox(viewer) };
}

export default function Outbox() {
  const dates = useDates();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Outbox (development)</h1>
      <p className="hint">Nothing here was sent: with no mail server configured in development, updates are kept here instead.</p>
      {messages.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <ul className="plain">
        {messages.map((m) => (
          <li key={m.id}>
            {dates.dayTime(m.at)} · {m.channel ? contactChannelLabel[m.channel] : "—"} to {m.to}: “{m.text}”
          </li>
        ))}
      </ul>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Outbox");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
