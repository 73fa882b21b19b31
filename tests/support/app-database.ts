import { afterEach, beforeEach } from "vitest";
import { setDatabase } from "../../app/db.server";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * For tests of domain code that queries through `db()`: a fresh migrated database for each test,
 * installed as the app's database. Returns a getter for the test's own handle.
 */
export function useAppDatabase(): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await createTestDatabase();
    setDatabase({ kind: "external", prisma: current.prisma, close: current.close });
  });
  afterEach(async () => {
    setDatabase(undefined);
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("useAppDatabase: no database outside a test");
    return current;
  };
}
