import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { codeSchema, redeemEnrolmentCode } from "~/auth/enrolment.server";
import { checkPinSignIn, pinSignInSchema } from "~/auth/pin.server";
import { getViewer, handleNewSession } from "~/auth/session.server";
import { FieldError } from "~/components/field-error";
import { PasskeyButton } from "~/components/passkey-button";
import { PlainFrame } from "~/components/plain-frame";
import { z } from "zod";
import { formValues, valueOf } from "~/forms/parse";
import { readIntent, refused } from "~/forms/reply";
import { pageMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (viewer) throw redirect(viewer.type === "person" ? "/home" : "/staff");
  return null;
}

const intents = z.discriminatedUnion("intent", [z.object({ intent: z.literal("code") }), z.object({ intent: z.literal("pin") })]);

export async function action({ request, context }: ActionFunctionArgs) {
  const form = formValues(await request.formData());
  const sent = readIntent(intents, form);
  if (sent?.intent === "code") {
    const parsed = codeSchema.safeParse(form);
    if (!parsed.success) {
      return refused({ code: parsed.error.issues[0]?.message ?? "Enter your code" }, { form: "code" });
    }
    const result = await redeemEnrolmentCode(parsed.data.code, context.clientAddress);
    if (!result.ok) return refused({ form: result.error }, { form: "code", status: result.status });
    return redirect("/set-up", { headers: { "Set-Cookie": result.setCookie } });
  }
  if (sent?.intent === "pin") {
    const parsed = pinSignInSchema.safeParse(form);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return refused(fields, { form: "pin", values: { signInName: typeof form.signInName === "string" ? form.signInName : "" } });
    }
    const result = await checkPinSignIn(parsed.data, context.clientAddress);
    if (!result.ok) {
      return refused({ form: result.error }, { form: "pin", values: { signInName: parsed.data.signInName }, status: result.status });
    }
    const setCookie = await handleNewSession(request, { personId: result.personId }, "pin", { proven: true });
    return redirect("/home", { headers: { "Set-Cookie": setCookie } });
  }
  return refused({ form: "Choose how to sign in." }, { form: "code" });
}

export default function SignIn() {
  const data = useActionData<typeof action>();
  return (
    <PlainFrame heading="Sign in">
      <main>
        <h1>Sign in</h1>
        <section className="card" aria-labelledby="passkey-heading">
          <h2 id="passkey-heading">With a passkey</h2>
          <p className="hint">If you set up this device to unlock with your fingerprint, face or screen lock.</p>
          <PasskeyButton mode="sign-in" label="Sign in with a passkey" />
        </section>
        <Form method="post" className="card" aria-labelledby="pin-heading" noValidate>
          <h2 id="pin-heading">With your sign-in name and PIN</h2>
          {data?.form === "pin" && data.fields.form ? <p role="alert">{data.fields.form}</p> : null}
          <input type="hidden" name="intent" value="pin" />
          <div className="field">
            <label htmlFor="signInName">Sign-in name</label>
            <input id="signInName" name="signInName" type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} defaultValue={valueOf(data?.values, "signInName")} aria-describedby={data?.fields.signInName ? "signInName-error" : undefined} />
            <FieldError id="signInName-error" message={data?.form === "pin" ? data.fields.signInName : undefined} />
          </div>
          <div className="field">
            <label htmlFor="pin">PIN</label>
            {/* autocomplete off: a shared phone must not offer to save or fill it in. */}
            <input id="pin" name="pin" type="password" inputMode="numeric" autoComplete="off" aria-describedby={data?.fields.pin ? "pin-error" : undefined} />
            <FieldError id="pin-error" message={data?.form === "pin" ? data.fields.pin : undefined} />
          </div>
          <button type="submit">Sign in</button>
        </Form>
        <Form method="post" className="card" aria-labelledby="code-heading" noValidate>
          <h2 id="code-heading">First time, or given a new code?</h2>
          {data?.form === "code" && data.fields.form ? <p role="alert">{data.fields.form}</p> : null}
          <input type="hidden" name="intent" value="code" />
          <div className="field">
            <label htmlFor="code">Code</label>
            <p className="hint" id="code-hint">
              8 letters and numbers, like 7H3K-92QX
            </p>
            <input id="code" name="code" type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} aria-describedby={data?.fields.code ? "code-hint code-error" : "code-hint"} />
            <FieldError id="code-error" message={data?.form === "code" ? data.fields.code : undefined} />
          </div>
          <button type="submit">Continue</button>
        </Form>
        <p>
          <a href="/privacy-tips">Privacy tips</a> for shared phones and computers.
        </p>
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Sign in");
