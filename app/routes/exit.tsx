import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getViewer, endSession } from "~/auth/session.server";
import { db } from "~/db.server";
import { currentService, FALLBACK_EXIT_URL } from "~/service/service.server";

/**
 * Quick exit through the server, so it works with JavaScript off:
 * end the session, change the HTTP-only cookie (that is what stops Chrome and Edge restoring the
 * page from the back/forward cache), ask the browser to clear what it holds for this site, and
 * send it to the service's neutral site with a 303.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Clear-Site-Data
 */
async function exit(request: Request) {
  const viewer = await getViewer(request);
  const serviceId = viewer?.type === "person" ? viewer.person.serviceId : viewer?.staff.serviceId;
  const service = serviceId
    ? await db().service.findUnique({ where: { id: serviceId }, select: { exitUrl: true } })
    : await currentService();
  const setCookie = await endSession(request, "QUICK_EXIT");
  return new Response(null, {
    status: 303,
    headers: {
      Location: service?.exitUrl ?? FALLBACK_EXIT_URL,
      "Set-Cookie": setCookie,
      "Clear-Site-Data": '"cache", "cookies", "storage"',
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export const loader = ({ request }: LoaderFunctionArgs) => exit(request);
export const action = ({ request }: ActionFunctionArgs) => exit(request);
