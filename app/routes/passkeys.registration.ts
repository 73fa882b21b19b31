import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { tellStaffOfNewPasskey } from "~/auth/account.server";
import { clearEnrolmentCookie } from "~/auth/enrolment.server";
import { accountPageFor, finishRegistration, homeFor, methodNotAllowed, passkeyJson, readJsonBody, registrantOrRefusal } from "~/auth/passkeys.server";
import { handleNewSession } from "~/auth/session.server";

/**
 * Saves a new passkey. Ending an enrolment signs the person in (their first credential now
 * exists) and clears the enrolment cookie; a signed-in viewer goes back to their account page.
 */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const { registrant, refusal } = await registrantOrRefusal(request);
  if (refusal) return refusal;
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
