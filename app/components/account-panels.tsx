import { Form } from "@remix-run/react";
import { ACCOUNT_WORDS, type AccountWords } from "~/age-bands/account-words";
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
export function PasskeyList({ passkeys, pinSetAt, words = ACCOUNT_WORDS.adult }: { passkeys: Passkey[]; pinSetAt?: string | null; words?: AccountWords }) {
  const dates = useDates();
  return (
    <section className="card" aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{words.waysIn}</h2>
      {pinSetAt ? (
        <p>
          {words.pinSet} {dates.fullDayTime(pinSetAt)}
        </p>
      ) : null}
      <h3>{words.passkeys}</h3>
      {passkeys.length === 0 ? (
        <p>{words.noPasskeys}</p>
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
      {passkeys.length === 1 ? <p className="hint">{words.lastPasskeyWarning}</p> : null}
      <PasskeyButton mode="register" label={words.addPasskey} />
    </section>
  );
}

/** Like the Sign out button, a plain post that replaces the whole document (sign-out-button.tsx). */
export function SignOutEverywhereButton({ words = ACCOUNT_WORDS.adult }: { words?: AccountWords }) {
  return (
    <Form method="post" className="actions" reloadDocument>
      <input type="hidden" name="intent" value="everywhere" />
      <button type="submit" className="secondary">
        {words.everywhere}
      </button>
    </Form>
  );
}
