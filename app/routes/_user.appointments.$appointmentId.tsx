import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePerson } from "~/auth/session.server";
import { cancelOwn, loadOwnAppointment } from "~/booking/booking.server";
import { modeWords, statusWords, TOO_LATE_TO_CANCEL } from "~/booking/words";
import { FormError } from "~/components/form-fields";
import { parseForm } from "~/forms/parse";
import { versionField } from "~/forms/stale";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { useDates } from "~/time/context";

/** One of the person's own appointments: when, where (the address only when it may be shown), cancel or change it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  const appointment = await loadOwnAppointment(viewer, params.appointmentId ?? "");
  return { appointment, booked: new URL(request.url).searchParams.get("booked") === "1" };
}

const cancelSchema = z.object({ intent: z.literal("cancel", { message: "Choose what to do" }), version: versionField });

type ActionData = { message: string; done?: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  // Someone else's id answers 404 before the form is read.
  await loadOwnAppointment(viewer, params.appointmentId ?? "");
  const form = parseForm(cancelSchema, await request.formData());
  if (!form.ok) return Response.json({ message: form.fields.version ?? form.fields.intent ?? "Choose what to do" } satisfies ActionData, { status: 400 });
  const result = await cancelOwn(viewer, { id: params.appointmentId ?? "", version: form.data.version });
  if (!result.ok) return Response.json({ message: result.message } satisfies ActionData, { status: 409 });
  return Response.json({ message: "Cancelled. Your worker will see this.", done: true } satisfies ActionData);
}

export default function Appointment() {
  const dates = useDates();
  const { appointment: a, booked } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const live = a.status === "BOOKED" && !result?.done;
  return (
    <main>
      <h1>Your appointment</h1>
      {booked && !result ? (
        <p role="status" className="card notice">
          Booked. You can see it on your home page.
        </p>
      ) : null}
      {result?.done ? (
        <p role="status" className="card notice">
          {result.message}
        </p>
      ) : (
        <FormError message={result?.message} />
      )}
      <section className="card">
        <p>
          {dates.longDayTime(a.startsAt)}, {modeWords[a.mode]} with {a.with}
          {a.place ? ` at ${a.place}` : ""}.
        </p>
        {a.address && live ? <p>Address: {a.address}</p> : null}
        {!live ? <p className="muted">{result?.done ? statusWords.CANCELLED : statusWords[a.status]}</p> : null}
      </section>
      {live ? (
        a.canCancel ? (
          <section className="card">
            <p>
              <a href={`/appointments/new?replacing=${encodeURIComponent(a.id)}&version=${a.version}`}>Change the time</a>
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={a.version} />
              <button type="submit" name="intent" value="cancel">
                Cancel this appointment
              </button>
            </Form>
          </section>
        ) : (
          <p className="card">{TOO_LATE_TO_CANCEL}</p>
        )
      ) : null}
      <p>
        <a href="/appointments">Your appointments</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
