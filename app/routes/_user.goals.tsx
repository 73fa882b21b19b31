import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { DoneNotice, FormError } from "~/components/form-fields";
import { GoalScale } from "~/components/goal-scale";
import { formValues } from "~/forms/parse";
import { accepted, refused } from "~/forms/reply";
import { loadOwnGoals, rateOwnGoals } from "~/questionnaires/goals.server";
import { serviceUserMeta } from "~/safety/neutral-titles";

/** A person's own goals, agreed with their worker, and how they are getting on with each. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  return { goals: await loadOwnGoals(viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const result = await rateOwnGoals(viewer, formValues(await request.formData()));
  if (!result.ok) return refused(result.fields);
  return accepted("Thank you. Your worker will see how you are getting on.");
}

export default function Goals() {
  const dates = useDates();
  const { goals } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <main>
      <h1>Your goals</h1>
      <DoneNotice message={data?.done} />
      {goals.length === 0 ? (
        <p className="card">You have no goals at the moment. Your worker can set them up with you.</p>
      ) : (
        <Form method="post" className="card questionnaire" noValidate autoComplete="off">
          <FormError message={data?.fields.form} />
          {goals.map((g) => (
            <div key={g.id}>
              <GoalScale goalId={g.id} title={g.title} error={data?.fields[`goal-${g.id}`]} />
              {g.latest ? (
                <p className="muted small">
                  Last time: {g.latest.score}, on {dates.day(g.latest.at)}
                </p>
              ) : null}
            </div>
          ))}
          <button type="submit">Save</button>
        </Form>
      )}
      <p>
        <a href="/home">Back to home</a>
      </p>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
