import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/session.server";
import { bookForPerson, loadOfferedForStaff, loadPersonAppointmentsForStaff, moveAppointment } from "~/booking/booking.server";
import { modeWords, statusWords } from "~/booking/words";
import { FormError } from "~/components/form-fields";
import { parseForm } from "~/forms/parse";
import { versionField } from "~/forms/stale";
import { pageMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";
import { readRecordForm } from "~/casework/record-form.server";
import { NOT_NOTIFIED_WORDS } from "~/notifications/words";

/**
 * Booking a person in to one of the worker's own free sessions, or moving an appointment of theirs
 * (`?move=<id>&version=`) to another; the person's appointments and the notifications about them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const personId = params.personId ?? "";
  const url = new URL(request.url);
  const [offered, record] = await Promise.all([loadOfferedForStaff(viewer, personId), loadPersonAppointmentsForStaff(viewer, personId)]);
  const moveId = url.searchParams.get("move");
  const moving = moveId ? (record.appointments.find((a) => a.id === moveId && a.mine && a.status === "BOOKED") ?? null) : null;
  return { ...offered, ...record, moving };
}

const bookSchema = z.object({ time: z.string({ message: "Choose a time" }).trim().min(1, "Choose a time").max(80) });
const moveSchema = bookSchema.extend({ appointmentId: z.string().trim().min(1).max(40), version: versionField });

type ActionData = { message: string; done?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, person, values } = await readRecordForm(request, params.personId);
  if (values.intent === "move") {
    const parsed = parseForm(moveSchema, values);
    if (!parsed.ok) return Response.json({ message: Object.values(parsed.fields)[0] ?? "Choose a time" } satisfies ActionData, { status: 400 });
    const result = await moveAppointment(viewer, { id: parsed.data.appointmentId, version: parsed.data.version }, parsed.data.time);
    if (!result.ok) return Response.json({ message: result.message } satisfies ActionData, { status: result.taken ? 409 : 400 });
    return Response.json({ message: "Moved. The person gets an update if they chose a safe way to hear.", done: true } satisfies ActionData);
  }
  const parsed = parseForm(bookSchema, values);
  if (!parsed.ok) return Response.json({ message: parsed.fields.time ?? "Choose a time" } satisfies ActionData, { status: 400 });
  const result = await bookForPerson(viewer, person.id, parsed.data.time);
  if (!result.ok) return Response.json({ message: result.message } satisfies ActionData, { status: result.taken ? 409 : 400 });
  return Response.json({ message: "Booked. The person gets an update if they chose a safe way to hear.", done: true } satisfies ActionData);
}

export default function BookForPerson() {
  const dates = useDates();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  return (
    <main>
      <h1>Appointments for {data.person.name}</h1>
      {result?.done ? (
        <p role="status" className="card notice">
          {result.message}
        </p>
      ) : (
        <FormError message={result?.message} />
      )}
      <section className="card" aria-labelledby="theirs-heading">
        <h2 id="theirs-heading">Booked</h2>
        {data.appointments.length === 0 ? <p className="muted">Nothing booked.</p> : null}
        <ul className="plain">
          {data.appointments.map((a) => (
            <li key={a.id}>
              {dates.longDayTime(a.startsAt)}, {modeWords[a.mode]} with {a.with}
              {a.place ? ` at ${a.place}` : ""} · {statusWords[a.status]}
              {a.mine && a.status === "BOOKED" ? (
                <>
                  {" "}
                  · <a href={`/staff/people/${data.person.id}/book?move=${a.id}`}>Move</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="free-heading">
        <h2 id="free-heading">{data.moving ? `Move the session on ${dates.longDayTime(data.moving.startsAt)} to` : "Book a time"}</h2>
        {data.days.length === 0 ? <p className="muted">You have no free sessions. Add weekly times or a one-off session on your week.</p> : null}
        {data.days.map((d) => (
          <Form method="post" key={d.day}>
            <h3>{d.sessions[0] ? dates.weekdayDay(d.sessions[0].startsAt) : d.day}</h3>
            <input type="hidden" name="intent" value={data.moving ? "move" : "book"} />
            {data.moving ? (
              <>
                <input type="hidden" name="appointmentId" value={data.moving.id} />
                <input type="hidden" name="version" value={data.moving.version} />
              </>
            ) : null}
            {d.sessions.map((s) => (
              <button key={s.key} type="submit" name="time" value={s.key} className="slot-button">
                {dates.time(s.startsAt)} {modeWords[s.mode]}
                {s.place ? ` at ${s.place}` : ""}
              </button>
            ))}
          </Form>
        ))}
      </section>
      <section className="card" aria-labelledby="updates-heading">
        <h2 id="updates-heading">Updates sent</h2>
        {data.notifications.length === 0 ? <p className="muted">None yet.</p> : null}
        <ul className="plain">
          {data.notifications.map((n) => (
            <li key={n.id}>
              {dates.dayTime(n.createdAt)}: {n.outcome === "SENT" ? "sent" : `not sent (${NOT_NOTIFIED_WORDS[n.reason ?? ""] ?? n.reason})`}
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={`/staff/people/${data.person.id}`}>Back to the record</a> · <a href="/staff/week">Your week</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Appointments");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
