import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePerson } from "~/auth/session.server";
import { loadConfirmPage, submitConfirmPage } from "~/auth/step-up.server";
import { ConfirmItsYou } from "~/components/confirm-its-you";
import { serviceUserMeta } from "~/safety/neutral-titles";

/**
 * "Confirm it's you" for a service user, inside their frame (Exit control, neutral title): the
 * PIN or a passkey again before adding a way to sign in. `?next=` is where they go back to.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return loadConfirmPage(await requirePerson(request), new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const result = await submitConfirmPage(viewer, await request.formData(), context.clientAddress);
  if (result.ok) return redirect(result.next);
  return Response.json({ error: result.error }, { status: result.status });
}

export default function ConfirmPerson() {
  const page = useLoaderData<typeof loader>();
  const data = useActionData<{ error: string }>();
  return <ConfirmItsYou {...page} error={data?.error} />;
}

export const meta = serviceUserMeta;

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
