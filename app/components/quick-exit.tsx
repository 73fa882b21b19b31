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
