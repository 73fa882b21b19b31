import { afterAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";
import { newSecretId } from "../../app/auth/secret-id.server.ts";

// Runs on whichever backend the environment selects: PGlite by default,
// a PostgreSQL server with TEST_DATABASE_URL=postgresql://…
const backend = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

describe(`createTestDatabase (${backend})`, () => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
  });

  test("gives a migrated database, and two calls give two isolated databases", async () => {
    const first = await createTestDatabase();
    opened.push(first);
    const second = await createTestDatabase();
    opened.push(second);

    if (backend === "postgres") {
      expect(first.url).toMatch(/^postgres(ql)?:\/\//);
      expect(second.url).not.toBe(first.url);
    } else {
      expect(first.url).toBeNull();
    }

    const migrations = await first.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(migrations[0]?.n).toBeGreaterThanOrEqual(2);

    await first.prisma.service.create({ data: { name: "Only in the first" } });
    expect(await first.prisma.service.count()).toBe(1);
    expect(await second.prisma.service.count()).toBe(0);

    await second.prisma.service.create({ data: { name: "Only in the second" } });
    const names = async (db: TestDatabase) => (await db.prisma.service.findMany({ select: { name: true } })).map((s) => s.name);
    expect(await names(first)).toEqual(["Only in the first"]);
    expect(await names(second)).toEqual(["Only in the second"]);
  });

  test("a fresh database holds the integrity rules of the migrations", async () => {
    const db = await createTestDatabase();
    opened.push(db);
    const service = await db.prisma.service.create({ data: { name: "Rules" } });
    const staff = await db.prisma.staffMember.create({
      data: { serviceId: service.id, displayName: "Sam", email: "sam@example.org", role: "WORKER" },
    });
    // A session with neither a person nor a staff member breaks "exactly one owner".
    await expect(
      db.prisma.session.create({ data: { id: newSecretId(), method: "passkey", deviceKind: "phone", expiresAt: new Date(Date.now() + 3_600_000) } }),
    ).rejects.toThrow(/Session_exactly_one_owner/);
    await db.prisma.session.create({
      data: { id: newSecretId(), staffId: staff.id, method: "passkey", deviceKind: "phone", expiresAt: new Date(Date.now() + 3_600_000) },
    });
    expect(await db.prisma.session.count()).toBe(1);
  });

  test("close is idempotent", async () => {
    const db = await createTestDatabase();
    await db.close();
    await db.close();
  });
});
