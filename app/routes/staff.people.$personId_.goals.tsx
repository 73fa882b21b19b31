import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { useDates } from "~/time/context";
import { DoneNotice, FormError, TextField } from "~/components/form-fields";
import { GoalScale } from "~/components/goal-scale";
import { z } from "zod";
import { parseForm } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { addGoal, closeGoal, goalSchema, loadGoalsForStaff, MAX_OPEN_GOALS, rateGoalsAsWorker } from "~/questionnaires/goals.server";
import { pageMeta } from "~/safety/neutral-titles";
import { RowAction } from "~/components/row-action";
import { readRecordForm } from "~/casework/record-form.server";
import { BackToRecord } from "~/components/back-to-record";

/** Goals agreed with the person (up to three), and ratings recorded with them in a session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  return { ...(await loadGoalsForStaff(viewer, params.personId ?? "")), maxGoals: MAX_OPEN_GOALS };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add") }),
  z.object({ intent: z.literal("close"), goalId: formId }),
  z.object({ intent: z.literal("rate") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  // Someone else's record answers 404 before its form is read.
  const { viewer, values } = await readRecordForm(request, params.personId);
  const personId = params.personId ?? "";
  const sent = readIntent(intents, values);
  switch (sent?.intent) {
    case "add": {
      const parsed = parseForm(goalSchema, values);
      const result = parsed.ok ? await addGoal(viewer, personId, parsed.data) : parsed;
      if (!result.ok) return refused(result.fields, { form: "add" });
      return accepted("Goal added.", { form: "add" });
    }
    case "close":
      await closeGoal(viewer, personId, sent.goalId);
      return accepted("Goal closed.", { form: "close" });
    case "rate": {
      const result = await rateGoalsAsWorker(viewer, personId, values);
      if (!result.ok) return refused(result.fields, { form: "rate" });
      return accepted("Ratings recorded.", { form: "rate" });
    }
    case undefined:
      return refused({ form: "Choose what to do." }, { form: "add" });
  }
}

export default function StaffGoals() {
  const dates = useDates();
  const { person, goals, maxGoals } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors = (form: "add" | "rate" | "close") => (data?.form === form ? data.fields : {});
  return (
    <main>
      <h1>Goals for {person.name}</h1>
      <DoneNotice message={data?.done} />
      {goals.length > 0 ? (
        <Form method="post" className="card questionnaire" noValidate>
          <h2>Rate in a session</h2>
          <input type="hidden" name="intent" value="rate" />
          <FormError message={errors("rate").form} />
          {goals.map((g) => (
            <div key={g.id}>
              <GoalScale goalId={g.id} title={g.title} error={errors("rate")[`goal-${g.id}`]} />
              {g.latest ? (
                <p className="muted small">
                  Last rating: {g.latest.score}, on {dates.day(g.latest.at)}
                </p>
              ) : null}
            </div>
          ))}
          <button type="submit">Record the ratings</button>
        </Form>
      ) : (
        <p className="card">No open goals.</p>
      )}
      {goals.length > 0 ? (
        <section className="card" aria-labelledby="close-heading">
          <h2 id="close-heading">Close a goal</h2>
          <ul className="plain">
            {goals.map((g) => (
              <li key={g.id}>
                {g.title}
                <RowAction intent="close" name="goalId" value={g.id} label="Close" about={g.title} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {goals.length < maxGoals ? (
        <Form method="post" className="card" noValidate>
          <h2>Add a goal</h2>
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="title"
            label="The goal, in their words"
            hint="Stored encrypted. They see it on their goals page."
            error={errors("add").title}
            maxLength={200}
          />
          <button type="submit">Add the goal</button>
        </Form>
      ) : null}
      <BackToRecord personId={person.id} />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Goals · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
