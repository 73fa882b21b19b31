import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { accountPageFor, findRegistrant, methodNotAllowed, passkeyJson, startRegistration } from "~/auth/passkeys.server";
import { principalOf } from "~/auth/session.server";
import { stepUpRequiredBody } from "~/auth/step-up.server";

/**
 * Options for adding a passkey: for a browser in the middle of enrolling (a code was redeemed
 * here), or for a signed-in person or member of staff adding another one. JSON, POST only: the
 * answer sets a challenge cookie, so it must not be a GET a link or prefetch could trigger.
 */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const registrant = await findRegistrant(request);
  if (!registrant) {
    return passkeyJson({ ok: false, error: "Your sign-in has run out. Please start again." }, { status: 401 });
  }
  // An open session alone cannot add a way in: the person confirms it's them first.
  if (registrant.kind === "confirm-first") {
    return passkeyJson(stepUpRequiredBody(registrant.viewer, accountPageFor(principalOf(registrant.viewer))), { status: 403 });
  }
  const { options, setCookie } = await startRegistration(request, registrant.principal);
  return passkeyJson({ ok: true, options }, { setCookies: [setCookie] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
