import { QUICK_EXIT_WORDS, type QuickExitVoice } from "~/safety/quick-exit-words";

/**
 * The quick-exit control every page a service user can see carries. It is a plain link to
 * /exit, so it works with JavaScript off: the server ends the session, changes the cookie,
 * clears site data and sends the browser to a neutral site.
 */
export function QuickExit({ wording = "adult" }: { wording?: "adult" | "young" }) {
  return (
    <a href="/exit" className="quick-exit" rel="nofollow noreferrer" data-quick-exit="">
      {wording === "young" ? "Leave now" : "Exit"}
      <span className="visually-hidden"> this page quickly (emergency exit)</span>
    </a>
  );
}

/** The first focusable thing on the page, for keyboard and screen-reader users. */
export function QuickExitSkipLink() {
  return (
    <a href="/exit" className="skip-exit" rel="nofollow noreferrer" data-quick-exit="">
      Exit this page quickly
    </a>
  );
}

/**
 * Drawn at the end of every header that carries an Exit control: the live region that tells a
 * screen-reader user how many more Shift presses are needed, in the age band's words. The early
 * quick-exit script in the document's head (app/root.tsx, app/safety/quick-exit-early.ts) writes
 * into it, reading the words from its data attributes.
 */
export function QuickExitArming({ voice = "adult" }: { voice?: QuickExitVoice }) {
  const words = QUICK_EXIT_WORDS[voice];
  return (
    <p
      className="visually-hidden"
      aria-live="polite"
      aria-atomic="true"
      data-quick-exit-status=""
      data-two-more={words.twoMore}
      data-one-more={words.oneMore}
      data-reset={words.reset}
      data-leaving={words.leaving}
    />
  );
}
