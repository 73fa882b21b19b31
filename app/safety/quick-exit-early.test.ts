import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ARM_QUICK_EXIT_SCRIPT, armQuickExit, SHIFT_WINDOW_MS } from "./quick-exit-early";
import { QUICK_EXIT_WORDS } from "./quick-exit-words";

/**
 * The early quick-exit script on a page made of the few things it touches: listeners on the
 * document, the header's live region, the focused element, `location.replace`. Run from its own
 * source text, as the page runs it. The real browser is tests/e2e/shared-phone.spec.ts.
 */
type Listener = (event: { key?: string; target?: unknown; preventDefault?: () => void }) => void;

function page(voice: keyof typeof QUICK_EXIT_WORDS = "adult") {
  const listeners = new Map<string, Listener[]>();
  const marks = new Set<string>();
  const words = QUICK_EXIT_WORDS[voice];
  const region = {
    textContent: "",
    getAttribute: (name: string) =>
      ({ "data-two-more": words.twoMore, "data-one-more": words.oneMore, "data-reset": words.reset, "data-leaving": words.leaving })[name] ?? null,
  };
  const state = { focused: null as null | { tagName: string; getAttribute: (n: string) => string | null }, left: [] as string[], now: 0 };
  const document = {
    documentElement: { hasAttribute: (n: string) => marks.has(n), setAttribute: (n: string) => marks.add(n), classList: { add: () => undefined } },
    body: { hidden: false },
    title: "Appointments",
    get activeElement() {
      return state.focused;
    },
    querySelector: () => region,
    addEventListener: (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  vi.stubGlobal("document", document);
  vi.stubGlobal("window", { location: { replace: (to: string) => state.left.push(to) } });
  vi.stubGlobal("performance", { now: () => state.now, mark: () => undefined });
  // As the page runs it: the source text, evaluated.
  new Function(ARM_QUICK_EXIT_SCRIPT)();
  const fire = (type: string, event: Parameters<Listener>[0]) => (listeners.get(type) ?? []).forEach((l) => l(event));
  return {
    region,
    document,
    state,
    listeners,
    key(key: string) {
      fire("keydown", { key });
      fire("keyup", { key });
    },
    shiftAt(ms: number) {
      vi.advanceTimersByTime(ms - state.now);
      state.now = ms;
      fire("keydown", { key: "Shift" });
      fire("keyup", { key: "Shift" });
    },
    wait(ms: number) {
      state.now += ms;
      vi.advanceTimersByTime(ms);
    },
    click(target: unknown) {
      let prevented = false;
      fire("click", { target, preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("Shift pressed three times, armed before the app", () => {
  it("leaves on the third lone Shift within the window, saying how many presses are left at each step", () => {
    const p = page();
    p.shiftAt(0);
    expect(p.region.textContent).toBe("Shift, press 2 more times to exit.");
    p.shiftAt(400);
    expect(p.region.textContent).toBe("Shift, press 1 more time to exit.");
    expect(p.state.left).toEqual([]);
    p.shiftAt(800);
    expect(p.state.left).toEqual(["/exit"]);
    expect(p.document.body.hidden).toBe(true);
    expect(p.document.title).toBe("");
  });

  it("does not count Shift used as a modifier, and says the count was reset", () => {
    const p = page();
    p.shiftAt(0);
    p.shiftAt(100);
    const listeners = p.listeners;
    (listeners.get("keydown") ?? []).forEach((l) => l({ key: "Shift" }));
    (listeners.get("keydown") ?? []).forEach((l) => l({ key: "A" }));
    expect(p.region.textContent).toBe("Exit shortcut reset. Press Shift 3 times to exit.");
    (listeners.get("keyup") ?? []).forEach((l) => l({ key: "Shift" }));
    p.shiftAt(300);
    expect(p.state.left).toEqual([]);
  });

  it("resets when any other key is pressed between", () => {
    const p = page();
    p.shiftAt(0);
    p.shiftAt(100);
    p.key("a");
    p.shiftAt(200);
    p.shiftAt(300);
    expect(p.state.left).toEqual([]);
    p.shiftAt(400);
    expect(p.state.left).toEqual(["/exit"]);
  });

  it("forgets presses older than the window, and says so when the window runs out", () => {
    const p = page();
    p.shiftAt(0);
    p.shiftAt(100);
    p.wait(SHIFT_WINDOW_MS);
    expect(p.region.textContent).toBe("Exit shortcut reset. Press Shift 3 times to exit.");
    p.shiftAt(SHIFT_WINDOW_MS + 200);
    expect(p.region.textContent).toBe("Shift, press 2 more times to exit.");
    expect(p.state.left).toEqual([]);
  });

  it("ignores presses while typing in a text field, and says nothing", () => {
    const p = page();
    p.state.focused = { tagName: "TEXTAREA", getAttribute: () => null };
    p.shiftAt(0);
    p.shiftAt(100);
    p.shiftAt(200);
    expect(p.state.left).toEqual([]);
    expect(p.region.textContent).toBe("");
    // …but a radio button is not a text field.
    p.state.focused = { tagName: "INPUT", getAttribute: () => "radio" };
    p.shiftAt(300);
    p.shiftAt(400);
    p.shiftAt(500);
    expect(p.state.left).toEqual(["/exit"]);
  });

  it("speaks the youngest band's words", () => {
    const p = page("under-8");
    p.shiftAt(0);
    expect(p.region.textContent).toBe("Press Shift 2 more times to go.");
    p.shiftAt(100);
    expect(p.region.textContent).toBe("Press Shift 1 more time to go.");
  });

  it("an exit control's click leaves at once; arming twice adds nothing", () => {
    const p = page();
    const link = { closest: (selector: string) => (selector === "a[data-quick-exit]" ? {} : null) };
    expect(p.click(link)).toBe(true);
    expect(p.state.left).toEqual(["/exit"]);
    expect(p.click({ closest: () => null })).toBe(false);
    const before = (p.listeners.get("keyup") ?? []).length;
    armQuickExit();
    expect((p.listeners.get("keyup") ?? []).length).toBe(before);
  });
});
