import { describe, expect, it } from "vitest";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { codeSchema, completeEnrolment, hashCode, issueEnrolmentCode, readEnrolment, redeemEnrolmentCode } from "./enrolment.server";
import { checkPinSignIn, hashPin, newPinSchema, setPinFromEnrolment, verifyPin } from "./pin.server";
import { LOCK_MINUTES, MAX_FAILURES } from "./rate-limit.server";
import { WEAK_PIN_MESSAGES } from "./weak-pin";
import { handleNewSession } from "./session.server";

const database = useAppDatabase();

async function onePerson() {
  const { person, worker } = await survivorWithWorker(database().prisma);
  return { person, worker };
}

const withCookie = (setCookie: string) => new Request("http://localhost/set-up", { headers: { Cookie: setCookie.split(";")[0] ?? "" } });

describe("enrolment codes", () => {
  it("stores only a keyed hash of the code and accepts it however it is typed", async () => {
    const { person, worker } = await onePerson();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const row = await database().prisma.enrolmentCode.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.codeHash).toBe(hashCode(code));
    expect(row.codeHash).not.toContain(code.replace("-", ""));
    expect(codeSchema.parse({ code: ` ${code.toLowerCase().replace("-", " ")} ` }).code).toBe(code.replace("-", ""));

    const redeemed = await redeemEnrolmentCode(code.toLowerCase(), "10.0.0.1");
    expect(redeemed.ok).toBe(true);
    if (!redeemed.ok) return;
    expect(redeemed.principal).toEqual({ personId: person.id });
    expect(await readEnrolment(withCookie(redeemed.setCookie))).toEqual({ codeId: row.id, principal: { personId: person.id } });
  });

  it("is single-use: a second completion fails and a used code no longer redeems", async () => {
    const { person, worker } = await onePerson();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    const row = await database().prisma.enrolmentCode.findFirstOrThrow({ where: { personId: person.id } });
    expect(await completeEnrolment(row.id)).toBe(true);
    expect(await completeEnrolment(row.id)).toBe(false);
    const again = await redeemEnrolmentCode(code, "10.0.0.1");
    expect(again).toEqual({ ok: false, status: 400, error: expect.stringMatching(/did not work/) });
  });

  it("answers an unknown, an expired and a replaced code with the same words", async () => {
    const { person, worker } = await onePerson();
    const first = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    const expired = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id, ttlHours: -1 });
    const answers = await Promise.all(["ZZZZ-ZZZZ", first.code, expired.code].map(async (code) => redeemEnrolmentCode(code, "10.0.0.2")));
    const errors = answers.map((a) => (a.ok ? "ok" : a.error));
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]).toMatch(/did not work/);
  });

  it("ends every session and removes every credential when a new code is issued (a lost device)", async () => {
    const { person, worker } = await onePerson();
    await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "pin");
    await database().prisma.pinCredential.create({ data: { personId: person.id, signInName: "calm-wren-20", hash: await hashPin("482913") } });
    await database().prisma.passkey.create({
      data: { personId: person.id, credentialId: "cred-1", publicKey: Buffer.from("k"), deviceType: "singleDevice", backedUp: false },
    });
    await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    const sessions = await database().prisma.session.findMany({ where: { personId: person.id } });
    expect(sessions.map((s) => s.endReason)).toEqual(["NEW_ENROLMENT"]);
    expect(await database().prisma.passkey.count({ where: { personId: person.id } })).toBe(0);
    expect(await database().prisma.pinCredential.count({ where: { personId: person.id } })).toBe(0);
  });

  it(`locks an address after ${MAX_FAILURES} wrong codes for ${LOCK_MINUTES} minutes, even for a right one`, async () => {
    const { person, worker } = await onePerson();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    for (let i = 0; i < MAX_FAILURES; i++) expect((await redeemEnrolmentCode("ZZZZ-ZZZ2", "10.0.0.3")).ok).toBe(false);
    const locked = await redeemEnrolmentCode(code, "10.0.0.3");
    expect(locked).toEqual({ ok: false, status: 429, error: expect.stringMatching(/Too many tries/) });
    // Another address is not affected.
    expect((await redeemEnrolmentCode(code, "10.0.0.4")).ok).toBe(true);
  });
});

