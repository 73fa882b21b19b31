import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { accessSummaryIfShown } from "~/audit/audit-view.server";
import { handleAccountAction, loadAccount } from "~/auth/account-actions.server";
import { PasskeyList, SignInList, SignOutEverywhereButton } from "~/components/account-panels";
import { requirePerson } from "~/auth/session.server";
import { ACCOUNT_WORDS } from "~/age-bands/account-words";
import { NAV_WORDS, voiceOf } from "~/age-bands/band-words";
import { serviceUserMeta } from "~/safety/neutral-titles";
import type { loader as layoutLoader } from "./_user";

/** The person's own sign-ins, and what to do if one of them was not them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePerson(request);
  return { ...(await loadAccount(viewer)), staffAccess: await accessSummaryIfShown(viewer.person) };
}

export async function action({ request }: ActionFunctionArgs) {
  return handleAccountAction(request, await requirePerson(request));
}

export default function Account() {
  const { signIns, passkeys, pinSetAt, staffAccess } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/_user");
  const voice = voiceOf(layout);
  const words = ACCOUNT_WORDS[voice];
  return (
    <main>
      <h1>{NAV_WORDS[voice].signIns}</h1>
      <SignInList signIns={signIns} />
      <PasskeyList passkeys={passkeys} pinSetAt={pinSetAt} words={words} />
      <section className="card" aria-labelledby="not-me-heading">
        <h2 id="not-me-heading">{words.notMeHeading}</h2>
        <p>{words.notMeText}</p>
        {/* Ends the session: a whole new document, like Sign out (app/components/sign-out-button.tsx). */}
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="not-me" />
          <button type="submit">{words.notMeButton}</button>
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
      <SignOutEverywhereButton words={words} />
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
