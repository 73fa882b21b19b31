import { afterEach, describe, expect, it, vi } from "vitest";
import { createPerson } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { b64url, SoftAuthenticator } from "../../tests/support/soft-authenticator";
import { env } from "~/env.server";
import { issueEnrolmentCode, type Principal } from "./enrolment.server";
import { checkPinSignIn, hashPin } from "./pin.server";
import {
  finishAuthentication,
  finishRegistration,
  isCounterRegression,
  listPasskeys,
  removePasskey,
  renamePasskey,
  startAuthentication,
  startRegistration,
  userHandleFor,
} from "./passkeys.server";

const database = useAppDatabase();

afterEach(() => {
  vi.restoreAllMocks();
});

// ───────────────────────────── Helpers ─────────────────────────────

/** A request to a passkey route carrying the cookies that Set-Cookie headers would have set. */
function requestWith(...setCookies: string[]) {
  const cookie = setCookies.map((c) => c.split(";")[0] ?? "").join("; ");
  return new Request(`${env().WAYPOINT_ORIGIN}/passkeys/registration`, {
    method: "POST",
    headers: { Cookie: cookie, "User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile" },
  });
}

async function setting() {
  const prisma = database().prisma;
  const { family, person, worker: staff } = await survivorWithWorker(prisma, { person: { firstName: "Rosalind", lastName: "Featherstone" } });
  const other = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR" });
  return { prisma, person, other, staff };
}

/** Registers a passkey for `principal` with a fresh software authenticator, signed in (no enrolment). */
async function registered(principal: Principal, authenticator = new SoftAuthenticator()) {
  const { options, setCookie } = await startRegistration(requestWith(), principal);
  const result = await finishRegistration(requestWith(setCookie), principal, authenticator.register(options));
  if (!result.ok) throw new Error(`registration failed: ${result.error}`);
  return { authenticator, passkeyId: result.passkeyId };
}

async function signIn(authenticator: SoftAuthenticator, opts: { count?: boolean } = {}) {
  const { options, setCookie } = await startAuthentication();
  return finishAuthentication(requestWith(setCookie), authenticator.authenticate(options, opts));
}

async function counts() {
  const prisma = database().prisma;
  const [passkeys, audit, sessions, usedCodes] = await Promise.all([
    prisma.passkey.count(),
    prisma.auditEvent.count(),
    prisma.session.count(),
    prisma.enrolmentCode.count({ where: { usedAt: { not: null } } }),
  ]);
  return { passkeys, audit, sessions, usedCodes };
}

function cookiePayload(setCookie: string) {
  const value = decodeURIComponent(setCookie.split(";")[0]?.split("=").slice(1).join("=") ?? "");
  // Remix signs "<base64 JSON>.<signature>": the value is readable, only tamper-proof.
  return Buffer.from(value.split(".")[0] ?? "", "base64").toString("utf8");
}

// ───────────────────────────── Tests ─────────────────────────────

