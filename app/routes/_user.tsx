import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorMessage } from "~/components/error-message";
import { requirePerson } from "~/auth/session.server";
import { QuickExit, QuickExitSkipLink } from "~/components/quick-exit";
import { SignOutButton } from "~/components/sign-out-button";
import { bandOf } from "~/families/age-band";
import { skipRevalidateOnAutosave } from "~/questionnaires/autosave";
import { neutralMeta, neutralPresentation } from "~/safety/neutral-titles";
import { TimeZoneProvider } from "~/time/context";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

/** The frame of every page a service user sees: neutral title, quick exit first, nothing else. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { person } = await requirePerson(request);
  // Before anything else, once: how to leave quickly, and what that does and does not erase.
  if (!person.safetyIntroSeenAt && new URL(request.url).pathname !== "/start") {
    throw redirect("/start");
  }
  const young = person.kind === "YOUNG_PERSON";
  return {
    pageTitle: neutralPresentation(person.pageTitle).title,
    firstName: person.firstName,
    young,
    band: bandOf(person, new Date(), person.timeZone),
    timeZone: person.timeZone,
    idleLockMinutes: person.idleLockMinutes,
  };
}

/** A questionnaire answer saved in the background leaves the frame as it was. */
export const shouldRevalidate = skipRevalidateOnAutosave;

export default function ServiceUserLayout() {
  return (
    <ServiceUserFrame layout={useLoaderData<typeof loader>()}>
      <Outlet />
    </ServiceUserFrame>
  );
}

/**
 * The frame itself, shared by the pages and the error boundary. `layout` is the layout loader's
 * data; it is missing only when that loader itself failed (the database unreachable), and then
 * the frame still draws the skip link and the Exit control, with the neutral default title.
 */
function ServiceUserFrame({ layout, children }: { layout: Awaited<ReturnType<typeof loader>> | undefined; children: ReactNode }) {
  const young = layout?.young ?? false;
  return (
    <div className={young ? "young" : undefined} data-idle-lock-minutes={layout?.idleLockMinutes}>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">{layout?.pageTitle ?? neutralPresentation(undefined).title}</p>
        <QuickExit wording={young ? "young" : "adult"} />
      </header>
      {layout ? (
        <nav aria-label="Main">
          <ul className="nav">
            <li>
              <a href="/home">Home</a>
            </li>
            <li>
              <a href="/appointments">{young ? "When we meet" : "Appointments"}</a>
            </li>
            <li>
              <a href="/account">{young ? "Signing in" : "Your sign-ins"}</a>
            </li>
            <li>
              <a href="/privacy-tips">{young ? "Staying private" : "Privacy tips"}</a>
            </li>
            <li>
              <SignOutButton />
            </li>
          </ul>
        </nav>
      ) : null}
      {layout ? <TimeZoneProvider zone={layout.timeZone}>{children}</TimeZoneProvider> : children}
    </div>
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
  return (
    <ServiceUserFrame layout={useRouteLoaderData<typeof loader>("routes/_user")}>
      <ErrorMessage error={error} homeHref="/home" />
    </ServiceUserFrame>
  );
}
