import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { setDatabase } from "../db.server";
import { PrismaClient } from "../generated/prisma/client";
import { settingsSchema } from "../service/settings.server";
import { createAssignment, createService, publishDefinitions } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorInService } from "../../tests/support/worlds";
import { handleNewSession } from "../auth/session.server";
import { action as exitAction, loader as exitLoader } from "../routes/exit";
import { exitAddressProblem, FALLBACK_EXIT_URL, usableExitAddress } from "~/service/exit-address";

const database = useAppDatabase();

describe("quick exit on the server", () => {
  it("ends the session, clears the browser's copy of the site, and keeps what was already saved", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const { person } = await survivorInService(prisma, { service: { exitUrl: "https://weather.example/today" } });
    const assignment = await createAssignment(prisma, { personId: person.id, definitionKey: "adult-checkin", dueAt: new Date() });
    // A questionnaire half answered: its draft is on the server.
    await prisma.questionnaireDraft.create({
      data: { assignmentId: assignment.id, personId: person.id, pageIndex: 1, answersCipher: Buffer.from("sealed"), keyId: "k1" },
    });
    const setCookie = await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "development");
    const request = new Request("http://localhost/exit", { headers: { Cookie: setCookie.split(";")[0] ?? "" } });

    const response = await exitLoader({ request, params: {}, context: { clientAddress: "127.0.0.1" } });

    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("https://weather.example/today");
    expect(response.headers.get("Clear-Site-Data")).toBe('"cache", "cookies", "storage"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Set-Cookie")).toMatch(/^sid=;.*Max-Age=0/);
    const session = await prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(session.endReason).toBe("QUICK_EXIT");
    expect(await prisma.questionnaireDraft.count({ where: { personId: person.id, pageIndex: 1 } })).toBe(1);
  });

  it("works for someone not signed in, sending them to the service's neutral site", async () => {
    const prisma = database().prisma;
    await createService(prisma, { exitUrl: "https://weather.example/" });
    const response = await exitLoader({ request: new Request("http://localhost/exit"), params: {}, context: { clientAddress: "127.0.0.1" } });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("https://weather.example/");
  });
});

describe("an exit address that cannot break quick exit", () => {
  async function signedInPerson(prisma: ReturnType<typeof database>["prisma"], exitUrl: string) {
    const { person } = await survivorInService(prisma, { service: { exitUrl } });
    const setCookie = await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "development");
    return { person, cookie: setCookie.split(";")[0] ?? "" };
  }

  it("still ends the session, clears the site and goes to the safe default when the stored address holds a line break", async () => {
    const prisma = database().prisma;
    // Saved before the address was checked (or edited in the database): the URL parser accepts it.
    const { person, cookie } = await signedInPerson(prisma, "https://weather.example/\nSet-Cookie: x=1");
    const response = await exitLoader({
      request: new Request("http://localhost/exit", { headers: { Cookie: cookie } }),
      params: {},
      context: { clientAddress: "127.0.0.1" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(FALLBACK_EXIT_URL);
    expect(response.headers.get("Clear-Site-Data")).toBe('"cache", "cookies", "storage"');
    expect(response.headers.get("Set-Cookie")).toMatch(/^sid=;.*Max-Age=0/);
    const session = await prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(session.endReason).toBe("QUICK_EXIT");
  });

  it("still clears the site and leaves when the database cannot be reached", async () => {
    const prisma = database().prisma;
    const { cookie } = await signedInPerson(prisma, "https://weather.example/");
    // A real client to a PostgreSQL address where nothing listens: every query fails to connect.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://nobody@127.0.0.1:9/none", connectionTimeoutMillis: 500 }) });
    setDatabase({ kind: "external", prisma: unreachable, close: () => unreachable.$disconnect() });
    try {
      const request = new Request("http://localhost/exit", { method: "POST", headers: { Cookie: cookie } });
      const response = await exitAction({ request, params: {}, context: { clientAddress: "127.0.0.1" } });
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(FALLBACK_EXIT_URL);
      expect(response.headers.get("Clear-Site-Data")).toBe('"cache", "cookies", "storage"');
      expect(response.headers.get("Set-Cookie")).toMatch(/^sid=;.*Max-Age=0/);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("refuses, when the settings are saved, an address the exit could not use", () => {
    const base = {
      name: "Riverside",
      coverTheme: "community-centre",
      idleLockMinutes: "10",
      absoluteSessionHours: "8",
      staffIdleMinutes: "30",
      staffSessionHours: "10",
      smallNumberThreshold: "5",
      retentionMonths: "84",
      riskReviewWeeks: "12",
    };
    const problem = (exitUrl: string) => {
      const result = settingsSchema.safeParse({ ...base, exitUrl });
      return result.success ? null : (result.error.issues.find((i) => i.path[0] === "exitUrl")?.message ?? null);
    };
    expect(problem("https://www.bbc.co.uk/weather")).toBeNull();
    expect(problem("https://weather.example/a\nb")).toMatch(/line breaks/);
    expect(problem("https://weather.example/a b")).toMatch(/spaces/);
    expect(problem("https://wéather.example/")).toMatch(/special characters/);
    expect(problem("http://weather.example/")).toMatch(/https/);
    expect(problem("https://user:pw@weather.example/")).toMatch(/user name/);
    expect(problem("https://localhost/")).toMatch(/public web site/);
    expect(exitAddressProblem("https://portal.example.org/sign-in", "https://portal.example.org")).toMatch(/another site/);
    expect(problem("javascript:alert(1)")).not.toBeNull();
  });

  it("uses one rule when reading back what was stored", () => {
    expect(usableExitAddress("https://Weather.example", "http://localhost:3000")).toBe("https://weather.example/");
    expect(usableExitAddress("https://weather.example/\r\n", "http://localhost:3000")).toBe(FALLBACK_EXIT_URL);
    expect(usableExitAddress(null, "http://localhost:3000")).toBe(FALLBACK_EXIT_URL);
    expect(exitAddressProblem("https://x.example/" + "a".repeat(400), "http://localhost:3000")).toMatch(/shorter/);
  });
});
