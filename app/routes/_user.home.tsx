import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { loadPersonHome } from "~/home/home.server";
import { serviceUserMeta } from "~/safety/neutral-titles";
import type { loader as layoutLoader } from "./_user";

export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  return loadPersonHome(person.id);
}

const modeWords = { IN_PERSON: "in person", PHONE: "by phone", VIDEO: "by video" } as const;

export default function Home() {
  const dates = useDates();
  const { appointments, unreadMessages, dueQuestionnaires, openGoals } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/_user");
  const firstName = layout?.firstName ?? "";
  const under8 = layout?.band === "under-8";
  return (
    <main>
      <h1>{under8 ? `Hello ${firstName}!` : `Hello, ${firstName}`}</h1>
      <section className="card" aria-labelledby="next-heading">
        <h2 id="next-heading">{under8 ? "When we meet" : "Coming up"}</h2>
        {appointments.length === 0 ? (
          <p className="muted">Nothing booked yet.</p>
        ) : (
          <ul className="plain">
            {appointments.map((a) => (
              <li key={a.id}>
                {dates.longDayTime(a.startsAt)}, {modeWords[a.mode]} with {a.with}
                {a.venue ? ` at ${a.venue}` : ""}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/appointments">{under8 ? "See when we meet" : "See or change your appointments"}</a>
        </p>
      </section>
      <section className="card" aria-labelledby="messages-heading">
        <h2 id="messages-heading">Messages</h2>
        <p>{unreadMessages === 0 ? "No new messages." : `${unreadMessages} new ${unreadMessages === 1 ? "message" : "messages"}.`}</p>
        <p>
          <a href="/messages">{under8 ? "See messages" : "Read your messages"}</a>
        </p>
      </section>
      <section className="card" aria-labelledby="forms-heading">
        <h2 id="forms-heading">{under8 ? "Things to do" : "To fill in"}</h2>
        {dueQuestionnaires.length === 0 ? (
          <p className="muted">Nothing to fill in right now.</p>
        ) : (
          <ul className="plain">
            {dueQuestionnaires.map((q) => (
              <li key={q.id}>
                <a href={`/forms/${q.id}`} className={under8 ? "big-link" : undefined}>
                  {q.started ? `Carry on: ${q.title}` : q.title}
                </a>
                {under8 ? null : (
                  <span className="muted">
                    {" "}
                    · {q.overdue ? "was due" : "due"} {dates.numericDay(q.dueAt)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {openGoals > 0 ? (
        <section className="card" aria-labelledby="goals-heading">
          <h2 id="goals-heading">{under8 ? "My goals" : "Your goals"}</h2>
          <p>
            <a href="/goals">{openGoals === 1 ? "Say how you are getting on with your goal" : `Say how you are getting on with your ${openGoals} goals`}</a>
          </p>
        </section>
      ) : null}
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
