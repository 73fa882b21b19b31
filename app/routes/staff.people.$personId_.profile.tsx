import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { updateProfile } from "~/casework/changes.server";
import { profileFormStart } from "~/casework/form-starts.server";
import { profileSchema } from "~/casework/schemas";
import { FormError } from "~/components/form-fields";
import { PersonFields, type PersonValues } from "~/components/person-fields";
import { formOnPage } from "~/forms/on-page";
import { firstValues } from "~/forms/parse";
import { VERSION_FIELD } from "~/forms/stale";
import { pageMeta } from "~/safety/neutral-titles";
import { saveRecordForm } from "~/casework/record-form.server";
import { BackToRecord } from "~/components/back-to-record";

/** A person's details, demographics and consent to monitoring, for the staff who may see them. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const visible = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.read", reasonCode: "casework" });
  return profileFormStart(visible.id);
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  return saveRecordForm(request, params.personId, profileSchema, updateProfile);
}

export default function EditProfile() {
  const { id, name, values, version } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  const shown: PersonValues = form.values ? firstValues(form.values) : values;
  return (
    <main>
      <h1>Details for {name}</h1>
      <Form method="post" className="card" noValidate>
        <input type="hidden" name={VERSION_FIELD} value={form.field(VERSION_FIELD, String(version)).defaultValue} />
        <FormError message={form.errors.form ?? form.errors[VERSION_FIELD]} />
        <PersonFields values={shown} errors={form.errors} />
        <button type="submit">Save</button>
      </Form>
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Details · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
