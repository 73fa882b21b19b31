import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, passkeyJson, registrantOrRefusal, startRegistration } from "~/auth/passkeys.server";

/**
 * Options for adding a passkey: for a browser in the middle of enrolling (a code was redeemed
 * here), or for a signed-in person or member of staff adding another one. JSON, POST only: the
 * answer sets a challenge cookie, so it must not be a GET a link or prefetch could trigger.
 */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const { registrant, refusal } = await registrantOrRefusal(request);
  if (refusal) return refusal;
  const { options, setCookie } = await startRegistration(request, registrant.principal);
  return passkeyJson({ ok: true, options }, { setCookies: [setCookie] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
