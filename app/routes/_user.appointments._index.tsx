import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { loadOwnAppointments, type OwnAppointment } from "~/booking/booking.server";
import { modeWords, statusWords } from "~/booking/words";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";

/** The person's own appointments: coming up (each can be changed or cancelled) and earlier ones. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  return loadOwnAppointments(viewer);
}

function Line({ a }: { a: OwnAppointment }) {
  const dates = useDates();
  return (
    <>
      {dates.longDayTime(a.startsAt)}, {modeWords[a.mode]} with {a.with}
      {a.place ? ` at ${a.place}` : ""}
    </>
  );
}

export default function Appointments() {
  const { upcoming, earlier } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Your appointments</h1>
      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming up</h2>
        {upcoming.length === 0 ? (
          <p className="muted">Nothing booked yet.</p>
        ) : (
          <ul className="plain">
            {upcoming.map((a) => (
              <li key={a.id}>
                <a href={`/appointments/${a.id}`}>
                  <Line a={a} />
                </a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/appointments/new">Choose a time</a>
        </p>
      </section>
      {earlier.length > 0 ? (
        <section className="card" aria-labelledby="earlier-heading">
          <h2 id="earlier-heading">Earlier</h2>
          <ul className="plain">
            {earlier.map((a) => (
              <li key={a.id}>
                <Line a={a} /> <span className="muted">· {statusWords[a.status]}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href="/home">Back to home</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
