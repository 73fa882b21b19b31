import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/session.server";
import {
  addException,
  addRule,
  addSlot,
  endRule,
  exceptionSchema,
  loadWeek,
  removeException,
  ruleSchema,
  slotSchema,
  withdrawSlot,
} from "~/booking/availability.server";
import { setStatus } from "~/booking/booking.server";
import { exceptionKindLabel, modeLabel, statusWords, weekdayNames } from "~/booking/words";
import { ChoiceGroup, DoneNotice, FormError, optionsFrom, SelectField, TextField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm, type FieldErrors } from "~/forms/parse";
import { versionField } from "~/forms/stale";
import { pageMeta } from "~/safety/neutral-titles";
import { isLocalDate, todayIn } from "~/time/calendar";
import { useDates } from "~/time/context";
import { RowAction } from "~/components/row-action";

/**
 * A worker's week: their free, withdrawn and booked sessions day by day (who is booked, for their
 * own people), marking a session attended, missed or cancelled, and setting their weekly times,
 * one-off sessions and time away. `?day=YYYY-MM-DD` picks the week.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const day = new URL(request.url).searchParams.get("day");
  return loadWeek(viewer, day && isLocalDate(day) ? day : todayIn(viewer.staff.timeZone));
}

type Intent = "add-rule" | "end-rule" | "add-slot" | "withdraw-slot" | "add-exception" | "remove-exception" | "status";
type ActionData = { form: Intent; fields: FieldErrors; done?: string };

const idSchema = z.object({ id: z.string().trim().min(1, "Choose one").max(40) });
const statusSchema = z.object({
  id: z.string().trim().min(1).max(40),
  version: versionField,
  status: z.enum(["ATTENDED", "MISSED", "CANCELLED"], { message: "Choose attended, missed or cancelled" }),
});

function reply(form: Intent, result: { ok: true } | { ok: false; fields: FieldErrors }, done: string) {
  if (!result.ok) return Response.json({ form, fields: result.fields } satisfies ActionData, { status: 400 });
  return Response.json({ form, fields: {}, done } satisfies ActionData);
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const values = formValues(await request.formData());
  switch (values.intent) {
    case "add-rule": {
      const parsed = parseForm(ruleSchema, values);
      return reply("add-rule", parsed.ok ? await addRule(viewer, parsed.data) : parsed, "Weekly times added.");
    }
    case "add-slot": {
      const parsed = parseForm(slotSchema, values);
      return reply("add-slot", parsed.ok ? await addSlot(viewer, parsed.data) : parsed, "Session added.");
    }
    case "add-exception": {
      const parsed = parseForm(exceptionSchema, values);
      return reply("add-exception", parsed.ok ? await addException(viewer, parsed.data) : parsed, "Time away added. Free sessions in it are withdrawn.");
    }
    case "end-rule":
    case "withdraw-slot":
    case "remove-exception": {
      const parsed = parseForm(idSchema, values);
      if (!parsed.ok) return reply(values.intent, parsed, "");
      if (values.intent === "end-rule") await endRule(viewer, parsed.data.id);
      else if (values.intent === "withdraw-slot") await withdrawSlot(viewer, parsed.data.id);
      else await removeException(viewer, parsed.data.id);
      return reply(values.intent, { ok: true }, "Done.");
    }
    case "status": {
      const parsed = parseForm(statusSchema, values);
      if (!parsed.ok) return reply("status", parsed, "");
      const result = await setStatus(viewer, { id: parsed.data.id, version: parsed.data.version }, parsed.data.status);
      return reply("status", result.ok ? result : { ok: false, fields: { form: result.message } }, `Marked ${statusWords[parsed.data.status].toLowerCase()}.`);
    }
    default:
      return Response.json({ form: "status", fields: { form: "Choose what to do." } } satisfies ActionData, { status: 400 });
  }
}

const modeOptions = optionsFrom(modeLabel);
const weekdayOptions = weekdayNames.map((name, i) => ({ value: String(i + 1), label: name }));

export default function Week() {
  const dates = useDates();
  const week = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const ruleForm = formOnPage(data, "add-rule");
  const slotForm = formOnPage(data, "add-slot");
  const awayForm = formOnPage(data, "add-exception");
  const venueOptions = week.venues.map((v) => ({ value: v.id, label: v.publicName }));
  return (
    <main>
      <h1>Your week from {week.days[0] ? dates.weekdayDay(week.days[0].begins) : week.monday}</h1>
      <p>
        <a href={`/staff/week?day=${week.previous}`}>Previous week</a> · <a href={`/staff/week?day=${week.next}`}>Next week</a>
      </p>
      <DoneNotice message={data?.done} />
      <FormError message={formOnPage(data, "status").errors.form} />
      {week.days.map((d) => (
        <section key={d.day} className="card" aria-labelledby={`day-${d.day}`}>
          <h2 id={`day-${d.day}`}>{dates.weekdayDay(d.begins)}</h2>
          {d.entries.length === 0 ? (
            <p className="muted">Nothing offered.</p>
          ) : (
            <ul className="plain">
              {d.entries.map((e) => (
                <li key={e.kind === "booked" ? e.id : `${e.kind}-${e.startsAt}`}>
                  {dates.time(e.startsAt)}–{dates.time(e.endsAt)} {modeLabel[e.mode]}
                  {e.place ? ` at ${e.place}` : ""}: {e.kind === "free" ? "Free" : e.kind === "withdrawn" ? "Withdrawn (time away)" : null}
                  {e.kind === "booked" ? (
                    <>
                      {e.personId ? <a href={`/staff/people/${e.personId}/book`}>{e.who}</a> : e.who} · {statusWords[e.status]}
                      {e.status === "CANCELLED" && e.cancelledBy ? ` by ${e.cancelledBy === "person" ? "the person" : "staff"}` : ""}
                      {e.status !== "CANCELLED" ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="status" />
                          <input type="hidden" name="id" value={e.id} />
                          <input type="hidden" name="version" value={e.version} />
                          {e.status !== "ATTENDED" ? (
                            <button type="submit" name="status" value="ATTENDED">
                              Attended
                            </button>
                          ) : null}{" "}
                          {e.status !== "MISSED" ? (
                            <button type="submit" name="status" value="MISSED">
                              Missed
                            </button>
                          ) : null}{" "}
                          {e.status === "BOOKED" ? (
                            <button type="submit" name="status" value="CANCELLED">
                              Cancel
                            </button>
                          ) : null}
                        </Form>
                      ) : null}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}

      <section className="card" aria-labelledby="weekly-heading">
        <h2 id="weekly-heading">Weekly times</h2>
        {week.rules.length === 0 ? <p className="muted">None yet.</p> : null}
        <ul className="plain">
          {week.rules.map((r) => (
            <li key={r.id}>
              {weekdayNames[r.weekday - 1]}s {r.start}–{r.end}, {r.sessionMinutes}-minute sessions, {modeLabel[r.mode].toLowerCase()}
              {r.place ? ` at ${r.place}` : ""}, from {r.validFrom}
              {r.validUntil ? ` to ${r.validUntil}` : ""}
              <RowAction intent="end-rule" name="id" value={r.id} label="End" about={`${weekdayNames[r.weekday - 1]}s ${r.start}–${r.end}`} primary />
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <h3>Add weekly times</h3>
          <input type="hidden" name="intent" value="add-rule" />
          <FormError message={ruleForm.errors.form} />
          <SelectField {...ruleForm.field("weekday")} label="Day" options={weekdayOptions} />
          <TextField {...ruleForm.field("start")} label="From" hint="Like 10:00" />
          <TextField {...ruleForm.field("end")} label="Until" hint="Like 13:00" />
          <TextField {...ruleForm.field("sessionMinutes", "60")} label="Length of each session, in minutes" inputMode="numeric" />
          <ChoiceGroup name="mode" label="How" options={modeOptions} defaultValue="IN_PERSON" inline error={ruleForm.errors.mode} />
          <SelectField {...ruleForm.field("venueId")} label="Where (in person)" options={venueOptions} placeholder="Choose a venue" />
          <TextField {...ruleForm.field("validFrom", week.monday)} label="First day" type="date" />
          <TextField {...ruleForm.field("validUntil")} label="Last day (optional)" type="date" />
          <button type="submit">Add weekly times</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="oneoff-heading">
        <h2 id="oneoff-heading">One-off sessions this week</h2>
        <ul className="plain">
          {week.slots.map((s) => (
            <li key={s.id}>
              {dates.longDayTime(s.startsAt)}–{dates.time(s.endsAt)} {modeLabel[s.mode]}
              {s.place ? ` at ${s.place}` : ""}
              <RowAction intent="withdraw-slot" name="id" value={s.id} label="Withdraw" about={`${dates.longDayTime(s.startsAt)}`} primary />
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <h3>Add a one-off session</h3>
          <input type="hidden" name="intent" value="add-slot" />
          <FormError message={slotForm.errors.form} />
          <TextField {...slotForm.field("startsAt")} label="Starts" type="datetime-local" />
          <TextField {...slotForm.field("endsAt")} label="Ends" type="datetime-local" />
          <ChoiceGroup name="mode" id="slot-mode" label="How" options={modeOptions} defaultValue="IN_PERSON" inline error={slotForm.errors.mode} />
          <SelectField {...slotForm.field("venueId")} id="slot-venue" label="Where (in person)" options={venueOptions} placeholder="Choose a venue" />
          <button type="submit">Add the session</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="away-heading">
        <h2 id="away-heading">Time away</h2>
        <ul className="plain">
          {week.exceptions.map((e) => (
            <li key={e.id}>
              {exceptionKindLabel[e.kind]}: {dates.dayTime(e.startsAt)} to {dates.dayTime(e.endsAt)}
              <RowAction
                intent="remove-exception"
                name="id"
                value={e.id}
                label="Remove"
                about={`${exceptionKindLabel[e.kind]} from ${dates.dayTime(e.startsAt)}`}
                primary
              />
            </li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <h3>Add time away</h3>
          <input type="hidden" name="intent" value="add-exception" />
          <FormError message={awayForm.errors.form} />
          <TextField {...awayForm.field("startsAt")} id="away-start" label="Away from" type="datetime-local" />
          <TextField {...awayForm.field("endsAt")} id="away-end" label="Back at" type="datetime-local" />
          <SelectField {...awayForm.field("kind", "LEAVE")} label="What kind" options={optionsFrom(exceptionKindLabel)} />
          <button type="submit">Add time away</button>
        </Form>
      </section>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Your week");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
