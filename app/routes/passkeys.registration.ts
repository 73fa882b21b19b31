import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { tellStaffOfNewPasskey } from "~/auth/account.server";
import { clearEnrolmentCookie } from "~/auth/enrolment.server";
import { accountPageFor, findRegistrant, finishRegistration, homeFor, methodNotAllowed, passkeyJson, readJsonBody } from "~/auth/passkeys.server";
import { handleNewSession, principalOf } from "~/auth/session.server";
import { stepUpRequiredBody } from "~/auth/step-up.server";

/**
 * Saves a new passkey. Ending an enrolment signs the person in (their first credential now
 * exists) and clears the enrolment cookie; a signed-in viewer goes back to their account page.
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
  const body = await readJsonBody(request);
  const result = await finishRegistration(request, registrant.principal, body, {
    enrolmentCodeId: registrant.kind === "enrolment" ? registrant.enrolmentCodeId : undefined,
  });
  if (!result.ok) {
    return passkeyJson({ ok: false, error: result.error }, { status: result.status, setCookies: [result.setCookie] });
  }
  if (registrant.kind === "signed-in") {
    await tellStaffOfNewPasskey(registrant.principal);
    return passkeyJson({ ok: true, next: accountPageFor(registrant.principal) }, { setCookies: [result.setCookie] });
  }
  const session = await handleNewSession(request, registrant.principal, "passkey");
  return passkeyJson({ ok: true, next: homeFor(registrant.principal) }, { setCookies: [result.setCookie, session, await clearEnrolmentCookie()] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
