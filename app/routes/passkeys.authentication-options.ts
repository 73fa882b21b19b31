import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, passkeyJson, startAuthentication } from "~/auth/passkeys.server";

/** Options for a usernameless passkey sign-in. JSON, POST only (it sets a challenge cookie). */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const { options, setCookie } = await startAuthentication();
  return passkeyJson({ ok: true, options }, { setCookies: [setCookie] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
