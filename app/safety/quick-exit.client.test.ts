import { describe, expect, it } from "vitest";
import { createShiftCounter, SHIFT_WINDOW_MS } from "./quick-exit.client";

function press(counter: ReturnType<typeof createShiftCounter>, now: number, inTextField = false) {
  counter.onKeyDown({ key: "Shift" });
  return counter.onKeyUp({ key: "Shift" }, now, inTextField);
}

describe("Shift pressed three times", () => {
  it("fires on the third lone Shift within the window", () => {
    const counter = createShiftCounter();
    expect(press(counter, 0)).toBe(false);
    expect(press(counter, 400)).toBe(false);
    expect(press(counter, 800)).toBe(true);
  });

  it("does not count Shift used as a modifier", () => {
    const counter = createShiftCounter();
    press(counter, 0);
    press(counter, 100);
    counter.onKeyDown({ key: "Shift" });
    counter.onKeyDown({ key: "A" });
    expect(counter.onKeyUp({ key: "Shift" }, 200, false)).toBe(false);
    expect(press(counter, 300)).toBe(false);
  });

  it("resets when any other key is pressed between", () => {
    const counter = createShiftCounter();
    press(counter, 0);
    press(counter, 100);
    counter.onKeyDown({ key: "a" });
    expect(press(counter, 200)).toBe(false);
    expect(press(counter, 300)).toBe(false);
    expect(press(counter, 400)).toBe(true);
  });

  it("forgets presses older than the window", () => {
    const counter = createShiftCounter();
    press(counter, 0);
    press(counter, 100);
    expect(press(counter, SHIFT_WINDOW_MS + 200)).toBe(false);
  });

  it("ignores presses while typing in a text field", () => {
    const counter = createShiftCounter();
    expect(press(counter, 0, true)).toBe(false);
    expect(press(counter, 100, true)).toBe(false);
    expect(press(counter, 200, true)).toBe(false);
    // …and a field press breaks a sequence begun outside.
    press(counter, 300);
    press(counter, 400, true);
    expect(press(counter, 500)).toBe(false);
  });
});
