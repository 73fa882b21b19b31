import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { SelectField, TextField } from "~/components/form-fields";
import { formValues, parseForm, valueOf, type FieldErrors, type FormValues } from "~/forms/parse";
import { pageMeta } from "~/safety/neutral-titles";
import { addArea, addTeam, areaSchema, loadOrganisation, teamSchema } from "~/staff/organisation.server";

/** Areas (families are opened in one; reports filter by them) and teams, kept by the administrator. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  return loadOrganisation(viewer.staff.serviceId);
}

type ActionData = { form: "area" | "team"; fields: FieldErrors; values?: FormValues; done?: string };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const values = formValues(await request.formData());
  if (values.intent === "area") {
    const parsed = parseForm(areaSchema, values);
    const result = parsed.ok ? await addArea(viewer, parsed.data) : parsed;
    if (!result.ok) return Response.json({ form: "area", fields: result.fields, values } satisfies ActionData, { status: 400 });
    return Response.json({ form: "area", fields: {}, done: "Area added." } satisfies ActionData);
  }
  if (values.intent === "team") {
    const parsed = parseForm(teamSchema, values);
    const result = parsed.ok ? await addTeam(viewer, parsed.data) : parsed;
    if (!result.ok) return Response.json({ form: "team", fields: result.fields, values } satisfies ActionData, { status: 400 });
    return Response.json({ form: "team", fields: {}, done: "Team added." } satisfies ActionData);
  }
  return Response.json({ form: "area", fields: { name: "Choose what to add." } } satisfies ActionData, { status: 400 });
}

export default function Organisation() {
  const { areas, teams } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const errors = (form: ActionData["form"]) => (result?.form === form ? result.fields : {});
  const typed = (form: ActionData["form"]) => (result?.form === form && !result.done ? result.values : undefined);
  return (
    <main className="wide">
      <h1>Areas and teams</h1>
      {result?.done ? (
        <p role="status" className="card notice">
          {result.done}
        </p>
      ) : null}
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
            <TextField name="name" id="area-name" label="New area" defaultValue={valueOf(typed("area"), "name")} error={errors("area").name} maxLength={60} />
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
            <TextField name="name" id="team-name" label="New team" defaultValue={valueOf(typed("team"), "name")} error={errors("team").name} maxLength={60} />
            <SelectField
              name="areaId"
              label="Its area (optional)"
              options={areas.map((a) => ({ value: a.id, label: a.name }))}
              placeholder="No particular area"
              defaultValue={valueOf(typed("team"), "areaId")}
              error={errors("team").areaId}
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
