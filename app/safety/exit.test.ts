import { describe, expect, it } from "vitest";
import { createArea, createAssignment, createFamily, createPerson, createService, publishDefinitions } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { handleNewSession } from "../auth/session.server";
import { loader as exitLoader } from "../routes/exit";

const database = useAppDatabase();

describe("quick exit on the server", () => {
  it("ends the session, clears the browser's copy of the site, and keeps what was already saved", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const service = await createService(prisma, { exitUrl: "https://weather.example/today" });
    const area = await createArea(prisma, { serviceId: service.id });
    const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id });
    const person = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR" });
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
