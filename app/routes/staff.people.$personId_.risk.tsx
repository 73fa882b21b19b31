import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { todayIn } from "~/time/calendar";
import { recordRisk } from "~/casework/changes.server";
import { riskFormStart } from "~/casework/form-starts.server";
import { riskSchema } from "~/casework/schemas";
import { ChoiceGroup, FormError, optionsFrom, TextArea, TextField } from "~/components/form-fields";
import { formOnPage } from "~/forms/on-page";
import { parseForm } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { assessmentStageLabel, riskLevelLabel } from "~/staff/labels";
import { readRecordForm } from "~/casework/record-form.server";
import { BackToRecord } from "~/components/back-to-record";

/**
 * A risk assessment: the level, when in the case it was made, the date and why. The next review
 * is due after the service's review interval (eight weeks unless changed) unless a date is given;
 * an exit assessment sets none.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const person = await requirePersonForStaff(viewer, params.personId ?? "", { action: "person.read", reasonCode: "casework" });
  const { weeks, stage } = await riskFormStart(viewer, person.id);
  return {
    id: person.id,
    name: `${person.firstName} ${person.lastName}`,
    weeks,
    stage,
    today: todayIn(viewer.staff.timeZone),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, values } = await readRecordForm(request, params.personId);
  const parsed = parseForm(riskSchema, values);
  if (!parsed.ok) return refused(parsed.fields, { values });
  await recordRisk(viewer, params.personId ?? "", parsed.data);
  return redirect(`/staff/people/${params.personId ?? ""}`);
}

export default function RecordRisk() {
  const { id, name, weeks, stage, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const form = formOnPage(data);
  return (
    <main>
      <h1>Risk assessment for {name}</h1>
      <Form method="post" className="card" noValidate>
        <FormError message={form.errors.form} />
        <ChoiceGroup {...form.field("level")} label="Risk level" options={optionsFrom(riskLevelLabel)} inline />
        <ChoiceGroup {...form.field("stage", stage)} label="When in their support" options={optionsFrom(assessmentStageLabel)} inline />
        <TextField {...form.field("assessedAt", today)} type="date" label="Date of the assessment" />
        <TextArea
          {...form.field("reason")}
          label="Why this level"
          hint="What it rests on: a risk checklist score, what has changed, your professional judgement. Stored encrypted."
          rows={4}
          maxLength={4000}
        />
        <TextField
          {...form.field("reviewDueAt")}
          type="date"
          label="Next review (optional)"
          hint={`Left empty, the review is due ${weeks} weeks after the assessment. An exit assessment sets no review.`}
        />
        <button type="submit">Record the assessment</button>
      </Form>
      <BackToRecord personId={id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Risk · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
