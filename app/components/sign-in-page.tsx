import { Form } from "@remix-run/react";
import { FieldError } from "~/components/field-error";
import { PasskeyButton } from "~/components/passkey-button";
import { PlainFrame } from "~/components/plain-frame";
import { PrivacyTipsAdult } from "~/components/privacy-tips";
import { valueOf } from "~/forms/parse";
import type { FormReply } from "~/forms/reply";

/** What the sign-in page's forms answer when they refuse: the one form reply (app/forms/reply.ts). */
export type SignInReply = FormReply<"code" | "pin">;

/**
 * The sign-in page, drawn only at the service's way in (decision 032). Both forms ask the browser
 * to keep nothing (`autoComplete="off"` on the form and on each field): a shared phone must not
 * offer the sign-in name, the PIN or the code to the next person.
 */
export function SignInPage({ data }: { data: SignInReply | undefined }) {
  return (
    <PlainFrame heading="Sign in">
      <main>
        <h1>Sign in</h1>
        <section className="card" aria-labelledby="passkey-heading">
          <h2 id="passkey-heading">With a passkey</h2>
          <p className="hint">If you set up this device to unlock with your fingerprint, face or screen lock.</p>
          <PasskeyButton mode="sign-in" label="Sign in with a passkey" />
        </section>
        <Form method="post" className="card" aria-labelledby="pin-heading" noValidate autoComplete="off">
          <h2 id="pin-heading">With your sign-in name and PIN</h2>
          {data?.form === "pin" && data.fields.form ? <p role="alert">{data.fields.form}</p> : null}
          <input type="hidden" name="intent" value="pin" />
          <div className="field">
            <label htmlFor="signInName">Sign-in name</label>
            <input
              id="signInName"
              name="signInName"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              defaultValue={valueOf(data?.values, "signInName")}
              aria-describedby={data?.fields.signInName ? "signInName-error" : undefined}
            />
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
        <Form method="post" className="card" aria-labelledby="code-heading" noValidate autoComplete="off">
          <h2 id="code-heading">First time, or given a new code?</h2>
          {data?.form === "code" && data.fields.form ? <p role="alert">{data.fields.form}</p> : null}
          <input type="hidden" name="intent" value="code" />
          <div className="field">
            <label htmlFor="code">Code</label>
            <p className="hint" id="code-hint">
              8 letters and numbers, like 7H3K-92QX
            </p>
            <input
              id="code"
              name="code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              aria-describedby={data?.fields.code ? "code-hint code-error" : "code-hint"}
            />
            <FieldError id="code-error" message={data?.form === "code" ? data.fields.code : undefined} />
          </div>
          <button type="submit">Continue</button>
        </Form>
        {/* Here, not at an address of its own: every other address shows a visitor the cover page (decision 032). */}
        <details className="card">
          <summary>Privacy tips for shared phones and computers</summary>
          <PrivacyTipsAdult />
        </details>
      </main>
    </PlainFrame>
  );
}
