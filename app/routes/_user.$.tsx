import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/auth/session.server";

/**
 * Any address no other route has. Matched inside the service user's layout, so a signed-in person
 * meets "Page not found" inside their own frame (Exit control, skip link, neutral title, styles)
 * rather than a bare page; a signed-out visitor is sent to sign-in, as for every other address
 * past the cover page, so nothing tells them which addresses exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePerson(request);
  throw new Response("Not found", { status: 404 });
}

/** Never drawn: the loader always throws, and the layout's error boundary draws the page. */
export default function NotFound() {
  return null;
}

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
