/**
 * Quick exit and idle lock in the browser. Both end the same way: hide the page at once (content
 * cloaked, title blanked, in the same frame), then `location.replace` to the server route, so the
 * page being left is not kept in history and the server ends the session and clears site data.
 * Without JavaScript the exit control is still a plain link to /exit.
 *
 * The exit controls and Shift pressed three times are armed by the small inline script each
 * header carries (app/safety/quick-exit-early.ts), before this bundle has even arrived; this
 * module arms them only if that script did not run, and adds the idle lock.
 */
import { armQuickExit } from "./quick-exit-early";

export { SHIFT_PRESSES, SHIFT_WINDOW_MS } from "./quick-exit-early";

/** Hide everything now, in this frame, then leave through the server. */
export function leave(to: "/exit" | "/locked") {
  document.documentElement.classList.add("cloaked");
  document.body.hidden = true;
  document.title = "";
  performance.mark("page-hidden");
  window.location.replace(to);
  performance.mark("navigation-requested");
}

let installed = false;

export function installQuickExit() {
  if (installed) return;
  installed = true;
  armQuickExit();
  installIdleLock();
}

/**
 * Pages of signed-in service users carry `data-idle-lock-minutes`. After that long with no input,
 * the page hides itself and the server locks the session, so an unattended phone shows nothing.
 */
function installIdleLock() {
  let timer: number | undefined;
  const schedule = () => {
    const holder = document.querySelector("[data-idle-lock-minutes]");
    const minutes = Number(holder?.getAttribute("data-idle-lock-minutes"));
    window.clearTimeout(timer);
    if (!holder || !Number.isFinite(minutes) || minutes <= 0) return;
    timer = window.setTimeout(() => leave("/locked"), minutes * 60_000);
  };
  for (const type of ["pointerdown", "keydown", "scroll", "touchstart"]) {
    document.addEventListener(type, schedule, { passive: true, capture: true });
  }
  // Remix navigations replace the holder element; check again after each one.
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: false });
  schedule();
}
