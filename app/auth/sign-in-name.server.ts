import { randomInt } from "node:crypto";
import { wordlist } from "@scure/bip39/wordlists/english.js";

/**
 * Sign-in names: made for the person at enrolment (never their real name), typed on a phone with
 * their PIN. Four words joined by dashes, like "pilot-maple-orbit-tenant".
 *
 * The words are the BIP-39 English list (2,048 words chosen to be common, unambiguous and unique
 * in their first four letters: https://github.com/bitcoin/bips/blob/master/bip-0039/english.txt),
 * kept to words of at most six letters so a name stays short to type, less any word that could
 * make the name upsetting or give away what the service is (SENSITIVE_WORDS). Each word is drawn
 * with node:crypto's randomInt, so a name carries 4 × log2(SIGN_IN_WORDS.length) bits: about 42
 * (see SIGN_IN_NAME_BITS), against about 15 (26,000 names) for the old three-part names. A name
 * cannot be found by trying names, and one person's name says nothing about another's.
 */
const SENSITIVE_WORDS = new Set([
  "abuse",
  "alarm",
  "angry",
  "army",
  "arrest",
  "assault",
  "attack",
  "baby",
  "blood",
  "bomb",
  "brother",
  "child",
  "cruel",
  "crush",
  "cry",
  "danger",
  "deny",
  "divorce",
  "escape",
  "evil",
  "family",
  "father",
  "grief",
  "guilt",
  "gun",
  "hurt",
  "husband",
  "knife",
  "mother",
  "panic",
  "police",
  "prison",
  "punch",
  "sad",
  "scare",
  "shock",
  "shoot",
  "sister",
  "spy",
  "suspect",
  "trap",
  "weapon",
  "wife",
  "alcohol",
  "lawsuit",
  "victory",
  "fury",
  "sick",
  "tragic",
  "toxic",
  "kiss",
  "naked",
  "sex",
  "drunk",
  "jealous",
  "orphan",
  "pain",
  "rude",
  "scream",
  "hospital",
  "injury",
  "divert",
  "foster",
  "ugly",
  "war",
  "warfare",
  "warrior",
  "bullet",
  "bitter",
  "coffin",
  "fatal",
  "fear",
  "harsh",
  "hole",
  "fault",
  "slam",
  "sorry",
  "tired",
  "upset",
  "lonely",
  "poverty",
  "riot",
  "enemy",
  "exile",
  "betray",
  "cancel",
  "kidney",
  "kick",
  "kid",
  "lady",
  "man",
  "woman",
  "girl",
  "boy",
  "teen",
  "uncle",
  "aunt",
  "cousin",
  "marriage",
  "daughter",
  "spouse",
  "home",
  "house",
  "hunt",
  "prey",
  "chase",
  "trick",
]);

/** The words a sign-in name is made of. */
export const SIGN_IN_WORDS: readonly string[] = wordlist.filter((w) => w.length <= 6 && !SENSITIVE_WORDS.has(w));

export const SIGN_IN_NAME_WORDS = 4;

/** Bits of randomness in a new sign-in name. */
export const SIGN_IN_NAME_BITS = SIGN_IN_NAME_WORDS * Math.log2(SIGN_IN_WORDS.length);

/** A new sign-in name: SIGN_IN_NAME_WORDS words, lower case, joined by "-". */
export function generateSignInName(): string {
  return Array.from({ length: SIGN_IN_NAME_WORDS }, () => SIGN_IN_WORDS[randomInt(SIGN_IN_WORDS.length)] ?? "calm").join("-");
}

/**
 * A typed sign-in name as it is stored: trimmed, lower case, and with spaces, dots or underscores
 * between the parts read as the dash (a phone's keyboard may put a space, or capitalise the
 * first letter). Names made before the change ("calm-river-10") normalise to themselves.
 */
export function normaliseSignInName(typed: string): string {
  return typed
    .trim()
    .toLowerCase()
    .replace(/[\s._-]+/g, "-");
}
