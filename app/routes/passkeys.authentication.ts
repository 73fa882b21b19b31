import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { finishAuthentication, homeFor, methodNotAllowed, passkeyJson, readJsonBody } from "~/auth/passkeys.server";
import { handleNewSession } from "~/auth/session.server";

/** Checks a passkey sign-in and starts a session. Failures are audited by finishAuthentication. */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const result = await finishAuthentication(request, await readJsonBody(request));
  if (!result.ok) {
    return passkeyJson({ ok: false, error: result.error }, { status: result.status, setCookies: [result.setCookie] });
  }
  const session = await handleNewSession(request, result.principal, "passkey", { proven: true });
  return passkeyJson({ ok: true, next: homeFor(result.principal) }, { setCookies: [result.setCookie, session] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
