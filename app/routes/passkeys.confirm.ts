import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { finishAuthentication, methodNotAllowed, passkeyJson, readJsonBody } from "~/auth/passkeys.server";
import { getViewer } from "~/auth/session.server";
import { confirmWithPasskey, safeReturnPath } from "~/auth/step-up.server";

/**
 * "Confirm it's you" with a passkey: the answer to options from /passkeys/authentication-options,
 * checked exactly as a sign-in is (finishAuthentication), but it marks the current session as
 * proven instead of starting a new one. The passkey must be one of the signed-in account's own.
 * JSON, POST only; `?next=` names the page to go back to (a path on this site only).
 */
async function handleAction({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  const viewer = await getViewer(request);
  if (!viewer) return passkeyJson({ ok: false, error: "Your sign-in has run out. Please sign in again." }, { status: 401 });
  const result = await finishAuthentication(request, await readJsonBody(request));
  if (!result.ok) {
    return passkeyJson({ ok: false, error: result.error }, { status: result.status, setCookies: [result.setCookie] });
  }
  const confirmed = await confirmWithPasskey(viewer, result.principal);
  if (!confirmed.ok) {
    return passkeyJson({ ok: false, error: confirmed.error }, { status: confirmed.status, setCookies: [result.setCookie] });
  }
  const next = safeReturnPath(viewer, new URL(request.url).searchParams.get("next"));
  return passkeyJson({ ok: true, next }, { setCookies: [result.setCookie] });
}

export const loader = () => methodNotAllowed();

export const action = resourceRoute(handleAction);
