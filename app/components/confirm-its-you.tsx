import { Form } from "@remix-run/react";
import { FieldError } from "./field-error";
import { PasskeyButton } from "./passkey-button";

/**
 * "Confirm it's you": the PIN form (a plain POST, works without JavaScript) and the passkey
 * button, whichever the account has. Both return to `next` afterwards.
 */
export function ConfirmItsYou({ next, pin, passkey, error }: { next: string; pin: boolean; passkey: boolean; error?: string }) {
  return (
    <main>
      <h1>Confirm it&apos;s you</h1>
      <p>Before going on, show that it is still you using this device. This is asked again after a few minutes.</p>
      {passkey ? (
        <section className="card" aria-labelledby="confirm-passkey-heading">
          <h2 id="confirm-passkey-heading">With your passkey</h2>
          <PasskeyButton mode="confirm" next={next} label="Confirm with a passkey" unsupportedMessage="This device can't use passkeys here." />
        </section>
      ) : null}
      {pin ? (
        <Form method="post" className="card" aria-labelledby="confirm-pin-heading" noValidate autoComplete="off">
          <h2 id="confirm-pin-heading">With your PIN</h2>
          <input type="hidden" name="next" value={next} />
          <div className="field">
            <label htmlFor="confirm-pin">PIN</label>
            {/* autocomplete off: a shared phone must not offer to save or fill it in. */}
            <input
              id="confirm-pin"
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={error ? "confirm-pin-error" : undefined}
            />
            <FieldError id="confirm-pin-error" message={error} />
          </div>
          <button type="submit">Confirm</button>
        </Form>
      ) : null}
      {!pin && !passkey ? <p className="card">This account has no passkey or PIN yet. Ask for a new sign-in code.</p> : null}
      <p>
        <a href={next}>Go back</a>
      </p>
    </main>
  );
}
