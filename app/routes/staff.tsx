import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorMessage } from "~/components/error-message";
import { requireStaff } from "~/auth/session.server";
import { QuickExit, QuickExitSkipLink } from "~/components/quick-exit";
import { NavList } from "~/components/nav-list";
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

type Role = Awaited<ReturnType<typeof loader>>["role"];

/** The console's pages in the staff menu after the overview, in order, each with the roles it is shown to (each page's loader checks its own). */
const STAFF_PAGES: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: "/staff/week", label: "Your week", roles: ["WORKER", "CASE_MANAGER"] },
  { href: "/staff/messages", label: "Messages", roles: ["WORKER", "CASE_MANAGER"] },
  { href: "/staff/team", label: "Staff accounts", roles: ["ADMIN"] },
  { href: "/staff/venues", label: "Venues", roles: ["ADMIN"] },
  { href: "/staff/organisation", label: "Areas and teams", roles: ["ADMIN"] },
  { href: "/staff/settings", label: "Settings", roles: ["ADMIN", "MANAGER"] },
  { href: "/staff/message-settings", label: "Message settings", roles: ["ADMIN", "MANAGER"] },
  { href: "/staff/reports", label: "Outcome report", roles: ["MANAGER", "CASE_MANAGER"] },
  { href: "/staff/audit", label: "Audit log", roles: ["MANAGER"] },
];

function StaffNav({ name, role }: Pick<Awaited<ReturnType<typeof loader>>, "name" | "role">) {
  const pages = STAFF_PAGES.filter((page) => page.roles.includes(role));
  return (
    <nav aria-label="Staff">
      <NavList links={[{ href: "/staff", label: "Overview" }, ...pages, { href: "/staff/account", label: `${name} (${roleLabel[role]})` }]} />
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
