import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useRouteLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { markSafetyIntroSeen } from "~/safety/intro.server";
import { NAV_WORDS, voiceOf } from "~/age-bands/band-words";
import { serviceUserMeta } from "~/safety/neutral-titles";
import { currentService } from "~/service/service.server";
import type { loader as layoutLoader } from "./_user";

/**
 * The interruption page a service user sees once, before the portal: how to leave quickly, that
 * leaving does not erase what the browser already remembered, and how to come back.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePerson(request);
  const service = await currentService();
  return { signInPath: service?.signInPath ?? "/sign-in" };
}

export async function action({ request }: ActionFunctionArgs) {
  const { person } = await requirePerson(request);
  await markSafetyIntroSeen(person.id);
  return redirect("/home");
}

export default function BeforeYouStart() {
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/_user");
  const band = layout?.band ?? null;
  if (band === "under-8") return <YoungestIntro />;
  if (layout?.young) return <YoungIntro privacy={NAV_WORDS[voiceOf(layout)].privacy} />;
  return <AdultIntro />;
}

function AdultIntro() {
  return (
    <main>
      <h1>Before you start</h1>
      <div className="card notice">
        <h2>Leaving this site quickly</h2>
        <p>
          The red <strong>Exit</strong> button at the top of every page closes this site straight away and opens a weather page instead. You can also press the{" "}
          <strong>Shift</strong> key three times in a row (not while you are typing in a box).
        </p>
        <p>
          Leaving this way signs you out and tells your browser to forget what it kept from this site. Anything you had already saved here stays saved for next
          time.
        </p>
      </div>
      <div className="card">
        <h2>What it cannot do</h2>
        <p>
          It does <strong>not</strong> erase your browsing history from before. Someone who looks at your history could still see that this site was visited.{" "}
          <a href="/privacy-tips">Privacy tips</a> explains how to stop that.
        </p>
      </div>
      <div className="card">
        <h2>Coming back</h2>
        <p>Come back the same way you came in today, and sign in again.</p>
      </div>
      <Form method="post" className="actions">
        <button type="submit">I understand, continue</button>
      </Form>
    </main>
  );
}

function YoungIntro({ privacy }: { privacy: string }) {
  return (
    <main>
      <h1>Before you start</h1>
      <div className="card notice">
        <h2>If you need to leave fast</h2>
        <p>
          Press the red <strong>Leave now</strong> button at the top. This page closes and a weather page opens. Or press <strong>Shift</strong> three times.
        </p>
        <p>Anything you saved here will still be here next time.</p>
      </div>
      <div className="card">
        <h2>Good to know</h2>
        <p>
          Leaving fast does not wipe your browser history. <a href="/privacy-tips">{privacy}</a> shows you how.
        </p>
        <p>To come back, sign in again the same way as today.</p>
      </div>
      <Form method="post" className="actions">
        <button type="submit">OK, let&apos;s go</button>
      </Form>
    </main>
  );
}

function YoungestIntro() {
  return (
    <main>
      <h1>Hello!</h1>
      <div className="card notice">
        <p>
          Want to stop? Press the red <strong>Leave now</strong> button at the top.
        </p>
        <p>A grown-up you trust can help you come back.</p>
      </div>
      <Form method="post" className="actions">
        <button type="submit">OK</button>
      </Form>
    </main>
  );
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
