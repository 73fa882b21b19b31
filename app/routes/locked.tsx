import type { LoaderFunctionArgs } from "@remix-run/node";
import { lockSession } from "~/auth/session.server";

/**
 * Where a page goes when nobody touched it for the idle time: the session is locked on the server,
 * the cookie removed, and the browser moved on to a page that says nothing about who was signed in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const setCookie = await lockSession(request);
  return new Response(null, {
    status: 303,
    headers: { Location: "/signed-out", "Set-Cookie": setCookie, "Cache-Control": "no-store" },
  });
}
