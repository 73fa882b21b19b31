import { describe, expect, it } from "vitest";
import { SIGN_IN_NAME_BITS, SIGN_IN_WORDS, generateSignInName, normaliseSignInName } from "./sign-in-name.server";

describe("sign-in names", () => {
  it("carry at least 40 bits, against about 15 for the old three-part names", () => {
    // 18 × 16 × 90 names before (issue 14, "(d)").
    expect(Math.log2(18 * 16 * 90)).toBeLessThan(15);
    expect(SIGN_IN_NAME_BITS).toBeGreaterThanOrEqual(40);
    expect(new Set(SIGN_IN_WORDS).size).toBe(SIGN_IN_WORDS.length);
  });

  it("are four short, lower-case words that are easy to type", () => {
    for (let i = 0; i < 200; i++) {
      const name = generateSignInName();
      expect(name).toMatch(/^[a-z]{3,6}(-[a-z]{3,6}){3}$/);
      expect(name.length).toBeLessThanOrEqual(27);
      expect(normaliseSignInName(name)).toBe(name);
    }
  });

  it("use no word that gives the service away or could upset", () => {
    for (const word of ["abuse", "police", "escape", "hurt", "family", "child", "wife", "knife"]) expect(SIGN_IN_WORDS).not.toContain(word);
  });

  it("read a phone's capital letters and spaces as the name, and leave old names as they were", () => {
    expect(normaliseSignInName("  Pilot maple  orbit-Tenant ")).toBe("pilot-maple-orbit-tenant");
    expect(normaliseSignInName("calm-river-10")).toBe("calm-river-10");
  });
});
