import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { QuickExit, QuickExitSkipLink } from "~/components/quick-exit";
import { SignOutButton } from "~/components/sign-out-button";
import { roleLabel } from "~/staff/labels";
import { TimeZoneProvider } from "~/time/context";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { staff } = await requireStaff(request);
  return { name: staff.displayName, role: staff.role, timeZone: staff.timeZone };
}

/** The staff console frame. Staff may be working in a shared office or at home: exit is here too. */
export default function StaffLayout() {
  const { name, role, timeZone } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">Waypoint · staff</p>
        <QuickExit />
      </header>
      <nav aria-label="Staff">
        <ul className="nav">
          <li>
            <a href="/staff">Overview</a>
          </li>
          {role === "ADMIN" ? (
            <>
              <li>
                <a href="/staff/team">Staff accounts</a>
              </li>
              <li>
                <a href="/staff/organisation">Areas and teams</a>
              </li>
            </>
          ) : null}
          {role === "ADMIN" || role === "MANAGER" ? (
            <li>
              <a href="/staff/settings">Settings</a>
            </li>
          ) : null}
          {role === "MANAGER" ? (
            <li>
              <a href="/staff/audit">Audit log</a>
            </li>
          ) : null}
          <li>
            <a href="/staff/account">
              {name} ({roleLabel[role]})
            </a>
          </li>
          <li>
            <SignOutButton />
          </li>
        </ul>
      </nav>
      <TimeZoneProvider zone={timeZone}>
        <Outlet />
      </TimeZoneProvider>
    </>
  );
}
