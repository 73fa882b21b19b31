import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireHeldFamily } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { addPerson } from "~/casework/families.server";
import { newPersonSchema } from "~/casework/schemas";
import { ChoiceGroup, FormError, optionsFrom } from "~/components/form-fields";
import { PersonFields } from "~/components/person-fields";
import { formOnPage } from "~/forms/on-page";
import { firstValues, formValues, parseForm } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { personKindLabel } from "~/staff/labels";

/**
 * Adds a person to a family the case manager holds. Someone with the same name (and date of
 * birth, where both are known) already on record stops the form until the case manager has
 * checked: the same person should be merged, not entered twice.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  const family = await requireHeldFamily(viewer, params.familyId ?? "");
  return { family: { id: family.id, reference: family.reference } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  await requireHeldFamily(viewer, params.familyId ?? "");
  const values = formValues(await request.formData());
  const parsed = parseForm(newPersonSchema, values);
  if (!parsed.ok) return refused(parsed.fields, { values, more: { duplicates: undefined } });
  const result = await addPerson(viewer, params.familyId ?? "", parsed.data);
  if (!result.ok) {
    const form = "Someone with this name is already on record. Check before adding them again.";
    return refused({ form }, { values, more: { duplicates: result.duplicates }, status: 409 });
  }
  return redirect(`/staff/people/${result.personId}`);
}

export default function AddPerson() {
  const { family } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  return (
    <main>
      <h1>Add a person to family {family.reference}</h1>
      <Form method="post" className="card" noValidate>
        <FormError message={form.errors.form} />
        {data?.duplicates ? (
          <div className="card warning">
            <h2>Already on record?</h2>
            <ul>
              {data.duplicates.map((d, i) => (
                <li key={i}>
                  {personKindLabel[d.kind]} in family {d.familyReference}
                  {d.closed ? " (closed)" : ""}
                  {d.personId ? (
                    <>
                      {" "}
                      — <a href={`/staff/people/${d.personId}`}>open their record</a>
                    </>
                  ) : d.caseManager ? (
                    ` — held by ${d.caseManager}; ask them`
                  ) : null}
                </li>
              ))}
            </ul>
            <p>If it is the same person, do not add them again: open their record, or add them and then merge the two records from the new record.</p>
            <label className="choice" htmlFor="notDuplicate">
              <input id="notDuplicate" type="checkbox" name="notDuplicate" value="yes" />
              <span>I have checked: this is a different person, or I will merge the records</span>
            </label>
          </div>
        ) : null}
        <ChoiceGroup {...form.field("kind")} label="Who is this in the family?" options={optionsFrom(personKindLabel)} />
        <PersonFields values={firstValues(form.values)} errors={form.errors} />
        <button type="submit">Add to the family</button>
      </Form>
      <p>
        <a href={`/staff/families/${family.id}`}>Back to the family</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Add a person · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
