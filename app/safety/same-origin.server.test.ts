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

  it("refuses a foreign or malformed Origin when the browser sends no Sec-Fetch-Site, instead of letting Remix throw", () => {
    const at = { host: "portal.example.org", configuredOrigin: "https://portal.example.org" };
    expect(judgeUnsafeRequest("POST", { origin: "https://evil.example", secFetchSite: undefined, ...at })).toBe("refuse");
    expect(judgeUnsafeRequest("POST", { origin: "not an origin", ...at })).toBe("refuse");
    expect(judgeUnsafeRequest("POST", { origin: "https://evil.example" })).toBe("refuse");
  });

  it("accepts, and strips, its own origin: the configured one or the host the request was sent to", () => {
    expect(judgeUnsafeRequest("POST", { origin: "https://portal.example.org", host: "10.0.0.5:3000", configuredOrigin: "https://portal.example.org" })).toBe(
      "strip-origin",
    );
    expect(judgeUnsafeRequest("POST", { origin: "http://localhost:3106", host: "localhost:3106" })).toBe("strip-origin");
    expect(judgeUnsafeRequest("POST", { host: "localhost:3106" })).toBe("pass");
  });
});
