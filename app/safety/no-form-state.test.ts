import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What a service user types must not stay in the browser: Chromium keeps the state of form
 * fields in its session-restore files, and offers earlier entries as suggestions, unless the field
 * or its form says `autocomplete="off"` (Blink saves and restores a control's state only when it
 * "should autocomplete"). The browser-profile test in tests/e2e/shared-phone.spec.ts reads the
 * files themselves; this one keeps the rule on every file that draws a field someone types in.
 */
const files = [
  ...readdirSync(path.resolve("app/routes")).map((f) => `app/routes/${f}`),
  ...readdirSync(path.resolve("app/components")).map((f) => `app/components/${f}`),
].filter((f) => f.endsWith(".tsx"));

/** The opening tags of JSX elements named `tag` in a source text (attributes may span lines). */
function openingTags(source: string, tag: string): string[] {
  return [...source.matchAll(new RegExp(`<${tag}\\b[^>]*?/?>`, "gs"))].map((m) => m[0]);
}

const TYPED = /type="(?:text|password|search|url|email|tel|number)"|type=\{type\}/;

describe("no form state kept by the browser", () => {
  it("finds the files with fields to type in", () => {
    expect(files).toContain("app/components/question-field.tsx");
  });

  it("every textarea and every typed input asks the browser not to keep or suggest what was typed", () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.resolve(file), "utf8");
      for (const tag of openingTags(source, "textarea")) if (!/autoComplete="off"/.test(tag)) missing.push(`${file}: ${tag.slice(0, 60)}`);
      for (const tag of openingTags(source, "input")) {
        // A shared field component passes its own prop on, which defaults to "off".
        const passedOn = /autoComplete=\{autoComplete\}/.test(tag) && /autoComplete = "off"/.test(source);
        if (TYPED.test(tag) && !passedOn && !/autoComplete="(?:off|new-password)"/.test(tag)) missing.push(`${file}: ${tag.slice(0, 60)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every form of a service user's page with a field to type in says so on the form too", () => {
    const userFiles = files.filter((f) => /routes\/(_user|set-up)/.test(f) || /components\/(sign-in-page|confirm-its-you)/.test(f));
    const missing: string[] = [];
    for (const file of userFiles) {
      const source = readFileSync(path.resolve(file), "utf8");
      const typesHere = /<textarea|<QuestionField|<input[^>]*type="(?:text|password)"/s.test(source);
      if (!typesHere) continue;
      for (const tag of openingTags(source, "Form")) {
        if (/method="post"/.test(tag) && !/reloadDocument|className="(?:actions|discard)"/.test(tag) && !/autoComplete="off"/.test(tag))
          missing.push(`${file}: ${tag.slice(0, 80)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
