import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { ErrorMessage } from "~/components/error-message";
import { ServiceUserFrame } from "~/components/service-user-frame";
import { skipRevalidateOnAutosave } from "~/questionnaires/autosave";
import { frameOf } from "~/safety/frame.server";
import { neutralMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

/**
 * The frame of every page a service user sees: neutral title, quick exit first, nothing else.
 * Someone not signed in as a service user is sent away: a visitor to the cover page, staff to
 * their console (decision 032).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  // Before anything else, once: how to leave quickly, and what that does and does not erase.
  if (!person.safetyIntroSeenAt && new URL(request.url).pathname !== "/start") {
    throw redirect("/start");
  }
  return frameOf(person);
}

/** A questionnaire answer saved in the background leaves the frame as it was. */
export const shouldRevalidate = skipRevalidateOnAutosave;

export default function ServiceUserLayout() {
  const layout = useLoaderData<typeof loader>();
  return (
    <ServiceUserFrame layout={layout}>
      <Outlet />
    </ServiceUserFrame>
  );
}

/**
 * The title of a page that has none of its own, and of every error page in this frame: the
 * person's chosen neutral title (Remix uses the deepest route's meta, and an error page stops at
 * this route).
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => neutralMeta(data?.pageTitle);

/**
 * Any error below this layout (a 404 for a questionnaire that is not theirs, a page past the end,
 * an unknown address, a 500 in a loader or an action) is drawn inside the frame, with the Exit
 * control, the skip link, the neutral title and the styles: the frame is the safety feature.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const layout = useRouteLoaderData<typeof loader>("routes/_user");
  return (
    <ServiceUserFrame layout={layout}>
      <ErrorMessage error={error} homeHref="/home" />
    </ServiceUserFrame>
  );
}
