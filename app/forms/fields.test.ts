import { describe, expect, it } from "vitest";
import { optionalWholeNumber, readWholeNumber, wholeNumber } from "./fields";

describe("numbers typed into forms", () => {
  it("are plain decimal digits, spaces around ignored; blank is not a number, never 0", () => {
    expect(readWholeNumber("7")).toBe(7);
    expect(readWholeNumber(" 007 ")).toBe(7);
    expect(readWholeNumber("0")).toBe(0);
    for (const blank of ["", " ", "\t\n", undefined, null]) expect(readWholeNumber(blank)).toBeNull();
    // Number() accepts every one of these; a form does not.
    for (const odd of ["1e1", "0x10", "0b1", "+5", "-1", "5.0", ".5", "1_000", "1,000", "Infinity", "٣", "１２", "1 2", "9".repeat(16)]) {
      expect(readWholeNumber(odd), odd).toBeNaN();
    }
  });

  it("a required number says 'Enter …' when blank and gives its range otherwise", () => {
    const days = wholeNumber(0, 90, "the days until it is due");
    expect(days.safeParse("").error?.issues[0]?.message).toBe("Enter the days until it is due");
    expect(days.safeParse("  ").error?.issues[0]?.message).toBe("Enter the days until it is due");
    expect(days.safeParse(undefined).error?.issues[0]?.message).toBe("Enter the days until it is due");
    expect(days.safeParse("91").error?.issues[0]?.message).toBe("Enter the days until it is due as a whole number from 0 to 90");
    expect(days.safeParse("1e1").error?.issues[0]?.message).toBe("Enter the days until it is due as a whole number from 0 to 90");
    expect(days.parse("0")).toBe(0);
  });

  it("an optional number left blank is not given (undefined), never 0", () => {
    const every = optionalWholeNumber(1, 365, "how often, in days,");
    expect(every.parse("")).toBeUndefined();
    expect(every.parse("   ")).toBeUndefined();
    expect(every.parse(undefined)).toBeUndefined();
    expect(every.parse("14")).toBe(14);
    expect(every.safeParse("0").success).toBe(false);
    expect(every.safeParse("x").success).toBe(false);
  });
});
