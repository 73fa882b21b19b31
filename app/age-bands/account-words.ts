import type { Voice } from "./band-words";

/**
 * The words of the "sign-ins" page (app/routes/_user.account.tsx and its panels), in each voice of
 * the service user's frame (band-words.ts): an adult's, a teenager's, and simpler words for the
 * two younger bands, so a six-year-old is not told about "devices" and "passkeys being switched
 * off" (issue 13: every page in each age band uses that band's words). Staff pages use `adult`.
 */
export type AccountWords = {
  waysIn: string;
  /** Before the date the PIN was set. */
  pinSet: string;
  passkeys: string;
  noPasskeys: string;
  addPasskey: string;
  lastPasskeyWarning: string;
  notMeHeading: string;
  notMeText: string;
  notMeButton: string;
  everywhere: string;
};

const ADULT: AccountWords = {
  waysIn: "Ways to sign in",
  pinSet: "Your PIN, set",
  passkeys: "Passkeys",
  noPasskeys: "No passkeys yet.",
  addPasskey: "Add a passkey on this device",
  lastPasskeyWarning: "If you remove your only passkey, you will need your PIN, or a new code from your worker, to sign in.",
  notMeHeading: "Was one of these not you?",
  notMeText:
    "We will sign you out everywhere and switch off your PIN and passkeys, so no one can use them. Your worker will be told, and will give you a new code to sign in again.",
  notMeButton: "This wasn't me",
  everywhere: "Sign out on every device",
};

const EIGHT_TO_TWELVE: AccountWords = {
  waysIn: "How you sign in",
  pinSet: "Your PIN, made",
  passkeys: "Passkeys (unlocking with your finger or face)",
  noPasskeys: "None yet.",
  addPasskey: "Unlock with your finger or face on this phone",
  lastPasskeyWarning: "If you take this away, you will need your PIN to sign in, or a new code from your worker.",
  notMeHeading: "Was one of these not you?",
  notMeText: "We will sign you out and lock your PIN so nobody else can use it. We will tell your worker, and they will help you sign in again.",
  notMeButton: "This wasn't me",
  everywhere: "Sign out everywhere",
};

export const ACCOUNT_WORDS: Record<Voice, AccountWords> = {
  adult: ADULT,
  "13-17": ADULT,
  "8-12": EIGHT_TO_TWELVE,
  "under-8": {
    ...EIGHT_TO_TWELVE,
    waysIn: "How you get in",
    notMeHeading: "Was it someone else?",
    notMeText: "We will lock it so nobody else can get in. Your worker will help you get back in.",
  },
};
