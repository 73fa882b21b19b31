/**
 * A large service for `npm run bench`: the demo service grown to thousands of families, so that
 * pages are timed against tables of a realistic size rather than the demo's sixty families.
 *
 * Run after `seedDemoService` on the same database. It adds, in the demo service:
 * - families up to `families` in all (40% closed over the last two years), each with an adult
 *   survivor, most with a person using harmful behaviour, some with children, allocated round-robin
 *   over the demo's workers of the right specialism and area (now and then after a change of
 *   worker);
 * - for each person what a service accumulates: risk assessments with review dates (adults),
 *   questionnaire responses (intake, the recent recurring check-ins and reflections, exit) with
 *   their answers and resolved safety alerts, the current check-in still to answer for some,
 *   past and booked appointments, contact notes, and message threads;
 * - one more adult survivor advocate (the "bench worker", North team) holding exactly
 *   `caseloadSize` open survivors, each with a realistic mix of what a caseload shows: open safety
 *   alerts, overdue questionnaires, unread messages, upcoming and past appointments, contact notes,
 *   risk reviews due and overdue;
 * - `submitters` open survivors (with other workers) who have seen the safety page, each with
 *   `assignmentsEach` check-ins waiting to be answered, for the submit benchmark.
 *
 * The recurring questionnaires are laid out as the schedule (applyRecurringRules) makes them, the
 * current occurrence included, so the server's start-up schedule has nothing to add.
 *
 * Rows are built in memory with their ids by the factory's bulk builders and inserted in batches
 * with `createMany`, made into multi-row INSERTs by bench/bulk-insert.ts (several times faster);
 * free text is sealed as the app seals it. Deterministic for a given `now` (row ids differ).
 */
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";
import type { AppointmentStatus, Gender, PersonKind, RiskLevel, Specialism, StaffRole } from "../app/generated/prisma/enums";
import { seal } from "../app/crypto/sealed.server";
import { ageBand } from "../app/age-bands/age-band";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import { DEMO_SERVICE_NAME, closureMix, referralMix } from "../prisma/demo-service";
import { withFastCreateMany } from "./bulk-insert";
import {
  addDays,
  allocateMany,
  createFamilies,
  createPeople,
  createResponses,
  dateOfBirthForAge,
  familyReference,
  fictionalFirstName,
  fictionalSurname,
  loadPublishedDefinitions,
  newId,
  Random,
  staffData,
  utcDay,
  type Answers,
  type PersonInput,
  type ResponseInput,
} from "../prisma/factory";

export type LargeServiceOptions = {
  /** Families the service holds in all, the demo's own included. */
  families: number;
  /** Open survivors allocated to the bench worker. */
  caseloadSize: number;
  /** Open survivors with check-ins waiting, for the submit benchmark. */
  submitters: number;
  assignmentsEach: number;
  now?: Date;
  log?: (line: string) => void;
};

export type LargeService = {
  serviceId: string;
  worker: { id: string; displayName: string };
  /** The bench worker's people. */
  caseload: string[];
  submitters: { personId: string; assignmentIds: string[] }[];
  /** Rows added, by table. */
  counts: Record<string, number>;
};

const DAY_MS = 86_400_000;
const BATCH = 2000;

type Area = "North" | "South";
type Worker = { id: string; role: StaffRole; specialism: Specialism | null };
type PersonPlan = {
  id: string;
  kind: PersonKind;
  familyId: string;
  area: Area;
  startedAt: Date;
  endedAt: Date | null;
  worker: Worker;
  dateOfBirth: Date | null;
  role: "caseload" | "submitter" | null;
};

function at(day: Date, hour: number, minute = 0): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute));
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = BATCH) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** One of the shares' values, drawn at random in proportion. */
function draw<T>(random: Random, shares: readonly (readonly [T, number])[]): T {
  let r = random.next() * shares.reduce((sum, [, share]) => sum + share, 0);
  for (const [value, share] of shares) {
    r -= share;
    if (r < 0) return value;
  }
  const last = shares.at(-1);
  if (!last) throw new Error("draw from no shares");
  return last[0];
}

const CHILDREN = [
  [0, 0.6],
  [1, 0.22],
  [2, 0.12],
  [3, 0.06],
] as const;

