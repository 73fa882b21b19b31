import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { findPersonForStaff, requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { mergeCandidates, mergeDuplicate } from "~/casework/merge.server";
import { datesIn, formatCalendarDay } from "~/time/format";
import { ChoiceGroup, FormError } from "~/components/form-fields";
import { pageMeta } from "~/safety/neutral-titles";
import { personKindLabel } from "~/staff/labels";
import { BackToRecord } from "~/components/back-to-record";

/**
 * Merging a duplicate into this record. The case manager picks, from the records they can open
 * with the same name, which one is the same person; everything it holds moves here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.read", reasonCode: "casework" });
  const candidates = await mergeCandidates(viewer, person);
  const dates = datesIn(viewer.staff.timeZone);
  return {
    id: person.id,
    name: `${person.firstName} ${person.lastName}`,
    kind: person.kind,
    candidates: candidates.map((c) => ({
      id: c.id,
      label: `${c.firstName} ${c.lastName}, family ${c.family.reference}${c.dateOfBirth ? `, born ${formatCalendarDay(c.dateOfBirth)}` : ""}, since ${dates.day(c.involvementStartedAt)}`,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["CASE_MANAGER"]);
  // Someone else's record answers 404 before its form is read.
  await findPersonForStaff(viewer, params.personId ?? "");
  const form = await request.formData();
  const duplicateId = String(form.get("duplicateId") ?? "");
  if (!duplicateId) return Response.json({ error: "Choose the record to merge into this one" }, { status: 400 });
  if (form.get("confirm") !== "yes") return Response.json({ error: "Tick the box to confirm they are the same person" }, { status: 400 });
  const result = await mergeDuplicate(viewer, params.personId ?? "", duplicateId);
  if (!result.ok) return Response.json({ error: result.error }, { status: 400 });
  return redirect(`/staff/people/${params.personId ?? ""}`);
}

export default function Merge() {
  const { id, name, kind, candidates } = useLoaderData<typeof loader>();
  const data = useActionData<{ error: string }>();
  return (
    <main>
      <h1>Merge a duplicate into {name}&apos;s record</h1>
      <p>
        Records of the same kind ({personKindLabel[kind].toLowerCase()}) that you can open and that share a first or last name. Everything the other record
        holds moves here; it is then emptied and its sign-in stops working.
      </p>
      {candidates.length === 0 ? (
        <p className="card">No other record you can open looks like the same person.</p>
      ) : (
        <Form method="post" className="card" noValidate>
          <FormError message={data?.error} />
          <ChoiceGroup name="duplicateId" label="The duplicate record" options={candidates.map((c) => ({ value: c.id, label: c.label }))} />
          <label className="choice" htmlFor="confirm">
            <input id="confirm" type="checkbox" name="confirm" value="yes" />
            <span>I have checked that this is the same person</span>
          </label>
          <button type="submit">Merge into this record</button>
        </Form>
      )}
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Merge · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
