import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { isSignInPath } from "~/auth/door.server";
import { COVER_PAGE, getViewer } from "~/auth/session.server";
import { signInAction, signInLoader } from "~/auth/sign-in-page.server";
import { ErrorMessage } from "~/components/error-message";
import { ServiceUserFrame } from "~/components/service-user-frame";
import { SignInPage, type SignInReply } from "~/components/sign-in-page";
import { frameOf } from "~/safety/frame.server";
import { neutralMeta, pageMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

/**
 * Any address no other route has (decision 032).
 * - At the service's way in (its configured sign-in path): the sign-in page.
 * - A signed-in service user: "Page not found" (404) inside their own frame (Exit control, skip
 *   link, navigation, their neutral title and their band's words), not a bare page.
 * - Staff: their console. A visitor: the cover page, as for every other address of the portal, so
 *   nothing tells them which addresses exist.
 * A route of its own, not under the service user's layout: what the sign-in page loads (its route
 * ids and file names) must carry none of the portal's words.
 */
export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

async function elsewhere(request: Request) {
  const viewer = await getViewer(request);
  if (viewer?.type !== "person") throw redirect(viewer ? "/staff" : COVER_PAGE);
  if (!viewer.person.safetyIntroSeenAt) throw redirect("/start");
  return data({ page: "not-found" as const, frame: frameOf(viewer.person) }, { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await isSignInPath(new URL(request.url).pathname)) {
    await signInLoader(request);
    return { page: "sign-in" as const, frame: null };
  }
  return elsewhere(request);
}

/** The sign-in page's forms; any other address has nothing to post to. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (await isSignInPath(new URL(request.url).pathname)) return signInAction(request, context.clientAddress);
  return elsewhere(request);
}

const NOT_FOUND = { status: 404, statusText: "Not Found", internal: false, data: null };

export default function AnyOtherAddress() {
  const { page, frame } = useLoaderData<typeof loader>();
  const reply = useActionData<SignInReply>();
  if (page === "sign-in" || !frame) return <SignInPage data={reply} />;
  return (
    <ServiceUserFrame layout={frame}>
      <ErrorMessage error={NOT_FOUND} homeHref="/home" />
    </ServiceUserFrame>
  );
}

/** "Sign in" at the way in; elsewhere the person's own neutral title, as on every page of their frame. */
export const meta: MetaFunction<typeof loader> = ({ data: shown }) => (shown?.page === "sign-in" ? pageMeta("Sign in") : neutralMeta(shown?.frame?.pageTitle));
