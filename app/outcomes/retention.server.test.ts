/**
 * Retention keeps outcome data: the report over a fixed service is the same before and after
 * everyone whose involvement ended is anonymised (docs/decisions/030-outcome-data-outlives-its-words.md).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { setDatabase } from "../db.server";
import { anonymiseDuePeople } from "../retention/anonymise.server";
import { buildOutcomeWorld, OUTCOME_PERIOD, type OutcomeWorld } from "../../tests/fixtures/outcomes";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { outcomeReport, type ReportFilters } from "./report.server";

let database: TestDatabase;
let world: OutcomeWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  world = await buildOutcomeWorld(database.prisma);
}, 60_000);
afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

it("gives the same report, for the service and for an area, after retention anonymised everyone due", async () => {
  const filters = (areaId: string | null): ReportFilters => ({ ...OUTCOME_PERIOD, areaId, group: null, referralSource: null, ageBand: null });
  const options = { serviceId: world.serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 };
  const before = [await outcomeReport(filters(null), options), await outcomeReport(filters(world.northId), options)];

  // Everyone whose involvement ended (every South survivor, most of the North) is due ten years on.
  const run = await anonymiseDuePeople({ now: new Date("2036-01-01T12:00:00Z") });
  const anonymised = run.services.find((s) => s.serviceId === world.serviceId)?.anonymised ?? 0;
  expect(anonymised).toBe(20 + 6 + 7);

  const after = [await outcomeReport(filters(null), options), await outcomeReport(filters(world.northId), options)];
  expect(after).toEqual(before);
});
