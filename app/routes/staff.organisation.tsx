import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { DoneNotice, SelectField, TextField } from "~/components/form-fields";
import { z } from "zod";
import { formOnPage } from "~/forms/on-page";
import { formValues, parseForm } from "~/forms/parse";
import { accepted, readIntent, refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { addArea, addTeam, areaSchema, loadOrganisation, teamSchema } from "~/staff/organisation.server";

/** Areas (families are opened in one; reports filter by them) and teams, kept by the administrator. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  return loadOrganisation(viewer.staff.serviceId);
}

const intents = z.discriminatedUnion("intent", [z.object({ intent: z.literal("area") }), z.object({ intent: z.literal("team") })]);

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const values = formValues(await request.formData());
  const sent = readIntent(intents, values);
  switch (sent?.intent) {
    case "area": {
      const parsed = parseForm(areaSchema, values);
      const result = parsed.ok ? await addArea(viewer, parsed.data) : parsed;
      if (!result.ok) return refused(result.fields, { form: "area", values });
      return accepted("Area added.", { form: "area" });
    }
    case "team": {
      const parsed = parseForm(teamSchema, values);
      const result = parsed.ok ? await addTeam(viewer, parsed.data) : parsed;
      if (!result.ok) return refused(result.fields, { form: "team", values });
      return accepted("Team added.", { form: "team" });
    }
    case undefined:
      return refused({ name: "Choose what to add." }, { form: "area" });
  }
}

export default function Organisation() {
  const { areas, teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const areaForm = formOnPage(result, "area");
  const teamForm = formOnPage(result, "team");
  return (
    <main className="wide">
      <h1>Areas and teams</h1>
      <DoneNotice message={result?.done} />
      <div className="columns">
        <section className="card" aria-labelledby="areas-heading">
          <h2 id="areas-heading">Areas</h2>
          <ul className="plain">
            {areas.map((a) => (
              <li key={a.id}>
                {a.name} <span className="muted">· {a.families} families</span>
              </li>
            ))}
          </ul>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="area" />
            <TextField {...areaForm.field("name")} id="area-name" label="New area" maxLength={60} />
            <button type="submit">Add the area</button>
          </Form>
        </section>
        <section className="card" aria-labelledby="teams-heading">
          <h2 id="teams-heading">Teams</h2>
          <ul className="plain">
            {teams.map((t) => (
              <li key={t.id}>
                {t.name}
                <span className="muted">
                  {t.area ? ` · ${t.area}` : ""} · {t.members} active staff
                </span>
              </li>
            ))}
          </ul>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="team" />
            <TextField {...teamForm.field("name")} id="team-name" label="New team" maxLength={60} />
            <SelectField
              {...teamForm.field("areaId")}
              label="Its area (optional)"
              options={areas.map((a) => ({ value: a.id, label: a.name }))}
              placeholder="No particular area"
            />
            <button type="submit">Add the team</button>
          </Form>
        </section>
      </div>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Areas and teams · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
