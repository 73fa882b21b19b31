import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { addVenue, bookingSettingsSchema, loadVenues, newVenueSchema, saveBookingSettings, saveVenue, venueSchema } from "~/booking/venues.server";
import { DoneNotice, FormError, TextField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm, type FieldErrors } from "~/forms/parse";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * The service's venues (a neutral public name, the address and whether people may be shown it) and
 * its booking settings, for the administrator.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  return loadVenues(viewer);
}

type ActionData = { form: string; fields: FieldErrors; done?: string };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const values = formValues(await request.formData());
  const fail = (form: string, fields: FieldErrors) => Response.json({ form, fields } satisfies ActionData, { status: 400 });
  if (values.intent === "add") {
    const parsed = parseForm(newVenueSchema, values);
    const result = parsed.ok ? await addVenue(viewer, parsed.data) : parsed;
    return result.ok ? Response.json({ form: "add", fields: {}, done: "Venue added." } satisfies ActionData) : fail("add", result.fields);
  }
  if ((values.intent === "save" || values.intent === "archive" || values.intent === "restore") && typeof values.venueId === "string") {
    const form = `venue-${values.venueId}`;
    const parsed = parseForm(venueSchema, values);
    if (!parsed.ok) return fail(form, parsed.fields);
    const result = await saveVenue(viewer, values.venueId, parsed.data, values.intent === "save" ? undefined : values.intent === "archive");
    return result.ok ? Response.json({ form, fields: {}, done: "Venue saved." } satisfies ActionData) : fail(form, result.fields);
  }
  if (values.intent === "settings") {
    const parsed = parseForm(bookingSettingsSchema, values);
    const result = parsed.ok ? await saveBookingSettings(viewer, parsed.data) : parsed;
    return result.ok ? Response.json({ form: "settings", fields: {}, done: "Booking settings saved." } satisfies ActionData) : fail("settings", result.fields);
  }
  return fail("add", { form: "Choose what to do." });
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div className="field">
      <label className="choice" htmlFor={name}>
        <input id={name} type="checkbox" name={name} value="on" defaultChecked={checked} />
        <span>{label}</span>
      </label>
    </div>
  );
}

export default function Venues() {
  const { venues, settings } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const addForm = formOnPage(data, "add");
  const settingsForm = formOnPage(data, "settings");
  /** A booking setting's field: the saved value, with the message from a refused save. */
  const setting = (name: "familyBufferMinutes" | "cancelWindowMinutes" | "bookingHorizonDays" | "reminderLeadMinutes") =>
    settingsForm.field(name, String(settings[name]));
  return (
    <main>
      <h1>Venues and booking</h1>
      <DoneNotice message={data?.done} />
      {venues.map((v) => {
        const venueForm = formOnPage(data, `venue-${v.id}`);
        return (
          <Form method="post" className="card" key={v.id} noValidate>
            <h2>
              {v.publicName}
              {v.archivedAt ? " (archived)" : ""}
            </h2>
            <FormError message={venueForm.errors.form} />
            <input type="hidden" name="venueId" value={v.id} />
            <input type="hidden" name="version" value={v.version} />
            <TextField {...venueForm.field("publicName", v.publicName)} id={`name-${v.id}`} label="Name people see" />
            <TextField {...venueForm.field("address", v.address ?? "")} id={`address-${v.id}`} label="Address (staff, and the person booked there)" />
            <Check name="showAddress" label="People booked here may see the address" checked={v.showAddress} />
            <button type="submit" name="intent" value="save">
              Save
            </button>{" "}
            <button type="submit" name="intent" value={v.archivedAt ? "restore" : "archive"}>
              {v.archivedAt ? "Use again" : "Archive"}
            </button>
          </Form>
        );
      })}
      <Form method="post" className="card" noValidate>
        <h2>Add a venue</h2>
        <input type="hidden" name="intent" value="add" />
        <FormError message={addForm.errors.form} />
        <TextField {...addForm.field("publicName")} label="Name people see" hint="Neutral, like Library, room 2" />
        <TextField {...addForm.field("address")} label="Address" />
        <Check name="showAddress" label="People booked here may see the address" checked />
        <button type="submit">Add venue</button>
      </Form>
      <Form method="post" className="card" noValidate>
        <h2>Booking settings</h2>
        <input type="hidden" name="intent" value="settings" />
        <input type="hidden" name="version" value={settings.version} />
        <FormError message={settingsForm.errors.form} />
        <TextField {...setting("familyBufferMinutes")} label="Minutes kept between family members' sessions at one venue" inputMode="numeric" />
        <TextField {...setting("cancelWindowMinutes")} label="People may cancel online until this many minutes before" inputMode="numeric" />
        <TextField {...setting("bookingHorizonDays")} label="Days ahead people may book" inputMode="numeric" />
        <TextField
          {...setting("reminderLeadMinutes")}
          label="Remind people this many minutes before a session"
          hint="One reminder, saying only “You have an appointment update”, on their safe channel and inside their safe times. 0: no reminders. At most 10080 (a week)."
          inputMode="numeric"
        />
        <Check name="selfBooking8to12" label="Young people aged 8 to 12 book for themselves" checked={settings.selfBooking8to12} />
        <Check name="selfBooking13to17" label="Young people aged 13 to 17 book for themselves" checked={settings.selfBooking13to17} />
        <Check
          name="familyRuleForYoungPeople"
          label="Keep young people apart from the person using harmful behaviour too"
          checked={settings.familyRuleForYoungPeople}
        />
        <p className="hint">Children under 8 never book for themselves.</p>
        <button type="submit">Save booking settings</button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Venues");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
