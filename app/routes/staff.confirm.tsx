import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { loadConfirmPage } from "~/auth/step-up.server";
import { ConfirmItsYou } from "~/components/confirm-its-you";
import { pageMeta } from "~/safety/neutral-titles";

/**
 * "Confirm it's you" for staff: a passkey again before adding a passkey, issuing codes or
 * downloading an export. Staff have passkeys only, so this page needs JavaScript; the page they
 * came from stays as it was. `?next=` is where they go back to.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return loadConfirmPage(await requireStaff(request), new URL(request.url));
}

export default function ConfirmStaff() {
  const page = useLoaderData<typeof loader>();
  return <ConfirmItsYou {...page} />;
}

export const meta: MetaFunction = () => pageMeta("Confirm it's you · staff");

export { StaffPageError as ErrorBoundary } from "~/components/error-message";
