import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { QuickExit, QuickExitSkipLink } from "~/components/quick-exit";
import { SignOutButton } from "~/components/sign-out-button";
import { bandOf } from "~/families/age-band";
import { skipRevalidateOnAutosave } from "~/questionnaires/autosave";
import { neutralPresentation } from "~/safety/neutral-titles";
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
  const { pageTitle, young, idleLockMinutes, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className={young ? "young" : undefined} data-idle-lock-minutes={idleLockMinutes}>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">{pageTitle}</p>
        <QuickExit wording={young ? "young" : "adult"} />
      </header>
      <nav aria-label="Main">
        <ul className="nav">
          <li>
            <a href="/home">Home</a>
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
      <TimeZoneProvider zone={timeZone}>
        <Outlet />
      </TimeZoneProvider>
    </div>
  );
}
