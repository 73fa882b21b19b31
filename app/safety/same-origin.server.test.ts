import { describe, expect, it } from "vitest";
import { judgeUnsafeRequest } from "./same-origin.server";

describe("unsafe requests and their origin", () => {
  it("lets reads through whatever they say", () => {
    expect(judgeUnsafeRequest("GET", { origin: "null", secFetchSite: "cross-site" })).toBe("pass");
  });

  it("drops the meaningless null origin of our own forms", () => {
    expect(judgeUnsafeRequest("POST", { origin: "null", secFetchSite: "same-origin" })).toBe("strip-origin");
  });

  it("refuses a post that the browser says came from another site, whatever its Origin", () => {
    expect(judgeUnsafeRequest("POST", { origin: "null", secFetchSite: "cross-site" })).toBe("refuse");
    expect(judgeUnsafeRequest("POST", { origin: "http://localhost:3000", secFetchSite: "same-site" })).toBe("refuse");
  });

  it("leaves a real origin to Remix's own check", () => {
    expect(judgeUnsafeRequest("POST", { origin: "https://evil.example", secFetchSite: undefined })).toBe("pass");
  });
});
