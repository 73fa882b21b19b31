import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { FieldError } from "~/components/field-error";
import { db } from "~/db.server";
import { pageMeta } from "~/safety/neutral-titles";
import { roleLabel, specialismLabel } from "~/staff/labels";
import { inviteStaff, newStaffSchema, reissueStaffCode } from "~/staff/team.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const staff = await db().staffMember.findMany({
    where: { serviceId: viewer.staff.serviceId },
    orderBy: [{ deactivatedAt: { sort: "desc", nulls: "first" } }, { displayName: "asc" }],
    select: { id: true, displayName: true, role: true, deactivatedAt: true },
  });
  return { staff };
}

type ActionData = { fields?: Record<string, string>; issued?: { name: string; code: string; expiresAt: string }; error?: string };

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireStaff(request, ["ADMIN"]);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "code") {
    const issued = await reissueStaffCode(viewer, String(form.staffId ?? ""));
    if (!issued) return Response.json({ error: "No such member of staff." } satisfies ActionData, { status: 404 });
    return Response.json({ issued } satisfies ActionData);
  }
  const parsed = newStaffSchema.safeParse(form);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    return Response.json({ fields } satisfies ActionData, { status: 400 });
  }
  const result = await inviteStaff(viewer, parsed.data);
  if (!result.ok) return Response.json({ fields: result.fields } satisfies ActionData, { status: 400 });
  return Response.json({ issued: { name: result.name, code: result.code, expiresAt: result.expiresAt } } satisfies ActionData);
}

export default function Team() {
  const { staff } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  return (
    <main className="wide">
      <h1>Staff accounts</h1>
      {data?.issued ? (
        <div className="card notice" role="status">
          <p>Sign-in code for {data.issued.name} (works once; shown only now):</p>
          <p className="sign-in-name">{data.issued.code}</p>
        </div>
      ) : null}
      {data?.error ? <p role="alert">{data.error}</p> : null}
      <Form method="post" className="card" aria-labelledby="invite-heading" noValidate>
        <h2 id="invite-heading">Invite a member of staff</h2>
        <input type="hidden" name="intent" value="invite" />
        <div className="field">
          <label htmlFor="displayName">Name</label>
          <input id="displayName" name="displayName" type="text" autoComplete="off" />
          <FieldError id="displayName-error" message={data?.fields?.displayName} />
        </div>
        <div className="field">
          <label htmlFor="email">Work e-mail</label>
          <input id="email" name="email" type="text" inputMode="email" autoComplete="off" />
          <FieldError id="email-error" message={data?.fields?.email} />
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
          <FieldError id="role-error" message={data?.fields?.role} />
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
          <FieldError id="specialism-error" message={data?.fields?.specialism} />
        </div>
        <button type="submit">Invite</button>
      </Form>
      <h2>Current staff</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
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
<Form method="post">
                  <input type="hidden" name="intent" value="code" />
                  <input type="hidden" name="staffId" value={s.id} />
                  <button type="submit" className="secondary">
                    New sign-in code<span className="visually-hidden"> for {s.displayName}</span>
                  </button>
                </Form>
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
