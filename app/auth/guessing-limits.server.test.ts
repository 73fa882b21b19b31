import { describe, expect, it } from "vitest";
import { listAuditEvents } from "~/audit/audit-view.server";
import { createStaff } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { issueEnrolmentCode, redeemEnrolmentCode } from "./enrolment.server";
import { checkPinSignIn, hashPin } from "./pin.server";
import { ALARM_THRESHOLD, RULES, SIGN_IN_ALARM_ACTION, addressGroup } from "./rate-limit.server";

/**
 * Issue 14, "Guessing limits" (a)–(c) and (f); the design and its numbers are in
 * docs/decisions/020-guessing-limits.md. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
const database = useAppDatabase();

const PIN = "482913";
const NAME = "pilot-maple-orbit-tenant";

async function survivor() {
  const prisma = database().prisma;
  const { service, person, worker } = await survivorWithWorker(prisma);
  const manager = await createStaff(prisma, { serviceId: service.id, role: "MANAGER" });
  await prisma.pinCredential.create({ data: { personId: person.id, signInName: NAME, hash: await hashPin(PIN) } });
  return { service, person, worker, manager };
}

/** Tests that run the 32 MiB scrypt hash several times: room for a loaded 2-core machine. */
const SLOW = 180_000;

const statuses = (results: { ok: boolean; status?: number }[]) => results.map((r) => (r.ok ? 200 : (r.status ?? 0))).sort((a, b) => a - b);

describe("(a) an attempt is counted before the work it guards", () => {
  it(
    "checks at most five of twenty PINs sent at the same instant from one address",
    async () => {
      await survivor();
      const now = new Date();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => checkPinSignIn({ signInName: NAME, pin: `90${String(i).padStart(4, "7")}` }, "198.51.100.20", now)),
      );
      const checked = statuses(results).filter((s) => s === 400).length;
      expect(checked).toBe(RULES.pinNameAddress.max);
      expect(statuses(results).filter((s) => s === 429)).toHaveLength(20 - RULES.pinNameAddress.max);
      // The hash ran only for the checked ones: one failed-sign-in event each.
      expect(await database().prisma.auditEvent.count({ where: { action: "signin.pin.failed" } })).toBe(RULES.pinNameAddress.max);
    },
    SLOW,
  );

  it("checks at most five of twenty codes sent at the same instant from one address", async () => {
    await survivor();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeemEnrolmentCode(`ZZZZ-ZZ${"23456789ABCDEFGHJKMN"[i]}2`, "198.51.100.21")));
    expect(statuses(results).filter((s) => s === 400)).toHaveLength(RULES.codeAddress.max);
    expect(await database().prisma.auditEvent.count({ where: { action: "enrolment-code.failed" } })).toBe(RULES.codeAddress.max);
  });
});

