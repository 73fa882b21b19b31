import { Form } from "@remix-run/react";
import { useDates } from "~/time/context";
import { PasskeyButton } from "./passkey-button";
import { RowAction } from "./row-action";

type SignIn = { id: string; at: string; device: string; how: string; current: boolean; active: boolean };
type Passkey = { id: string; label: string; createdAt: string; lastUsedAt: string | null };

/** Recent sign-ins in plain words: when, which kind of device, how. */
export function SignInList({ signIns }: { signIns: SignIn[] }) {
  const dates = useDates();
  return (
    <ul className="plain card">
      {signIns.map((s) => (
        <li key={s.id}>
          {dates.fullDayTime(s.at)} on {s.device === "Unknown device" ? "an unknown device" : `a ${s.device}`}, {s.how}
          {s.current ? <strong> (this one)</strong> : s.active ? " (still signed in)" : ""}
        </li>
      ))}
    </ul>
  );
}

/**
 * The ways to sign in to this account, each with when it was added (a passkey someone else added
 * from an open session shows here), each passkey removable, and a way to add one on this device
 * (after "Confirm it's you").
 */
export function PasskeyList({ passkeys, lastWarning, pinSetAt }: { passkeys: Passkey[]; lastWarning: string; pinSetAt?: string | null }) {
  const dates = useDates();
  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Ways to sign in</h2>
      {pinSetAt ? <p>Your PIN, set {dates.fullDayTime(pinSetAt)}</p> : null}
      <h3>Passkeys</h3>
      {passkeys.length === 0 ? (
        <p>No passkeys yet.</p>
      ) : (
        <ul className="plain">
          {passkeys.map((p) => (
            <li key={p.id}>
              {p.label}, added {dates.fullDayTime(p.createdAt)}
              {p.lastUsedAt ? `, last used ${dates.fullDayTime(p.lastUsedAt)}` : ""}
              <RowAction intent="remove-passkey" name="passkeyId" value={p.id} label="Remove" about={p.label} className="" />
            </li>
          ))}
        </ul>
      )}
      {passkeys.length === 1 ? <p className="hint">{lastWarning}</p> : null}
      <PasskeyButton mode="register" label="Add a passkey on this device" />
    </section>
  );
}

/** Like the Sign out button, a plain post that replaces the whole document (sign-out-button.tsx). */
export function SignOutEverywhereButton() {
  return (
    <Form method="post" className="actions" reloadDocument>
      <input type="hidden" name="intent" value="everywhere" />
      <button type="submit" className="secondary">
        Sign out on every device
      </button>
    </Form>
  );
}
