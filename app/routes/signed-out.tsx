import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { PlainFrame } from "~/components/plain-frame";
import appStyles from "~/styles/app.css?url";
import { pageMeta } from "~/safety/neutral-titles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export default function SignedOut() {
  return (
    <PlainFrame heading="Signed out">
      <main>
        <h1>Signed out</h1>
        <p>You were signed out because the page was left for a while. Nothing you saved has been lost.</p>
        <p>
          <a href="/sign-in">Sign in again</a>
        </p>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Signed out");
