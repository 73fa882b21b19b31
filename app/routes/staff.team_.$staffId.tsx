import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ChoiceGroup, FormError, optionsFrom, SelectField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { VERSION_FIELD } from "~/forms/stale";
import { pageMeta } from "~/safety/neutral-titles";
import { roleLabel, specialismLabel } from "~/staff/labels";
import { changeStaffMember, listTeams, loadStaffMember, staffChangeSchema } from "~/staff/organisation.server";

/** The administrator changes a member of staff's role, specialism and team, or stops their access. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const staff = await loadStaffMember(viewer, params.staffId ?? "");
  const teams = await listTeams(viewer.staff.serviceId);
  return { staff, teams };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  await loadStaffMember(viewer, params.staffId ?? "");
  const values = formValues(await request.formData());
  const parsed = parseForm(staffChangeSchema, values);
  const result = parsed.ok ? await changeStaffMember(viewer, params.staffId ?? "", parsed.data) : parsed;
  // Refused as stale: what they chose stays, and the page now holds the current version.
  if (!result.ok && "stale" in result) return refused(result.fields, { values: { ...values, [VERSION_FIELD]: String(result.version) }, status: 409 });
  if (!result.ok) return refused(result.fields, { values });
  return redirect("/staff/team");
}

export default function ChangeStaff() {
  const { staff, teams } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  return (
    <main>
      <h1>{staff.displayName}</h1>
      <p className="muted">{staff.email}</p>
      {staff._count.allocations > 0 || staff._count.managedFamilies > 0 ? (
        <p className="card">
          Works with {staff._count.allocations} {staff._count.allocations === 1 ? "person" : "people"} and holds {staff._count.managedFamilies} open{" "}
          {staff._count.managedFamilies === 1 ? "family" : "families"}. Before stopping their access, ask the case managers to reallocate them.
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <input type="hidden" name={VERSION_FIELD} value={form.field(VERSION_FIELD, String(staff.version)).defaultValue} />
        <FormError message={form.errors.form ?? form.errors[VERSION_FIELD]} />
        <SelectField {...form.field("role", staff.role)} label="Role" options={optionsFrom(roleLabel)} />
        <SelectField
          {...form.field("specialism", staff.specialism ?? "")}
          label="Specialism (workers only)"
          options={optionsFrom(specialismLabel)}
          placeholder="None"
        />
        <SelectField
          {...form.field("teamId", staff.teamId ?? "")}
          label="Team"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          placeholder="No team"
        />
        <ChoiceGroup
          {...form.field("active", staff.deactivatedAt ? "no" : "yes")}
          label="Can they sign in?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No: stop their access now" },
          ]}
          inline
        />
        <button type="submit">Save</button>
      </Form>
      <p>
        <a href="/staff/team">Back to staff accounts</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Staff member · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
