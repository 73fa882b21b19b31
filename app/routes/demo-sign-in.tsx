import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { assertDemoSignInAllowed, demoSignInSchema, findDemoPrincipal, listDemoPrincipals } from "~/auth/demo-sign-in.server";
import { handleNewSession } from "~/auth/session.server";
import { PlainFrame } from "~/components/plain-frame";
import { personKindLabel, roleLabel } from "~/staff/labels";
import appStyles from "~/styles/app.css?url";
import { pageMeta } from "~/safety/neutral-titles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader(_args: LoaderFunctionArgs) {
  return listDemoPrincipals();
}

export async function action({ request }: ActionFunctionArgs) {
  assertDemoSignInAllowed();
  const parsed = demoSignInSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return Response.json({ error: "Choose someone to sign in as." }, { status: 400 });
  }
  const principal = await findDemoPrincipal(parsed.data.principal);
  if (!principal) {
    return Response.json({ error: "That person is not in the demo service." }, { status: 400 });
  }
  const setCookie = await handleNewSession(request, principal, "development");
  return redirect("personId" in principal ? "/home" : "/staff", { headers: { "Set-Cookie": setCookie } });
}

export default function DemoSignIn() {
  const { staff, families } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ error?: string }>();
  return (
    <PlainFrame heading="Sign in">
      <main>
        <h1>Demo sign-in</h1>
        <p className="hint">
          For trying the portal with its fictional demo service. This page does not exist in a production build.
        </p>
        {actionData?.error ? (
          <p role="alert" className="card">
            {actionData.error}
          </p>
        ) : null}
        <Form method="post" className="card">
          <div className="field">
            <label htmlFor="principal-person">A person in a family</label>
            <select id="principal-person" name="principal" defaultValue="">
              <option value="" disabled>
                Choose a person
              </option>
              {families.map((family) => (
                <optgroup key={family.reference} label={family.reference}>
                  {family.people.map((p) => (
                    <option key={p.id} value={`person:${p.id}`}>
                      {p.firstName} {p.lastName} ({personKindLabel[p.kind]})
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="submit">Sign in as this person</button>
        </Form>
        <Form method="post" className="card">
          <div className="field">
            <label htmlFor="principal-staff">A member of staff</label>
            <select id="principal-staff" name="principal" defaultValue="">
              <option value="" disabled>
                Choose a member of staff
              </option>
              {staff.map((s) => (
                <option key={s.id} value={`staff:${s.id}`}>
                  {s.displayName} ({roleLabel[s.role]})
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Sign in as this member of staff</button>
        </Form>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Sign in");
