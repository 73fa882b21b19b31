import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signInPath } from "~/auth/door.server";
import { COVER_PAGE, endSession } from "~/auth/session.server";

/** Ends the session and shows the sign-in page at the service's way in, as a new document. */
export async function action({ request }: ActionFunctionArgs) {
  const setCookie = await endSession(request, "SIGNED_OUT");
  return redirect(await signInPath(), { headers: { "Set-Cookie": setCookie } });
}

// Signing out changes state, so it is a POST; a GET here (a reopened tab, Back) shows the cover page.
export const loader = () => redirect(COVER_PAGE);
