import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The house rules that keep the direction of the data (routes → domain modules → database) visible
 * from the imports (docs/background/house-style.md), read from the source:
 * - a route imports no database client and no crypto: it calls a domain function;
 * - a component imports no value from a `*.server` module (a type is fine: it is erased);
 * - nothing outside app/routes imports a route;
 * - the capabilities (top-level folders of app/, and its top-level files) form no import cycle;
 * - nothing the production server is built from (app/, server/, prisma/) imports from tests/.
 * Tests are left out: they may reach anywhere to arrange a world.
 *
 * One module is an assembly point rather than a capability, and its own imports are left out of
 * the cycle check: the person-data register (decision 026) gathers the part every capability
 * supplies (`app/<capability>/person-data.server.ts`), and merge, retention and the subject access
 * export read it. Counting its imports would tie every capability to every other; the parts it
 * gathers import only `person-data/rules.ts`, which imports no capability.
 */

type Import = { from: string; specifier: string; typeOnly: boolean };

const APP = path.resolve("app");
const ASSEMBLY_POINTS = [path.join(APP, "person-data", "register.server.ts")];

/** Route modules may not import these: the database client, its generated types' runtime, crypto. */
const FORBIDDEN_IN_ROUTES = [/^~\/db\.server$/, /^~\/db\//, /^~\/crypto\//, /^~\/generated\//, /^(node:)?crypto$/, /^@prisma\//, /^pg$/, /^@electric-sql\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Every static import, re-export and dynamic `import("…")` of a source text, with whether it carries only types. */
function importsOf(file: string, source: string): Import[] {
  const found: Import[] = [];
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const everyNameIsAType = named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      const typeOnly = clause !== undefined && (clause.isTypeOnly || (clause.name === undefined && everyNameIsAType));
      found.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ from: file, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) found.push({ from: file, specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** The file an app import points at, relative to app/ ("casework/record.server"), or null for a package. */
function target(imported: Import): string | null {
  const { specifier, from } = imported;
  if (specifier.startsWith("~/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(APP, path.resolve(path.dirname(from), specifier));
  return null;
}

/** The capability a file under app/ belongs to: its top-level folder, or the top-level file's own name. */
function capabilityOf(appRelative: string): string {
  const [first = "", ...rest] = appRelative.split(/[\\/]/);
  return rest.length > 0 ? first : first.replace(/\.(tsx?|jsx?)$/, "");
}

function routeOffences(imports: Import[]): string[] {
  return imports
    .filter((i) => FORBIDDEN_IN_ROUTES.some((pattern) => pattern.test(i.specifier)) || (target(i)?.match(/^(db|crypto|generated)([\\/.]|$)/) ?? false))
    .map((i) => `${path.relative(".", i.from)} imports ${i.specifier}`);
}

function componentOffences(imports: Import[]): string[] {
  return imports
    .filter((i) => !i.typeOnly && /\.server(\.tsx?)?$|\.server\//.test(i.specifier))
    .map((i) => `${path.relative(".", i.from)} imports a value from ${i.specifier}`);
}

function routeImportOffences(imports: Import[]): string[] {
  return imports.filter((i) => /^routes[\\/]/.test(target(i) ?? "")).map((i) => `${path.relative(".", i.from)} imports the route ${i.specifier}`);
}

/** The cycles among capabilities, each as its path ("auth → casework → auth"); type-only imports count too. */
function capabilityCycles(imports: Import[]): string[] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const to = target(i);
    if (to === null || ASSEMBLY_POINTS.includes(i.from)) continue;
    const a = capabilityOf(path.relative(APP, i.from));
    const b = capabilityOf(to);
    if (a === b) continue;
    edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  const cycles = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const walk = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "open") cycles.add([...stack.slice(stack.indexOf(next)), next].join(" → "));
      else if (!state.has(next)) walk(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) walk(node);
  return [...cycles];
}

const files = sourceFiles(APP);
const imports = files.flatMap((file) => importsOf(file, readFileSync(file, "utf8")));
const inFolder = (folder: string) => (i: Import) => path.relative(APP, i.from).startsWith(`${folder}${path.sep}`);

/** Imports, from code the server bundle is built from, of anything under tests/. */
function testImportOffences(imported: Import[]): string[] {
  const tests = path.resolve("tests") + path.sep;
  return imported
    .filter((i) => i.specifier.startsWith(".") && path.resolve(path.dirname(i.from), i.specifier).startsWith(tests))
    .map((i) => `${path.relative(".", i.from)} imports ${i.specifier}`);
}

describe("house rules", () => {
  it("reads the app's source", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.filter(inFolder("routes")).length).toBeGreaterThan(100);
  });

  it("routes import no database client and no crypto", () => {
    expect(routeOffences(imports.filter(inFolder("routes")))).toEqual([]);
  });

  it("components import no value from a server module", () => {
    expect(componentOffences(imports.filter(inFolder("components")))).toEqual([]);
  });

  it("no module outside the routes imports a route", () => {
    expect(routeImportOffences(imports.filter((i) => !inFolder("routes")(i)))).toEqual([]);
  });

  it("the capabilities form no import cycle", () => {
    expect(capabilityCycles(imports)).toEqual([]);
  });

  it("the production server imports nothing from tests/", () => {
    const production = ["server", "prisma"].flatMap((dir) => sourceFiles(path.resolve(dir)));
    expect(production.length).toBeGreaterThan(3);
    const all = [...imports, ...production.flatMap((file) => importsOf(file, readFileSync(file, "utf8")))];
    expect(testImportOffences(all)).toEqual([]);
    expect(testImportOffences(importsOf(path.resolve("prisma", "seed.ts"), `import { Random } from "../tests/fixtures/factory";`))).toEqual([
      "prisma/seed.ts imports ../tests/fixtures/factory",
    ]);
  });

  it("would catch each broken rule", () => {
    const route = path.join(APP, "routes", "staff.example.tsx");
    const routeSource = `import type { LoaderFunctionArgs } from "@remix-run/node";\nimport { db } from "~/db.server";\nimport { open } from "../crypto/sealed.server";\nimport { randomUUID } from "node:crypto";`;
    expect(routeOffences(importsOf(route, routeSource))).toEqual([
      "app/routes/staff.example.tsx imports ~/db.server",
      "app/routes/staff.example.tsx imports ../crypto/sealed.server",
      "app/routes/staff.example.tsx imports node:crypto",
    ]);
    expect(routeOffences(importsOf(route, `import { loadPersonRecord } from "~/casework/record.server";`))).toEqual([]);

    const component = path.join(APP, "components", "example.tsx");
    expect(
      componentOffences(importsOf(component, `import { db } from "~/db.server";\nimport type { X } from "~/a.server";\nimport { type Y } from "~/b.server";`)),
    ).toEqual(["app/components/example.tsx imports a value from ~/db.server"]);

    const domain = path.join(APP, "casework", "example.server.ts");
    expect(routeImportOffences(importsOf(domain, `import { loader } from "~/routes/staff._index";`))).toEqual([
      "app/casework/example.server.ts imports the route ~/routes/staff._index",
    ]);

    const cyclic = [
      ...importsOf(domain, `import { a } from "~/auth/a.server";`),
      ...importsOf(path.join(APP, "auth", "a.server.ts"), `import { b } from "../casework/b.server";`),
    ];
    expect(capabilityCycles(cyclic)).toEqual(["auth → casework → auth"]);
  });
});
