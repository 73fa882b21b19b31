import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/session.server";
import { requireRecentProof } from "~/auth/step-up.server";
import { TextField } from "~/components/form-fields";
import { checkRecordsForm, recordsPeriod, reportAccess, type RecordsFormErrors } from "~/outcomes/page.server";
import { recordsCsvStream, recordsDictionary } from "~/outcomes/records.server";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * The de-identified record-level export for evaluation partners (managers only): a form for the
 * period and the export key, and the data dictionary. The download is a POST (it is not a page to
 * bookmark), needs "Confirm it's you", is audited, and streams.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER"]);
  const access = await reportAccess(viewer);
  return { ...recordsPeriod(new URL(request.url).searchParams, access), dictionary: recordsDictionary() };
}

type ActionData = { errors: RecordsFormErrors; values: { from: string; to: string } };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER"]);
  const form = await request.formData();
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 500) : "";
  };
  const values = { from: text("from").trim(), to: text("to").trim(), exportKey: text("exportKey") };
  const checked = checkRecordsForm(values);
  if (!checked.ok) return Response.json({ errors: checked.errors, values: { from: values.from, to: values.to } } satisfies ActionData, { status: 400 });
  await requireRecentProof(request, viewer, `/staff/reports/records?from=${checked.from}&to=${checked.to}`);
  await recordAudit({
    actor: { staffId: viewer.staff.id },
    action: "outcomes.records-export",
    reasonCode: "evaluation",
    detail: { from: checked.from, to: checked.to },
  });
  const body = recordsCsvStream({
    serviceId: viewer.staff.serviceId,
    zone: viewer.staff.timeZone,
    from: checked.from,
    to: checked.to,
    exportKey: checked.exportKey,
  });
  return new Response(body, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="records-${checked.from}-to-${checked.to}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export default function RecordsExport() {
  const { from, to, dictionary } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const errors = result?.errors ?? {};
  return (
    <main className="wide">
      <h1>Records for evaluation</h1>
      <p>
        One row per person and form (their first intake and last exit form), for people who agreed to their information being used for monitoring and
        evaluation. No names, no dates of birth, no written answers; dates are months, ages are bands, and people and families are pseudonyms made with the
        export key. Use the same key each time for the same partner, so their rows link up; keep it in the service.
      </p>
      <Form method="post" className="card" noValidate reloadDocument>
        <div className="columns">
          <TextField name="from" id="records-from" label="From" type="date" defaultValue={result?.values.from ?? from} error={errors.from} />
          <TextField name="to" id="records-to" label="To" type="date" defaultValue={result?.values.to ?? to} error={errors.to} />
          <TextField name="exportKey" id="records-key" label="Export key" hint="At least 16 characters." error={errors.exportKey} maxLength={200} />
        </div>
        <button type="submit">Download records (CSV)</button>
      </Form>
      <h2>Data dictionary</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">What it holds</th>
          </tr>
        </thead>
        <tbody>
          {dictionary.map((d) => (
            <tr key={d.column}>
              <th scope="row">
                <code>{d.column}</code>
              </th>
              <td>{d.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Records for evaluation · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
