import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/session.server";
import { requireRecentProof } from "~/auth/step-up.server";
import { IMPORT_COLUMNS, importHistoricalForms, type ImportProblem } from "~/outcomes/import.server";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * Importing past intake and exit forms (managers only), so earlier years count in the outcome
 * report. The CSV is pasted as text: the server takes URL-encoded forms only, up to 1 MiB
 * (docs/decisions/025), which holds a few thousand rows; a longer history goes in several parts.
 * All or nothing: any bad row refuses the file, with every problem listed.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["MANAGER"]);
  return { columns: IMPORT_COLUMNS };
}

type ActionData = { ok: true; people: number; forms: number; answers: number } | { ok: false; problems: ImportProblem[] };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER"]);
  const form = await request.formData();
  const csv = form.get("csv");
  if (typeof csv !== "string" || csv.trim() === "") {
    return Response.json({ ok: false, problems: [{ row: 0, problem: "Paste the CSV file's contents, header row first." }] } satisfies ActionData, {
      status: 400,
    });
  }
  await requireRecentProof(request, viewer, "/staff/reports/import");
  const result = await importHistoricalForms(viewer.staff.serviceId, viewer.staff.timeZone, csv);
  if (!result.ok) return Response.json(result satisfies ActionData, { status: 400 });
  await recordAudit({
    actor: { staffId: viewer.staff.id },
    action: "outcomes.import",
    reasonCode: "monitoring",
    detail: { people: result.people, forms: result.forms },
  });
  return Response.json(result satisfies ActionData);
}

export default function ImportPastForms() {
  const { columns } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  return (
    <main className="wide">
      <h1>Import past forms</h1>
      <p>
        For records kept before Waypoint: each row is one person's intake or exit form. Each person becomes a closed record in a new family (the family
        reference must not already be in use), with no name and no written answers. If any row has a problem, nothing is imported and every problem is listed.
      </p>
      {result?.ok ? (
        <p role="status" className="card notice">
          Imported {result.people} people and {result.forms} forms ({result.answers} answers).
        </p>
      ) : null}
      {result && !result.ok ? (
        <div className="card error-summary" role="alert" aria-labelledby="import-problems">
          <h2 id="import-problems">Nothing was imported</h2>
          <ul>
            {result.problems.map((p, i) => (
              <li key={`${p.row}-${i}`}>{p.row > 0 ? `Row ${p.row}: ${p.problem}` : p.problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="card" noValidate autoComplete="off">
        <div className="field">
          <label htmlFor="import-csv">The CSV file's contents</label>
          <p className="hint" id="import-csv-hint">
            Header row first. Columns: {columns.join(", ")}, then one column per question of the form, named by its key (as in the record-level export's data
            dictionary).
          </p>
          <textarea id="import-csv" name="csv" autoComplete="off" rows={12} aria-describedby="import-csv-hint" spellCheck={false} />
        </div>
        <button type="submit">Check and import</button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Import past forms · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
