import { redirect } from "@remix-run/node";
import { codeSchema, redeemEnrolmentCode } from "~/auth/enrolment.server";
import { checkPinSignIn, pinSignInSchema } from "~/auth/pin.server";
import { getViewer, handleNewSession } from "~/auth/session.server";
import { z } from "zod";
import { formValues } from "~/forms/parse";
import { readIntent, refused } from "~/forms/reply";

/**
 * The sign-in page's server half, answered at the service's way in (app/auth/door.server.ts).
 * Someone already signed in goes to their own start page; nothing else is read.
 */
export async function signInLoader(request: Request) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(viewer.type === "person" ? "/home" : "/staff");
  return null;
}

const intents = z.discriminatedUnion("intent", [z.object({ intent: z.literal("code") }), z.object({ intent: z.literal("pin") })]);

/**
 * The two forms of the sign-in page: a first-time (or new) code, and a sign-in name with a PIN.
 * Returns a redirect with the new cookie, or the one form reply (app/forms/reply.ts) with status
 * 400 for bad input and the refusal's own status (401/429) from the guessing limits.
 */
export async function signInAction(request: Request, clientAddress: string) {
  const form = formValues(await request.formData());
  const sent = readIntent(intents, form);
  if (sent?.intent === "code") {
    const parsed = codeSchema.safeParse(form);
    if (!parsed.success) {
      return refused({ code: parsed.error.issues[0]?.message ?? "Enter your code" }, { form: "code" });
    }
    const result = await redeemEnrolmentCode(parsed.data.code, clientAddress);
    if (!result.ok) return refused({ form: result.error }, { form: "code", status: result.status });
    return redirect("/set-up", { headers: { "Set-Cookie": result.setCookie } });
  }
  if (sent?.intent === "pin") {
    const parsed = pinSignInSchema.safeParse(form);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return refused(fields, { form: "pin", values: { signInName: typeof form.signInName === "string" ? form.signInName : "" } });
    }
    const result = await checkPinSignIn(parsed.data, clientAddress);
    if (!result.ok) {
      return refused({ form: result.error }, { form: "pin", values: { signInName: parsed.data.signInName }, status: result.status });
    }
    const setCookie = await handleNewSession(request, { personId: result.personId }, "pin", { proven: true });
    return redirect("/home", { headers: { "Set-Cookie": setCookie } });
  }
  return refused({ form: "Choose how to sign in." }, { form: "code" });
}
