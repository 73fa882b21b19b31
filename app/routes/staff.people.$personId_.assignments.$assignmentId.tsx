import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { DoneNotice, FormError } from "~/components/form-fields";
import { QuestionField } from "~/components/question-field";
import { readWholeNumber } from "~/forms/fields";
import { z } from "zod";
import { valueOf as valueIn } from "~/forms/parse";
import { accepted, readIntent, refused, refusedAsStale } from "~/forms/reply";
import { VERSION_FIELD } from "~/forms/stale";
import { loadWorkerPart, saveWorkerPart } from "~/questionnaires/worker-part.server";
import { pageMeta } from "~/safety/neutral-titles";
import { readRecordForm } from "~/casework/record-form.server";

/**
 * The worker's part of a questionnaire, on the same record as the person's answers. It can be
 * filled in before the person has sent theirs, or without it (someone who stopped coming).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  return loadWorkerPart(viewer, params.personId ?? "", params.assignmentId ?? "");
}

/** The one form has two buttons: save and stay, or save and mark the worker's part complete. */
const intents = z.discriminatedUnion("intent", [z.object({ intent: z.literal("save") }), z.object({ intent: z.literal("complete") })]);

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, values } = await readRecordForm(request, params.personId);
  const complete = readIntent(intents, values)?.intent === "complete";
  // A page that cannot say which version it was drawn from is never taken as current (-1).
  const sent = readWholeNumber(valueIn(values, VERSION_FIELD));
  const version = sent === null || Number.isNaN(sent) ? -1 : sent;
  const result = await saveWorkerPart(viewer, params.personId ?? "", params.assignmentId ?? "", values, { complete, version });
  // Stale: what they chose stays, and the page now holds the newest version.
  if (!result.ok && "stale" in result) return refusedAsStale(result.errors, values, result.version);
  if (!result.ok)
    return refused(result.errors, {
      values: { ...values, ...(result.version === undefined ? {} : { [VERSION_FIELD]: String(result.version) }) },
      status: result.status,
    });
  if (complete) return redirect(`/staff/people/${params.personId ?? ""}`);
  // The page stays: it now holds the version just written (the save matched `version`, and raised it by one).
  return accepted("Saved. Complete it when every answer is in.", { values: { ...values, [VERSION_FIELD]: String(version + 1) } });
}

export default function WorkerPart() {
  const dates = useDates();
  const part = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const valueOf = (key: string) => data?.values?.[key] ?? part.answers[key];
  return (
    <main>
      <h1>{part.title}: your part</h1>
      <p className="muted">
        {part.person.name}
        {part.completedAt ? ` · completed ${dates.dayTime(part.completedAt)}` : ""}
        {part.assignmentStatus === "SUBMITTED" ? " · they have sent their part" : " · they have not sent their part yet"}
      </p>
      <DoneNotice message={data?.done} />
      {part.items.length === 0 ? (
        <p className="card">This questionnaire has nothing for the worker to fill in.</p>
      ) : (
        <Form method="post" className="card questionnaire" noValidate>
          <input type="hidden" name={VERSION_FIELD} value={valueIn(data?.values, VERSION_FIELD) ?? String(part.version)} />
          <FormError
            message={data?.fields.form ?? (data && Object.keys(data.fields).length > 0 ? "Some answers need another look. Each one says why." : undefined)}
          />
          {part.items.map((item) => (
            <QuestionField key={item.key} item={item} value={valueOf(item.key)} error={data?.fields[item.key]} band={null} />
          ))}
          <div className="actions">
            <button type="submit" name="intent" value="complete">
              Save and complete
            </button>
            <button type="submit" name="intent" value="save" className="secondary">
              Save for now
            </button>
          </div>
        </Form>
      )}
      <p>
        {part.responseId ? <a href={`/staff/people/${part.person.id}/responses/${part.responseId}`}>See all the answers</a> : null}{" "}
        <a href={`/staff/people/${part.person.id}`}>Back to the record</a>
      </p>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Your part · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
