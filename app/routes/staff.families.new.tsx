import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { todayIn } from "~/time/calendar";
import { listAreas, openFamily } from "~/casework/families.server";
import { openFamilySchema } from "~/casework/schemas";
import { FormError, optionsFrom, SelectField, TextField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { referralSourceLabel } from "~/staff/labels";
import { BackToOverview } from "~/components/back-to-record";

/** A case manager opens a family (a case) from a referral; the family is theirs to hold. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  return { areas: await listAreas(viewer.staff.serviceId), today: todayIn(viewer.staff.timeZone) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  const values = formValues(await request.formData());
  const parsed = parseForm(openFamilySchema, values);
  if (!parsed.ok) return refused(parsed.fields, { values });
  const result = await openFamily(viewer, parsed.data);
  // Refused (an area not the service's): what was typed comes back with the message.
  if (!result.ok) return refused(result.fields, { values });
  return redirect(`/staff/families/${result.family.id}`);
}

export default function OpenFamily() {
  const { areas, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  return (
    <main>
      <h1>Open a family</h1>
      <Form method="post" className="card" noValidate>
        <FormError message={form.errors.form} />
        <SelectField {...form.field("areaId")} label="Area" options={areas.map((a) => ({ value: a.id, label: a.name }))} placeholder="Choose the area" />
        <SelectField
          {...form.field("referralSource")}
          label="Where the referral came from"
          options={optionsFrom(referralSourceLabel)}
          placeholder="Choose one"
        />
        <TextField {...form.field("referralDate", today)} type="date" label="Date of the referral" />
        <p className="hint">You will hold this family. Add its people next.</p>
        <button type="submit">Open the family</button>
      </Form>
      <BackToOverview />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Open a family · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