describe("(b) limits that rotating addresses cannot escape", () => {
  it("groups IPv6 addresses by /64 and reads IPv4-mapped IPv6 as IPv4", () => {
    expect(addressGroup("2001:db8:5:6::1")).toBe(addressGroup("2001:0db8:0005:0006:ffff:1:2:3"));
    expect(addressGroup("2001:db8:5:6::1")).not.toBe(addressGroup("2001:db8:5:7::1"));
    expect(addressGroup("::ffff:198.51.100.7")).toBe(addressGroup("198.51.100.7"));
    expect(addressGroup("unknown")).toBe("unknown");
  });

  it("locks a whole IPv6 /64 after five wrong codes, from whichever of its addresses they came", async () => {
    const { person, worker } = await survivor();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    for (let i = 1; i <= RULES.codeAddress.max; i++) {
      expect(await redeemEnrolmentCode("ZZZZ-ZZZ2", `2001:db8:5:6::${i}`)).toMatchObject({ ok: false, status: 400 });
    }
    expect(await redeemEnrolmentCode(code, "2001:db8:5:6:abcd::99")).toMatchObject({ ok: false, status: 429 });
    // The same client speaking IPv4 through a dual-stack socket is one client too.
    for (let i = 0; i < RULES.codeAddress.max; i++) await redeemEnrolmentCode("ZZZZ-ZZZ3", "::ffff:198.51.100.7");
    expect(await redeemEnrolmentCode(code, "198.51.100.7")).toMatchObject({ ok: false, status: 429 });
    expect((await redeemEnrolmentCode(code, "2001:db8:5:7::1")).ok).toBe(true);
  });

  it(
    "locks one /64 trying PINs for many names, after twenty",
    async () => {
      await survivor();
      for (let i = 0; i < RULES.pinAddress.max; i++) {
        expect(await checkPinSignIn({ signInName: `no-such-name-${i}`, pin: "000000" }, `2001:db8:9:9::${i + 1}`)).toMatchObject({ status: 400 });
      }
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "2001:db8:9:9::ffff")).toMatchObject({ ok: false, status: 429 });
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "2001:db8:9:a::1")).toMatchObject({ ok: true });
    },
    SLOW,
  );

  it(
    "slows codes across the whole service once a hundred have failed in the hour, and raises one alarm managers see",
    async () => {
      const { service } = await survivor();
      const now = new Date();
      const answers: number[] = [];
      for (let i = 0; i < RULES.codeService.free + 5; i++) {
        const result = await redeemEnrolmentCode("ZZZZ-ZZZ4", `203.0.113.${i % 250}`, new Date(now.getTime() + i));
        answers.push(result.ok ? 200 : result.status);
      }
      // Every address stayed under its own limit: only the service-wide one can refuse these.
      expect(answers.filter((s) => s === 400)).toHaveLength(RULES.codeService.free + 1);
      expect(answers.slice(RULES.codeService.free + 1)).toEqual([429, 429, 429, 429]);
      const later = await redeemEnrolmentCode("ZZZZ-ZZZ4", "192.0.2.200", new Date(now.getTime() + RULES.codeService.firstDelayMs + 1000));
      expect(later).toMatchObject({ status: 400 });

      expect(RULES.codeService.free + 2).toBeGreaterThan(ALARM_THRESHOLD);
      const alarms = await database().prisma.auditEvent.findMany({ where: { action: SIGN_IN_ALARM_ACTION } });
      expect(alarms).toHaveLength(1);
      const seenByManagers = await listAuditEvents(service.id);
      expect(seenByManagers.filter((e) => e.action === SIGN_IN_ALARM_ACTION)).toHaveLength(1);
    },
    SLOW,
  );
});

