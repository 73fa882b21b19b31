/**
 * Quick exit armed before the app's JavaScript arrives. On a cheap phone on slow data the app
 * hydrates seconds after the page appears (issue 13: about 3 s on 1.44 Mbit/s, 560 ms round trip,
 * CPU slowed 4×); until then only the Exit link worked, through the server. This function is
 * written into the document's head as a small inline script (with the request's CSP nonce, ahead
 * of the stylesheet, which would otherwise hold it back a round trip: app/root.tsx), so from the
 * moment the page starts to appear:
 * - a click on any exit control hides the page at once and leaves by `location.replace("/exit")`;
 * - Shift pressed three times does the same, following GOV.UK's "Exit this page": only a Shift
 *   pressed and released on its own counts, any other key resets the count, the presses must
 *   fall within SHIFT_WINDOW_MS; unlike GOV.UK, and like NSW's "Quick exit", not while typing in a
 *   text field (decision 005);
 * - each counted press and each reset is announced through the header's live region
 *   (`[data-quick-exit-status]`), in the words its data attributes carry (the age band's words,
 *   app/safety/quick-exit-words.ts), as GOV.UK announces "Shift, press 2 more times to exit.".
 *   https://design-system.service.gov.uk/components/exit-this-page/
 *
 * It must be self-contained: the page runs its source text (`Function.prototype.toString`), so it
 * may use nothing from outside its own body (no imports, no module constants, no helpers).
 * Arming twice is a no-op (the page is marked `data-quick-exit-armed`), so a page whose script
 * did not run (inserted by the client router) is armed by app/entry.client.tsx instead.
 * The marks `quick-exit-armed`, `page-hidden` and `navigation-requested`
 * are read by `npm run bench`.
 */
/** GOV.UK's numbers, for tests and documents; the function below holds its own copies (see above). */
export const SHIFT_PRESSES = 3;
export const SHIFT_WINDOW_MS = 5_000;

export function armQuickExit(): void {
  const root = document.documentElement;
  if (root.hasAttribute("data-quick-exit-armed")) return;
  root.setAttribute("data-quick-exit-armed", "");
  const presses = 3;
  const windowMs = 5000;
  const say = (which: "twoMore" | "oneMore" | "reset" | "leaving") => {
    const region = document.querySelector("[data-quick-exit-status]");
    if (!region) return;
    const words = region.getAttribute(`data-${which.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    if (words) region.textContent = words;
  };
  const leave = () => {
    root.classList.add("cloaked");
    if (document.body) document.body.hidden = true;
    document.title = "";
    performance.mark("page-hidden");
    window.location.replace("/exit");
    performance.mark("navigation-requested");
  };
  const typing = () => {
    const element = document.activeElement;
    if (!element) return false;
    if (element.tagName === "TEXTAREA" || ("isContentEditable" in element && element.isContentEditable === true)) return true;
    if (element.tagName !== "INPUT") return false;
    const type = (element.getAttribute("type") ?? "text").toLowerCase();
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image", "hidden"].includes(type);
  };

  document.addEventListener(
    "click",
    (event) => {
      const target = event.target as Element | null;
      const control = target && typeof target.closest === "function" ? target.closest("a[data-quick-exit]") : null;
      if (!control) return;
      event.preventDefault();
      leave();
    },
    true,
  );

  let times: number[] = [];
  let otherKey = false;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  const reset = () => {
    if (expiry !== undefined) clearTimeout(expiry);
    expiry = undefined;
    if (times.length > 0) say("reset");
    times = [];
  };
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Shift") {
        otherKey = false;
        return;
      }
      // Any other key (a letter typed with Shift held too) ends the sequence.
      otherKey = true;
      reset();
    },
    true,
  );
  document.addEventListener(
    "keyup",
    (event) => {
      if (event.key !== "Shift") return;
      if (otherKey || typing()) {
        reset();
        return;
      }
      const now = performance.now();
      times = times.filter((t) => now - t < windowMs).concat(now);
      if (expiry !== undefined) clearTimeout(expiry);
      if (times.length >= presses) {
        times = [];
        say("leaving");
        leave();
        return;
      }
      say(presses - times.length === 1 ? "oneMore" : "twoMore");
      expiry = setTimeout(reset, windowMs - (now - (times[0] ?? now)));
    },
    true,
  );
  performance.mark("quick-exit-armed");
}

/** The inline script's text: the function above, called at once. */
export const ARM_QUICK_EXIT_SCRIPT = `(${armQuickExit.toString()})();`;
