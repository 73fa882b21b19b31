import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDatePin, isRepeatedPin, isSequencePin, weakPinReason } from "./weak-pin";

const two = (n: number) => String(n).padStart(2, "0");
/** Every real calendar day, 1900–2099 (29 February in leap years only). */
const calendarDay = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }).map((d) => ({
  day: d.getUTCDate(),
  month: d.getUTCMonth() + 1,
  year: d.getUTCFullYear(),
}));

describe("weak PINs", () => {
  it("refuses a digit or block said again and again, whatever the digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,4}$/), fc.integer({ min: 2, max: 6 }), (block, times) => {
        const pin = block.repeat(times);
        fc.pre(pin.length >= 6);
        expect(weakPinReason(pin)).toBe("repeated");
      }),
    );
  });

  it("refuses every run up or down the digits by a fixed step, counting round past 9", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 6, max: 10 }), (start, step, length) => {
        const pin = Array.from({ length }, (_, i) => (start + i * step) % 10).join("");
        expect(isSequencePin(pin)).toBe(true);
        expect(weakPinReason(pin)).not.toBeNull();
      }),
    );
    expect(weakPinReason("123456")).toBe("sequence");
    expect(weakPinReason("987654")).toBe("sequence");
    expect(weakPinReason("890123")).toBe("sequence");
  });

  it("refuses every date written DDMMYY, MMDDYY, YYMMDD, DDMMYYYY, MMDDYYYY or YYYYMMDD", () => {
    fc.assert(
      fc.property(calendarDay, ({ day, month, year }) => {
        const yy = two(year % 100);
        const forms = [
          `${two(day)}${two(month)}${yy}`,
          `${two(month)}${two(day)}${yy}`,
          `${yy}${two(month)}${two(day)}`,
          `${two(day)}${two(month)}${year}`,
          `${two(month)}${two(day)}${year}`,
          `${year}${two(month)}${two(day)}`,
        ];
        for (const pin of forms) {
          expect(isDatePin(pin), pin).toBe(true);
          expect(weakPinReason(pin), pin).not.toBeNull();
        }
      }),
    );
  });

  it("does not call a string of digits a date when no part of it is a day and month", () => {
    expect(isDatePin("739154")).toBe(false); // 73/91, 73/91, 91/54: none is a month and day
    expect(isDatePin("483291")).toBe(false);
    expect(isDatePin("31021990")).toBe(false); // 31 February
  });

  it("refuses the keypad shapes and mirror images reported among the most chosen", () => {
    for (const pin of ["159753", "147258", "789456", "332211", "123321", "147741"]) expect(weakPinReason(pin), pin).toBe("common");
  });

  it("accepts any PIN that fits none of the patterns, and only those", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6,8}$/), (pin) => {
        const mirrored = pin.length % 2 === 0 && [...pin].reverse().join("") === pin;
        const patterned = isRepeatedPin(pin) || isSequencePin(pin) || isDatePin(pin) || mirrored;
        if (patterned) expect(weakPinReason(pin)).not.toBeNull();
        else if (weakPinReason(pin) !== null) expect(weakPinReason(pin)).toBe("common");
      }),
    );
    for (const pin of ["739154", "482913", "246810"]) expect(weakPinReason(pin), pin).toBeNull();
  });

  it("leaves passphrases alone unless they repeat", () => {
    expect(weakPinReason("correct horse battery")).toBeNull();
    expect(weakPinReason("abcabcabc")).toBe("repeated");
  });
});
