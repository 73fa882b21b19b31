import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { signInPath } from "~/auth/door.server";
import { PlainFrame } from "~/components/plain-frame";
import appStyles from "~/styles/app.css?url";
import { pageMeta } from "~/safety/neutral-titles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { notMe: new URL(request.url).searchParams.get("reason") === "not-me", signInPath: await signInPath() };
}

export default function SignedOut() {
  const { notMe, signInPath } = useLoaderData<typeof loader>();
  return (
    <PlainFrame heading="Signed out">
      <main>
        <h1>Signed out</h1>
        {notMe ? (
          <p>You have been signed out everywhere, and your PIN and passkeys no longer work. Your worker will give you a new code to sign in again.</p>
        ) : (
          <p>You were signed out because the page was left for a while. Nothing you saved has been lost.</p>
        )}
        <p>
          <a href={signInPath}>Sign in again</a>
        </p>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Signed out");
