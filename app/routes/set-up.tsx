import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { clearEnrolmentCookie, newSignInNameCookie, readEnrolment } from "~/auth/enrolment.server";
import { newPinSchema, setPinFromEnrolment } from "~/auth/pin.server";
import { fieldErrors } from "~/forms/parse";
import { refused } from "~/forms/reply";
import { COVER_PAGE, handleNewSession } from "~/auth/session.server";
import { FieldError } from "~/components/field-error";
import { PasskeyButton } from "~/components/passkey-button";
import { PlainFrame } from "~/components/plain-frame";
import { pageMeta } from "~/safety/neutral-titles";
import appStyles from "~/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: appStyles }];

/**
 * After a code was accepted: choose how to sign in from now on. A person may use a passkey (this
 * device unlocks with a fingerprint, face or screen lock) or a PIN; staff use passkeys only.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const enrolment = await readEnrolment(request);
  if (!enrolment) throw redirect(COVER_PAGE);
  return { staff: "staffId" in enrolment.principal };
}

export async function action({ request }: ActionFunctionArgs) {
  const enrolment = await readEnrolment(request);
  if (!enrolment) return redirect(COVER_PAGE);
  if (!("personId" in enrolment.principal)) {
    return refused({ form: "Staff sign in with a passkey." });
  }
  const parsed = newPinSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error.issues);
    return refused(fields);
  }
  const personId = enrolment.principal.personId;
  const signInName = await setPinFromEnrolment(enrolment.codeId, personId, parsed.data.pin);
  if (!signInName) {
    return refused({ form: "That code has already been used. Ask your worker for a new one." }, { status: 409 });
  }
  // Redirect (not render): this page's loader would now find the code spent and send them away.
  const headers = new Headers();
  headers.append("Set-Cookie", await handleNewSession(request, { personId }, "pin"));
  headers.append("Set-Cookie", await clearEnrolmentCookie());
  headers.append("Set-Cookie", await newSignInNameCookie(signInName));
  return redirect("/set-up/done", { headers });
}

export default function SetUp() {
  const { staff } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <PlainFrame heading="Set up">
      <main>
        <h1>How will you sign in?</h1>
        {data?.fields.form ? <p role="alert">{data.fields.form}</p> : null}
        <section className="card" aria-labelledby="passkey-heading">
          <h2 id="passkey-heading">A passkey on this device</h2>
          <p className="hint">
            {staff
              ? "Staff sign in with a passkey. Set it up on the device you will work on."
              : "The quickest way: this device unlocks it with your fingerprint, face or screen lock. Only choose it if no one else can unlock this device."}
          </p>
          <PasskeyButton
            mode="register"
            label="Use a passkey on this device"
            unsupportedMessage={staff ? "This device can't use passkeys. Use a work device that can, or ask your administrator." : undefined}
          />
        </section>
        {staff ? null : (
          <Form method="post" className="card" aria-labelledby="pin-heading" noValidate autoComplete="off">
            <h2 id="pin-heading">Choose a PIN</h2>
            <p className="hint">At least 6 numbers or letters. Don&apos;t use a PIN anyone else knows.</p>
            <div className="field">
              <label htmlFor="pin">PIN</label>
              <input id="pin" name="pin" type="password" autoComplete="new-password" aria-describedby={data?.fields.pin ? "pin-error" : undefined} />
              <FieldError id="pin-error" message={data?.fields.pin} />
            </div>
            <div className="field">
              <label htmlFor="confirm">The same PIN again</label>
              <input
                id="confirm"
                name="confirm"
                type="password"
                autoComplete="new-password"
                aria-describedby={data?.fields.confirm ? "confirm-error" : undefined}
              />
              <FieldError id="confirm-error" message={data?.fields.confirm} />
            </div>
            <button type="submit">Use this PIN</button>
          </Form>
        )}
      </main>
    </PlainFrame>
  );
}

export const meta: MetaFunction = () => pageMeta("Set up");
