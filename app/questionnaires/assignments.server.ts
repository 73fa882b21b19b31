import type { StaffViewer } from "~/auth/session.server";
import { auditChange, findPersonForStaff } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { PersonKind, Prisma, PrismaClient, QuestionnaireStage, RuleTrigger } from "~/generated/prisma/client";
import { addLocalDays, calendarDate, startOfLocalDay, wholeLocalPeriods } from "~/time/calendar";
import { serviceTimeZone, zoneOrDefault } from "~/time/service-zone.server";

type Tx = Prisma.TransactionClient;

/**
 * Takes the row lock of one person's assignment for the rest of the transaction; false when the
 * person has no such assignment (nothing is locked). Saving a page, sending, discarding and the
 * worker's part all take it first, so on a PostgreSQL server they happen one after another: an
 * answer saved a moment before sending is in what is sent, and a page saved a moment after is
 * told the questionnaire was sent (never shown "Saved" for an answer that was not).
 */
export async function lockAssignment(tx: Tx, assignmentId: string, personId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT "id" FROM "QuestionnaireAssignment" WHERE "id" = ${assignmentId} AND "personId" = ${personId} FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Which questionnaire definitions a service has switched on, as the newest published version of
 * each key. A service switches a questionnaire on by key: a new version published later is what
 * new assignments get, while answers keep the version they were given against.
 */
export async function enabledDefinitions(client: PrismaClient | Tx, serviceId: string) {
  const enabled = await client.serviceQuestionnaire.findMany({
    where: { serviceId },
    select: { definition: { select: { key: true } } },
  });
  const keys = [...new Set(enabled.map((e) => e.definition.key))];
  if (keys.length === 0) return [];
  const rows = await client.questionnaireDefinition.findMany({
    where: { key: { in: keys } },
    orderBy: [{ key: "asc" }, { version: "desc" }],
    distinct: ["key"],
    select: { id: true, key: true, version: true, title: true, audience: true, stage: true },
  });
  return rows;
}

/** The questionnaires a worker may assign to a person of `kind`: enabled in the service, for that kind or anyone. */
export async function assignableDefinitions(serviceId: string, kind: PersonKind) {
  return (await enabledDefinitions(db(), serviceId))
    .filter((d) => d.audience === null || d.audience === kind)
    .map((d) => ({ key: d.key, title: d.title, stage: d.stage }));
}

/**
 * Assignments a trigger makes for one person: the service's rules for that trigger and kind of
 * person; a service with no rule for the trigger gets every switched-on questionnaire of the
 * matching stage for that person (intake forms at intake, exit forms at closure), so closing a
 * case always asks the exit questions.
 */
export async function assignForTrigger(
  tx: Tx,
  person: { id: string; serviceId: string; kind: PersonKind },
  trigger: Exclude<RuleTrigger, "RECURRING">,
  options: { now: Date; assignedById: string | null },
) {
  const definitions = (await enabledDefinitions(tx, person.serviceId)).filter((d) => d.audience === null || d.audience === person.kind);
  const rules = await tx.questionnaireRule.findMany({
    where: { serviceId: person.serviceId, personKind: person.kind, trigger },
    select: { id: true, dueAfterDays: true, definition: { select: { key: true } } },
  });
  const stage: QuestionnaireStage = trigger === "AT_INTAKE" ? "INTAKE" : "EXIT";
  const plans =
    rules.length > 0
      ? rules.flatMap((rule) => {
          const definition = definitions.find((d) => d.key === rule.definition.key);
          return definition ? [{ definition, ruleId: rule.id, dueAfterDays: rule.dueAfterDays }] : [];
        })
      : definitions.filter((d) => d.stage === stage).map((definition) => ({ definition, ruleId: null, dueAfterDays: 14 }));
  // A questionnaire already waiting for the person is not assigned twice.
  const waiting = await tx.questionnaireAssignment.findMany({
    where: { personId: person.id, status: { in: ["ASSIGNED", "IN_PROGRESS"] }, definitionId: { in: plans.map((p) => p.definition.id) } },
    select: { definitionId: true },
  });
  const fresh = plans.filter((p) => !waiting.some((w) => w.definitionId === p.definition.id));
  if (fresh.length === 0) return [];
  // "Due after 14 days" is 14 days on the service's calendar, at the same clock time: across a clock
  // change that is 14 × 24 hours ± 1, and the due date is the day the person expects.
  const zone = await serviceTimeZone(tx, person.serviceId);
  await tx.questionnaireAssignment.createMany({
    data: fresh.map((p) => ({
      personId: person.id,
      definitionId: p.definition.id,
      stage: p.definition.stage,
      assignedById: options.assignedById,
      ruleId: p.ruleId,
      dueAt: addLocalDays(options.now, p.dueAfterDays, zone),
    })),
  });
  return fresh.map((p) => p.definition.key);
}

/**
 * The recurring rules ("every 14 days while the case is open"): for each open person of the rule's
 * kind, the occurrence due by now, unless they were already given this rule's questionnaire
 * since that occurrence began. The unique (rule, person, occurrence) makes this safe to run from
 * several app servers and again and again. A newer occurrence closes an older one that was never
 * started (one waiting check-in is enough); one with saved answers stays open.
 */
export async function applyRecurringRules(now: Date = new Date(), client: PrismaClient | Tx = db()) {
  const rules = await client.questionnaireRule.findMany({
    where: { trigger: "RECURRING", intervalDays: { gt: 0 } },
    select: {
      id: true,
      serviceId: true,
      personKind: true,
      intervalDays: true,
      dueAfterDays: true,
      definition: { select: { key: true } },
      service: { select: { timeZone: true } },
    },
  });
  let created = 0;
  for (const rule of rules) {
    // Occurrences are whole periods of local days from the start of involvement, each beginning at
    // the start's clock time in the service's zone, so "every 14 days" stays on the same weekday and
    // hour across the clock changes.
    const interval = rule.intervalDays ?? 0;
    const zone = zoneOrDefault(rule.service.timeZone);
    const definition = (await enabledDefinitions(client, rule.serviceId)).find((d) => d.key === rule.definition.key);
    if (!definition || interval <= 0) continue;
    const people = await client.person.findMany({
      where: {
        serviceId: rule.serviceId,
        kind: rule.personKind,
        involvementEndedAt: null,
        anonymisedAt: null,
        // A day of slack for the clock changes; the first occurrence is checked exactly below.
        involvementStartedAt: { lte: addLocalDays(now, 1 - interval, zone) },
      },
      select: { id: true, involvementStartedAt: true },
    });
    const due = people
      .map((p) => {
        const occurrence = wholeLocalPeriods(p.involvementStartedAt, now, interval, zone);
        return { personId: p.id, occurrence, startsAt: addLocalDays(p.involvementStartedAt, occurrence * interval, zone) };
      })
      .filter((d) => d.occurrence >= 1);
    if (due.length === 0) continue;
    const earliest = new Date(Math.min(...due.map((d) => d.startsAt.getTime())));
    const given = await client.questionnaireAssignment.findMany({
      where: { ruleId: rule.id, personId: { in: due.map((d) => d.personId) }, createdAt: { gte: earliest } },
      select: { personId: true, createdAt: true },
    });
    const fresh = due.filter((d) => !given.some((g) => g.personId === d.personId && g.createdAt >= d.startsAt));
    if (fresh.length === 0) continue;
    const result = await client.questionnaireAssignment.createMany({
      data: fresh.map((d) => ({
        personId: d.personId,
        definitionId: definition.id,
        stage: definition.stage,
        ruleId: rule.id,
        occurrence: d.occurrence,
        createdAt: d.startsAt,
        dueAt: addLocalDays(d.startsAt, rule.dueAfterDays, zone),
      })),
      skipDuplicates: true,
    });
    created += result.count;
    await client.questionnaireAssignment.updateMany({
      where: { ruleId: rule.id, status: "ASSIGNED", OR: fresh.map((d) => ({ personId: d.personId, createdAt: { lt: d.startsAt } })) },
      data: { status: "CLOSED", closedAt: now },
    });
  }
  return { created };
}

/**
 * A worker assigns a questionnaire to a person they work with, due on a day of the service's
 * calendar. `dueAt` is that day as a form's date field gives it (00:00 UTC of the calendar day); it
 * is stored as the instant the day begins in the service's zone, so the day shown back is the day
 * typed wherever the service is.
 */
export async function assignQuestionnaire(viewer: StaffViewer, personId: string, input: { definitionKey: string; dueAt: Date }) {
  const person = await findPersonForStaff(viewer, personId);
  const definition = (await enabledDefinitions(db(), viewer.staff.serviceId)).find(
    (d) => d.key === input.definitionKey && (d.audience === null || d.audience === person.kind),
  );
  if (!definition) return { ok: false as const, fields: { definitionKey: "Choose a questionnaire that is in use for this person" } };
  const assignment = await db().$transaction(async (tx) => {
    const created = await tx.questionnaireAssignment.create({
      data: {
        personId: person.id,
        definitionId: definition.id,
        stage: definition.stage,
        assignedById: viewer.staff.id,
        dueAt: startOfLocalDay(calendarDate(input.dueAt), viewer.staff.timeZone),
      },
      select: { id: true },
    });
    await auditChange(viewer, person.id, "questionnaire.assigned", tx, { assignmentId: created.id, definition: definition.key });
    return created;
  });
  return { ok: true as const, assignmentId: assignment.id };
}

/**
 * A worker withdraws a questionnaire that was not yet sent back. Answers the person had saved go
 * with it: nobody could open or discard them once it is withdrawn.
 */
export async function withdrawAssignment(viewer: StaffViewer, personId: string, assignmentId: string) {
  const person = await findPersonForStaff(viewer, personId);
  return db().$transaction(async (tx) => {
    const { count } = await tx.questionnaireAssignment.updateMany({
      where: { id: assignmentId, personId: person.id, status: { in: ["ASSIGNED", "IN_PROGRESS"] } },
      data: { status: "CLOSED", closedAt: new Date() },
    });
    if (count === 0) return false;
    await tx.questionnaireDraft.deleteMany({ where: { assignmentId } });
    await auditChange(viewer, person.id, "questionnaire.withdraw", tx, { assignmentId });
    return true;
  });
}
