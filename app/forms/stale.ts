import { z } from "zod";
import { readWholeNumber } from "./fields";

/**
 * Stale writes, the part the pages share (docs/decisions/024-stale-writes-refused.md). Every form
 * that edits a document two requests can change carries, in a hidden field, the version of the
 * document it was drawn from; the save names it, and the database refuses the save if the
 * document has moved on since. Nothing is silently overwritten: the person is told in plain
 * words, what they typed stays on the page, and the page now holds the current version, so
 * saving again is a choice they make knowing someone else changed it.
 */

/** The hidden field's name. */
export const VERSION_FIELD = "version";

/**
 * The version a page was drawn from: plain digits, 0 for a document not yet saved. A form without
 * it (an old page from before this field, or a hand-made request) is refused: a save that cannot
 * say what it replaces cannot be checked.
 */
export const versionField = z.string({ message: "This page is out of date: open it again" }).transform((v, ctx) => {
  const n = readWholeNumber(v);
  if (n === null || Number.isNaN(n) || n > 2_147_483_647) {
    ctx.addIssue({ code: "custom", message: "This page is out of date: open it again" });
    return z.NEVER;
  }
  return n;
});

/** What staff are told when a save of theirs was refused as stale. */
export const STALE_MESSAGE =
  "Someone else changed this after you opened the page (or you did, in another window), so your changes are not saved yet. " +
  "What you entered is still below. Save again to replace their changes with yours, or open the page again to see theirs.";

/** What a person filling in a questionnaire is told: no staff words, no blame. */
export const STALE_ANSWERS_MESSAGE =
  "Your answers were changed in another window or on another device after this page was opened, so what you chose here is not saved yet. " +
  "To keep what is on this page, save again. To see the newer answers instead, open this page again.";

/** A save refused because the document moved on: the message, and the version it is at now. */
export type StaleOutcome = { ok: false; stale: true; fields: { form: string }; version: number };
