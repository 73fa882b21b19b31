import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { takeNewSignInName } from "~/auth/enrolment.server";
import { requirePerson } from "~/auth/session.server";
import { PlainFrame } from "~/components/plain-frame";
import { pageMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

/** Shows the new sign-in name once, right after the PIN was set; a reload goes home. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePerson(request);
  const { signInName, clear } = await takeNewSignInName(request);
  if (!signInName) throw redirect("/home");
  return Response.json({ signInName }, { headers: { "Set-Cookie": clear, "Cache-Control": "no-store" } });
}

export default function SetUpDone() {
  const { signInName } = useLoaderData<{ signInName: string }>();
  return (
    <PlainFrame heading="Set up">
      <main>
        <h1>You&apos;re set up</h1>
        <div className="card notice">
          <p>Your sign-in name is</p>
          <p className="sign-in-name">{signInName}</p>
          <p>You need it, with your PIN, to sign in. It is shown only this once: remember it, or keep it somewhere only you can see.</p>
        </div>
        <p className="actions">
          <a className="button" href="/home">
            Continue
          </a>
        </p>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Set up");
