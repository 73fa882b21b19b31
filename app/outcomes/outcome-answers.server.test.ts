/**
 * "OutcomeAnswers", the typed per-person facts the report reads, is kept by the database
 * (decision 038): these tests check that the functions installed by the migrations are the ones
 * app/outcomes/facts-sql.ts writes from FACTS, that every row equals a fresh computation after the
 * fixture's writes, and that a merge and a form moved between records keep the report right.
 */
import { describe, expect, it } from "vitest";
import { mergeSteps } from "../person-data/register.server";
import { OUTCOME_PERIOD, useOutcomeWorld } from "../../tests/fixtures/outcomes";
import { createPeople, createResponses } from "../../tests/fixtures/factory";
import { DEFAULT_TIME_ZONE } from "../time/zone";
import { factFunctionBodies } from "./facts-sql";
import { outcomeReport, type OutcomeReport, type ReportFilters } from "./report.server";

const fixture = useOutcomeWorld();

type Row = {
  personId: string;
  intakeResponseId: string | null;
  exitResponseId: string | null;
  flags: boolean[] | null;
  numbers: (number | null)[] | null;
  choices: (string | null)[] | null;
};
const rows = () => fixture.database.prisma.$queryRawUnsafe<Row[]>(`SELECT * FROM "OutcomeAnswers" ORDER BY "personId"`);

const filters: ReportFilters = { ...OUTCOME_PERIOD, areaId: null, group: null, referralSource: null, ageBand: null };
const report = () => outcomeReport(filters, { serviceId: fixture.world.serviceId, zone: DEFAULT_TIME_ZONE, threshold: 4 }, fixture.database.prisma);
const line = (r: OutcomeReport, key: string) => r.sections.flatMap((s) => s.lines).find((l) => l.key === key);

describe("the facts the database keeps", () => {
  it("are computed by the functions FACTS describes (a changed fact needs a migration: npx tsx scripts/outcome-facts-sql.ts)", async () => {
    for (const { name, body } of factFunctionBodies()) {
      const installed = await fixture.database.prisma.$queryRawUnsafe<{ prosrc: string }[]>(`SELECT prosrc FROM pg_proc WHERE proname = $1`, name);
      expect(
        installed.map((f) => f.prosrc),
        name,
      ).toEqual([body]);
    }
  });

  it("equal a fresh computation of every person after the fixture's submits", async () => {
    const kept = await rows();
    expect(kept.filter((r) => r.exitResponseId !== null).length).toBe(15 + 6 + 7);
    const fresh = await fixture.database.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE "OutcomeAnswers" SET flags = NULL, numbers = NULL, choices = NULL, "intakeResponseId" = NULL, "exitResponseId" = NULL`,
      );
      await tx.$executeRawUnsafe(`SELECT waypoint_refresh_outcome_answers(ARRAY(SELECT "personId" FROM "OutcomeAnswers"), true)`);
      return tx.$queryRawUnsafe<Row[]>(`SELECT * FROM "OutcomeAnswers" ORDER BY "personId"`);
    });
    expect(fresh).toEqual(kept);
  });

  it("follow a form moved to another record and back by a merge, and the report with them", async () => {
    const before = await report();
    expect(line(before, "s.exit-forms")?.count).toEqual({ kind: "count", n: 22 });
    const keepId = fixture.world.survivorIds[3] ?? "";
    const family = await fixture.database.prisma.person.findUniqueOrThrow({ where: { id: keepId }, select: { familyId: true, serviceId: true } });
    await createPeople(fixture.database.prisma, [
      {
        id: "north-survivor-3-again",
        family: { id: family.familyId, serviceId: family.serviceId },
        kind: "ADULT_SURVIVOR",
        consentMonitoring: true,
        gender: "FEMALE",
        involvementStartedAt: new Date("2024-06-01T11:00:00Z"),
        involvementEndedAt: new Date("2025-06-15T11:00:00Z"),
      },
    ]);
    // The exit form recorded on the duplicate record: the survivor kept has an intake form only.
    await fixture.database.prisma.questionnaireResponse.updateMany({
      where: { personId: keepId, stage: "EXIT" },
      data: { personId: "north-survivor-3-again" },
    });
    const moved = await report();
    expect(line(moved, "s.exit-forms")?.count).toEqual({ kind: "count", n: 22 });
    expect(line(moved, "s.safer")?.of?.count).toEqual({ kind: "count", n: 14 });

    // The merge moves every form back to the record kept, in its one transaction.
    await fixture.database.prisma.$transaction(async (tx) => {
      for (const step of mergeSteps()) await step.run(tx, { keepId, duplicateId: "north-survivor-3-again", now: new Date("2025-07-01T12:00:00Z") });
      await tx.person.update({ where: { id: "north-survivor-3-again" }, data: { mergedIntoId: keepId, anonymisedAt: new Date("2025-07-01T12:00:00Z") } });
    });
    const duplicate = (await rows()).find((r) => r.personId === "north-survivor-3-again");
    expect(duplicate).toMatchObject({ intakeResponseId: null, exitResponseId: null, flags: null });
    expect(await report()).toEqual(before);
  });

  // Two connections at once exist only on a PostgreSQL server (the embedded database has one).
  it.skipIf(!process.env.TEST_DATABASE_URL)("keep both of two forms of one person committed at the same time", async () => {
    const prisma = fixture.database.prisma;
    const personId = fixture.world.survivorIds[20] ?? ""; // an intake form (10 June 2024), no exit form
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The first transaction sends an exit form and waits, holding the person's row.
    const first = prisma.$transaction(
      async (tx) => {
        await createResponses(tx, [
          {
            personId,
            definitionKey: "adult-exit",
            submittedAt: new Date("2025-06-01T11:00:00Z"),
            alerts: "none",
            answers: { "safe-at-home-now": "yes", "felt-safer": "agree" },
          },
        ]);
        await gate;
      },
      { timeout: 30_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The second imports an earlier intake form for the same person: its refresh must wait for the first.
    const second = prisma.$transaction(
      (tx) =>
        createResponses(tx, [
          {
            personId,
            definitionKey: "adult-intake",
            submittedAt: new Date("2024-06-01T11:00:00Z"),
            alerts: "none",
            answers: { "safe-at-home-now": "yes", "abuse-physical": "yes" },
          },
        ]),
      { timeout: 30_000 },
    );
    // Release the first only once the second is seen waiting for a lock.
    for (let i = 0; i < 200; i++) {
      const waiting = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((waiting[0]?.n ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    release();
    await Promise.all([first, second]);
    const row = (await rows()).find((r) => r.personId === personId);
    const forms = await prisma.questionnaireResponse.findMany({ where: { personId }, orderBy: { submittedAt: "asc" }, select: { id: true, stage: true } });
    expect(forms.map((f) => f.stage)).toEqual(["INTAKE", "INTAKE", "EXIT"]);
    expect(row?.intakeResponseId).toBe(forms[0]?.id);
    expect(row?.exitResponseId).toBe(forms[2]?.id);
  });
});
