import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { handleAccountAction, loadAccount } from "~/auth/account-actions.server";
import { requireStaff } from "~/auth/session.server";
import { PasskeyList, SignInList, SignOutEverywhereButton } from "~/components/account-panels";
import { ACCOUNT_WORDS } from "~/age-bands/account-words";
import { pageMeta } from "~/safety/neutral-titles";

/** A member of staff's own sign-ins and passkeys. */
export async function loader({ request }: LoaderFunctionArgs) {
  return loadAccount(await requireStaff(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return handleAccountAction(request, await requireStaff(request));
}

export default function StaffAccount() {
  const { signIns, passkeys } = useLoaderData<typeof loader>();
  return (
    <main>
      <h1>Your sign-ins</h1>
      <SignInList signIns={signIns} />
      <PasskeyList
        passkeys={passkeys}
        words={{ ...ACCOUNT_WORDS.adult, lastPasskeyWarning: "If you remove your only passkey, you will need a new code from your administrator." }}
      />
      <section className="card" aria-labelledby="not-me-heading">
        <h2 id="not-me-heading">Was one of these not you?</h2>
        <p>Every session ends and your passkeys stop working. Ask your administrator for a new code.</p>
        {/* Ends the session: a whole new document, like Sign out (app/components/sign-out-button.tsx). */}
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="not-me" />
          <button type="submit">This wasn&apos;t me</button>
        </Form>
      </section>
      <SignOutEverywhereButton />
    </main>
  );
}

export const meta: MetaFunction = () => pageMeta("Your sign-ins · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
