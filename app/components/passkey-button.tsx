import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import { useEffect, useId, useState } from "react";

/**
 * A button that makes a passkey on this device (mode "register": enrolment, or adding one from
 * the account page) or signs in with one (mode "sign-in"). It talks to the JSON routes under
 * /passkeys and then loads the page the server names. Passkeys need JavaScript, so the button
 * stays disabled until the page is hydrated and the browser is known to support them; the
 * page should always offer another way in (a PIN form, a new code from the worker).
 */
export type PasskeyButtonProps = {
  /** "confirm": prove it's you again ("Confirm it's you"), then go back to `next`. */
  mode: "register" | "sign-in" | "confirm";
  label: string;
  /** Confirm mode: the page to return to (the server checks it is a path on this site). */
  next?: string;
  /** Extra class names for the button; the default button style already gives a 48px target. */
  className?: string;
  /**
   * What to tell someone whose browser cannot use passkeys. The default suits people, who can set
   * a PIN; staff (passkeys only) need other words, e.g. "ask your administrator".
   */
  unsupportedMessage?: string;
};

export const UNSUPPORTED_MESSAGE = "This device can't use passkeys; use a PIN instead";

type Support = "unknown" | "supported" | "unsupported";

export function PasskeyButton({ mode, label, next: returnTo, className, unsupportedMessage = UNSUPPORTED_MESSAGE }: PasskeyButtonProps) {
  const [support, setSupport] = useState<Support>("unknown");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const alertId = useId();

  useEffect(() => {
    setSupport(browserSupportsWebAuthn() ? "supported" : "unsupported");
  }, []);

  async function run() {
    setBusy(true);
    setError("");
    try {
      const next = mode === "register" ? await register() : mode === "confirm" ? await confirm(returnTo ?? "") : await signIn();
      // Kept busy: the page is about to change.
      window.location.assign(next);
    } catch (caught) {
      // The server asks the person to confirm it's them first (an open session is not enough to
      // add a passkey): go to that page, which comes back here afterwards.
      if (caught instanceof ConfirmFirst) {
        window.location.assign(caught.path);
        return;
      }
      setError(describeError(caught, mode, unsupportedMessage));
      setBusy(false);
    }
  }

  const message = support === "unsupported" ? unsupportedMessage : error;
  return (
    <div className="passkey">
      <button
        type="button"
        className={className}
        disabled={support !== "supported" || busy}
        aria-describedby={message ? alertId : undefined}
        aria-busy={busy || undefined}
        onClick={() => void run()}
      >
        {label}
      </button>
      <noscript>
        <p className="hint">Passkeys need JavaScript, which is switched off in this browser.</p>
      </noscript>
      {/* An element with role="alert" is announced as it appears, so it is only rendered with a message. */}
      {message ? (
        <p role="alert" id={alertId} className="passkey__message">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A failure with a message written for the person (from our server), not for developers. */
class ShownError extends Error {}

/** The server's "confirm it's you first", with the page to go to. */
class ConfirmFirst extends Error {
  constructor(readonly path: string) {
    super("Confirm it's you first");
  }
}

async function register(): Promise<string> {
  const { options } = await postJson("/passkeys/registration-options", {}, isCreationOptions);
  const response = await startRegistration({ optionsJSON: options });
  return (await postJson("/passkeys/registration", response, hasNext)).next;
}

async function signIn(): Promise<string> {
  const { options } = await postJson("/passkeys/authentication-options", {}, isRequestOptions);
  const response = await startAuthentication({ optionsJSON: options });
  return (await postJson("/passkeys/authentication", response, hasNext)).next;
}

async function confirm(returnTo: string): Promise<string> {
  const { options } = await postJson("/passkeys/authentication-options", {}, isRequestOptions);
  const response = await startAuthentication({ optionsJSON: options });
  return (await postJson(`/passkeys/confirm?next=${encodeURIComponent(returnTo)}`, response, hasNext)).next;
}

async function postJson<T>(url: string, body: unknown, check: (value: unknown) => value is T): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data: unknown = await response.json().catch(() => null);
  if (response.status === 403 && isRecord(data) && typeof data.confirm === "string" && isLocalPath(data.confirm)) {
    throw new ConfirmFirst(data.confirm);
  }
  if (!response.ok || !check(data)) {
    throw new ShownError(isRecord(data) && typeof data.error === "string" ? data.error : "Something went wrong. Please try again in a moment.");
  }
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

// The server is ours; these checks only make sure an error page or a proxy's answer is not
// mistaken for options.
function isCreationOptions(value: unknown): value is { options: PublicKeyCredentialCreationOptionsJSON } {
  return isRecord(value) && isRecord(value.options) && typeof value.options.challenge === "string" && isRecord(value.options.user);
}

function isRequestOptions(value: unknown): value is { options: PublicKeyCredentialRequestOptionsJSON } {
  return isRecord(value) && isRecord(value.options) && typeof value.options.challenge === "string";
}

/** Only a path on this site: the answer can never send the browser elsewhere. */
function hasNext(value: unknown): value is { next: string } {
  return isRecord(value) && typeof value.next === "string" && isLocalPath(value.next);
}

function isLocalPath(path: string) {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\");
}

function describeError(caught: unknown, mode: PasskeyButtonProps["mode"], unsupported: string): string {
  if (caught instanceof ShownError) return caught.message;
  const name = caught instanceof Error ? caught.name : "";
  const code = isRecord(caught) && typeof caught.code === "string" ? caught.code : "";
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") {
    return "This device already has a passkey for this account.";
  }
  if (name === "NotAllowedError" || name === "AbortError") {
    // Cancelled, timed out, or no passkey chosen: the browser does not say which, on purpose.
    return mode === "register"
      ? "No passkey was made. You can try again, or choose another way."
      : "No passkey was used. You can try again, or use another way to sign in.";
  }
  if (code === "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT" || code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT") {
    return unsupported;
  }
  if (caught instanceof TypeError) return "The connection failed. Check you are online and try again.";
  return "Something went wrong. Please try again, or use another way to sign in.";
}
