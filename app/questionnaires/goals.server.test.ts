/**
 * Goal-based outcomes: at most three open goals, titles sealed, ratings 0–10 only for the person's
 * own open goals; anything else writes nothing.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { openOptional } from "~/crypto/sealed.server";
import type { Person, StaffMember } from "~/generated/prisma/client";
import { allocate, createPerson } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { personViewer, staffViewer, thrownStatus } from "../../tests/support/viewers";
import { addGoal, closeGoal, goalSchema, loadGoalsForStaff, loadOwnGoals, MAX_OPEN_GOALS, rateGoalsAsWorker, rateOwnGoals } from "./goals.server";

const database = useAppDatabase();
const prisma = () => database().prisma;

let survivor: Person;
let partner: Person;
let worker: StaffMember;
let otherWorker: StaffMember;

beforeEach(async () => {
  const { service, family } = await familyInService(prisma());
  survivor = await createPerson(prisma(), { family, kind: "ADULT_SURVIVOR" });
  partner = await createPerson(prisma(), { family, kind: "HARMFUL_BEHAVIOUR" });
  worker = await workerIn(prisma(), service.id, "ADULT_SURVIVOR_ADVOCATE");
  otherWorker = await workerIn(prisma(), service.id, "BEHAVIOUR_CHANGE_WORKER");
  await allocate(prisma(), { personId: survivor.id, staffId: worker.id });
  await allocate(prisma(), { personId: partner.id, staffId: otherWorker.id });
});

async function goalRows() {
  const goals = await prisma().goal.findMany({ orderBy: { createdAt: "asc" }, include: { ratings: { orderBy: { ratedAt: "asc" } } } });
  return goals.map((g) => ({ ...g, titleCipher: Buffer.from(g.titleCipher ?? new Uint8Array()).toString("hex") }));
}

async function add(title: string, as = worker, personId = survivor.id) {
  return addGoal(staffViewer(as), personId, goalSchema.parse({ title }));
}

describe("goals", () => {
  it("keeps at most three open goals, titles sealed", async () => {
    const titles = ["Sleep through the night most days", "Open a bank account of my own", "Walk the children to school"];
    for (const title of titles) expect(await add(title)).toEqual({ ok: true });
    const before = await goalRows();
    expect(await add("Join the Tuesday group")).toEqual({ ok: false, fields: { title: `They already have ${MAX_OPEN_GOALS} goals: close one first` } });
    expect(await goalRows()).toEqual(before);

    const rows = await prisma().goal.findMany({ where: { personId: survivor.id }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(3);
    for (const [index, row] of rows.entries()) {
      const title = titles[index] ?? "";
      const longest = title.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
      expect(longest.length).toBeGreaterThan(5);
      expect(Buffer.from(row.titleCipher ?? new Uint8Array()).includes(Buffer.from(longest))).toBe(false);
      expect(openOptional(row.titleCipher, row.keyId, "goal-title")).toBe(title);
    }
    expect((await loadOwnGoals(personViewer(survivor))).map((g) => g.title)).toEqual(titles);
    expect((await loadGoalsForStaff(staffViewer(worker), survivor.id)).goals.map((g) => g.title)).toEqual(titles);

    // Closing one makes room for another.
    await closeGoal(staffViewer(worker), survivor.id, rows[0]?.id ?? "");
    expect(await add("Join the Tuesday group")).toEqual({ ok: true });
    expect((await loadOwnGoals(personViewer(survivor))).map((g) => g.title)).toEqual([...titles.slice(1), "Join the Tuesday group"]);
  });

  it("goals added at the same moment (two workers, a double click) still leave at most three open", async () => {
    // A race, so tried on several people: each has two goals, then three are added at once.
    const family = await prisma().family.findUniqueOrThrow({ where: { id: survivor.familyId } });
    const openCounts: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const person = await createPerson(prisma(), { family, kind: "ADULT_SURVIVOR" });
      await allocate(prisma(), { personId: person.id, staffId: worker.id });
      await add("Sleep through the night most days", worker, person.id);
      await add("Open a bank account of my own", worker, person.id);
      await Promise.all([
        add("Walk the children to school", worker, person.id),
        add("Join the Tuesday group", worker, person.id),
        add("See my sister every week", worker, person.id),
      ]);
      openCounts.push(await prisma().goal.count({ where: { personId: person.id, closedAt: null } }));
    }
    expect(openCounts).toEqual([3, 3, 3, 3, 3]);
  });

  it("the goal schema asks for a few words, at most 200 characters", () => {
    expect(goalSchema.safeParse({ title: "  ab " }).success).toBe(false);
    expect(goalSchema.safeParse({ title: "x".repeat(201) }).success).toBe(false);
    expect(goalSchema.parse({ title: "  Sleep well  " })).toEqual({ title: "Sleep well" });
  });

  it("rates only the person's own open goals, 0 to 10; anything else writes nothing", async () => {
    await add("Sleep through the night most days");
    await add("Open a bank account of my own");
    await add("Ring my sister", otherWorker, partner.id);
    const [first, second, theirs] = await prisma().goal.findMany({ orderBy: { createdAt: "asc" } });
    if (!first || !second || !theirs) throw new Error("goals missing");
    const me = personViewer(survivor);

    expect(await rateOwnGoals(me, { intent: "rate", [`goal-${first.id}`]: "0", [`goal-${second.id}`]: "10" })).toEqual({ ok: true, rated: 2 });
    // An empty box is skipped.
    expect(await rateOwnGoals(me, { [`goal-${first.id}`]: "7", [`goal-${second.id}`]: "" })).toEqual({ ok: true, rated: 1 });
    const rated = await goalRows();
    expect(rated.flatMap((g) => g.ratings.map((r) => [g.id, r.score, r.ratedBy]))).toEqual([
      [first.id, 0, "PERSON"],
      [first.id, 7, "PERSON"],
      [second.id, 10, "PERSON"],
    ]);
    expect((await loadOwnGoals(me)).map((g) => g.latest?.score)).toEqual([7, 10]);

    await closeGoal(staffViewer(worker), survivor.id, second.id);
    const before = await goalRows();
    const bad: Record<string, string | string[]>[] = [
      { [`goal-${first.id}`]: "11" },
      { [`goal-${first.id}`]: "-1" },
      { [`goal-${first.id}`]: "5.5" },
      { [`goal-${first.id}`]: "seven" },
      { [`goal-${first.id}`]: " 7" },
      { [`goal-${first.id}`]: "07" },
      { [`goal-${first.id}`]: ["3", "4"] },
      // A good rating beside a bad one is not saved either.
      { [`goal-${first.id}`]: "5", [`goal-${theirs.id}`]: "5" },
      { [`goal-${first.id}`]: "5", [`goal-${second.id}`]: "5" },
      { [`goal-${first.id}`]: "5", "goal-": "5" },
      { [`goal-${first.id}`]: "5", [first.id]: "5" },
      { [`goal-${first.id}`]: "5", made_up: "x" },
      {},
      { intent: "rate" },
      { [`goal-${first.id}`]: "" },
    ];
    for (const form of bad) {
      const result = await rateOwnGoals(me, form);
      expect(result.ok, JSON.stringify(form)).toBe(false);
      expect(await goalRows(), JSON.stringify(form)).toEqual(before);
    }
    // The other person's goal, rated by them, is theirs alone.
    expect(await rateOwnGoals(personViewer(partner), { [`goal-${first.id}`]: "5" })).toMatchObject({ ok: false });
    expect(await rateOwnGoals(personViewer(partner), { [`goal-${theirs.id}`]: "4" })).toEqual({ ok: true, rated: 1 });
    expect((await loadOwnGoals(personViewer(partner))).map((g) => g.title)).toEqual(["Ring my sister"]);
  });

  it("a worker records ratings for the people they work with only; anyone else is a 404 and writes nothing", async () => {
    await add("Sleep through the night most days");
    const goal = await prisma().goal.findFirstOrThrow({ where: { personId: survivor.id } });
    expect(await rateGoalsAsWorker(staffViewer(worker), survivor.id, { [`goal-${goal.id}`]: "6" })).toEqual({ ok: true, rated: 1 });
    expect((await prisma().goalRating.findFirstOrThrow({ where: { goalId: goal.id } })).ratedBy).toBe("WORKER");

    const before = await goalRows();
    const stranger = staffViewer(otherWorker);
    expect(await thrownStatus(() => rateGoalsAsWorker(stranger, survivor.id, { [`goal-${goal.id}`]: "2" }))).toBe(404);
    expect(await thrownStatus(() => addGoal(stranger, survivor.id, { title: "Something else" }))).toBe(404);
    expect(await thrownStatus(() => closeGoal(stranger, survivor.id, goal.id))).toBe(404);
    expect(await thrownStatus(() => loadGoalsForStaff(stranger, survivor.id))).toBe(404);
    // Their own person's address with the survivor's goal: not one of that person's goals.
    expect(await rateGoalsAsWorker(stranger, partner.id, { [`goal-${goal.id}`]: "2" })).toMatchObject({ ok: false });
    expect(await thrownStatus(() => closeGoal(stranger, partner.id, goal.id))).toBe(404);
    expect(await goalRows()).toEqual(before);
  });
});
