import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { quickExit } from "~/safety/exit.server";

/**
 * Quick exit through the server, so it works with JavaScript off:
 * end the session, change the HTTP-only cookie (that is what stops Chrome and Edge restoring the
 * page from the back/forward cache), ask the browser to clear what it holds for this site, and
 * send it to the service's neutral site with a 303. It cannot fail: app/safety/exit.server.ts.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Clear-Site-Data
 */
export const loader = ({ request }: LoaderFunctionArgs) => quickExit(request);
export const action = ({ request }: ActionFunctionArgs) => quickExit(request);