describe("registration options", () => {
  it("are neutral: nothing on the phone names the person, their id or the service", async () => {
    const { person } = await setting();
    const { options, setCookie } = await startRegistration(requestWith(), { personId: person.id });
    const name = env().WAYPOINT_PASSKEY_NAME;
    expect(options.user.name).toBe(name);
    expect(options.user.displayName).toBe(name);
    expect(options.rp.name).toBe(name);
    for (const text of [options.user.name, options.user.displayName, options.rp.name ?? ""]) {
      expect(text).not.toContain(person.firstName);
      expect(text).not.toContain(person.lastName);
      expect(text).not.toContain(person.id);
      expect(text).not.toMatch(/abuse|domestic|violen|refuge|survivor|safety|waypoint/i);
    }
    const handle = Buffer.from(options.user.id, "base64url");
    expect(handle.length).toBe(16);
    expect(handle.toString("utf8")).not.toContain(person.id);
    expect(options.user.id).not.toContain(person.id);
    expect(options.rp.id).toBe(new URL(env().WAYPOINT_ORIGIN).hostname);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.attestation).toBe("none");

    expect(setCookie).toMatch(/^challenge=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/passkeys/);
    const maxAge = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(300);
    expect(cookiePayload(setCookie)).not.toContain(person.id);
  });

  it("use a user handle that is stable for one account and different for another", async () => {
    const { person, other, staff } = await setting();
    const a = b64url(userHandleFor({ personId: person.id }));
    expect(b64url(userHandleFor({ personId: person.id }))).toBe(a);
    expect(b64url(userHandleFor({ personId: other.id }))).not.toBe(a);
    expect(b64url(userHandleFor({ staffId: staff.id }))).not.toBe(a);
  });

  it("exclude the account's existing passkeys and no one else's", async () => {
    const { person, other } = await setting();
    const mine = await registered({ personId: person.id });
    const theirs = await registered({ personId: other.id });
    const { options } = await startRegistration(requestWith(), { personId: person.id });
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([mine.authenticator.id]);
    expect(options.excludeCredentials?.[0]?.transports).toEqual(["internal"]);
    expect(options.excludeCredentials?.map((c) => c.id)).not.toContain(theirs.authenticator.id);
  });

  it("are refused (404) for an account that can no longer sign in", async () => {
    const { prisma, staff } = await setting();
    await prisma.staffMember.update({ where: { id: staff.id }, data: { deactivatedAt: new Date() } });
    const refusal = await startRegistration(requestWith(), { staffId: staff.id }).catch((thrown: unknown) => thrown);
    expect(refusal instanceof Response && refusal.status).toBe(404);
  });
});

