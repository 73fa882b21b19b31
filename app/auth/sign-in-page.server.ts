import { redirect } from "@remix-run/node";
import { codeSchema, redeemEnrolmentCode } from "~/auth/enrolment.server";
import { checkPinSignIn, pinSignInSchema } from "~/auth/pin.server";
import { getViewer, handleNewSession } from "~/auth/session.server";
import type { SignInReply } from "~/components/sign-in-page";

/**
 * The sign-in page's server half, answered at the service's way in (app/auth/door.server.ts).
 * Someone already signed in goes to their own start page; nothing else is read.
 */
export async function signInLoader(request: Request) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(viewer.type === "person" ? "/home" : "/staff");
  return null;
}

/**
 * The two forms of the sign-in page: a first-time (or new) code, and a sign-in name with a PIN.
 * Returns a redirect with the new cookie, or a JSON reply (SignInReply) with status 400 for bad
 * input and the refusal's own status (401/429) from the guessing limits.
 */
export async function signInAction(request: Request, clientAddress: string) {
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "code") {
    const parsed = codeSchema.safeParse(form);
    if (!parsed.success) {
      return Response.json({ form: "code", fields: { code: parsed.error.issues[0]?.message ?? "Enter your code" } } satisfies SignInReply, { status: 400 });
    }
    const result = await redeemEnrolmentCode(parsed.data.code, clientAddress);
    if (!result.ok) return Response.json({ form: "code", error: result.error } satisfies SignInReply, { status: result.status });
    return redirect("/set-up", { headers: { "Set-Cookie": result.setCookie } });
  }
  if (form.intent === "pin") {
    const parsed = pinSignInSchema.safeParse(form);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return Response.json({ form: "pin", fields, signInName: String(form.signInName ?? "") } satisfies SignInReply, { status: 400 });
    }
    const result = await checkPinSignIn(parsed.data, clientAddress);
    if (!result.ok) {
      return Response.json({ form: "pin", error: result.error, signInName: parsed.data.signInName } satisfies SignInReply, { status: result.status });
    }
    const setCookie = await handleNewSession(request, { personId: result.personId }, "pin", { proven: true });
    return redirect("/home", { headers: { "Set-Cookie": setCookie } });
  }
  return Response.json({ form: "code", error: "Choose how to sign in." } satisfies SignInReply, { status: 400 });
}
