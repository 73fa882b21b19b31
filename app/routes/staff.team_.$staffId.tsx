import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { ChoiceGroup, FormError, optionsFrom, SelectField } from "~/components/form-fields";
import { formValues, parseForm, valueOf } from "~/forms/parse";
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
  const v = data?.values;
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
        <input type="hidden" name={VERSION_FIELD} value={valueOf(v, VERSION_FIELD) ?? String(staff.version)} />
        <FormError message={data?.fields.form ?? data?.fields[VERSION_FIELD]} />
        <SelectField name="role" label="Role" options={optionsFrom(roleLabel)} defaultValue={valueOf(v, "role") ?? staff.role} error={data?.fields.role} />
        <SelectField
          name="specialism"
          label="Specialism (workers only)"
          options={optionsFrom(specialismLabel)}
          placeholder="None"
          defaultValue={valueOf(v, "specialism") ?? staff.specialism ?? ""}
          error={data?.fields.specialism}
        />
        <SelectField
          name="teamId"
          label="Team"
          options={teams.map((t) => ({ value: t.id, label: t.name }))}
          placeholder="No team"
          defaultValue={valueOf(v, "teamId") ?? staff.teamId ?? ""}
          error={data?.fields.teamId}
        />
        <ChoiceGroup
          name="active"
          label="Can they sign in?"
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No: stop their access now" },
          ]}
          defaultValue={valueOf(v, "active") ?? (staff.deactivatedAt ? "no" : "yes")}
          error={data?.fields.active}
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