describe("finishing a registration", () => {
  it("stores the passkey with its key, counter and a neutral label, and audits it", async () => {
    const { prisma, person } = await setting();
    const authenticator = new SoftAuthenticator({ startCounter: 3 });
    const { options, setCookie } = await startRegistration(requestWith(), { personId: person.id });
    const result = await finishRegistration(requestWith(setCookie), { personId: person.id }, authenticator.register(options));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // The challenge cookie is cleared.
    expect(result.setCookie).toMatch(/^challenge=;.*Max-Age=0/);
    const row = await prisma.passkey.findUniqueOrThrow({ where: { id: result.passkeyId } });
    expect(row).toMatchObject({ personId: person.id, staffId: null, credentialId: authenticator.id, counter: 3n, label: "Android phone" });
    expect(row.transports).toEqual(["internal"]);
    expect(row.publicKey.length).toBeGreaterThan(60);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "passkey.create" } });
    expect(audit).toMatchObject({ actorPersonId: person.id, subjectPersonId: person.id });
  });

  it("fails without a challenge cookie, and writes nothing", async () => {
    const { person } = await setting();
    const { options } = await startRegistration(requestWith(), { personId: person.id });
    const before = await counts();
    const result = await finishRegistration(requestWith(), { personId: person.id }, new SoftAuthenticator().register(options));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(await counts()).toEqual(before);
  });

  it("answers 400 to malformed bodies and writes nothing", async () => {
    const { person } = await setting();
    const principal = { personId: person.id };
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    const good = new SoftAuthenticator().register(options);
    const before = await counts();
    const bodies: unknown[] = [
      undefined,
      null,
      "a string",
      [],
      {},
      { ...good, id: "not base64url!" },
      { ...good, rawId: `${good.rawId}x` },
      { ...good, type: "password" },
      { ...good, response: { clientDataJSON: good.response.clientDataJSON } },
      { ...good, response: { ...good.response, attestationObject: "A".repeat(70_000) } },
      { ...good, clientExtensionResults: undefined },
    ];
    for (const body of bodies) {
      const result = await finishRegistration(requestWith(setCookie), principal, body);
      expect(result.ok, JSON.stringify(body)?.slice(0, 80)).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(400);
        expect(result.error).toMatch(/could not be read/);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses an answer made for another origin or another challenge", async () => {
    const { person } = await setting();
    const principal = { personId: person.id };
    const first = await startRegistration(requestWith(), principal);
    const elsewhere = new SoftAuthenticator().register(first.options, "https://evil.example");
    expect(await finishRegistration(requestWith(first.setCookie), principal, elsewhere)).toMatchObject({ ok: false, status: 400 });
    const second = await startRegistration(requestWith(), principal);
    const stale = new SoftAuthenticator().register(first.options);
    expect(await finishRegistration(requestWith(second.setCookie), principal, stale)).toMatchObject({ ok: false, status: 400 });
    expect(await database().prisma.passkey.count()).toBe(0);
  });

  it("refuses options that were made for another account", async () => {
    const { person, other } = await setting();
    const { options, setCookie } = await startRegistration(requestWith(), { personId: other.id });
    const result = await finishRegistration(requestWith(setCookie), { personId: person.id }, new SoftAuthenticator().register(options));
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(await database().prisma.passkey.count()).toBe(0);
  });

  it("refuses a replayed challenge: the same cookie answered twice", async () => {
    const { person } = await setting();
    const principal = { personId: person.id };
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    const firstAnswer = new SoftAuthenticator().register(options);
    expect((await finishRegistration(requestWith(setCookie), principal, firstAnswer)).ok).toBe(true);
    // The very same answer again, and a fresh credential made with the same challenge.
    expect(await finishRegistration(requestWith(setCookie), principal, firstAnswer)).toMatchObject({ ok: false, status: 400 });
    const again = new SoftAuthenticator().register(options);
    expect(await finishRegistration(requestWith(setCookie), principal, again)).toMatchObject({ ok: false, status: 400 });
    expect(await database().prisma.passkey.count()).toBe(1);
  });

  it("refuses a challenge older than five minutes", async () => {
    const { person } = await setting();
    const principal = { personId: person.id };
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    const answer = new SoftAuthenticator().register(options);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 301_000);
    expect(await finishRegistration(requestWith(setCookie), principal, answer)).toMatchObject({ ok: false, status: 400 });
    vi.restoreAllMocks();
    expect(await database().prisma.passkey.count()).toBe(0);
  });

  it("with an enrolment, marks the code used in the same transaction", async () => {
    const { prisma, person } = await setting();
    const principal = { personId: person.id };
    await issueEnrolmentCode(principal, { issuedById: null });
    const code = await prisma.enrolmentCode.findFirstOrThrow({ where: { personId: person.id } });
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    const result = await finishRegistration(requestWith(setCookie), principal, new SoftAuthenticator().register(options), {
      enrolmentCodeId: code.id,
    });
    expect(result.ok).toBe(true);
    expect((await prisma.enrolmentCode.findUniqueOrThrow({ where: { id: code.id } })).usedAt).not.toBeNull();
    expect(await prisma.passkey.count({ where: { personId: person.id } })).toBe(1);
  });

  it("with an enrolment code that was used meanwhile, fails and saves no passkey", async () => {
    const { prisma, person } = await setting();
    const principal = { personId: person.id };
    await issueEnrolmentCode(principal, { issuedById: null });
    const code = await prisma.enrolmentCode.findFirstOrThrow({ where: { personId: person.id } });
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    await prisma.enrolmentCode.update({ where: { id: code.id }, data: { usedAt: new Date() } });
    const before = await counts();
    const result = await finishRegistration(requestWith(setCookie), principal, new SoftAuthenticator().register(options), {
      enrolmentCodeId: code.id,
    });
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(await counts()).toEqual(before);
  });

  it("with someone else's enrolment code, fails and leaves that code unused", async () => {
    const { prisma, person, other } = await setting();
    await issueEnrolmentCode({ personId: other.id }, { issuedById: null });
    const theirCode = await prisma.enrolmentCode.findFirstOrThrow({ where: { personId: other.id } });
    const principal = { personId: person.id };
    const { options, setCookie } = await startRegistration(requestWith(), principal);
    const result = await finishRegistration(requestWith(setCookie), principal, new SoftAuthenticator().register(options), {
      enrolmentCodeId: theirCode.id,
    });
    expect(result.ok).toBe(false);
    expect((await prisma.enrolmentCode.findUniqueOrThrow({ where: { id: theirCode.id } })).usedAt).toBeNull();
    expect(await prisma.passkey.count()).toBe(0);
  });
});

