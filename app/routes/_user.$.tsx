import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isSignInPath } from "~/auth/door.server";
import { requirePerson } from "~/auth/session.server";
import { signInAction, signInLoader } from "~/auth/sign-in-page.server";
import { SignInPage, type SignInReply } from "~/components/sign-in-page";
import { neutralMeta, pageMeta } from "~/safety/neutral-titles";
import type { loader as layoutLoader } from "./_user";

/**
 * Any address no other route has. At the service's way in (its configured sign-in path, decision
 * 027) this is the sign-in page. Anywhere else, a signed-in person meets "Page not found" inside
 * their own frame (Exit control, skip link, neutral title, styles) rather than a bare page, and a
 * visitor not signed in gets the cover page, as for every other address of the portal, so nothing
 * tells them which addresses exist.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (await isSignInPath(new URL(request.url).pathname)) {
    await signInLoader(request);
    return { door: true };
  }
  await requirePerson(request);
  throw new Response("Not found", { status: 404 });
}

/** The sign-in page's forms; any other address has nothing to post to. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (await isSignInPath(new URL(request.url).pathname)) return signInAction(request, context.clientAddress);
  await requirePerson(request);
  throw new Response("Not found", { status: 404 });
}

/** Drawn only at the way in: elsewhere the loader throws, and the layout's error boundary draws the page. */
export default function AnyOtherAddress() {
  useLoaderData<typeof loader>();
  return <SignInPage data={useActionData<SignInReply>()} />;
}

/** "Sign in" at the way in; elsewhere the person's own neutral title, as on every page of their frame. */
export const meta: MetaFunction<typeof loader, { "routes/_user": typeof layoutLoader }> = ({ data, matches }) => {
  if (data?.door) return pageMeta("Sign in");
  return neutralMeta(matches.find((m) => m.id === "routes/_user")?.data?.pageTitle);
};

export { ServiceUserPageError as ErrorBoundary } from "~/components/error-message";
