import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const setCookie = await endSession(request, "SIGNED_OUT");
  return redirect("/sign-in", { headers: { "Set-Cookie": setCookie } });
}

// Signing out changes state, so it is a POST; a GET here just goes back to sign-in.
export const loader = () => redirect("/sign-in");
