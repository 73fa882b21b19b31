import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { saveSafeContact } from "~/casework/changes.server";
import { safeContactFormStart } from "~/casework/form-starts.server";
import { safeContactSchema } from "~/casework/schemas";
import { ChoiceGroup, FormError, optionsFrom, TextField } from "~/components/form-fields";
import { listOf, valueOf } from "~/forms/parse";
import { VERSION_FIELD } from "~/forms/stale";
import { pageMeta } from "~/safety/neutral-titles";
import { contactChannelLabel } from "~/staff/labels";
import { saveRecordForm } from "~/casework/record-form.server";
import { BackToRecord } from "~/components/back-to-record";

const DAY_OPTIONS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((label, i) => ({ value: String(i + 1), label }));

/**
 * How, and how not, to contact a person safely: safe times, safe ways, ways never to use, and a
 * code word to confirm it is them on the phone. Times and the code word are stored encrypted.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.safe-contact.read", reasonCode: "casework" });
  return { id: person.id, name: `${person.firstName} ${person.lastName}`, values: await safeContactFormStart(person.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  return saveRecordForm(request, params.personId, safeContactSchema, saveSafeContact);
}

export default function SafeContact() {
  const { id, name, values } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const shown = data?.values ?? values;
  const channels = optionsFrom(contactChannelLabel);
  return (
    <main>
      <h1>Safe contact for {name}</h1>
      <Form method="post" className="card" noValidate>
        <input type="hidden" name={VERSION_FIELD} value={valueOf(shown, VERSION_FIELD)} />
        <FormError message={data?.fields.form ?? data?.fields[VERSION_FIELD]} />
        <TextField
          name="safeTimes"
          label="When it is safe to contact them"
          hint='For example "weekdays 10:00 to 14:00, not school holidays".'
          defaultValue={valueOf(shown, "safeTimes")}
          error={data?.fields.safeTimes}
          maxLength={200}
        />
        <ChoiceGroup
          name="safeDays"
          label="Days updates may be sent"
          hint="Appointment updates by e-mail or text go only on these days, between the times below (the service's time). None: nothing is sent."
          options={DAY_OPTIONS}
          multiple
          inline
          defaultValue={listOf(shown, "safeDays")}
          error={data?.fields.safeDays}
        />
        <TextField name="safeFrom" label="From" hint="Like 10:00" defaultValue={valueOf(shown, "safeFrom")} error={data?.fields.safeFrom} maxLength={5} />
        <TextField name="safeUntil" label="Until" hint="Like 14:00" defaultValue={valueOf(shown, "safeUntil")} error={data?.fields.safeUntil} maxLength={5} />
        <ChoiceGroup
          name="safeChannels"
          label="Safe ways to contact them"
          options={channels}
          multiple
          defaultValue={listOf(shown, "safeChannels")}
          error={data?.fields.safeChannels}
        />
        <ChoiceGroup
          name="doNotContactBy"
          label="Never contact them by"
          hint="Someone else may read these. Nobody at the service will use them, and nothing falls back to them."
          options={channels}
          multiple
          defaultValue={listOf(shown, "doNotContactBy")}
          error={data?.fields.doNotContactBy}
        />
        <TextField name="email" label="E-mail address that is safe to use" defaultValue={valueOf(shown, "email")} error={data?.fields.email} maxLength={200} />
        <TextField name="phone" label="Number that is safe for texts" defaultValue={valueOf(shown, "phone")} error={data?.fields.phone} maxLength={30} />
        <ChoiceGroup
          name="calendarFile"
          label="Calendar file"
          hint='Off unless they ask. Its title is only "Appointment".'
          options={[{ value: "on", label: "Attach a calendar file to updates" }]}
          multiple
          defaultValue={listOf(shown, "calendarFile")}
        />
        <ChoiceGroup
          name="calendarWithAddress"
          label="Address in the calendar file"
          options={[{ value: "on", label: "Include the address (only if they ask for it)" }]}
          multiple
          defaultValue={listOf(shown, "calendarWithAddress")}
        />
        <TextField
          name="codeWord"
          label="Code word"
          hint="Agreed with them, to confirm it is them on the phone. Leave empty for none."
          defaultValue={valueOf(shown, "codeWord")}
          error={data?.fields.codeWord}
          maxLength={60}
        />
        <button type="submit">Save</button>
      </Form>
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Safe contact · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
