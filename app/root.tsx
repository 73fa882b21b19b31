import type { MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, useMatches, useRouteError } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { ARM_QUICK_EXIT_SCRIPT } from "~/safety/quick-exit-early";
import { pageMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

/** Neutral by default: a route that forgets its own title still says nothing about the service. */
export const meta: MetaFunction = () => pageMeta("Home");

/** A route can say `handle = { scripts: false }` to be served with no JavaScript at all. */
function useWantsScripts() {
  const matches = useMatches();
  return !matches.some((match) => {
    const handle: unknown = match.handle;
    return typeof handle === "object" && handle !== null && "scripts" in handle && handle.scripts === false;
  });
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const scripts = useWantsScripts();
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Nothing about this site should be remembered or suggested by the browser. */}
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        {scripts ? (
          // Quick exit armed before anything else loads (app/safety/quick-exit-early.ts): here, ahead of the
          // stylesheet, because a script placed after a stylesheet waits until that has downloaded (one more
          // round trip on a slow phone). Its text differs between the server and client bundles and browsers
          // hide the nonce attribute, so hydration does not compare it; React never runs it again.
          <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: ARM_QUICK_EXIT_SCRIPT }} />
        ) : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {scripts ? (
          // No <ScrollRestoration />: it keeps scroll positions in the browser session store, and nothing of this site
          // may be stored in the browser.
          <Scripts nonce={nonce} />
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  // The moment the app is interactive, for `npm run bench` (navigation → hydration on a slow phone).
  useEffect(() => {
    performance.mark("app-hydrated");
  }, []);
  return <Outlet />;
}

/**
 * The last resort, drawn only for what no layout catches: an error on a page seen before or
 * without signing in (sign-in, set-up, the cover page). It carries no portal words and no Exit
 * control (decision 006: the pages before signing in look like an ordinary site). Errors inside
 * the service user's and the staff layouts are drawn by their own boundaries, inside their frame.
 * The stylesheet is linked here because no route below the root has loaded its own.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <>
      <link rel="stylesheet" href={appStyles} />
      <main className="plain-page">
        <h1>{notFound ? "Page not found" : "Something went wrong"}</h1>
        <p>{notFound ? "There is nothing at this address." : "Please try again in a moment."}</p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </main>
    </>
  );
}
