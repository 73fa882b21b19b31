import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, it } from "vitest";
import { handleNewSession } from "../auth/session.server";
import { setDatabase } from "../db.server";
import { PrismaClient } from "../generated/prisma/client";
import { action as saveAction } from "../routes/_user.forms.$assignmentId_.save";
import { useAppDatabase } from "../../tests/support/app-database";
import { capturingLogger } from "../../tests/support/captured-log";
import { survivorInService } from "../../tests/support/worlds";
import { createLogger, setLogger } from "./logger.server";
import { resourceFailure } from "./resource-route.server";

const database = useAppDatabase();

/** The app's logger, writing into an array for the test to read. */
function capturedLog() {
  const { lines, log } = capturingLogger("error");
  setLogger(log);
  return lines;
}

afterEach(() => setLogger(createLogger({ level: "silent" })));

describe("a resource route that fails", () => {
  it("answers a background save sent while the database is out of reach with 503 JSON to retry, not the bare 500", async () => {
    // The example from the fault test: PostgreSQL stopped while people were filling in a
    // questionnaire, and every background save answered 500 "Unexpected Server Error".
    const prisma = database().prisma;
    const { person } = await survivorInService(prisma);
    const cookie = (await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "development")).split(";")[0] ?? "";
    const lines = capturedLog();
    // A real client to a PostgreSQL address where nothing listens: every query fails to connect.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:9/none", connectionTimeoutMillis: 500 }) });
    setDatabase({ kind: "external", prisma: unreachable, close: () => unreachable.$disconnect() });
    try {
      const body = new URLSearchParams({ intent: "save", page: "0", version: "0", "feel-safe": "yes" });
      const request = new Request("http://localhost/forms/any/save", { method: "POST", body, headers: { Cookie: cookie } });
      const response = await saveAction({ request, params: { assignmentId: "any" }, context: { clientAddress: "127.0.0.1" } });
      expect(response.status).toBe(503);
      expect(response.headers.get("Retry-After")).toBe("2");
      expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
      const reply: unknown = await response.json();
      expect(reply).toEqual({ errors: { form: expect.stringMatching(/Not done yet/) }, retry: true });
    } finally {
      await unreachable.$disconnect();
    }
    // The operator is told the database was unreachable, and nothing that was sent.
    const logged = lines.join("");
    expect(logged).toMatch(/database unreachable/);
    expect(logged).not.toMatch(/feel-safe|nobody@/);
  });

  it("takes node-postgres's connection lost under it (PostgreSQL restarting) for the database unreachable: 503, try again", async () => {
    const lines = capturedLog();
    for (const message of ["Connection terminated unexpectedly", "Client has encountered a connection error and is not queryable"]) {
      const failed = resourceFailure(new Error(message));
      expect(failed.status).toBe(503);
      expect(await failed.json()).toMatchObject({ retry: true });
    }
    expect(lines.join("")).toMatch(/"kind":"database unreachable"/);
  });

  it("answers an unexpected error with 500 JSON that says nothing was changed, and passes a thrown Response on", async () => {
    capturedLog();
    const failed = resourceFailure(new Error("boom"));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ errors: { form: expect.stringMatching(/nothing was changed/) }, retry: false });
    // Signed out: the route's guard throws a redirect, which is Remix's to follow, not a failure.
    const request = new Request("http://localhost/forms/any/save", { method: "POST", body: new URLSearchParams({ page: "0" }) });
    const thrown = await saveAction({ request, params: { assignmentId: "any" }, context: { clientAddress: "127.0.0.1" } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown instanceof Response ? thrown.status : 0).toBeGreaterThanOrEqual(300);
  });

  it("is used by every resource route: none exports a bare loader or action", () => {
    const routes = path.resolve(import.meta.dirname, "../routes");
    const bare: string[] = [];
    for (const file of readdirSync(routes).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const source = readFileSync(path.join(routes, file), "utf8");
      for (const match of source.matchAll(/^export\s+(async\s+function|function|const|let)\s+(loader|action)\b\s*=?\s*(.*)$/gm)) {
        const value = match[1]?.endsWith("function") ? "" : (match[3] ?? "");
        // A handler that touches nothing (405 for the wrong method) cannot fail.
        if (value.startsWith("resourceRoute(") || value.startsWith("() => methodNotAllowed()")) continue;
        bare.push(`${file}: ${match[2]}`);
      }
    }
    expect(bare).toEqual([]);
  });
});
