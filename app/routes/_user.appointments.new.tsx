import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePerson } from "~/auth/session.server";
import { bookOwn, loadOffered, loadOfferedSession, loadOwnAppointment, type OfferedDays, type OfferedSession } from "~/booking/booking.server";
import { modeWords, NOT_OFFERED, WORKER_BOOKS } from "~/booking/words";
import { FormError } from "~/components/form-fields";
import { parseForm } from "~/forms/parse";
import { versionField } from "~/forms/stale";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";

/**
 * Choosing a time: the free sessions of the person's own workers, soonest first by day; choosing
 * one (`?time=`) shows a confirmation step, and confirming books it. With `?replacing=<id>&version=`
 * it changes that appointment of theirs to the new time in one step. Plain links and forms: it all
 * works with JavaScript off.
 */

const replacingSchema = z.object({ replacing: z.string().trim().min(1).max(40), version: versionField });

/** The appointment being changed, if the address names one of the person's own (else 404). */
async function readReplacing(viewer: Awaited<ReturnType<typeof requirePerson>>, values: Record<string, string | string[]>) {
  if (!values.replacing) return null;
  const parsed = replacingSchema.safeParse(values);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const own = await loadOwnAppointment(viewer, parsed.data.replacing);
  if (own.status !== "BOOKED") throw new Response("Not found", { status: 404 });
  return { id: own.id, version: parsed.data.version, startsAt: own.startsAt };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  const url = new URL(request.url);
  const values = Object.fromEntries(url.searchParams);
  const replacing = await readReplacing(viewer, values);
  const time = url.searchParams.get("time");
  const chosen = time ? await loadOfferedSession(viewer, time) : null;
  const offered = await loadOffered(viewer);
  return { ...offered, chosen, notOffered: time !== null && chosen === null, replacing };
}

type ActionData = { message: string; days: OfferedDays };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const form = parseForm(
    z.object({ time: z.string().trim().min(1).max(80), replacing: z.string().optional(), version: z.string().optional() }),
    await request.formData(),
  );
  if (!form.ok) return Response.json({ message: NOT_OFFERED, days: (await loadOffered(viewer)).days } satisfies ActionData, { status: 400 });
  const replacing = await readReplacing(viewer, form.data.replacing ? { replacing: form.data.replacing, version: form.data.version ?? "" } : {});
  const result = await bookOwn(viewer, form.data.time, { replacing: replacing ?? undefined });
  if (result.ok) return redirect(`/appointments/${result.appointmentId}?booked=1`, 303);
  // Nothing was written: say so plainly, with the next free times.
  return Response.json({ message: result.message, days: (await loadOffered(viewer)).days } satisfies ActionData, { status: result.taken ? 409 : 400 });
}

function Sessions({ days, replacing }: { days: OfferedDays; replacing: { id: string; version: number } | null }) {
  const dates = useDates();
  const extra = replacing ? `&replacing=${encodeURIComponent(replacing.id)}&version=${replacing.version}` : "";
  if (days.length === 0) return <p className="card">There are no free times at the moment. Your worker can arrange one with you.</p>;
  return (
    <>
      {days.map((d) => (
        <section key={d.day} className="card" aria-labelledby={`day-${d.day}`}>
          <h2 id={`day-${d.day}`}>{d.sessions[0] ? dates.weekdayDay(d.sessions[0].startsAt) : d.day}</h2>
          <ul className="plain">
            {d.sessions.map((s) => (
              <li key={s.key}>
                <a href={`/appointments/new?time=${encodeURIComponent(s.key)}${extra}`}>
                  {dates.time(s.startsAt)} {modeWords[s.mode]} with {s.with}
                  {s.place ? ` at ${s.place}` : ""}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Confirm({ session, replacing }: { session: OfferedSession; replacing: { id: string; version: number } | null }) {
  const dates = useDates();
  return (
    <Form method="post" className="card" noValidate>
      <h2>Is this right?</h2>
      <p>
        {dates.longDayTime(session.startsAt)}, {modeWords[session.mode]} with {session.with}
        {session.place ? ` at ${session.place}` : ""}.
      </p>
      <input type="hidden" name="time" value={session.key} />
      {replacing ? (
        <>
          <input type="hidden" name="replacing" value={replacing.id} />
          <input type="hidden" name="version" value={replacing.version} />
          <p className="muted">Your earlier time will be cancelled.</p>
        </>
      ) : null}
      <button type="submit">{replacing ? "Change to this time" : "Book this time"}</button>{" "}
      <a href={`/appointments/new${replacing ? `?replacing=${encodeURIComponent(replacing.id)}&version=${replacing.version}` : ""}`}>Choose another time</a>
    </Form>
  );
}

export default function NewAppointment() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const days = result?.days ?? data.days;
  return (
    <main>
      <h1>{data.replacing ? "Choose a new time" : "Choose a time"}</h1>
      {!data.selfBooking ? (
        <p className="card">{WORKER_BOOKS}</p>
      ) : (
        <>
          {result ? <FormError message={`${result.message} Here are the next free times.`} /> : null}
          {!result && data.notOffered ? <FormError message={`${NOT_OFFERED} Here are the next free times.`} /> : null}
          {!result && data.chosen ? <Confirm session={data.chosen} replacing={data.replacing} /> : <Sessions days={days} replacing={data.replacing} />}
        </>
      )}
      <p>
        <a href="/appointments">Your appointments</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