describe("authentication", () => {
  it("offers usernameless options: no credentials listed, user verification required", async () => {
    const { options, setCookie } = await startAuthentication();
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe(new URL(env().WAYPOINT_ORIGIN).hostname);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it("signs in with a registered passkey, updating counter and last use, and audits it", async () => {
    const { prisma, person } = await setting();
    const { authenticator, passkeyId } = await registered({ personId: person.id }, new SoftAuthenticator({ startCounter: 1 }));
    const result = await signIn(authenticator);
    expect(result).toMatchObject({ ok: true, principal: { personId: person.id }, passkeyId });
    const row = await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } });
    expect(row.counter).toBe(2n);
    expect(row.lastUsedAt).not.toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "signin.passkey" } });
    expect(audit).toMatchObject({ actorPersonId: person.id, subjectPersonId: person.id });
  });

  it("uses challenges of 32 random bytes, different every time (they are one-use secrets)", async () => {
    const first = await startAuthentication();
    const second = await startAuthentication();
    expect(Buffer.from(first.options.challenge, "base64url")).toHaveLength(32);
    expect(first.options.challenge).not.toBe(second.options.challenge);
  });

  it("signs in while her PIN sign-in name is locked by someone else's guesses (decision 020)", async () => {
    const { prisma, person } = await setting();
    const { authenticator } = await registered({ personId: person.id });
    await prisma.pinCredential.create({ data: { personId: person.id, signInName: "pilot-maple-orbit-tenant", hash: await hashPin("482913") } });
    for (let i = 0; i < 5; i++) await checkPinSignIn({ signInName: "pilot-maple-orbit-tenant", pin: "000000" }, "198.51.100.9");
    expect(await checkPinSignIn({ signInName: "pilot-maple-orbit-tenant", pin: "482913" }, "198.51.100.9")).toMatchObject({ status: 429 });
    expect(await signIn(authenticator)).toMatchObject({ ok: true, principal: { personId: person.id } });
  }, 180_000);

  it("signs staff in too", async () => {
    const { staff } = await setting();
    const { authenticator } = await registered({ staffId: staff.id });
    expect(await signIn(authenticator)).toMatchObject({ ok: true, principal: { staffId: staff.id } });
  });

  it("refuses a replayed challenge, even from an authenticator that does not count", async () => {
    const { prisma, person } = await setting();
    const { authenticator, passkeyId } = await registered({ personId: person.id });
    const { options, setCookie } = await startAuthentication();
    const answer = authenticator.authenticate(options);
    expect((await finishAuthentication(requestWith(setCookie), answer)).ok).toBe(true);
    const lastUsed = (await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).lastUsedAt;
    expect(await finishAuthentication(requestWith(setCookie), answer)).toMatchObject({ ok: false, status: 400 });
    expect((await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).lastUsedAt).toEqual(lastUsed);
    expect(await prisma.auditEvent.count({ where: { action: "signin.passkey" } })).toBe(1);
  });

  it("fails without a challenge cookie", async () => {
    const { person } = await setting();
    const { authenticator } = await registered({ personId: person.id });
    const { options } = await startAuthentication();
    expect(await finishAuthentication(requestWith(), authenticator.authenticate(options))).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses an answer signed by another key for a known credential id", async () => {
    const { person } = await setting();
    const { authenticator } = await registered({ personId: person.id });
    const impostor = new SoftAuthenticator();
    const { options, setCookie } = await startAuthentication();
    const forged = { ...impostor.authenticate(options), id: authenticator.id, rawId: authenticator.id };
    expect(await finishAuthentication(requestWith(setCookie), forged)).toMatchObject({ ok: false, status: 400 });
  });

  it("answers 400 to malformed bodies, writing only a failed sign-in audit event", async () => {
    await setting();
    const { setCookie } = await startAuthentication();
    for (const body of [undefined, {}, { id: "x", rawId: "x", type: "public-key", response: {} }, "[]"]) {
      const before = await counts();
      const result = await finishAuthentication(requestWith(setCookie), body);
      expect(result).toMatchObject({ ok: false, status: 400 });
      if (!result.ok) expect(result.error).toMatch(/could not be read/);
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    }
    const events = await database().prisma.auditEvent.findMany({ where: { action: "signin.failed" } });
    expect(events.every((e) => JSON.stringify(e.detail).includes("malformed"))).toBe(true);
  });

  it("gives the same failure for an unknown passkey as for a closed account", async () => {
    const { prisma, person, staff } = await setting();
    const unknown = await signIn(new SoftAuthenticator());

    const survivor = await registered({ personId: person.id });
    await prisma.person.update({ where: { id: person.id }, data: { involvementEndedAt: new Date() } });
    const closed = await signIn(survivor.authenticator);

    const worker = await registered({ staffId: staff.id });
    await prisma.staffMember.update({ where: { id: staff.id }, data: { deactivatedAt: new Date() } });
    const deactivated = await signIn(worker.authenticator);

    for (const result of [closed, deactivated]) {
      expect(result.ok).toBe(false);
      if (!result.ok && !unknown.ok) {
        expect(result.status).toBe(unknown.status);
        expect(result.error).toBe(unknown.error);
      }
    }
    expect(await prisma.session.count()).toBe(0);
  });

  it("refuses an anonymised person", async () => {
    const { prisma, person } = await setting();
    const { authenticator } = await registered({ personId: person.id });
    await prisma.person.update({ where: { id: person.id }, data: { anonymisedAt: new Date() } });
    expect(await signIn(authenticator)).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses a counter that went backwards, audits it and changes nothing else", async () => {
    const { prisma, person } = await setting();
    const { authenticator, passkeyId } = await registered({ personId: person.id }, new SoftAuthenticator({ startCounter: 5 }));
    // The real authenticator was used meanwhile (counter 10 stored); a clone still says 6.
    await prisma.passkey.update({ where: { id: passkeyId }, data: { counter: 10n } });
    const before = await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } });
    const result = await signIn(authenticator);
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).toEqual(before);
    const alarm = await prisma.auditEvent.findFirstOrThrow({ where: { action: "passkey.counter-regression" } });
    expect(alarm.subjectPersonId).toBe(person.id);
    expect(alarm.detail).toMatchObject({ passkeyId, storedCounter: "10", receivedCounter: "6" });
    expect(await prisma.auditEvent.count({ where: { action: "signin.passkey" } })).toBe(0);
    expect(await prisma.session.count()).toBe(0);
  });
});

