import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Numbers typed into forms are read one way: `wholeNumber`, `optionalWholeNumber` or
 * `readWholeNumber` (app/forms/fields.ts). `z.coerce.number`, `Number(…)`, `parseInt` and
 * `parseFloat` turn "" and "   " into 0 (or read "1e1", "0x10", "12abc"), which is how a blank
 * "due after" became a rule due at once. This test fails if a route, or a form's schema, reaches
 * for one of them again.
 */
const FORBIDDEN = [/\bz\s*\.\s*coerce\b/, /(?<![.\w])Number\s*\(/, /\bparseInt\s*\(/, /\bparseFloat\s*\(/, /\+\s*form(Data)?\s*\.\s*get\s*\(/];

/** Lines that read numbers that are not form input, each with the reason. */
const NOT_FORM_INPUT: Record<string, string> = {
  'const length = Number(request.headers.get("Content-Length") ?? "0");': "a request header, checked by the body size limits",
  "N: Number(n),": "the parameters of a stored PIN hash, written by the server",
  "r: Number(r),": "the parameters of a stored PIN hash, written by the server",
  "p: Number(p),": "the parameters of a stored PIN hash, written by the server",
  "const hours = Number(match?.[1] ?? 0);": "Intl's own offset text, not typed by anyone",
  "const minutes = Number(match?.[2] ?? 0);": "Intl's own offset text, not typed by anyone",
  "const n = Number(value);": "a questionnaire definition file's condition value, checked with its range at start-up",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Where form input is read: every route, and every module that declares a zod schema for a form. */
function formInputFiles() {
  const app = path.resolve("app");
  return sourceFiles(app).filter((file) => {
    if (file.startsWith(path.join(app, "routes"))) return true;
    // Configuration (env.server.ts) is not form input; fields.ts is the one reader.
    if (file.endsWith("env.server.ts") || file.endsWith(path.join("forms", "fields.ts"))) return false;
    const text = readFileSync(file, "utf8");
    return /from "zod"/.test(text) && /(Schema|schema)\s*=/.test(text);
  });
}

describe("one way to read a number from a form", () => {
  it("finds no z.coerce.number, Number(), parseInt or parseFloat where form input is read", () => {
    const files = formInputFiles();
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          FORBIDDEN.some((p) => p.test(line)) && !(line.trim() in NOT_FORM_INPUT) ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(found).toEqual([]);
  });
});
