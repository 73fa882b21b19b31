/**
 * Stale writes refused on a person's record (docs/decisions/024-stale-writes-refused.md): a page
 * drawn before another save names an older version, and its save changes nothing. The page is
 * told the version the record is at now, so a second, knowing save goes through.
 */
import { describe, expect, it } from "vitest";
import { openOptional } from "~/crypto/sealed.server";
import { STALE_MESSAGE } from "~/forms/stale";
import { addDays, type Db } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorInService } from "../../tests/support/worlds";
import { staffViewer as viewerOf } from "../../tests/support/viewers";
import { saveSafeContact, updateProfile } from "./changes.server";
import { profileSchema, safeContactSchema } from "./schemas";

const database = useAppDatabase();

async function setting(prisma: Db) {
  const { holder, person: survivor } = await survivorInService(prisma, {
    heldBy: "Casey Holder",
    person: { firstName: "Nia", lastName: "Osei", involvementStartedAt: addDays(new Date(), -30) },
  });
  return { holder: holder!, survivor };
}

const profile = (fields: Record<string, string>) => profileSchema.parse({ firstName: "Nia", lastName: "Osei", consentMonitoring: "no", ...fields });
const contact = (fields: Record<string, string | string[]>) => safeContactSchema.parse({ safeChannels: [], doNotContactBy: [], ...fields });

describe("a person's details", () => {
  it("a save from a page drawn before another save is refused, writes nothing, and says so with the version now", async () => {
    const prisma = database().prisma;
    const { holder, survivor } = await setting(prisma);
    const viewer = viewerOf(holder);
    // Two tabs open the details at version 0; the first saves a new surname.
    expect(await updateProfile(viewer, survivor.id, profile({ lastName: "Mensah", version: "0" }))).toEqual({ ok: true });
    // The older tab, which still shows "Osei" and a blank date of birth, saves a date of birth.
    const stale = await updateProfile(viewer, survivor.id, profile({ dateOfBirth: "1990-02-03", version: "0" }));
    expect(stale).toEqual({ ok: false, stale: true, fields: { form: STALE_MESSAGE }, version: 1 });
    const row = await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } });
    expect(row).toMatchObject({ lastName: "Mensah", dateOfBirth: null, version: 1 });
    expect(await prisma.auditEvent.count({ where: { action: "person.update" } })).toBe(1);
    // Saving again with the version it was told, knowingly, goes through.
    expect(await updateProfile(viewer, survivor.id, profile({ dateOfBirth: "1990-02-03", version: "1" }))).toEqual({ ok: true });
    expect(await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } })).toMatchObject({ lastName: "Osei", version: 2 });
  });

  it("of two saves sent at once from the same version, exactly one is kept", async () => {
    const prisma = database().prisma;
    const { holder, survivor } = await setting(prisma);
    const results = await Promise.all(
      ["Mensah", "Boateng", "Asante"].map((lastName) => updateProfile(viewerOf(holder), survivor.id, profile({ lastName, version: "0" }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && "stale" in r)).toHaveLength(2);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: survivor.id } })).version).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "person.update" } })).toBe(1);
  });
});

describe("safe contact preferences", () => {
  it("a first save from a page drawn before someone else's first save is refused", async () => {
    const prisma = database().prisma;
    const { holder, survivor } = await setting(prisma);
    const viewer = viewerOf(holder);
    expect(await saveSafeContact(viewer, survivor.id, contact({ codeWord: "bluebell", safeChannels: "PHONE_CALL", version: "0" }))).toEqual({ ok: true });
    // The other tab had no preferences either (version 0): it must not wipe the code word.
    expect(await saveSafeContact(viewer, survivor.id, contact({ safeTimes: "Mornings", version: "0" }))).toMatchObject({ ok: false, stale: true, version: 1 });
    const row = await prisma.safeContactPreference.findUniqueOrThrow({ where: { personId: survivor.id } });
    expect(openOptional(row.codeWordCipher, row.keyId, "code-word")).toBe("bluebell");
    expect(row.safeTimesCipher).toBeNull();
    expect(row.safeChannels).toEqual(["PHONE_CALL"]);
  });

  it("a later save from an out-of-date page is refused and changes nothing; from the current one it is kept", async () => {
    const prisma = database().prisma;
    const { holder, survivor } = await setting(prisma);
    const viewer = viewerOf(holder);
    await saveSafeContact(viewer, survivor.id, contact({ codeWord: "bluebell", version: "0" }));
    expect(await saveSafeContact(viewer, survivor.id, contact({ codeWord: "primrose", version: "1" }))).toEqual({ ok: true });
    expect(await saveSafeContact(viewer, survivor.id, contact({ codeWord: "", version: "1" }))).toMatchObject({ ok: false, stale: true, version: 2 });
    const row = await prisma.safeContactPreference.findUniqueOrThrow({ where: { personId: survivor.id } });
    expect(openOptional(row.codeWordCipher, row.keyId, "code-word")).toBe("primrose");
    expect(await prisma.auditEvent.count({ where: { action: "person.safe-contact.update" } })).toBe(2);
  });

  it("a form that does not say which version it was drawn from is refused as bad input", () => {
    expect(safeContactSchema.safeParse({ safeChannels: [], doNotContactBy: [] }).success).toBe(false);
    expect(profileSchema.safeParse({ firstName: "Nia", lastName: "Osei", consentMonitoring: "no", version: "1e1" }).success).toBe(false);
  });
});
