import { describe, expect, it } from "vitest";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { endSession, getViewer, handleNewSession, lockSession, requireStaff } from "./session.server";

const database = useAppDatabase();

async function personAndStaff() {
  const { person, worker } = await survivorWithWorker(database().prisma, { service: { idleLockMinutes: 10, absoluteSessionHours: 12 } });
  return { person, staff: worker };
}

/** A request carrying the cookie a Set-Cookie header would have set. */
function requestWith(setCookie: string, userAgent = "Mozilla/5.0 (Linux; Android 14; Mobile)") {
  const cookie = setCookie.split(";")[0] ?? "";
  return new Request("http://localhost/home", { headers: { Cookie: cookie, "User-Agent": userAgent } });
}

describe("sessions", () => {
  it("signs a person in with a database session and a cookie that holds only its id", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    expect(setCookie).toMatch(/^sid=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toContain(person.firstName);

    const viewer = await getViewer(requestWith(setCookie));
    expect(viewer?.type === "person" && viewer.person.id).toBe(person.id);
    const row = await database().prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.deviceKind).toBe("Android phone");
  });

  it("gives every session an id of 256 random bits from node:crypto, not a cuid", async () => {
    const { person, staff } = await personAndStaff();
    await handleNewSession(requestWith(""), { personId: person.id }, "pin");
    await handleNewSession(requestWith(""), { personId: person.id }, "pin");
    await handleNewSession(requestWith(""), { staffId: staff.id }, "passkey");
    const ids = (await database().prisma.session.findMany({ select: { id: true } })).map((s) => s.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      // 43 base64url characters = 32 bytes; a cuid is 25 characters starting with "c".
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(32);
    }
    // Ids made one after another share no prefix the way cuids (a timestamp first) do.
    const [a = "", b = ""] = ids;
    expect(a.slice(0, 8)).not.toBe(b.slice(0, 8));
  });

  it("locks a session left idle longer than the service allows, without ending it", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    await database().prisma.session.updateMany({
      where: { personId: person.id },
      data: { lastSeenAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect(await getViewer(requestWith(setCookie))).toBeNull();
    const row = await database().prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.lockedAt).not.toBeNull();
    expect(row.endedAt).toBeNull();
  });

  it("keeps a session that was active within the idle time", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    await database().prisma.session.updateMany({
      where: { personId: person.id },
      data: { lastSeenAt: new Date(Date.now() - 9 * 60_000) },
    });
    expect(await getViewer(requestWith(setCookie))).not.toBeNull();
  });

  it("gives each role the absolute lifetime the service set for it", async () => {
    const { person, staff } = await personAndStaff();
    await database().prisma.service.updateMany({ data: { absoluteSessionHours: 2, staffSessionHours: 9 } });
    await handleNewSession(requestWith(""), { personId: person.id }, "pin");
    await handleNewSession(requestWith(""), { staffId: staff.id }, "passkey");
    const hoursOf = async (where: { personId: string } | { staffId: string }) => {
      const row = await database().prisma.session.findFirstOrThrow({ where });
      return Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 3_600_000);
    };
    expect(await hoursOf({ personId: person.id })).toBe(2);
    expect(await hoursOf({ staffId: staff.id })).toBe(9);
  });

  it("ends a session past its absolute lifetime, however active", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    await database().prisma.session.updateMany({ where: { personId: person.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getViewer(requestWith(setCookie))).toBeNull();
    const row = await database().prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.endReason).toBe("EXPIRED");
  });

  it("ends the session on quick exit and clears the cookie", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    const cleared = await endSession(requestWith(setCookie), "QUICK_EXIT");
    expect(cleared).toMatch(/^sid=;/);
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await getViewer(requestWith(setCookie))).toBeNull();
    const row = await database().prisma.session.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.endReason).toBe("QUICK_EXIT");
  });

  it("locks on request from an idle page", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    await lockSession(requestWith(setCookie));
    expect(await getViewer(requestWith(setCookie))).toBeNull();
  });

  it("ignores a forged cookie", async () => {
    const { person } = await personAndStaff();
    const setCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    const forged = setCookie.replace(/^sid=[^.]+/, "sid=InNvbWVvbmUtZWxzZSI");
    expect(await getViewer(requestWith(forged))).toBeNull();
  });

  it("turns away deactivated staff, and answers 404 to a person asking for a staff page", async () => {
    const { person, staff } = await personAndStaff();
    const staffCookie = await handleNewSession(requestWith(""), { staffId: staff.id }, "development");
    expect((await requireStaff(requestWith(staffCookie))).staff.id).toBe(staff.id);
    await database().prisma.staffMember.update({ where: { id: staff.id }, data: { deactivatedAt: new Date() } });
    expect(await getViewer(requestWith(staffCookie))).toBeNull();

    const personCookie = await handleNewSession(requestWith(""), { personId: person.id }, "development");
    const refusal = await requireStaff(requestWith(personCookie)).catch((thrown: unknown) => thrown);
    expect(refusal instanceof Response && refusal.status).toBe(404);
  });
});
