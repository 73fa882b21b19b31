import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getViewer } from "~/auth/session.server";
import { PlainFrame } from "~/components/plain-frame";
import appStyles from "~/styles/app.css?url";
import { pageMeta } from "~/safety/neutral-titles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(viewer.type === "person" ? "/home" : "/staff");
  return null;
}

export default function SignIn() {
  return (
    <PlainFrame heading="Sign in">
      <main>
        <h1>Sign in</h1>
        <p>Use the code you were given, or the passkey or PIN you set up.</p>
        {__DEMO_SIGN_IN__ ? (
          <p className="card">
            This is a demo build: <a href="/demo-sign-in">sign in as a demo person</a>.
          </p>
        ) : (
          <p className="card">Signing in with a code, a passkey or a PIN is not available yet.</p>
        )}
        <p>
          <a href="/privacy-tips">Privacy tips</a> for shared phones and computers.
        </p>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Sign in");