describe("(c) someone who knows her sign-in name cannot keep her locked out", () => {
  it(
    "locks a name only for the address the wrong PINs came from",
    async () => {
      const { person } = await survivor();
      for (let i = 0; i < RULES.pinNameAddress.max; i++) await checkPinSignIn({ signInName: NAME, pin: "000000" }, "198.51.100.30");
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "198.51.100.30")).toMatchObject({ ok: false, status: 429 });
      // Her phone on mobile data is another address: it signs in at once.
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "2a00:23c5:1:2::7")).toEqual({ ok: true, personId: person.id });
    },
    SLOW,
  );

  it(
    "ends an address's lock after fifteen minutes",
    async () => {
      const { person } = await survivor();
      const now = new Date();
      for (let i = 0; i < RULES.pinNameAddress.max; i++) await checkPinSignIn({ signInName: NAME, pin: "000000" }, "198.51.100.31", now);
      const after = new Date(now.getTime() + RULES.pinNameAddress.lockMs + 1000);
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "198.51.100.31", after)).toEqual({ ok: true, personId: person.id });
    },
    SLOW,
  );

  it(
    "slows wrong PINs from many addresses without locking the name: she gets in at the next free turn",
    async () => {
      const { person } = await survivor();
      const now = new Date();
      const attacker: number[] = [];
      for (let i = 0; i < 30; i++) {
        const result = await checkPinSignIn({ signInName: NAME, pin: `1${String(i).padStart(5, "3")}` }, `2001:db8:${i + 1}::1`, now);
        attacker.push(result.ok ? 200 : result.status);
      }
      // The free tries, then one more that starts the slow-down; the rest were never checked.
      expect(attacker.filter((s) => s === 400)).toHaveLength(RULES.pinName.free + 1);
      expect(attacker.filter((s) => s === 429)).toHaveLength(30 - RULES.pinName.free - 1);
      const refused = await checkPinSignIn({ signInName: NAME, pin: PIN }, "198.51.100.40", now);
      expect(refused).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/Wait a minute.*passkey/) });
      const nextTurn = new Date(now.getTime() + RULES.pinName.firstDelayMs + 1000);
      expect(await checkPinSignIn({ signInName: NAME, pin: PIN }, "198.51.100.40", nextTurn)).toEqual({ ok: true, personId: person.id });
    },
    SLOW,
  );

  it(
    "answers a name that exists and one that does not alike, locked and slowed",
    async () => {
      await survivor();
      const run = async (name: string, net: number) => {
        const answers: string[] = [];
        for (let i = 0; i < 7; i++) {
          const r = await checkPinSignIn({ signInName: name, pin: "000000" }, "198.51.100.50");
          answers.push(r.ok ? "ok" : `${r.status} ${r.error}`);
        }
        for (let i = 0; i < 12; i++) {
          const r = await checkPinSignIn({ signInName: name, pin: "000000" }, `2001:db8:${net}:${i}::1`);
          answers.push(r.ok ? "ok" : `${r.status} ${r.error}`);
        }
        return answers;
      };
      const real = await run(NAME, 100);
      const unknown = await run("plain-maple-orbit-tenant", 200);
      expect(real).toEqual(unknown);
      expect(real).toContain(`429 Too many tries. Wait 15 minutes, or ask your worker for a new code.`);
      expect(real.some((a) => a.startsWith("429 Too many tries with this sign-in name"))).toBe(true);
    },
    SLOW,
  );
});

describe("(f) tries at an old code do not block the new one", () => {
  it("lets the new code work after the old one was tried five times from several addresses", async () => {
    const { person, worker } = await survivor();
    const old = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    const fresh = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    for (let i = 0; i < RULES.codeAddress.max; i++) await redeemEnrolmentCode(old.code, `198.51.100.${60 + i}`);
    expect(await redeemEnrolmentCode(fresh.code, "198.51.100.70")).toMatchObject({ ok: true, principal: { personId: person.id } });
  });

  it("clears a person's code lock left from before when a new code is issued", async () => {
    const { person, worker } = await survivor();
    await database().prisma.rateLimit.create({
      data: { key: `code:person:${person.id}`, failures: 5, lockedUntil: new Date(Date.now() + 3_600_000) },
    });
    await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    expect(await database().prisma.rateLimit.count({ where: { key: `code:person:${person.id}` } })).toBe(0);
  });

  it("answers a used code and a code that never existed the same, however often they are tried", async () => {
    const { person, worker } = await survivor();
    const { code } = await issueEnrolmentCode({ personId: person.id }, { issuedById: worker.id });
    expect((await redeemEnrolmentCode(code, "198.51.100.80")).ok).toBe(true);
    await database().prisma.enrolmentCode.updateMany({ where: { personId: person.id }, data: { usedAt: new Date() } });
    const tryMany = async (typed: string, net: number) => {
      const answers: string[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await redeemEnrolmentCode(typed, `2001:db8:${net}:${i}::1`);
        answers.push(r.ok ? "ok" : `${r.status} ${r.error}`);
      }
      return answers;
    };
    const used = await tryMany(code, 300);
    const never = await tryMany("ZZZZ-ZZZ5", 400);
    expect(used).toEqual(never);
    expect(new Set(used).size).toBe(1);
  });
});
