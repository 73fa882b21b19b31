import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Nothing personal may be kept in the browser: drafts and state live on the server. This test
 * fails if app code reaches for any browser storage API (or registers a service worker, whose
 * caches outlive a quick exit).
 */
const FORBIDDEN = [
  /\blocalStorage\b/,
  /\bsessionStorage\b/,
  /\bindexedDB\b/,
  /\bcaches\s*\.\s*(open|match|keys|has|delete)\b/,
  /\bserviceWorker\s*\.\s*register\b/,
  /\bdocument\s*\.\s*cookie\b/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sourceFiles(file);
    return /\.(ts|tsx|js|jsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe("no client-side storage", () => {
  it("finds no browser storage API in app code", () => {
    const files = sourceFiles(path.resolve("app"));
    expect(files.length).toBeGreaterThan(10);
    const offences = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) => (FORBIDDEN.some((pattern) => pattern.test(line)) ? [`${path.relative(".", file)}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(offences).toEqual([]);
  });

  it("would catch a use of localStorage", () => {
    expect(FORBIDDEN.some((p) => p.test("window.localStorage.setItem('x', y)"))).toBe(true);
    expect(FORBIDDEN.some((p) => p.test("await caches.open('v1')"))).toBe(true);
  });
});
