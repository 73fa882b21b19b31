import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { todayIn } from "~/time/calendar";
import { closeInvolvement } from "~/casework/changes.server";
import { involvementClosed } from "~/casework/form-starts.server";
import { closeSchema } from "~/casework/schemas";
import { FormError, optionsFrom, SelectField, TextField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { pageMeta } from "~/safety/neutral-titles";
import { closureReasonLabel } from "~/staff/labels";
import { saveRecordForm } from "~/casework/record-form.server";
import { BackToRecord } from "~/components/back-to-record";

/**
 * Closing a person's involvement: why and when. Their exit questionnaires are assigned at once;
 * they can still sign in to fill them in, and their worker keeps the record open on their
 * caseload until both parts are done.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.read", reasonCode: "casework" });
  return { id: person.id, name: `${person.firstName} ${person.lastName}`, closed: await involvementClosed(person.id), today: todayIn(viewer.staff.timeZone) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  return saveRecordForm(request, params.personId, closeSchema, closeInvolvement);
}

export default function CloseInvolvement() {
  const { id, name, closed, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  return (
    <main>
      <h1>Close {name}&apos;s involvement</h1>
      {closed ? (
        <p className="card">Their involvement is already closed.</p>
      ) : (
        <Form method="post" className="card" noValidate>
          <FormError message={form.errors.form} />
          <SelectField {...form.field("closureReason")} label="Why it is closing" options={optionsFrom(closureReasonLabel)} placeholder="Choose one" />
          <TextField {...form.field("endedAt", today)} type="date" label="Date it ends" />
          <p>
            Their exit questionnaires will be assigned to them now. Anything else still waiting for them is withdrawn. When everyone in the family has closed,
            the family closes too.
          </p>
          <button type="submit">Close their involvement</button>
        </Form>
      )}
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Close · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