describe("the counter rule", () => {
  it("accepts a counter that went up, and two zeros (passkeys that do not count)", () => {
    expect(isCounterRegression(0, 0)).toBe(false);
    expect(isCounterRegression(0, 1)).toBe(false);
    expect(isCounterRegression(5, 6)).toBe(false);
    expect(isCounterRegression(5n, 4_000_000_000)).toBe(false);
  });

  it("refuses a counter that stayed or went back", () => {
    expect(isCounterRegression(5, 5)).toBe(true);
    expect(isCounterRegression(5, 4)).toBe(true);
    expect(isCounterRegression(10n, 1)).toBe(true);
    // A counting authenticator that suddenly says 0 is also a clone signal (WebAuthn §6.1.1).
    expect(isCounterRegression(5, 0)).toBe(true);
  });
});

describe("managing passkeys", () => {
  it("lists the account's own passkeys without keys or credential ids", async () => {
    const { person, other } = await setting();
    const { passkeyId } = await registered({ personId: person.id });
    await registered({ personId: other.id });
    const list = await listPasskeys({ personId: person.id });
    expect(list.map((p) => p.id)).toEqual([passkeyId]);
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["backedUp", "createdAt", "deviceType", "id", "label", "lastUsedAt"]);
  });

  it("will not remove someone else's passkey", async () => {
    const { prisma, person, other } = await setting();
    const theirs = await registered({ personId: other.id });
    expect(await removePasskey({ personId: person.id }, theirs.passkeyId)).toBe(false);
    expect(await prisma.passkey.count({ where: { id: theirs.passkeyId } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "passkey.remove" } })).toBe(0);

    expect(await removePasskey({ personId: other.id }, theirs.passkeyId)).toBe(true);
    expect(await prisma.passkey.count({ where: { id: theirs.passkeyId } })).toBe(0);
    expect(await removePasskey({ personId: other.id }, theirs.passkeyId)).toBe(false);
  });

  it("renames only the account's own passkey", async () => {
    const { prisma, person, staff } = await setting();
    const { passkeyId } = await registered({ personId: person.id });
    expect(await renamePasskey({ staffId: staff.id }, passkeyId, "Mine now")).toBe(false);
    expect(await renamePasskey({ personId: person.id }, passkeyId, "   ")).toBe(false);
    expect(await renamePasskey({ personId: person.id }, passkeyId, " Work phone ")).toBe(true);
    expect((await prisma.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).label).toBe("Work phone");
  });
});
