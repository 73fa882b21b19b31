/**
 * Importing past forms: a good file is written whole and counts in the report; a file with bad
 * rows is refused whole, every bad row named, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "../db.server";
import { createArea, createService, publishDefinitions } from "../../tests/fixtures/factory";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { importHistoricalForms } from "./import.server";
import { outcomeReport } from "./report.server";

let database: TestDatabase;
let serviceId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  const service = await createService(database.prisma);
  serviceId = service.id;
  await createArea(database.prisma, { serviceId, name: "North" });
  await publishDefinitions(database.prisma);
}, 60_000);
afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

const header =
  "family,person,group,area,gender,ethnic_group,disability,employment,referral_source,consent,support_started,support_ended,stage,form,form_date,abuse-physical,felt-safer";

async function counts() {
  const prisma = database.prisma;
  return { people: await prisma.person.count(), responses: await prisma.questionnaireResponse.count(), answers: await prisma.answer.count() };
}

describe("importing past forms", () => {
  it("refuses a file with bad rows whole, naming each, and writes nothing", async () => {
    const before = await counts();
    const csv = [
      header,
      "OLD-1,a,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,intake,adult-intake,2019-01-15,yes,",
      "OLD-2,b,adult-survivor,Atlantis,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,intake,adult-intake,2019-01-15,perhaps,",
      "OLD-3,c,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-02-30,2019-09-30,exit,adult-exit,2019-09-20,no,agree",
      "OLD-1,a,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,intake,adult-intake,2019-01-16,no,",
      "OLD-4,d,young-person,North,,,,,,no,2019-01-10,2019-09-30,exit,adult-exit,2019-09-20,,",
    ].join("\n");
    const result = await importHistoricalForms(serviceId, DEFAULT_TIME_ZONE, csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problems = result.problems.map((p) => `${p.row}: ${p.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3: area "Atlantis" is not one of the service's areas/),
        expect.stringMatching(/^3: abuse-physical: /),
        expect.stringMatching(/^4: support_started must be a date/),
        expect.stringMatching(/^5: a second intake form for the same person/),
        expect.stringMatching(/^6: form "adult-exit" is not for the group young-person/),
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses a missing column and a written answer", async () => {
    const noStage = await importHistoricalForms(serviceId, DEFAULT_TIME_ZONE, "family,person\nX,1\n");
    expect(noStage.ok ? [] : noStage.problems.map((p) => p.problem)).toContain('The column "stage" is missing.');
    const written = await importHistoricalForms(
      serviceId,
      DEFAULT_TIME_ZONE,
      `${header},biggest-difference\nOLD-9,a,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,exit,adult-exit,2019-09-20,no,agree,my words\n`,
    );
    expect(written.ok ? [] : written.problems.map((p) => p.problem)).toContain('column "biggest-difference" is a written answer, which is not imported');
  });

  it("imports a good file whole, and the report counts it", async () => {
    const csv = [
      header,
      ...Array.from({ length: 12 }, (_, i) => [
        `OLD-${i},p,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,intake,adult-intake,2019-01-15,yes,`,
        `OLD-${i},p,adult-survivor,North,FEMALE,WHITE,no,,POLICE,yes,2019-01-10,2019-09-30,exit,adult-exit,2019-09-20,${i < 6 ? "no" : "yes"},${i < 7 ? "agree" : "disagree"}`,
      ]).flat(),
    ].join("\n");
    const result = await importHistoricalForms(serviceId, DEFAULT_TIME_ZONE, csv);
    expect(result).toEqual({ ok: true, people: 12, forms: 24, answers: 36 });
    const report = await outcomeReport(
      { from: "2019-01-01", to: "2019-12-31", areaId: null, group: null, referralSource: null, ageBand: null },
      { serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 },
    );
    const line = (key: string) => report.sections.flatMap((s) => s.lines).find((l) => l.key === key);
    expect(line("s.people")?.count).toEqual({ kind: "count", n: 12 });
    expect(line("s.ceased-physical")?.percent).toMatchObject({ kind: "percent", percent: 50, k: 6, n: 12 });
    expect(line("s.safer")?.percent).toMatchObject({ kind: "percent", percent: 58, k: 7, n: 12 });
  });
});
