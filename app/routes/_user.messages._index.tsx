import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { voiceOf } from "~/age-bands/band-words";
import { loadInbox } from "~/messages/messages.server";
import { MESSAGE_WORDS } from "~/messages/words";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import type { loader as layoutLoader } from "./_user";

/** The person's conversations with their workers, newest first, each with how many messages are new. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  const inbox = await loadInbox(viewer);
  return { ...inbox, removed: new URL(request.url).searchParams.get("removed") === "1" };
}

export default function Messages() {
  const dates = useDates();
  const { conversations, disappearAfterDays, removed } = useLoaderData<typeof loader>();
  const words = MESSAGE_WORDS[voiceOf(useRouteLoaderData<typeof layoutLoader>("routes/_user"))];
  return (
    <main>
      <h1>{words.heading}</h1>
      {removed ? (
        <p role="status" className="card notice">
          {words.removedAll}
        </p>
      ) : null}
      <section className="card">
        {conversations.length === 0 ? (
          <p className="muted">{words.none}</p>
        ) : (
          <ul className="plain">
            {conversations.map((c) => (
              <li key={c.id}>
                <a href={`/messages/${c.id}`}>
                  {words.from} {c.with}
                </a>
                {c.unread > 0 ? <strong> · {words.unread(c.unread)}</strong> : null}
                {c.lastAt ? <span className="muted small"> · {dates.dayTime(c.lastAt)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {disappearAfterDays ? <p className="muted small">{words.disappear(disappearAfterDays)}</p> : null}
      <p>
        <a href="/home">Back to home</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
