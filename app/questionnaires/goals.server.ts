import { z } from "zod";
import { auditChange, findPersonForStaff, requirePersonForStaff } from "~/auth/policy.server";
import type { PersonViewer, StaffViewer } from "~/auth/session.server";
import { openOptional, seal } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { text } from "~/forms/fields";
import type { Outcome } from "~/forms/parse";

/**
 * What a goal is called once retention has removed its words: the goal and its ratings stay as
 * de-identified outcome data (docs/outcomes.md), the title does not.
 */
export const GOAL_WORDS_REMOVED = "A goal (its words were removed when the record was anonymised)";

/**
 * Goal-based outcomes: up to three goals a person agrees with their worker, in their own words,
 * each rated 0 (not started) to 10 (reached) as they go. The method has no fixed items, so
 * nothing here is anyone's licensed wording. Goal titles are free text and stored sealed.
 */
export const MAX_OPEN_GOALS = 3;

export const goalSchema = z.object({ title: text({ max: 200, min: 3, required: "Write the goal in a few words" }) });

const score = z
  .string()
  .regex(/^(10|[0-9])$/, "Choose a number from 0 to 10")
  .transform(Number);

function goalsOf(personId: string) {
  return db().goal.findMany({
    where: { personId, closedAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, titleCipher: true, keyId: true, ratings: { orderBy: { ratedAt: "desc" }, take: 1, select: { score: true, ratedAt: true } } },
  });
}

function shown(goals: Awaited<ReturnType<typeof goalsOf>>) {
  return goals.map((g) => ({
    id: g.id,
    title: openOptional(g.titleCipher, g.keyId, "goal-title") ?? GOAL_WORDS_REMOVED,
    latest: g.ratings[0] ? { score: g.ratings[0].score, at: g.ratings[0].ratedAt.toISOString() } : null,
  }));
}

export async function loadGoalsForStaff(viewer: StaffViewer, personId: string) {
  const person = await requirePersonForStaff(viewer, personId, { action: "goals.read", reasonCode: "casework" });
  return { person: { id: person.id, name: `${person.firstName} ${person.lastName}` }, goals: shown(await goalsOf(person.id)) };
}

export async function addGoal(viewer: StaffViewer, personId: string, input: z.output<typeof goalSchema>): Promise<Outcome> {
  const person = await findPersonForStaff(viewer, personId);
  const sealed = seal(input.title, "goal-title");
  return db().$transaction(async (tx): Promise<Outcome> => {
    // The person's row lock makes "count, then add" one step: two workers adding at once cannot
    // take someone past three goals.
    await tx.$queryRaw`SELECT "id" FROM "Person" WHERE "id" = ${person.id} FOR UPDATE`;
    if ((await tx.goal.count({ where: { personId: person.id, closedAt: null } })) >= MAX_OPEN_GOALS) {
      return { ok: false, fields: { title: `They already have ${MAX_OPEN_GOALS} goals: close one first` } };
    }
    const goal = await tx.goal.create({ data: { personId: person.id, titleCipher: sealed.cipher, keyId: sealed.keyId }, select: { id: true } });
    await auditChange(viewer, person.id, "goals.add", tx, { goalId: goal.id });
    return { ok: true };
  });
}

export async function closeGoal(viewer: StaffViewer, personId: string, goalId: string) {
  const person = await findPersonForStaff(viewer, personId);
  const closed = await db().$transaction(async (tx) => {
    const { count } = await tx.goal.updateMany({ where: { id: goalId, personId: person.id, closedAt: null }, data: { closedAt: new Date() } });
    if (count === 1) await auditChange(viewer, person.id, "goals.close", tx, { goalId });
    return count === 1;
  });
  if (!closed) throw new Response("Not found", { status: 404 });
}

/**
 * Ratings for each open goal, from the person or recorded by the worker in a session. Every
 * field must be one of this person's open goals with a score 0–10; anything else writes nothing.
 */
async function rate(
  personId: string,
  form: Record<string, string | string[]>,
  ratedBy: "PERSON" | "WORKER",
  afterWrite?: (tx: Prisma.TransactionClient, rated: number) => Promise<unknown>,
): Promise<Outcome<{ rated: number }>> {
  const goals = await db().goal.findMany({ where: { personId, closedAt: null }, select: { id: true } });
  const fields: Record<string, string> = {};
  const ratings: { goalId: string; score: number }[] = [];
  for (const [name, value] of Object.entries(form)) {
    if (name === "intent") continue;
    const goalId = name.startsWith("goal-") ? name.slice(5) : "";
    if (!goals.some((g) => g.id === goalId)) {
      fields[name] = "This is not one of the goals.";
      continue;
    }
    if (value === "" || value === undefined) continue;
    const parsed = score.safeParse(value);
    if (!parsed.success) fields[name] = "Choose a number from 0 to 10";
    else ratings.push({ goalId, score: parsed.data });
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  if (ratings.length === 0) return { ok: false, fields: { form: "Choose a number for at least one goal" } };
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.goalRating.createMany({ data: ratings.map((r) => ({ ...r, ratedBy, ratedAt: now })) });
    await afterWrite?.(tx, ratings.length);
  });
  return { ok: true, rated: ratings.length };
}

export async function rateGoalsAsWorker(viewer: StaffViewer, personId: string, form: Record<string, string | string[]>) {
  const person = await findPersonForStaff(viewer, personId);
  return rate(person.id, form, "WORKER", (tx, rated) => auditChange(viewer, person.id, "goals.rated", tx, { rated }));
}

export async function loadOwnGoals(viewer: PersonViewer) {
  return shown(await goalsOf(viewer.person.id));
}

export async function rateOwnGoals(viewer: PersonViewer, form: Record<string, string | string[]>) {
  return rate(viewer.person.id, form, "PERSON");
}
