import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorMessage } from "~/components/error-message";
import { requireStaff } from "~/auth/session.server";
import { QuickExit, QuickExitSkipLink } from "~/components/quick-exit";
import { SignOutButton } from "~/components/sign-out-button";
import { pageMeta } from "~/safety/neutral-titles";
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
  return (
    <StaffFrame staff={useLoaderData<typeof loader>()}>
      <Outlet />
    </StaffFrame>
  );
}

/**
 * The frame, shared by the pages and the error boundary. `staff` is the layout loader's data. It is
 * missing when that loader refused the viewer (a service user asking for a staff address gets 404
 * here) or failed: then nothing of the console is drawn, not even its name, only a neutral frame
 * with the skip link and the Exit control.
 */
function StaffFrame({ staff, children }: { staff: Awaited<ReturnType<typeof loader>> | undefined; children: ReactNode }) {
  return (
    <>
      <header className="bar">
        <QuickExitSkipLink />
        <p className="bar__title">{staff ? "Waypoint · staff" : "Home"}</p>
        <QuickExit />
      </header>
      {staff ? <StaffNav name={staff.name} role={staff.role} /> : null}
      {staff ? <TimeZoneProvider zone={staff.timeZone}>{children}</TimeZoneProvider> : children}
    </>
  );
}

function StaffNav({ name, role }: Pick<Awaited<ReturnType<typeof loader>>, "name" | "role">) {
  return (
    <nav aria-label="Staff">
      <ul className="nav">
        <li>
          <a href="/staff">Overview</a>
        </li>
        {role === "WORKER" || role === "CASE_MANAGER" ? (
          <>
            <li>
              <a href="/staff/week">Your week</a>
            </li>
            <li>
              <a href="/staff/messages">Messages</a>
            </li>
          </>
        ) : null}
        {role === "ADMIN" ? (
          <>
            <li>
              <a href="/staff/team">Staff accounts</a>
            </li>
            <li>
              <a href="/staff/venues">Venues</a>
            </li>
            <li>
              <a href="/staff/organisation">Areas and teams</a>
            </li>
          </>
        ) : null}
        {role === "ADMIN" || role === "MANAGER" ? (
          <>
            <li>
              <a href="/staff/settings">Settings</a>
            </li>
            <li>
              <a href="/staff/message-settings">Message settings</a>
            </li>
          </>
        ) : null}
        {role === "MANAGER" || role === "CASE_MANAGER" ? (
          <li>
            <a href="/staff/reports">Outcome report</a>
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
  );
}

/** The title of an error page in this frame: the console's for staff, the neutral one for anyone else. */
export const meta: MetaFunction<typeof loader> = ({ data }) => pageMeta(data ? "Staff" : "Home");

/**
 * Any error below this layout (404, 400, a 500 in a loader or an action, an unknown address under
 * /staff) is drawn inside the console's frame with the Exit control and the skip link.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const staff = useRouteLoaderData<typeof loader>("routes/staff");
  return (
    <StaffFrame staff={staff}>
      <ErrorMessage error={error} homeHref={staff ? "/staff" : "/"} />
    </StaffFrame>
  );
}
