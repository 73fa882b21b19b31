/**
 * Quick exit and idle lock in the browser. Both end the same way: hide the page at once (content
 * cloaked, title blanked, in the same frame), then `location.replace` to the server route, so the
 * page being left is not kept in history and the server ends the session and clears site data.
 * Without JavaScript the exit control is still a plain link to /exit.
 *
 * Shift pressed three times follows GOV.UK's "Exit this page": only a Shift pressed and released
 * on its own counts (Shift used as a modifier does not), any other key resets the count, and the
 * presses must fall within a few seconds. Unlike GOV.UK, and like NSW's "Quick exit", presses made
 * while typing in a text field do not count: a person typing capitals must not be thrown out of a
 * half-written answer (docs/decisions/005-shift-exit-outside-text-fields.md).
 * https://design-system.service.gov.uk/components/exit-this-page/
 */

export const SHIFT_PRESSES = 3;
export const SHIFT_WINDOW_MS = 5_000;

export type ShiftCounter = {
  /** Feed every keydown/keyup; returns true when the third lone Shift has just been released. */
  onKeyDown(event: Pick<KeyboardEvent, "key">): void;
  onKeyUp(event: Pick<KeyboardEvent, "key">, now: number, inTextField: boolean): boolean;
};

export function createShiftCounter(): ShiftCounter {
  let presses: number[] = [];
  let otherKeySinceShiftDown = false;
  return {
    onKeyDown(event) {
      if (event.key === "Shift") {
        otherKeySinceShiftDown = false;
        return;
      }
      // Any other key (including a letter typed with Shift held) resets the sequence.
      otherKeySinceShiftDown = true;
      presses = [];
    },
    onKeyUp(event, now, inTextField) {
      if (event.key !== "Shift") return false;
      if (otherKeySinceShiftDown || inTextField) {
        presses = [];
        return false;
      }
      presses = [...presses.filter((t) => now - t < SHIFT_WINDOW_MS), now];
      if (presses.length >= SHIFT_PRESSES) {
        presses = [];
        return true;
      }
      return false;
    },
  };
}

function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  if (element instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"].includes(element.type);
  }
  return false;
}

/** Hide everything now, in this frame, then leave through the server. */
export function leave(to: "/exit" | "/locked") {
  document.documentElement.classList.add("cloaked");
  document.body.hidden = true;
  document.title = "";
  performance.mark("waypoint:hidden");
  window.location.replace(to);
  performance.mark("waypoint:navigation-requested");
}

let installed = false;

export function installQuickExit() {
  if (installed) return;
  installed = true;

  // Clicks on any exit control: don't wait for the link's own navigation.
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target.closest("a[data-quick-exit]") : null;
      if (!target) return;
      event.preventDefault();
      leave("/exit");
    },
    { capture: true },
  );

  const counter = createShiftCounter();
  document.addEventListener("keydown", (event) => counter.onKeyDown(event), { capture: true });
  document.addEventListener(
    "keyup",
    (event) => {
      if (counter.onKeyUp(event, performance.now(), isTextField(document.activeElement))) leave("/exit");
    },
    { capture: true },
  );

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
