/**
 * Counts of the people supported that staff see in aggregate pass through the one suppression
 * module: the managers' dashboard and the areas on the organisation page show 1 to 4 as "<5".
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { setDatabase } from "../db.server";
import { createArea, createFamilies, createPeople, createService } from "../../tests/fixtures/factory";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { exactServiceCounts, serviceCounts } from "./dashboard.server";
import { loadOrganisation } from "./organisation.server";

let database: TestDatabase;
let serviceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  const prisma = database.prisma;
  const service = await createService(prisma, { smallNumberThreshold: 4 });
  serviceId = service.id;
  const north = await createArea(prisma, { serviceId, name: "North" });
  const south = await createArea(prisma, { serviceId, name: "South" });
  // Six open families (three in each area), a survivor in each; two young people in the North.
  const families = await createFamilies(
    prisma,
    Array.from({ length: 6 }, (_, i) => ({ serviceId, areaId: i < 3 ? north.id : south.id, reference: `D-${i}` })),
  );
  await createPeople(prisma, [
    ...families.map((family) => ({ family, kind: "ADULT_SURVIVOR" as const })),
    ...families.slice(0, 2).map((family) => ({ family, kind: "YOUNG_PERSON" as const })),
  ]);
}, 60_000);
afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

it("shows the managers' dashboard counts with 1 to 4 as '<5'", async () => {
  expect(await exactServiceCounts(serviceId)).toEqual({ openFamilies: 6, closedFamilies: 0, adultSurvivors: 6, harmfulBehaviour: 0, youngPeople: 2 });
  expect(await serviceCounts(serviceId)).toEqual({
    openFamilies: { kind: "count", n: 6 },
    closedFamilies: { kind: "count", n: 0 },
    adultSurvivors: { kind: "count", n: 6 },
    harmfulBehaviour: { kind: "count", n: 0 },
    youngPeople: { kind: "small", below: 5 },
  });
});

it("shows each area's families with 1 to 4 as '<5'", async () => {
  const organisation = await loadOrganisation(serviceId);
  expect(organisation.areas.map((a) => [a.name, a.families])).toEqual([
    ["North", "<5"],
    ["South", "<5"],
  ]);
});