const CONTACT_NOTES = [
  "Phone call at the agreed time. Talked through the week; no new incidents reported. Next session booked.",
  "Met at the library. Went over the safety plan and updated the list of safe contacts.",
  "Session completed. Worked on the goals sheet; good engagement.",
  "Brief call to confirm the appointment. Code word given correctly.",
  "Called back after their message. Agreed to look at housing options at the next session.",
] as const;
const PERSON_MESSAGES = [
  "Is Thursday still ok? I might be a bit late because of the school run.",
  "Thank you for yesterday, it helped.",
  "Can we talk about the court date next time?",
  "I can't do Monday any more, can we move it?",
] as const;
const WORKER_MESSAGES = [
  "Hello, just checking that our next session still works for you.",
  "Thanks for letting me know. I have moved it to the same time next week.",
  "I have sent the leaflet we talked about. Let me know if you have questions.",
] as const;

export async function addLargeService(prisma: PrismaClient, options: LargeServiceOptions): Promise<LargeService> {
  const now = options.now ?? new Date();
  const today = utcDay(now);
  const random = new Random(5000);
  const started = Date.now();
  const log = (line: string) => options.log?.(`${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const counts: Record<string, number> = {};
  // Reads through the client as it is; every insert through multi-row INSERTs (bench/bulk-insert.ts).
  const write = withFastCreateMany(prisma);
  const count = (table: string, n: number) => {
    counts[table] = (counts[table] ?? 0) + n;
  };

  // ── What the demo seed made: the service, its areas, workers, rules and questionnaires ──
  const service = await prisma.service.findFirstOrThrow({ where: { name: DEMO_SERVICE_NAME }, select: { id: true, riskReviewWeeks: true } });
  const serviceId = service.id;
  const areas = await prisma.area.findMany({ where: { serviceId }, select: { id: true, name: true } });
  const areaId = (name: Area) => {
    const found = areas.find((a) => a.name === name);
    if (!found) throw new Error(`The demo service has no ${name} area.`);
    return found.id;
  };
  const teams = await prisma.team.findMany({ where: { serviceId }, select: { id: true, areaId: true } });
  const areaOfTeam = (teamId: string | null): Area | null => {
    const team = teams.find((t) => t.id === teamId);
    const area = areas.find((a) => a.id === team?.areaId);
    return area?.name === "North" || area?.name === "South" ? area.name : null;
  };
  const staff = await prisma.staffMember.findMany({
    where: { serviceId, deactivatedAt: null },
    orderBy: { displayName: "asc" },
    select: { id: true, role: true, specialism: true, teamId: true },
  });
  const workersOf = (area: Area, specialism: Specialism) =>
    staff.filter((s) => s.role === "WORKER" && s.specialism === specialism && areaOfTeam(s.teamId) === area);
  const caseManagerOf = (area: Area) => staff.find((s) => s.role === "CASE_MANAGER" && areaOfTeam(s.teamId) === area)?.id ?? null;
  const rules = await prisma.questionnaireRule.findMany({
    where: { serviceId },
    select: { id: true, intervalDays: true, dueAfterDays: true, definitionId: true, definition: { select: { key: true, stage: true } } },
  });
  const rule = (key: string) => {
    const found = rules.find((r) => r.definition.key === key);
    if (!found) throw new Error(`The demo service has no rule for "${key}".`);
    return found;
  };
  const published = await loadPublishedDefinitions(prisma);
  const checkinDefinition = published.byKey.get("adult-checkin")?.row;
  if (!checkinDefinition) throw new Error("adult-checkin is not published.");
  const existingFamilies = await prisma.family.count({ where: { serviceId } });
  const northTeam = teams.find((t) => t.areaId === areaId("North"));

  // ── The bench worker ──
  const benchWorkerRow = staffData({
    serviceId,
    role: "WORKER",
    specialism: "ADULT_SURVIVOR_ADVOCATE",
    teamId: northTeam?.id ?? null,
    displayName: "Robin Ashby",
    email: "robin.ashby@waypoint-bench.example",
  });
  await prisma.staffMember.create({ data: benchWorkerRow });
  count("StaffMember", 1);
  const benchWorker: Worker = { id: benchWorkerRow.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" };

  // ── Families and people ──
  const roundRobin = new Map<string, number>();
  const nextWorker = (area: Area, specialism: Specialism): Worker => {
    const list = workersOf(area, specialism);
    const slot = `${area}:${specialism}`;
    const n = roundRobin.get(slot) ?? 0;
    roundRobin.set(slot, n + 1);
    const worker = list[n % list.length];
    if (!worker) throw new Error(`The demo service has no ${specialism} in ${area}.`);
    return worker;
  };
  const familyInputs: Parameters<typeof createFamilies>[1] = [];
  const personInputs: PersonInput[] = [];
  const people: PersonPlan[] = [];
  const allocationInputs: Parameters<typeof allocateMany>[1] = [];
  let caseloadChosen = 0;
  let submittersChosen = 0;
  const toAdd = Math.max(0, options.families - existingFamilies);
  for (let f = 0; f < toAdd; f++) {
    const index = existingFamilies + f + 1;
    const area: Area = index % 2 === 0 ? "North" : "South";
    const closed = random.chance(0.4);
    const closedAt = closed ? at(addDays(today, -random.int(14, 720)), 16) : null;
    const openedAt = closedAt ? at(addDays(closedAt, -random.int(84, 270)), 9, 30) : at(addDays(today, -random.int(21, 240)), 9, 30);
    const referralSource = draw(random, referralMix);
    const closureReason = closed ? draw(random, closureMix) : null;
    const familyId = newId();
    const surname = fictionalSurname(random);
    familyInputs.push({
      id: familyId,
      serviceId,
      areaId: areaId(area),
      reference: familyReference(index),
      caseManagerId: caseManagerOf(area),
      referralSource,
      referralDate: addDays(openedAt, -random.int(3, 21)),
      openedAt,
      closedAt,
    });

    const addPerson = (
      kind: PersonKind,
      details: { gender: Gender; dateOfBirth: Date | null; startOffset: number; worker: Worker; role?: PersonPlan["role"]; lastName?: string },
    ) => {
      const startedAt = addDays(openedAt, details.startOffset);
      const endedAt = closedAt ? addDays(closedAt, -random.int(0, 6)) : null;
      const id = newId();
      const role = details.role ?? null;
      people.push({ id, kind, familyId, area, startedAt, endedAt, worker: details.worker, dateOfBirth: details.dateOfBirth, role });
      const consent = random.chance(0.9);
      personInputs.push({
        id,
        family: { id: familyId, serviceId },
        kind,
        random,
        firstName: fictionalFirstName(random, { gender: details.gender, child: kind === "YOUNG_PERSON" }),
        lastName: details.lastName ?? surname,
        gender: details.gender,
        dateOfBirth: details.dateOfBirth,
        referralSource,
        involvementStartedAt: startedAt,
        involvementEndedAt: endedAt,
        closureReason: endedAt ? closureReason : null,
        consentMonitoring: consent,
        consentRecordedAt: consent ? startedAt : null,
        disability: random.chance(0.18),
        // Most open people have signed in at least once; the submitters certainly have.
        safetyIntroSeenAt: role === "submitter" || (!endedAt && random.chance(0.6)) ? addDays(startedAt, 2) : null,
      });
      // Now and then the person changed worker part-way (a worker left, a caseload was rebalanced).
      const list = details.worker.specialism ? workersOf(area, details.worker.specialism).filter((w) => w.id !== details.worker.id) : [];
      const span = ((endedAt ?? now).getTime() - startedAt.getTime()) / DAY_MS;
      const previous = list.length > 0 && span > 30 && random.chance(0.1) ? random.pick(list) : null;
      const switchedAt = previous ? addDays(startedAt, random.int(7, Math.min(60, Math.floor(span) - 14))) : startedAt;
      const person = { id, kind };
      if (previous) allocationInputs.push({ person, staff: previous, startedAt, endedAt: switchedAt });
      allocationInputs.push({ person, staff: details.worker, startedAt: switchedAt, endedAt });
    };

    // The survivor: for the first open North families long enough open, the bench worker's people;
    // then the submitters.
    const settled = !closed && openedAt.getTime() <= now.getTime() - 21 * DAY_MS;
    const role: PersonPlan["role"] =
      settled && area === "North" && caseloadChosen < options.caseloadSize
        ? "caseload"
        : settled && submittersChosen < options.submitters && f % 3 === 0
          ? "submitter"
          : null;
    if (role === "caseload") caseloadChosen += 1;
    if (role === "submitter") submittersChosen += 1;
    const survivorGender = draw(random, [
      ["FEMALE", 0.96],
      ["MALE", 0.03],
      ["NON_BINARY", 0.01],
    ] as const);
    addPerson("ADULT_SURVIVOR", {
      gender: survivorGender,
      dateOfBirth: random.chance(0.7) ? dateOfBirthForAge(random.int(21, 48), now, random.int(0, 360)) : null,
      startOffset: 0,
      worker: role === "caseload" ? benchWorker : nextWorker(area, "ADULT_SURVIVOR_ADVOCATE"),
      role,
    });
    if (random.chance(0.92)) {
      addPerson("HARMFUL_BEHAVIOUR", {
        gender: draw(random, [
          ["MALE", 0.9],
          ["FEMALE", 0.09],
          ["NON_BINARY", 0.01],
        ] as const),
        dateOfBirth: random.chance(0.7) ? dateOfBirthForAge(random.int(23, 52), now, random.int(0, 360)) : null,
        startOffset: random.int(0, 10),
        worker: nextWorker(area, "BEHAVIOUR_CHANGE_WORKER"),
        lastName: random.chance(0.5) ? surname : fictionalSurname(random),
      });
    }
    const children = draw(random, CHILDREN);
    const childWorker = children > 0 ? nextWorker(area, "CHILDRENS_CASEWORKER") : benchWorker;
    for (let c = 0; c < children; c++) {
      addPerson("YOUNG_PERSON", {
        gender: random.chance(0.63) ? "FEMALE" : "MALE",
        dateOfBirth: dateOfBirthForAge(random.int(4, 17), now, random.int(30, 330)),
        startOffset: random.int(0, 14),
        worker: childWorker,
      });
    }
  }
  if (caseloadChosen < options.caseloadSize || submittersChosen < options.submitters) {
    throw new Error(`Too few open families for ${options.caseloadSize} caseload people and ${options.submitters} submitters: raise the number of families.`);
  }
  await inBatches(familyInputs, (batch) => createFamilies(write, batch));
  count("Family", familyInputs.length);
  await inBatches(personInputs, (batch) => createPeople(write, batch));
  count("Person", personInputs.length);
  await inBatches(allocationInputs, (batch) => allocateMany(write, batch));
  count("Allocation", allocationInputs.length);
  log(`families, people and allocations: ${familyInputs.length}, ${personInputs.length}, ${allocationInputs.length}`);

  // ── Risk assessments: at intake, reviewed every eight weeks (now and then late), at exit ──
  const reviewEvery = service.riskReviewWeeks * 7;
  const riskRows: Prisma.RiskAssessmentCreateManyInput[] = [];
  for (const p of people) {
    if (p.kind === "YOUNG_PERSON") continue;
    const level: RiskLevel =
      p.kind === "ADULT_SURVIVOR"
        ? draw(random, [
            ["STANDARD", 0.55],
            ["MEDIUM", 0.38],
            ["HIGH", 0.07],
          ] as const)
        : draw(random, [
            ["STANDARD", 0.35],
            ["MEDIUM", 0.55],
            ["HIGH", 0.1],
          ] as const);
    const staffId = p.worker.id;
    const assessedAt = at(addDays(p.startedAt, random.int(0, 4)), 11);
    const end = p.endedAt ?? now;
    if (assessedAt >= end) continue;
    riskRows.push({ personId: p.id, staffId, level, stage: "INTAKE", assessedAt, reviewDueAt: addDays(assessedAt, reviewEvery) });
    // The bench worker's reviews are late more often, so the caseload shows some overdue.
    const lateChance = p.role === "caseload" ? 0.25 : 0.12;
    let last = assessedAt;
    for (let due = addDays(assessedAt, reviewEvery); due < end; due = addDays(last, reviewEvery)) {
      const when = at(addDays(due, random.int(-5, 2)), 11);
      if (when >= end || (!p.endedAt && addDays(due, reviewEvery) > now && random.chance(lateChance))) break;
      riskRows.push({ personId: p.id, staffId, level, stage: "REVIEW", assessedAt: when, reviewDueAt: addDays(when, reviewEvery) });
      last = when;
    }
    if (p.endedAt) {
      const exitLevel: RiskLevel = level === "HIGH" ? (random.chance(0.8) ? "MEDIUM" : "HIGH") : level === "MEDIUM" && random.chance(0.8) ? "STANDARD" : level;
      riskRows.push({ personId: p.id, staffId, level: exitLevel, stage: "EXIT", assessedAt: at(addDays(p.endedAt, -1), 11), reviewDueAt: null });
    }
  }
  await inBatches(riskRows, (batch) => write.riskAssessment.createMany({ data: batch }));
  count("RiskAssessment", riskRows.length);
  log(`risk assessments: ${riskRows.length}`);

  // ── Questionnaires ──
  const responses: ResponseInput[] = [];
  const waiting: Prisma.QuestionnaireAssignmentCreateManyInput[] = [];
  const resolved = (p: PersonPlan, when: Date) => ({ resolvedAt: addDays(when, 1), resolvedById: p.worker.id });
  const respond = (p: PersonPlan, key: string, submittedAt: Date, answers: Answers, extra: Partial<ResponseInput> = {}): ResponseInput => ({
    personId: p.id,
    definitionKey: key,
    answers,
    submittedAt,
    dueAt: addDays(submittedAt, random.int(1, 5)),
    assignedById: p.worker.id,
    ruleId: rule(key).id,
    alerts: resolved(p, submittedAt),
    ageBand: p.kind === "YOUNG_PERSON" && p.dateOfBirth ? ageBand(p.dateOfBirth, submittedAt, DEFAULT_TIME_ZONE) : null,
    ...extra,
  });
  const bool = (share: number) => random.chance(share);
  const feelings = () => ({ "feel-safe": random.int(2, 9), "feel-well": random.int(2, 9) });
  const faces = () =>
    Object.fromEntries(["safe-home", "safe-elsewhere", "worries", "getting-on-family", "getting-on-others"].map((k) => [k, random.int(2, 5)]));
  const agree = () => random.pick(["strongly-agree", "agree", "agree", "not-sure", "disagree"]);
  const intakeAnswers: Record<PersonKind, () => Answers> = {
    ADULT_SURVIVOR: () => ({
      "safe-at-home-now": bool(0.9),
      "need-safety": bool(0.85),
      "need-children-parenting": bool(0.6),
      "need-housing": bool(0.25),
      "need-mental-health": bool(0.45),
      "need-finances": bool(0.28),
      "need-social-support": bool(0.4),
      "abuse-physical": bool(0.64),
      "abuse-sexual": bool(0.19),
      "abuse-harassment-stalking": bool(0.38),
      "abuse-jealous-controlling": bool(0.57),
      "feel-safe": random.int(2, 6),
      "feel-well": random.int(2, 6),
      "feel-confident": random.int(2, 6),
      "feel-optimistic": random.int(1, 6),
      "quality-of-life": random.int(1, 3),
    }),
    HARMFUL_BEHAVIOUR: () => ({
      "need-children-parenting": bool(0.51),
      "need-mental-health": bool(0.39),
      "need-alcohol": bool(0.27),
      "need-drugs": bool(0.26),
      "need-housing": bool(0.23),
      "need-employment": bool(0.3),
      hopes: random.chance(0.6) ? ["relationship-partner", "relationship-children"] : ["handle-feelings"],
    }),
    YOUNG_PERSON: () => ({ ...faces(), "someone-to-talk-to": bool(0.5), "witnessed-abuse": bool(0.97), "direct-harm": bool(0.25), "csc-involved": bool(0.78) }),
  };
  const recurringAnswers: Record<PersonKind, () => Answers> = {
    ADULT_SURVIVOR: () => ({ "safe-at-home-now": true, ...feelings(), "anything-new": bool(0.12) }),
    HARMFUL_BEHAVIOUR: () => ({ "goals-progress": random.int(1, 9) }),
    YOUNG_PERSON: () => ({ ...faces(), "someone-to-talk-to": bool(0.6) }),
  };
  const exitAnswers: Record<PersonKind, () => Answers> = {
    ADULT_SURVIVOR: () => ({
      "safe-at-home-now": bool(0.9),
      "abuse-physical": bool(0.2),
      "abuse-sexual": bool(0.04),
      "abuse-harassment-stalking": bool(0.1),
      "abuse-jealous-controlling": bool(0.25),
      ...feelings(),
      "feel-confident": random.int(3, 9),
      "feel-optimistic": random.int(3, 9),
      "quality-of-life": random.int(2, 5),
      "felt-safer": agree(),
      "wellbeing-improved": agree(),
      "more-confident": agree(),
      "quality-of-life-improved": agree(),
      "more-optimistic": agree(),
    }),
    HARMFUL_BEHAVIOUR: () => ({
      "understand-impact": agree(),
      "behaviour-reduced": agree(),
      "relationship-partner-improved": agree(),
      "relationship-children-improved": agree(),
      "worker-aware-of-impact": bool(0.62),
      "worker-takes-responsibility": bool(0.48),
      "physical-abuse-intake": bool(0.64),
      "physical-abuse-exit": bool(0.15),
    }),
    YOUNG_PERSON: () => ({ ...faces(), "someone-to-talk-to": bool(0.8), "witnessed-abuse": bool(0.35), "direct-harm": bool(0.05), "csc-involved": bool(0.45) }),
  };
  const keys: Record<PersonKind, { intake: string; recurring: string; exit: string; keep: number }> = {
    ADULT_SURVIVOR: { intake: "adult-intake", recurring: "adult-checkin", exit: "adult-exit", keep: 4 },
    HARMFUL_BEHAVIOUR: { intake: "hb-intake", recurring: "hb-reflection", exit: "hb-exit", keep: 5 },
    YOUNG_PERSON: { intake: "yp-intake", recurring: "yp-checkin", exit: "yp-exit", keep: 3 },
  };
  for (const p of people) {
    const k = keys[p.kind];
    const end = p.endedAt ?? now;
    const latest = new Date(Math.min(end.getTime(), now.getTime()) - 60 * 60 * 1000);
    const intakeAt = new Date(Math.min(at(addDays(p.startedAt, random.int(0, 4)), 10 + random.int(0, 6), random.int(0, 59)).getTime(), latest.getTime()));
    responses.push(respond(p, k.intake, intakeAt, intakeAnswers[p.kind]()));
    // The recurring rule's occurrences, as the schedule makes them; the current one of an open
    // person is sometimes still to answer (and now and then overdue).
    const recurring = rule(k.recurring);
    const every = (recurring.intervalDays ?? 14) * DAY_MS;
    const dueAfter = recurring.dueAfterDays;
    const occurrences = Math.floor((end.getTime() - p.startedAt.getTime()) / every);
    for (let o = Math.max(1, occurrences - k.keep + 1); o <= occurrences; o++) {
      const startsAt = new Date(p.startedAt.getTime() + o * every);
      const dueAt = addDays(startsAt, dueAfter);
      const current = !p.endedAt && o === occurrences;
      const overdueChance = p.role === "caseload" ? 0.35 : 0.15;
      const when = new Date(Math.min(startsAt.getTime() + random.int(2, dueAfter * 24 - 1) * 60 * 60 * 1000, latest.getTime()));
      const open = current && (when <= startsAt || (dueAt > now ? random.chance(0.6) : random.chance(overdueChance)));
      if (open) {
        waiting.push({
          personId: p.id,
          definitionId: recurring.definitionId,
          stage: recurring.definition.stage,
          assignedById: p.worker.id,
          ruleId: recurring.id,
          occurrence: o,
          createdAt: startsAt,
          dueAt,
          status: "ASSIGNED",
        });
      } else if (when > startsAt) {
        responses.push(respond(p, k.recurring, when, recurringAnswers[p.kind](), { occurrence: o, assignedAt: startsAt, dueAt }));
      }
    }
    if (p.endedAt) {
      const exitAt = at(addDays(p.endedAt, -random.int(1, 5)), 14);
      responses.push(respond(p, k.exit, exitAt, exitAnswers[p.kind](), p.kind === "ADULT_SURVIVOR" ? {} : { workerCompletedAt: addDays(exitAt, 1) }));
    }
    // Open safety alerts: a recent check-in saying "not safe at home" or "something new", sent
    // to the worker's own questionnaire (no rule). A few across the service; more on the bench
    // worker's caseload, so it shows some at the top.
    if (p.kind === "ADULT_SURVIVOR" && !p.endedAt && random.chance(p.role === "caseload" ? 0.15 : p.role === "submitter" ? 0 : 0.015)) {
      const sentAt = new Date(now.getTime() - random.int(2, 72) * 60 * 60 * 1000);
      const unsafe = random.chance(0.5);
      responses.push(
        respond(
          p,
          "adult-checkin",
          sentAt,
          { "safe-at-home-now": !unsafe, ...feelings(), "anything-new": !unsafe },
          { ruleId: null, alerts: "open", dueAt: addDays(sentAt, 2) },
        ),
      );
    }
    // Questionnaires the worker set by hand, past their due date.
    if (!p.endedAt && p.kind !== "YOUNG_PERSON" && random.chance(p.role === "caseload" ? 0.12 : 0.02)) {
      const definition = published.byKey.get(k.recurring)?.row;
      if (definition) {
        waiting.push({
          personId: p.id,
          definitionId: definition.id,
          stage: recurring.definition.stage,
          assignedById: p.worker.id,
          createdAt: addDays(now, -random.int(10, 20)),
          dueAt: addDays(now, -random.int(1, 7)),
          status: "ASSIGNED",
        });
      }
    }
  }
  let answers = 0;
  let alerts = 0;
  for (let i = 0; i < responses.length; i += BATCH) {
    const created = await createResponses(write, responses.slice(i, i + BATCH), published);
    answers += created.answers;
    alerts += created.alerts;
  }
  count("QuestionnaireResponse", responses.length);
  count("QuestionnaireAssignment", responses.length);
  count("Answer", answers);
  count("Alert", alerts);
  await inBatches(waiting, (batch) => write.questionnaireAssignment.createMany({ data: batch }));
  count("QuestionnaireAssignment", waiting.length);
  log(`questionnaire responses: ${responses.length} (${answers} answers, ${alerts} alerts); still to answer: ${waiting.length}`);

  // ── The submitters' check-ins, set by their worker, due over the next days ──
  const submitters: LargeService["submitters"] = [];
  const submitterRows: Prisma.QuestionnaireAssignmentCreateManyInput[] = [];
  for (const p of people.filter((q) => q.role === "submitter")) {
    const assignmentIds: string[] = [];
    for (let a = 0; a < options.assignmentsEach; a++) {
      const id = newId();
      assignmentIds.push(id);
      submitterRows.push({
        id,
        personId: p.id,
        definitionId: checkinDefinition.id,
        stage: "CHECK_IN",
        assignedById: p.worker.id,
        createdAt: addDays(now, -1),
        dueAt: addDays(now, 1 + (a % 10)),
        status: "ASSIGNED",
      });
    }
    submitters.push({ personId: p.id, assignmentIds });
  }
  await inBatches(submitterRows, (batch) => write.questionnaireAssignment.createMany({ data: batch }));
  count("QuestionnaireAssignment", submitterRows.length);

  // ── Appointments: fortnightly sessions (the last few before the end of involvement), the next
  // one booked for about half of the open people; the bench worker books into availability slots ──
  const workingDays: Date[] = [];
  for (let d = 1; workingDays.length < 10; d++) {
    const day = addDays(today, d);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) workingDays.push(day);
  }
  type Slot = Prisma.AvailabilitySlotCreateManyInput & { id: string; startsAt: Date; endsAt: Date; booked?: boolean };
  const benchSlots: Slot[] = workingDays.flatMap((day) =>
    [10, 12, 14, 16].map((hour) => {
      const startsAt = at(day, hour);
      return {
        id: newId(),
        staffId: benchWorker.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
        mode: "IN_PERSON" as const,
        venue: "Family hub, meeting room",
      };
    }),
  );
  const appointments: (Prisma.AppointmentCreateManyInput & { startsAt: Date })[] = [];
  // The database refuses two live appointments of one worker that overlap
  // (Appointment_no_overlap_for_worker), and the demo seed has already booked these workers: each
  // worker's busy hours start from the demo's appointments, and every session here is checked against them.
  const HOUR_MS = 60 * 60 * 1000;
  const busy = new Map<string, { from: number; to: number }[]>();
  const take = (staffId: string, from: Date, to: Date): boolean => {
    const mine = busy.get(staffId) ?? [];
    if (mine.some((b) => b.from < to.getTime() && from.getTime() < b.to)) return false;
    mine.push({ from: from.getTime(), to: to.getTime() });
    busy.set(staffId, mine);
    return true;
  };
  const booked = await prisma.appointment.findMany({
    where: { staff: { serviceId }, status: { not: "CANCELLED" } },
    select: { staffId: true, startsAt: true, endsAt: true },
  });
  for (const a of booked) take(a.staffId, a.startsAt, a.endsAt);
  /** The first free hour of `hours` (tried from a random one on) for the worker that day, or null. */
  const freeHour = (staffId: string, day: Date, hours: readonly number[]): Date | null => {
    const first = random.int(0, hours.length - 1);
    for (let i = 0; i < hours.length; i++) {
      const startsAt = at(day, hours[(first + i) % hours.length] as number);
      if (take(staffId, startsAt, new Date(startsAt.getTime() + HOUR_MS))) return startsAt;
    }
    return null;
  };
  for (const slot of benchSlots) take(benchWorker.id, slot.startsAt, slot.endsAt);
  /** An hour's session of a person with their worker, at no venue, in any of the three modes. */
  const hourWith = (p: (typeof people)[number], startsAt: Date, status: AppointmentStatus) => ({
    personId: p.id,
    staffId: p.worker.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR_MS),
    mode: random.pick(["IN_PERSON", "PHONE", "VIDEO"] as const),
    venue: null,
    status,
  });
  for (const p of people) {
    const end = p.endedAt ?? now;
    const endDay = utcDay(end);
    const sinceStart = Math.floor((end.getTime() - p.startedAt.getTime()) / DAY_MS);
    for (let back = random.int(2, 9); back < sinceStart && back <= 36; back += 14) {
      const startsAt = freeHour(p.worker.id, addDays(endDay, -back), [10, 11, 14, 15]);
      if (!startsAt) continue;
      const status: AppointmentStatus = draw(random, [
        ["ATTENDED", 0.85],
        ["MISSED", 0.08],
        ["CANCELLED", 0.07],
      ] as const);
      appointments.push({
        ...hourWith(p, startsAt, status),
        ...(status === "CANCELLED" ? { cancelledBy: random.pick(["person", "worker"]), cancelledAt: addDays(startsAt, -1) } : {}),
      });
    }
    if (p.endedAt || !random.chance(p.role === "caseload" ? 0.6 : 0.5)) continue;
    const free = benchSlots.filter((s) => !s.booked);
    if (p.role === "caseload" && free.length > 0) {
      const slot = random.pick(free);
      slot.booked = true;
      appointments.push({
        personId: p.id,
        staffId: p.worker.id,
        slotId: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        mode: "IN_PERSON",
        venue: slot.venue ?? null,
        status: "BOOKED",
      });
    } else {
      const startsAt = freeHour(p.worker.id, random.pick(workingDays), [10, 11, 14, 15]);
      if (!startsAt) continue;
      appointments.push(hourWith(p, startsAt, "BOOKED"));
    }
  }
  await write.availabilitySlot.createMany({ data: benchSlots.map(({ booked: _booked, ...slot }) => slot) });
  count("AvailabilitySlot", benchSlots.length);
  await inBatches(appointments, (batch) => write.appointment.createMany({ data: batch }));
  count("Appointment", appointments.length);
  log(`appointments: ${appointments.length}`);

  // ── Case notes: a contact note after each attended session, and now and then a phone call ──
  const notes: Prisma.CaseNoteCreateManyInput[] = [];
  const note = (personId: string, authorId: string, occurredAt: Date, kind: "CONTACT" | "NOTE") => {
    const body = seal(random.pick(CONTACT_NOTES), "case-note");
    notes.push({ personId, authorId, kind, occurredAt, createdAt: occurredAt, bodyCipher: body.cipher, keyId: body.keyId });
  };
  for (const a of appointments) if (a.status === "ATTENDED") note(a.personId, a.staffId, new Date(a.startsAt.getTime() + 70 * 60_000), "CONTACT");
  for (const p of people) {
    if (p.endedAt || !random.chance(p.role === "caseload" ? 0.5 : 0.2)) continue;
    note(p.id, p.worker.id, new Date(now.getTime() - random.int(1, 40) * DAY_MS - random.int(0, 8) * 60 * 60 * 1000), random.chance(0.7) ? "CONTACT" : "NOTE");
  }
  await inBatches(notes, (batch) => write.caseNote.createMany({ data: batch }));
  count("CaseNote", notes.length);
  log(`case notes: ${notes.length}`);

  // ── Messages: threads with the current worker for a third of open adults (every one of the
  // bench worker's people), the last message sometimes from the person and not yet read ──
  const threads: Prisma.MessageThreadCreateManyInput[] = [];
  const messages: Prisma.MessageCreateManyInput[] = [];
  for (const p of people) {
    if (p.endedAt || p.kind === "YOUNG_PERSON" || !(p.role === "caseload" || random.chance(0.33))) continue;
    const threadId = newId();
    const total = random.int(2, 6);
    const unread = random.chance(p.role === "caseload" ? 0.4 : 0.15) ? random.int(1, Math.min(3, total)) : 0;
    let when = new Date(now.getTime() - random.int(3, 30) * DAY_MS);
    for (let m = 0; m < total; m++) {
      // The last `unread` messages are the person's, unread; before them the two take turns.
      const fromPerson = m >= total - unread || m % 2 === 1;
      const body = seal(fromPerson ? random.pick(PERSON_MESSAGES) : random.pick(WORKER_MESSAGES), "message");
      messages.push({
        threadId,
        createdAt: when,
        authorPersonId: fromPerson ? p.id : null,
        authorStaffId: fromPerson ? null : p.worker.id,
        bodyCipher: body.cipher,
        keyId: body.keyId,
        readAt: m >= total - unread ? null : new Date(when.getTime() + 2 * 60 * 60 * 1000),
      });
      if (m < total - 1) when = new Date(Math.min(when.getTime() + random.int(4, 72) * 60 * 60 * 1000, now.getTime() - (total - m) * 60_000));
    }
    threads.push({ id: threadId, personId: p.id, staffId: p.worker.id, lastMessageAt: when, createdAt: new Date(now.getTime() - 31 * DAY_MS) });
  }
  await inBatches(threads, (batch) => write.messageThread.createMany({ data: batch }));
  await inBatches(messages, (batch) => write.message.createMany({ data: batch }));
  count("MessageThread", threads.length);
  count("Message", messages.length);
  log(`message threads: ${threads.length} (${messages.length} messages)`);

  return {
    serviceId,
    worker: { id: benchWorker.id, displayName: benchWorkerRow.displayName },
    caseload: people.filter((p) => p.role === "caseload").map((p) => p.id),
    submitters,
    counts,
  };
}

/** "Family 12,345 rows, Person …" for the bench's log. */
export function describeCounts(counts: Record<string, number>) {
  return Object.entries(counts)
    .map(([table, n]) => `${table} ${n.toLocaleString("en-GB")}`)
    .join(", ");
}
