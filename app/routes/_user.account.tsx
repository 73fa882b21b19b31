import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { staffAccessSummary } from "~/audit/audit-view.server";
import { listRecentSignIns, reportNotMe, signOutEverywhere } from "~/auth/account.server";
import { db } from "~/db.server";
import { endSession, requirePerson } from "~/auth/session.server";
import { neutralMeta } from "~/safety/neutral-titles";
import type { loader as layoutLoader } from "./_user";

/** The person's own sign-ins, and what to do if one of them was not them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  const service = await db().service.findUnique({ where: { id: viewer.person.serviceId }, select: { showAccessSummary: true } });
  return {
    signIns: await listRecentSignIns({ personId: viewer.person.id }, viewer.sessionId),
    staffAccess: service?.showAccessSummary ? await staffAccessSummary(viewer.person.id) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const intent = (await request.formData()).get("intent");
  if (intent === "not-me") {
    await reportNotMe(viewer.person.id);
  } else if (intent === "everywhere") {
    await signOutEverywhere({ personId: viewer.person.id });
  } else {
    return Response.json({ error: "Choose what to do." }, { status: 400 });
  }
  const setCookie = await endSession(request, intent === "not-me" ? "NOT_ME" : "SIGNED_OUT_EVERYWHERE");
  return redirect(intent === "not-me" ? "/signed-out?reason=not-me" : "/sign-in", { headers: { "Set-Cookie": setCookie } });
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/London" });

export default function Account() {
  const { signIns, staffAccess } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/_user");
  return (
    <main>
      <h1>{layout?.young ? "When you signed in" : "Your sign-ins"}</h1>
      <ul className="plain card">
        {signIns.map((s) => (
          <li key={s.id}>
            {when.format(new Date(s.at))} on {s.device === "Unknown device" ? "an unknown device" : `a ${s.device}`}, {s.how}
            {s.current ? <strong> (this one)</strong> : s.active ? " (still signed in)" : ""}
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="not-me-heading">
        <h2 id="not-me-heading">Was one of these not you?</h2>
        <p>
          We will sign you out everywhere and switch off your PIN and passkeys, so no one can use them. Your worker will be
          told, and will give you a new code to sign in again.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="not-me" />
          <button type="submit">This wasn&apos;t me</button>
        </Form>
      </section>
      {staffAccess ? (
        <section className="card" aria-labelledby="access-heading">
          <h2 id="access-heading">Staff who opened your record</h2>
          {staffAccess.length === 0 ? (
            <p>No one in the last 90 days.</p>
          ) : (
            <ul className="plain">
              {staffAccess.map((s) => (
                <li key={s.name}>
                  {s.name}: {s.times} {s.times === 1 ? "time" : "times"} in the last 90 days
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="secondary">
          Sign out on every device
        </button>
      </Form>
    </main>
  );
}

export const meta: MetaFunction<typeof loader, { "routes/_user": typeof layoutLoader }> = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/_user");
  return neutralMeta(layout?.data?.pageTitle);
};
