import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { findPersonForStaff, holdsFamily, requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { allocatableWorkers, allocateWorker } from "~/casework/changes.server";
import { currentlyAllocatedStaffIds } from "~/casework/form-starts.server";
import { allocationSchema } from "~/casework/schemas";
import { ChoiceGroup, FormError, TextArea } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm, valueOf } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { specialismLabel } from "~/staff/labels";
import { BackToRecord } from "~/components/back-to-record";

/**
 * The case manager who holds the family allocates workers. Workers of the usual specialism are
 * listed first. The same worker for the survivor and the person using harmful behaviour needs a
 * recorded reason.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.read", reasonCode: "casework" });
  if (!holdsFamily(viewer, person.family)) throw new Response("Not found", { status: 404 });
  const current = await currentlyAllocatedStaffIds(person.id);
  const workers = (await allocatableWorkers(viewer, person.kind)).filter((w) => !current.includes(w.id));
  return { id: person.id, name: `${person.firstName} ${person.lastName}`, workers };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  // Someone else's record answers 404 before its form is read.
  await findPersonForStaff(viewer, params.personId ?? "");
  const values = formValues(await request.formData());
  const parsed = parseForm(allocationSchema, values);
  if (!parsed.ok) return refused(parsed.fields, { values, more: { otherParty: undefined } });
  const result = await allocateWorker(viewer, params.personId ?? "", parsed.data);
  if (!result.ok) {
    const otherParty = "needsReason" in result ? result.needsReason.otherParty : undefined;
    return refused(result.fields, { values, more: { otherParty }, status: otherParty === undefined ? 400 : 409 });
  }
  return redirect(`/staff/people/${params.personId ?? ""}`);
}

export default function Allocate() {
  const { id, name, workers } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  const needsReason = data?.otherParty !== undefined || Boolean(valueOf(form.values, "sameWorkerReason"));
  return (
    <main>
      <h1>Allocate a worker to {name}</h1>
      <Form method="post" className="card" noValidate>
        <FormError message={form.errors.form} />
        {data?.otherParty ? (
          <div className="card warning" role="alert">
            <p>
              This worker already supports <strong>{data.otherParty}</strong>, the other party in this family. Home Office standards for work with people using
              harmful behaviour say the same member of staff ought not to support both. If it cannot be avoided, record why.
            </p>
          </div>
        ) : null}
        {workers.length === 0 ? (
          <p>Every active worker is already allocated to them.</p>
        ) : (
          <ChoiceGroup
            {...form.field("staffId")}
            label="Worker"
            options={workers.map((w) => ({
              value: w.id,
              label: `${w.name} · ${w.specialism ? specialismLabel[w.specialism] : "no specialism"}${w.team ? ` · ${w.team}` : ""}${w.usual ? "" : " (not the usual specialism)"}`,
            }))}
          />
        )}
        {needsReason ? <TextArea {...form.field("sameWorkerReason")} label="Why the same worker supports both" rows={3} maxLength={1000} /> : null}
        <button type="submit">Allocate</button>
      </Form>
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Allocate · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
