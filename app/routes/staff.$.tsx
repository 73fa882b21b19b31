import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";

/**
 * Any address under /staff that no other route has: "Page not found" inside the console's frame
 * for staff; a signed-out visitor is sent to sign-in and a service user gets the staff layout's
 * neutral 404, exactly as for the addresses that exist, so nothing tells either which exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  throw new Response("Not found", { status: 404 });
}

/** Never drawn: the loader always throws, and the layout's error boundary draws the page. */
export default function NotFound() {
  return null;
}

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