describe("PINs", () => {
  it("hashes with scrypt and verifies", async () => {
    const hash = await hashPin("482913");
    expect(hash).toMatch(/^scrypt-hmac\$32768\$8\$1\$/);
    expect(await verifyPin("482913", hash)).toBe(true);
    expect(await verifyPin("482914", hash)).toBe(false);
  });

  it("keys the PIN with the server's pepper before scrypt, so the database alone does not give it up", async () => {
    const { scryptSync } = await import("node:crypto");
    const stored = await hashPin("482913");
    const [, n, r, p, salt = "", hash] = stored.split("$");
    // What someone holding only a copy of the database would compute for the right PIN:
    const withoutPepper = scryptSync("482913", Buffer.from(salt, "base64url"), 32, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
    expect(withoutPepper.toString("base64url")).not.toBe(hash);
    // A different pepper (another deployment's, or a guessed one) does not verify it either.
    const saved = globalThis.waypointEnv;
    globalThis.waypointEnv = { ...(saved ?? (await import("../env.server")).env()), WAYPOINT_PIN_PEPPER: "another-pepper-another-pepper-another" };
    try {
      expect(await verifyPin("482913", stored)).toBe(false);
    } finally {
      globalThis.waypointEnv = saved;
    }
    expect(await verifyPin("482913", stored)).toBe(true);
  }, 180_000);

  it("upgrades a hash made before the pepper at the next successful sign-in, and only then", async () => {
    const { scryptSync, randomBytes } = await import("node:crypto");
    const { person } = await onePerson();
    const salt = randomBytes(16);
    const legacy = [
      "scrypt",
      32768,
      8,
      1,
      salt.toString("base64url"),
      scryptSync("482913", salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString("base64url"),
    ].join("$");
    await database().prisma.pinCredential.create({ data: { personId: person.id, signInName: "calm-wren-20", hash: legacy } });
    expect((await checkPinSignIn({ signInName: "calm-wren-20", pin: "000000" }, "10.5.0.1")).ok).toBe(false);
    expect((await database().prisma.pinCredential.findFirstOrThrow({ where: { personId: person.id } })).hash).toBe(legacy);
    expect(await checkPinSignIn({ signInName: "calm-wren-20", pin: "482913" }, "10.5.0.1")).toEqual({ ok: true, personId: person.id });
    const upgraded = (await database().prisma.pinCredential.findFirstOrThrow({ where: { personId: person.id } })).hash;
    expect(upgraded).toMatch(/^scrypt-hmac\$32768\$8\$1\$/);
    expect(await checkPinSignIn({ signInName: "calm-wren-20", pin: "482913" }, "10.5.0.1")).toEqual({ ok: true, personId: person.id });
  }, 180_000);

  it("refuses short, repeated, obvious or mismatched PINs with clear messages", () => {
    const issues = (pin: string, confirm = pin) => {
      const result = newPinSchema.safeParse({ pin, confirm });
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(issues("12345")).toContain("Use at least 6 characters");
    expect(issues("111111")).toContain(WEAK_PIN_MESSAGES.repeated);
    expect(issues("123456")).toContain(WEAK_PIN_MESSAGES.sequence);
    expect(issues("150687")).toContain(WEAK_PIN_MESSAGES.date);
    expect(issues("159753")).toContain(WEAK_PIN_MESSAGES.common);
    expect(issues("482913", "482910")).toContain("The two PINs are not the same");
    expect(issues("482913")).toEqual([]);
  });

  it("enrols with a PIN, then signs in by sign-in name and PIN", async () => {
    const { person, worker } = await onePerson();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    const redeemed = await redeemEnrolmentCode(code, "10.0.1.1");
    if (!redeemed.ok) throw new Error(redeemed.error);
    const enrolment = await readEnrolment(withCookie(redeemed.setCookie));
    if (!enrolment) throw new Error("no enrolment");
    const signInName = await setPinFromEnrolment(enrolment.codeId, person.id, "482913");
    expect(signInName).toMatch(/^[a-z]+(-[a-z]+){3}$/);
    expect(signInName).not.toContain(person.firstName.toLowerCase());
    // The code is spent.
    expect(await readEnrolment(withCookie(redeemed.setCookie))).toBeNull();
    expect(await setPinFromEnrolment(enrolment.codeId, person.id, "999888")).toBeNull();

    expect(await checkPinSignIn({ signInName: signInName ?? "", pin: "482913" }, "10.0.1.1")).toEqual({ ok: true, personId: person.id });
    expect((await checkPinSignIn({ signInName: signInName ?? "", pin: "000000" }, "10.0.1.1")).ok).toBe(false);
  });

  it("locks a sign-in name after five wrong PINs from one address, and an unknown name the same way", async () => {
    const { person } = await onePerson();
    await database().prisma.pinCredential.create({ data: { personId: person.id, signInName: "calm-river-10", hash: await hashPin("482913") } });
    const attempt = async (name: string, pin: string, address: string) => checkPinSignIn({ signInName: name, pin }, address);
    const realName: string[] = [];
    const unknownName: string[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      const real = await attempt("calm-river-10", "000000", "10.1.0.1");
      const unknown = await attempt("warm-robin-11", "000000", "10.2.0.1");
      realName.push(real.ok ? "ok" : real.error);
      unknownName.push(unknown.ok ? "ok" : unknown.error);
    }
    expect(realName).toEqual(unknownName);
    const lockedReal = await attempt("calm-river-10", "482913", "10.1.0.1");
    const lockedUnknown = await attempt("warm-robin-11", "482913", "10.2.0.1");
    expect(lockedReal).toEqual({ ok: false, status: 429, error: expect.stringMatching(/Too many tries/) });
    expect(lockedUnknown).toEqual(lockedReal);
    const failures = await database().prisma.auditEvent.count({ where: { action: "signin.pin.failed" } });
    expect(failures).toBe(2 * MAX_FAILURES);
    // A name made before four-word names still signs in, typed with spaces and a capital.
    expect(await attempt("Calm river 10", "482913", "10.3.0.1")).toEqual({ ok: true, personId: person.id });
  });

  it("refuses demo credentials when NODE_ENV=production", async () => {
    const { person } = await onePerson();
    await database().prisma.pinCredential.create({ data: { personId: person.id, signInName: "demo-name-12", hash: await hashPin("482913"), demo: true } });
    const saved = globalThis.waypointEnv;
    globalThis.waypointEnv = { ...(saved ?? (await import("../env.server")).env()), NODE_ENV: "production" };
    try {
      expect((await checkPinSignIn({ signInName: "demo-name-12", pin: "482913" }, "10.4.0.1")).ok).toBe(false);
    } finally {
      globalThis.waypointEnv = saved;
    }
    expect((await checkPinSignIn({ signInName: "demo-name-12", pin: "482913" }, "10.4.0.2")).ok).toBe(true);
  });
});
