import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { FieldError } from "~/components/field-error";
import { formValues } from "~/forms/parse";
import { accepted, formId, readIntent, refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import { roleLabel, specialismLabel } from "~/staff/labels";
import { requireRecentProof } from "~/auth/step-up.server";
import { channelConfigured } from "~/notifications/notifications.server";
import {
  cancelStaffCodeRequest,
  inviteStaff,
  listStaffAccounts,
  listStaffCodeRequests,
  newStaffSchema,
  reissueStaffCode,
  releaseStaffCode,
  type StaffCodeOutcome,
} from "~/staff/team.server";
import { RowAction } from "~/components/row-action";
import { TableHead } from "~/components/table-head";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  return { staff: await listStaffAccounts(viewer), requests: await listStaffCodeRequests(viewer), emailConfigured: channelConfigured("email") };
}

const intents = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), requestId: formId }),
  z.object({ intent: z.literal("code"), staffId: formId }),
  z.object({ intent: z.literal("release"), requestId: formId }),
  z.object({ intent: z.literal("invite") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const form = formValues(await request.formData());
  const sent = readIntent(intents, form);
  if (!sent) return refused({ form: "Choose what to do." }, { more: { outcome: null } });
  if (sent.intent === "cancel") {
    if (!(await cancelStaffCodeRequest(viewer, sent.requestId))) return refused({ form: "No such request." }, { status: 404, more: { outcome: null } });
    return redirect("/staff/team");
  }
  // Everything else gives someone a way in: "Confirm it's you" first (after the form is known to be
  // good, so a mistake is shown rather than lost), then back to this page.
  const confirmFirst = () => requireRecentProof(request, viewer, "/staff/team");
  if (sent.intent === "code") {
    await confirmFirst();
    const outcome = await reissueStaffCode(viewer, sent.staffId);
    if (!outcome) return refused({ form: "No such member of staff." }, { status: 404, more: { outcome: null } });
    return accepted(null, { more: { outcome } });
  }
  if (sent.intent === "release") {
    await confirmFirst();
    const outcome = await releaseStaffCode(viewer, sent.requestId);
    if (!outcome) return refused({ form: "No such request, or it is for you to hand to another administrator." }, { status: 404, more: { outcome: null } });
    return accepted(null, { more: { outcome } });
  }
  const parsed = newStaffSchema.safeParse(form);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return refused(fields, { more: { outcome: null } });
  }
  await confirmFirst();
  const result = await inviteStaff(viewer, parsed.data);
  if (!result.ok) return refused(result.fields, { more: { outcome: null } });
  return accepted(null, { more: { outcome: result.outcome } });
}

/** What the administrator is told about a code: never the code itself unless they released it. */
function OutcomeNotice({ outcome }: { outcome: StaffCodeOutcome }) {
  switch (outcome.kind) {
    case "sent":
      return <p>A sign-in code for {outcome.name} was sent to their work e-mail address. It works once.</p>;
    case "not-sent":
      return (
        <p>
          The e-mail to {outcome.name} could not be sent, and their earlier passkeys no longer work. Try again in a few minutes: a new code replaces this one.
        </p>
      );
    case "requested":
      return (
        <p>
          A sign-in code for {outcome.name} is waiting for another administrator, who will see it and hand it over. It is not shown to you, so that no one can
          sign in as someone else alone.
        </p>
      );
    case "already-requested":
      return <p>A code for {outcome.name} is already waiting for another administrator.</p>;
    case "released":
      return (
        <>
          <p>Give {outcome.name} this code in person (works once; shown only now):</p>
          <p className="sign-in-name">{outcome.code}</p>
        </>
      );
  }
}

export default function Team() {
  const { staff, requests, emailConfigured } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <main className="wide">
      <h1>Staff accounts</h1>
      {data?.outcome ? (
        <div className="card notice" role="status">
          <OutcomeNotice outcome={data.outcome} />
        </div>
      ) : null}
      {data?.fields.form ? <p role="alert">{data.fields.form}</p> : null}
      {!emailConfigured ? (
        <p className="hint">
          E-mail is not set up, so a new sign-in code for a member of staff is shown to a second administrator, never to the one who asks for it.
        </p>
      ) : null}
      {requests.length > 0 ? (
        <section className="card" aria-labelledby="requests-heading">
          <h2 id="requests-heading">Codes waiting to be handed over</h2>
          <ul className="plain">
            {requests.map((r) => (
              <li key={r.id}>
                For {r.forName}, asked for by {r.byName}
                {r.canRelease ? (
                  <RowAction intent="release" name="requestId" value={r.id} label="Show the code" about={`for ${r.forName}`} primary />
                ) : (
                  <span className="muted"> · another administrator hands this one over</span>
                )}
                <RowAction intent="cancel" name="requestId" value={r.id} label="Withdraw" about={`the code for ${r.forName}`} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" className="card" aria-labelledby="invite-heading" noValidate>
        <h2 id="invite-heading">Invite a member of staff</h2>
        <input type="hidden" name="intent" value="invite" />
        <div className="field">
          <label htmlFor="displayName">Name</label>
          <input id="displayName" name="displayName" type="text" autoComplete="off" />
          <FieldError id="displayName-error" message={data?.fields.displayName} />
        </div>
        <div className="field">
          <label htmlFor="email">Work e-mail</label>
          <input id="email" name="email" type="text" inputMode="email" autoComplete="off" />
          <FieldError id="email-error" message={data?.fields.email} />
        </div>
        <div className="field">
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue="WORKER">
            {Object.entries(roleLabel).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="role-error" message={data?.fields.role} />
        </div>
        <div className="field">
          <label htmlFor="specialism">Specialism (workers only)</label>
          <select id="specialism" name="specialism" defaultValue="">
            <option value="">None</option>
            {Object.entries(specialismLabel).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError id="specialism-error" message={data?.fields.specialism} />
        </div>
        <button type="submit">Invite</button>
      </Form>
      <h2>Current staff</h2>
      <table>
        <TableHead columns={["Name", "Role", { hidden: "Actions" }]} />
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`/staff/team/${s.id}`}>{s.displayName}</a>
              </td>
              <td>
                {roleLabel[s.role]}
                {s.deactivatedAt ? <span className="muted"> · no access</span> : null}
              </td>
              <td>
                {s.deactivatedAt ? null : (
                  <RowAction intent="code" name="staffId" value={s.id} label="New sign-in code" about={`for ${s.displayName}`} className="" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Staff accounts · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
