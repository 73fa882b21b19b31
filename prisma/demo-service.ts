/**
 * The demo service: a fictional service with staff of every role and ~60 families, so that anyone
 * can try Waypoint (and its outcome reports) from a fresh clone. Every name is made up.
 *
 * Deterministic: the same `now` gives the same people, dates and answers (row ids and `createdAt`
 * differ). Demographics, needs and intake→exit change follow the proportions of the Engage outcome
 * report (docs/background/engage-outcome-report.md), so the demo reports look like a real service's.
 *
 * Fast on embedded PGlite: rows are built in memory with their ids and inserted with `createMany`,
 * without an interactive transaction (PGlite is a single connection).
 *
 * Not seeded yet: messages, case notes, goals and free-text answers, because they are stored only
 * as ciphertext and the encryption module does not exist yet.
 */
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";
import type {
  AppointmentMode,
  ClosureReason,
  ContactChannel,
  Gender,
  PersonKind,
  ReferralSource,
  RiskLevel,
  Specialism,
  StaffRole,
} from "../app/generated/prisma/enums";
import { seal } from "../app/crypto/sealed.server";
import { ageBand, ageOn, type AgeBand } from "../app/age-bands/age-band";
import { addLocalDays, atLocalTime, calendarDate, localDaysBetween, wholeLocalPeriods } from "../app/time/calendar";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import {
  addDays,
  allocateMany,
  createFamilies,
  createPeople,
  createResponses,
  dateOfBirthForAge,
  enableQuestionnaires,
  familyReference,
  fictionalFirstName,
  fictionalSurname,
  loadPublishedDefinitions,
  newId,
  publishDefinitions,
  Random,
  staffData,
  utcDay,
  type Answers,
  type PersonInput,
  type ResponseInput,
} from "./factory";
import { seedDemoCredentials, type DemoCredentials } from "./demo-credentials";

export const DEMO_SERVICE_NAME = "Waypoint demo service";
/** The demo service sets no zone of its own, so it keeps the default; its timestamps are made on that clock. */
const DEMO_ZONE = DEFAULT_TIME_ZONE;
const SEED = 20181101;

export type FeaturedPerson = {
  name: string;
  /** "STAFF" or the person's kind. */
  kind: PersonKind | "STAFF";
  role: string;
  family: string | null;
  area: string;
};

export type DemoSummary = {
  service: { id: string; name: string };
  staff: Record<StaffRole, number>;
  workers: Record<Specialism, number>;
  people: Record<PersonKind, number>;
  youngPeopleByAgeBand: Record<AgeBand, number>;
  families: { total: number; open: number; closed: number; survivorOnly: number };
  questionnaires: {
    published: number;
    responses: number;
    answers: number;
    /** Assignments still to be answered, and of those, past their due date. */
    due: number;
    overdue: number;
  };
  appointments: { upcoming: number; past: number; freeSlots: number };
  riskAssessments: number;
  openAlerts: number;
  featured: FeaturedPerson[];
  credentials: DemoCredentials;
};

// ───────────────────────────── Staff ─────────────────────────────

type StaffPlan = { key: string; displayName: string; role: StaffRole; specialism?: Specialism; area?: "North" | "South" };

const STAFF: StaffPlan[] = [
  { key: "admin", displayName: "Helen Park", role: "ADMIN" },
  { key: "manager", displayName: "Martin Cole", role: "MANAGER" },
  { key: "cm-north", displayName: "Grace Okafor", role: "CASE_MANAGER", area: "North" },
  { key: "cm-south", displayName: "Daniel Hughes", role: "CASE_MANAGER", area: "South" },
  { key: "asa-north-1", displayName: "Ruth Bennett", role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", area: "North" },
  { key: "asa-north-2", displayName: "Claire Dawson", role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", area: "North" },
  { key: "asa-south-1", displayName: "Amira Haddad", role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", area: "South" },
  { key: "asa-south-2", displayName: "Nadia Brooks", role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", area: "South" },
  { key: "ccw-north-1", displayName: "Tom Fletcher", role: "WORKER", specialism: "CHILDRENS_CASEWORKER", area: "North" },
  { key: "ccw-north-2", displayName: "Hannah Lowe", role: "WORKER", specialism: "CHILDRENS_CASEWORKER", area: "North" },
  { key: "ccw-south-1", displayName: "Jess Morgan", role: "WORKER", specialism: "CHILDRENS_CASEWORKER", area: "South" },
  { key: "ccw-south-2", displayName: "Ben Ashworth", role: "WORKER", specialism: "CHILDRENS_CASEWORKER", area: "South" },
  { key: "bcw-north-1", displayName: "Owen Price", role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER", area: "North" },
  { key: "bcw-north-2", displayName: "Marcus Reid", role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER", area: "North" },
  { key: "bcw-south-1", displayName: "Kieran Walsh", role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER", area: "South" },
  { key: "bcw-south-2", displayName: "Sunil Mehta", role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER", area: "South" },
];

const ROLE_WORDS: Record<StaffRole, string> = {
  ADMIN: "Administrator",
  MANAGER: "Manager (outcome reports)",
  CASE_MANAGER: "Case manager",
  WORKER: "Worker",
};
const SPECIALISM_WORDS: Record<Specialism, string> = {
  ADULT_SURVIVOR_ADVOCATE: "Adult survivor advocate",
  CHILDRENS_CASEWORKER: "Children's caseworker",
  BEHAVIOUR_CHANGE_WORKER: "Behaviour-change worker",
};

// ───────────────────────────── The featured family ─────────────────────────────

/** Fixed, memorable people the README lists. Family F-0001, open, in the North. */
const FEATURED_FAMILY = {
  reference: familyReference(1),
  surname: "Rivers",
  survivor: { firstName: "Alex", gender: "FEMALE" as const },
  serviceUser: { firstName: "Sam", gender: "MALE" as const },
  children: [
    { firstName: "Mia", gender: "FEMALE" as const, age: 6 },
    { firstName: "Leo", gender: "MALE" as const, age: 10 },
    { firstName: "Zoe", gender: "FEMALE" as const, age: 15 },
  ],
};

// ───────────────────────────── Proportions (the outcome report: docs/background/engage-outcome-report.md) ─────────────────────────────

const FAMILY_COUNT = 60;
const SURVIVOR_ONLY_FAMILIES = 5; // so 55 people using harmful behaviour
const CLOSED_FAMILIES = 24; // 40%
const YOUNG_PEOPLE = 30;

const survivorMix = {
  gender: [
    ["FEMALE", 0.96],
    ["MALE", 0.03],
    ["NON_BINARY", 0.01],
  ] as const,
  orientation: [
    ["HETEROSEXUAL", 0.93],
    ["BISEXUAL", 0.02],
    ["PREFER_NOT_TO_SAY", 0.05],
  ] as const,
  // 13% from a Black, Asian or other minority group.
  ethnicity: [
    ["WHITE", 0.85],
    ["MIXED", 0.04],
    ["ASIAN", 0.05],
    ["BLACK", 0.03],
    ["OTHER", 0.01],
    ["PREFER_NOT_TO_SAY", 0.02],
  ] as const,
  employment: [
    ["UNEMPLOYED", 0.34],
    ["FULL_TIME", 0.25],
    ["PART_TIME", 0.25],
    ["NOT_SEEKING_WORK", 0.12],
    ["STUDENT", 0.02],
    ["OTHER", 0.02],
  ] as const,
  disability: 0.2,
};
const serviceUserMix = {
  gender: [
    ["MALE", 0.9],
    ["FEMALE", 0.09],
    ["NON_BINARY", 0.01],
  ] as const,
  orientation: [
    ["HETEROSEXUAL", 0.97],
    ["PREFER_NOT_TO_SAY", 0.03],
  ] as const,
  // 17% from a Black, Asian or other minority group.
  ethnicity: [
    ["WHITE", 0.81],
    ["MIXED", 0.05],
    ["ASIAN", 0.06],
    ["BLACK", 0.05],
    ["OTHER", 0.01],
    ["PREFER_NOT_TO_SAY", 0.02],
  ] as const,
  employment: [
    ["FULL_TIME", 0.49],
    ["UNEMPLOYED", 0.36],
    ["PART_TIME", 0.08],
    ["NOT_SEEKING_WORK", 0.05],
    ["OTHER", 0.02],
  ] as const,
  disability: 0.14,
};
const youngPersonMix = {
  gender: [
    ["FEMALE", 0.63],
    ["MALE", 0.37],
  ] as const,
  // 25% from a Black, Asian or other minority group.
  ethnicity: [
    ["WHITE", 0.75],
    ["MIXED", 0.12],
    ["ASIAN", 0.06],
    ["BLACK", 0.05],
    ["OTHER", 0.02],
  ] as const,
  disability: 0.16,
  // Every band present: roughly the report's 28% ≤ 8, the rest 9–17.
  bands: [
    ["under-8", 0.3],
    ["8-12", 0.4],
    ["13-17", 0.3],
  ] as const,
};
/** Where families are referred from, in shares like the report's; the large bench service (bench/large-service.ts) draws from the same. */
export const referralMix = [
  ["CHILDRENS_SOCIAL_CARE", 0.59],
  ["POLICE", 0.15],
  ["HEALTH", 0.08],
  ["SELF_REFERRAL", 0.08],
  ["EDUCATION", 0.04],
  ["OTHER_DA_SERVICE", 0.04],
  ["OTHER", 0.02],
] as const satisfies readonly (readonly [ReferralSource, number])[];
/** Why involvements close, in shares; the large bench service draws from the same. */
export const closureMix = [
  ["COMPLETED", 0.7],
  ["DISENGAGED", 0.12],
  ["REFERRED_ON", 0.08],
  ["MOVED_AWAY", 0.05],
  ["RISK_ESCALATED", 0.03],
  ["OTHER", 0.02],
] as const satisfies readonly (readonly [ClosureReason, number])[];
const CONSENT_SHARE = 0.9;

/** Things people using harmful behaviour wrote after a session (fictional, the demo's own words). */
const REFLECTIONS = [
  "Noticing the signs in my body before I get loud. Walked out to the garden instead.",
  "That the kids hear more than I think they do.",
  "Time out is not the same as storming off. I said when I would be back.",
  "Talking about my dad. I do some of the same things and I don't want to.",
  "Writing down what set me off helped me see it was not about the dishes.",
] as const;

/** Notes a worker wrote after a contact (fictional). */
const CONTACT_NOTES = [
  "Phone call at the agreed time. Talked through the week; no new incidents reported. Next session booked.",
  "Met at the library. Went over the safety plan and updated the list of safe contacts.",
  "Home visit cancelled by them by text in the agreed way; rearranged for next week.",
  "Session completed. Worked on the goals sheet; good engagement.",
  "Brief call to confirm the appointment. Code word given correctly.",
] as const;

const VENUES = ["Community library, room 2", "Health centre, room 4", "Family hub, meeting room", "Leisure centre, studio 1"];

// ───────────────────────────── Plans held in memory ─────────────────────────────

type Area = "North" | "South";
type PersonPlan = {
  id: string;
  kind: PersonKind;
  name: string;
  familyIndex: number;
  startedAt: Date;
  endedAt: Date | null;
  workerKey: string;
  dateOfBirth: Date | null;
};
type FamilyPlan = {
  id: string;
  index: number;
  reference: string;
  area: Area;
  openedAt: Date;
  closedAt: Date | null;
  closureReason: ClosureReason | null;
  referralSource: ReferralSource;
  surname: string;
  childCount: number;
  hasServiceUser: boolean;
  featured: boolean;
};

function flags(random: Random, n: number, share: number): boolean[] {
  return random.quota(n, [
    [true, share],
    [false, 1 - share],
  ]);
}

/** A queue of values drawn in proportion; `next()` never runs dry (it refills). */
function mix<T>(random: Random, n: number, shares: readonly (readonly [T, number])[]) {
  let values = random.quota(n, shares);
  let index = 0;
  return () => {
    if (index >= values.length) {
      values = random.quota(n, shares);
      index = 0;
    }
    const value = values[index];
    index += 1;
    if (value === undefined) throw new Error("empty mix");
    return value;
  };
}

type Shares<T> = readonly (readonly [T, number])[];

/** True in `share` of cases, false in the rest: the shares `mix` takes for a yes-or-no. */
function yesShare(share: number): Shares<boolean> {
  return [
    [true, share],
    [false, 1 - share],
  ];
}

/**
 * The draws for `count` adults of one kind: each demographic in the proportions `shares` gives,
 * and consent to monitoring in CONSENT_SHARE; each is a function giving the next adult's value.
 * Drawn in this order, so that the seeded demo stays the same.
 */
function adultDraws<G, O, E, M>(
  random: Random,
  count: number,
  shares: { gender: Shares<G>; orientation: Shares<O>; ethnicity: Shares<E>; employment: Shares<M>; disability: number },
) {
  return {
    gender: mix(random, count, shares.gender),
    orientation: mix(random, count, shares.orientation),
    ethnicity: mix(random, count, shares.ethnicity),
    employment: mix(random, count, shares.employment),
    disability: mix(random, count, yesShare(shares.disability)),
    consent: mix(random, count, yesShare(CONSENT_SHARE)),
  };
}

function clamp(value: number, min: number, max: number) {
  return Math.max(min, Math.min(max, value));
}

/** A time of day on the given calendar day, by the demo service's clock, for readable demo timestamps. */
function at(day: Date, hour: number, minute = 0): Date {
  return atLocalTime(calendarDate(day), hour, minute, DEMO_ZONE);
}

function agreeAnswer(random: Random, agrees: boolean): string {
  return agrees ? (random.chance(0.45) ? "strongly-agree" : "agree") : random.pick(["not-sure", "not-sure", "disagree", "strongly-disagree"]);
}

// ───────────────────────────── The seed ─────────────────────────────

export async function seedDemoService(prisma: PrismaClient, options: { now?: Date } = {}): Promise<DemoSummary> {
  const now = options.now ?? new Date();
  const today = utcDay(now);
  const random = new Random(SEED);
  // The worker's record for outcome reports (docs/outcomes.md) draws from its own sequence, so adding
  // it moved nothing else the demo makes (names, dates, the featured family's answers).
  const recordRandom = new Random(SEED + 12);
  const byShare = (share: number) => recordRandom.chance(share);

  // The service, its areas and teams.
  const service = await prisma.service.create({ data: { name: DEMO_SERVICE_NAME } });
  const areaIds: Record<Area, string> = { North: newId(), South: newId() };
  await prisma.area.createMany({
    data: (["North", "South"] as const).map((name) => ({ id: areaIds[name], serviceId: service.id, name })),
  });
  const teamIds: Record<Area, string> = { North: newId(), South: newId() };
  await prisma.team.createMany({
    data: (["North", "South"] as const).map((area) => ({ id: teamIds[area], serviceId: service.id, areaId: areaIds[area], name: `${area} team` })),
  });

  // Staff.
  const staffRows = STAFF.map((plan) => ({
    plan,
    row: staffData({
      serviceId: service.id,
      role: plan.role,
      specialism: plan.specialism ?? null,
      teamId: plan.area ? teamIds[plan.area] : null,
      displayName: plan.displayName,
      email: `${plan.displayName.toLowerCase().replace(/[^a-z]+/g, ".")}@waypoint-demo.example`,
    }),
  }));
  await prisma.staffMember.createMany({ data: staffRows.map((s) => s.row) });
  const staffByKey = new Map(staffRows.map((s) => [s.plan.key, s]));
  const staff = (key: string) => {
    const found = staffByKey.get(key);
    if (!found) throw new Error(`no demo staff member "${key}"`);
    return found;
  };
  const workersOf = (area: Area, specialism: Specialism) =>
    staffRows.filter((s) => s.plan.area === area && s.plan.specialism === specialism).map((s) => s.plan.key);
  const caseManagerKey: Record<Area, string> = { North: "cm-north", South: "cm-south" };

  // Questionnaires: publish the built-ins, switch them on, and the rules that assign them.
  const definitions = await publishDefinitions(prisma);
  await enableQuestionnaires(
    prisma,
    service.id,
    definitions.map((d) => d.id),
  );
  const definitionId = (key: string) => {
    const found = definitions.find((d) => d.key === key);
    if (!found) throw new Error(`no built-in questionnaire "${key}"`);
    return found.id;
  };
  const rulePlans: (Omit<Prisma.QuestionnaireRuleCreateManyInput, "serviceId" | "definitionId"> & { key: string })[] = [
    { key: "adult-intake", personKind: "ADULT_SURVIVOR", trigger: "AT_INTAKE", dueAfterDays: 7 },
    { key: "adult-checkin", personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: 14, dueAfterDays: 3 },
    { key: "adult-exit", personKind: "ADULT_SURVIVOR", trigger: "AT_CLOSURE", dueAfterDays: 14 },
    { key: "hb-intake", personKind: "HARMFUL_BEHAVIOUR", trigger: "AT_INTAKE", dueAfterDays: 7 },
    { key: "hb-reflection", personKind: "HARMFUL_BEHAVIOUR", trigger: "RECURRING", intervalDays: 7, dueAfterDays: 2 },
    { key: "hb-exit", personKind: "HARMFUL_BEHAVIOUR", trigger: "AT_CLOSURE", dueAfterDays: 14 },
    { key: "yp-intake", personKind: "YOUNG_PERSON", trigger: "AT_INTAKE", dueAfterDays: 7 },
    { key: "yp-checkin", personKind: "YOUNG_PERSON", trigger: "RECURRING", intervalDays: 28, dueAfterDays: 7 },
    { key: "yp-exit", personKind: "YOUNG_PERSON", trigger: "AT_CLOSURE", dueAfterDays: 14 },
  ];
  const rules = rulePlans.map(({ key, ...rule }) => ({ ...rule, id: newId(), key, serviceId: service.id, definitionId: definitionId(key) }));
  await prisma.questionnaireRule.createMany({ data: rules.map(({ key: _key, ...rule }) => rule) });
  const ruleId = (key: string) => rules.find((r) => r.key === key)?.id ?? null;

  // ── Families ──
  const others = FAMILY_COUNT - 1;
  const closedFlags = flags(random, others, CLOSED_FAMILIES / others);
  const survivorOnly = flags(random, others, SURVIVOR_ONLY_FAMILIES / others);
  // 30 young people: the featured family's 3, and 27 spread as 0–3 per family.
  const withChildren = [3, 3, 3, 2, 2, 2, 2, 2];
  const onlyChildren = YOUNG_PEOPLE - FEATURED_FAMILY.children.length - withChildren.reduce((a, b) => a + b, 0);
  const childCounts = random.shuffle([
    ...withChildren,
    ...Array.from({ length: onlyChildren }, () => 1),
    ...Array.from({ length: others - withChildren.length - onlyChildren }, () => 0),
  ]);
  const nextReferral = mix(random, FAMILY_COUNT, referralMix);
  const nextClosure = mix(random, CLOSED_FAMILIES, closureMix);

  const families: FamilyPlan[] = [];
  families.push({
    id: newId(),
    index: 1,
    reference: FEATURED_FAMILY.reference,
    area: "North",
    openedAt: at(addDays(today, -70), 9, 30),
    closedAt: null,
    closureReason: null,
    referralSource: "CHILDRENS_SOCIAL_CARE",
    surname: FEATURED_FAMILY.surname,
    childCount: FEATURED_FAMILY.children.length,
    hasServiceUser: true,
    featured: true,
  });
  for (let i = 0; i < others; i++) {
    const closed = closedFlags[i] ?? false;
    // Closed families closed over the last two years, after 12–38 weeks of support; open ones
    // opened over the last eight months, at least three weeks ago so everyone has started.
    const closedAt = closed ? at(addDays(today, -random.int(14, 720)), 16) : null;
    const openedAt = closedAt ? at(addDays(closedAt, -random.int(84, 270)), 9, 30) : at(addDays(today, -random.int(21, 240)), 9, 30);
    families.push({
      id: newId(),
      index: i + 2,
      reference: familyReference(i + 2),
      area: i % 2 === 0 ? "South" : "North",
      openedAt,
      closedAt,
      closureReason: closed ? nextClosure() : null,
      referralSource: nextReferral(),
      surname: fictionalSurname(random),
      childCount: childCounts[i] ?? 0,
      hasServiceUser: !(survivorOnly[i] ?? false),
      featured: false,
    });
  }
  // Case managers hold the families of their area.
  await createFamilies(
    prisma,
    families.map((f) => ({
      id: f.id,
      serviceId: service.id,
      areaId: areaIds[f.area],
      reference: f.reference,
      caseManagerId: staff(caseManagerKey[f.area]).row.id,
      referralSource: f.referralSource,
      referralDate: addDays(f.openedAt, -random.int(3, 21)),
      openedAt: f.openedAt,
      closedAt: f.closedAt,
    })),
  );

  // ── People ──
  const survivorCount = families.length;
  const serviceUserCount = families.filter((f) => f.hasServiceUser).length;
  const s = adultDraws(random, survivorCount, survivorMix);
  const u = adultDraws(random, serviceUserCount, serviceUserMix);
  const childTotal = families.reduce((n, f) => n + f.childCount, 0);
  const y = {
    gender: mix(random, childTotal, youngPersonMix.gender),
    ethnicity: mix(random, childTotal, youngPersonMix.ethnicity),
    disability: mix(random, childTotal, yesShare(youngPersonMix.disability)),
    consent: mix(random, childTotal, yesShare(CONSENT_SHARE)),
    band: mix(random, childTotal - FEATURED_FAMILY.children.length, youngPersonMix.bands),
  };

  const people: PersonPlan[] = [];
  const personInputs: PersonInput[] = [];
  const roundRobin = new Map<string, number>();
  const nextWorker = (area: Area, specialism: Specialism) => {
    const keys = workersOf(area, specialism);
    const slot = `${area}:${specialism}`;
    const n = roundRobin.get(slot) ?? 0;
    roundRobin.set(slot, n + 1);
    const key = keys[n % keys.length];
    if (!key) throw new Error(`no ${specialism} in ${area}`);
    return key;
  };

  for (const f of families) {
    const family = { id: f.id, serviceId: service.id };
    const ends: Date[] = [];
    const addPerson = (
      kind: PersonKind,
      details: { firstName: string; lastName: string; gender: Gender; dateOfBirth?: Date | null; startOffset: number; workerKey: string } & Partial<
        Pick<PersonInput, "sexualOrientation" | "ethnicityGroup" | "disability" | "employment" | "consentMonitoring">
      >,
    ) => {
      const { startOffset, workerKey, firstName, lastName, gender, dateOfBirth = null, ...demographics } = details;
      const startedAt = addDays(f.openedAt, startOffset);
      const endedAt = f.closedAt ? addDays(f.closedAt, -random.int(0, 6)) : null;
      if (endedAt) ends.push(endedAt);
      const id = newId();
      people.push({ id, kind, name: `${firstName} ${lastName}`, familyIndex: f.index, startedAt, endedAt, workerKey, dateOfBirth });
      personInputs.push({
        id,
        family,
        kind,
        firstName,
        lastName,
        gender,
        dateOfBirth,
        referralSource: f.referralSource,
        involvementStartedAt: startedAt,
        involvementEndedAt: endedAt,
        closureReason: endedAt ? f.closureReason : null,
        consentRecordedAt: demographics.consentMonitoring ? startedAt : null,
        ...demographics,
      });
    };

    // The adult victim-survivor.
    const survivorGender = f.featured ? FEATURED_FAMILY.survivor.gender : s.gender();
    addPerson("ADULT_SURVIVOR", {
      firstName: f.featured ? FEATURED_FAMILY.survivor.firstName : fictionalFirstName(random, { gender: survivorGender }),
      lastName: f.surname,
      gender: survivorGender,
      sexualOrientation: s.orientation(),
      ethnicityGroup: s.ethnicity(),
      employment: s.employment(),
      disability: s.disability(),
      consentMonitoring: f.featured ? true : s.consent(),
      dateOfBirth: f.featured ? null : random.chance(0.7) ? dateOfBirthForAge(random.int(21, 48), now, random.int(0, 360)) : null,
      startOffset: 0,
      workerKey: f.featured ? "asa-north-1" : nextWorker(f.area, "ADULT_SURVIVOR_ADVOCATE"),
    });
    // The person using harmful behaviour: always a behaviour-change worker, so never the
    // survivor's advocate (Home Office standards: not the same worker for both).
    if (f.hasServiceUser) {
      const gender = f.featured ? FEATURED_FAMILY.serviceUser.gender : u.gender();
      addPerson("HARMFUL_BEHAVIOUR", {
        firstName: f.featured ? FEATURED_FAMILY.serviceUser.firstName : fictionalFirstName(random, { gender }),
        lastName: f.featured || random.chance(0.5) ? f.surname : fictionalSurname(random),
        gender,
        sexualOrientation: u.orientation(),
        ethnicityGroup: u.ethnicity(),
        employment: u.employment(),
        disability: u.disability(),
        consentMonitoring: f.featured ? true : u.consent(),
        dateOfBirth: f.featured ? null : random.chance(0.7) ? dateOfBirthForAge(random.int(23, 52), now, random.int(0, 360)) : null,
        startOffset: f.featured ? 3 : random.int(0, 10),
        workerKey: f.featured ? "bcw-north-1" : nextWorker(f.area, "BEHAVIOUR_CHANGE_WORKER"),
      });
    }
    // Children: one children's caseworker holds all the children of a family.
    const childWorker = f.featured ? "ccw-north-1" : f.childCount > 0 ? nextWorker(f.area, "CHILDRENS_CASEWORKER") : "";
    for (let c = 0; c < f.childCount; c++) {
      const featuredChild = f.featured ? FEATURED_FAMILY.children[c] : undefined;
      const gender = featuredChild?.gender ?? y.gender();
      const band = featuredChild ? null : y.band();
      const age = featuredChild?.age ?? (band === "under-8" ? random.int(4, 7) : band === "8-12" ? random.int(8, 12) : random.int(13, 17));
      addPerson("YOUNG_PERSON", {
        firstName: featuredChild?.firstName ?? fictionalFirstName(random, { gender, child: true }),
        lastName: f.surname,
        gender,
        ethnicityGroup: y.ethnicity(),
        disability: y.disability(),
        consentMonitoring: f.featured ? true : y.consent(),
        dateOfBirth: dateOfBirthForAge(age, now, featuredChild ? 120 : random.int(30, 330)),
        startOffset: f.featured ? 7 : random.int(0, 14),
        workerKey: childWorker,
      });
    }
  }
  await createPeople(prisma, personInputs);

  // Allocations: each person to a worker of the matching specialism (checked by the factory).
  await allocateMany(
    prisma,
    people.map((p) => {
      const worker = staff(p.workerKey);
      return {
        person: { id: p.id, kind: p.kind },
        staff: { id: worker.row.id, role: worker.row.role, specialism: worker.row.specialism },
        startedAt: p.startedAt,
        endedAt: p.endedAt,
      };
    }),
  );

  // ── Risk assessments: at intake (and a review for long-open cases), and at exit ──
  const survivors = people.filter((p) => p.kind === "ADULT_SURVIVOR");
  const serviceUsers = people.filter((p) => p.kind === "HARMFUL_BEHAVIOUR");
  const youngPeople = people.filter((p) => p.kind === "YOUNG_PERSON");
  const survivorRisk = mix(random, survivors.length, [
    ["STANDARD", 0.55],
    ["MEDIUM", 0.38],
    ["HIGH", 0.07],
  ] as const);
  const serviceUserRisk = mix(random, serviceUsers.length, [
    ["STANDARD", 0.35],
    ["MEDIUM", 0.55],
    ["HIGH", 0.1],
  ] as const);
  const riskAtIntake = new Map<string, RiskLevel>();
  const riskAtExit = new Map<string, RiskLevel>();
  const riskRows: Prisma.RiskAssessmentCreateManyInput[] = [];
  for (const p of [...survivors, ...serviceUsers]) {
    const level = p.kind === "ADULT_SURVIVOR" ? survivorRisk() : serviceUserRisk();
    riskAtIntake.set(p.id, level);
    const staffId = staff(p.workerKey).row.id;
    const assessedAt = at(addDays(p.startedAt, random.int(0, 4)), 11);
    const end = p.endedAt ?? now;
    riskRows.push({ personId: p.id, staffId, level, stage: "INTAKE", assessedAt, reviewDueAt: addDays(assessedAt, 56) });
    // Reviewed every eight weeks, a few days either side; now and then a review is late.
    const reviews: Date[] = [];
    for (let due = addDays(assessedAt, 56); due < end; due = addDays(reviews.at(-1) ?? due, 56)) {
      const when = at(addDays(due, random.int(-5, 2)), 11);
      if (when >= end || (!p.endedAt && addDays(due, 56) > now && random.chance(0.12))) break;
      reviews.push(when);
    }
    for (const review of reviews) riskRows.push({ personId: p.id, staffId, level, stage: "REVIEW", assessedAt: review, reviewDueAt: addDays(review, 56) });
    if (p.endedAt) {
      // Most risk comes down over support: 83% of medium-risk service users were lower at exit.
      const lower = random.chance(p.kind === "HARMFUL_BEHAVIOUR" ? 0.83 : 0.75);
      const exitLevel: RiskLevel = level === "HIGH" ? (lower ? "MEDIUM" : "HIGH") : level === "MEDIUM" ? (lower ? "STANDARD" : "MEDIUM") : "STANDARD";
      riskAtExit.set(p.id, exitLevel);
      riskRows.push({ personId: p.id, staffId, level: exitLevel, stage: "EXIT", assessedAt: at(addDays(p.endedAt, -1), 11), reviewDueAt: null });
    }
  }
  await prisma.riskAssessment.createMany({ data: riskRows });

  // ── Questionnaire responses ──
  const responses: ResponseInput[] = [];
  const closedSurvivors = survivors.filter((p) => p.endedAt);
  const closedServiceUsers = serviceUsers.filter((p) => p.endedAt);
  const closedYoungPeople = youngPeople.filter((p) => p.endedAt);

  /** Submitted on day `offset` of the person's involvement, late morning. */
  const submitted = (p: PersonPlan, offset: number) => {
    const when = at(addDays(p.startedAt, offset), 10 + (offset % 6), (offset * 7) % 60);
    const latest = new Date((p.endedAt ?? now).getTime() - 2 * 60 * 60 * 1000);
    return when < latest ? when : latest;
  };
  const resolvedBy = (p: PersonPlan, when: Date) => ({ resolvedAt: addDays(when, 1), resolvedById: staff(p.workerKey).row.id });
  const response = (p: PersonPlan, key: string, submittedAt: Date, answers: Answers, extra: Partial<ResponseInput> = {}): ResponseInput => ({
    personId: p.id,
    definitionKey: key,
    answers,
    submittedAt,
    dueAt: addDays(submittedAt, random.int(1, 5)),
    assignedById: staff(p.workerKey).row.id,
    ruleId: ruleId(key),
    ...extra,
  });
  /**
   * The recurring check-ins of a person's rule, occurrence by occurrence as the schedule makes
   * them (app/questionnaires/assignments.server.ts): the last `max` before the end of involvement,
   * each answered within its due window. For an open person the current occurrence is still to
   * answer when its window has not passed (always for the featured family), and for some it has
   * passed unanswered (overdue); these go to `dueRows` instead of being answered.
   */
  const dueRows: Prisma.QuestionnaireAssignmentCreateManyInput[] = [];
  const occurrences = (p: PersonPlan, key: string, max: number) => {
    const rule = rulePlans.find((r) => r.key === key);
    const every = rule?.intervalDays ?? 14;
    const dueAfter = rule?.dueAfterDays ?? 3;
    const end = p.endedAt ?? now;
    // Occurrences are whole local days apart, as app/questionnaires/assignments.server.ts works them out.
    const count = wholeLocalPeriods(p.startedAt, end, every, DEMO_ZONE);
    const answered: { k: number; startsAt: Date; dueAt: Date; submittedAt: Date }[] = [];
    for (let k = Math.max(1, count - max + 1); k <= count; k++) {
      const startsAt = addLocalDays(p.startedAt, k * every, DEMO_ZONE);
      const dueAt = addDays(startsAt, dueAfter);
      const current = !p.endedAt && k === count;
      const featured = p.familyIndex === 1;
      const stillOpen = current && (featured || (dueAt > now ? random.chance(0.7) : random.chance(0.15)));
      if (stillOpen) {
        dueRows.push({
          personId: p.id,
          definitionId: definitionId(key),
          stage: p.kind === "HARMFUL_BEHAVIOUR" ? "REFLECTION" : "CHECK_IN",
          assignedById: staff(p.workerKey).row.id,
          ruleId: ruleId(key),
          occurrence: k,
          createdAt: startsAt,
          dueAt,
          status: "ASSIGNED",
        });
        continue;
      }
      const latest = new Date(Math.min(end.getTime(), now.getTime()) - 60 * 60 * 1000);
      const when = new Date(Math.min(startsAt.getTime() + random.int(2, dueAfter * 24 - 1) * 60 * 60 * 1000, latest.getTime()));
      if (when > startsAt) answered.push({ k, startsAt, dueAt, submittedAt: when });
    }
    return answered;
  };
  const recurring = (o: { k: number; startsAt: Date; dueAt: Date }): Partial<ResponseInput> => ({ occurrence: o.k, assignedAt: o.startsAt, dueAt: o.dueAt });
  const bandAt = (p: PersonPlan, when: Date) => (p.dateOfBirth ? ageBand(p.dateOfBirth, when, DEMO_ZONE) : null);
  const exitDate = (p: PersonPlan) => at(addDays(p.endedAt ?? now, -random.int(1, 5)), 14);

  // Adult victim-survivors.
  const abuseShares = { physical: 0.64, sexual: 0.19, "harassment-stalking": 0.38, "jealous-controlling": 0.57 } as const;
  const cessation = { physical: 0.63, sexual: 0.83, "harassment-stalking": 0.73, "jealous-controlling": 0.57 } as const;
  const abuseTypes = ["physical", "sexual", "harassment-stalking", "jealous-controlling"] as const;
  const abuseAtIntake = new Map(abuseTypes.map((t) => [t, flags(random, survivors.length, abuseShares[t])]));
  const needs = {
    "need-safety": flags(random, survivors.length, 0.85),
    "need-children-parenting": flags(random, survivors.length, 0.6),
    "need-housing": flags(random, survivors.length, 0.25),
    "need-mental-health": flags(random, survivors.length, 0.45),
    "need-finances": flags(random, survivors.length, 0.28),
    "need-social-support": flags(random, survivors.length, 0.4),
  };
  const exitAgreementKeys = ["felt-safer", "wellbeing-improved", "more-confident", "quality-of-life-improved", "more-optimistic"] as const;
  const exitAgreement: Record<(typeof exitAgreementKeys)[number], boolean[]> = {
    "felt-safer": flags(random, closedSurvivors.length, 0.82),
    "wellbeing-improved": flags(random, closedSurvivors.length, 0.75),
    "more-confident": flags(random, closedSurvivors.length, 0.56),
    "quality-of-life-improved": flags(random, closedSurvivors.length, 0.56),
    "more-optimistic": flags(random, closedSurvivors.length, 0.44),
  };
  survivors.forEach((p, i) => {
    const intakeAt = submitted(p, random.int(0, 4));
    const feel = {
      "feel-safe": random.int(2, 6),
      "feel-well": random.int(2, 6),
      "feel-confident": random.int(2, 6),
      "feel-optimistic": random.int(1, 6),
      "quality-of-life": random.int(1, 3),
    };
    const unsafeAtIntake = random.chance(0.1);
    const intakeAbuse = Object.fromEntries(abuseTypes.map((t) => [`abuse-${t}`, abuseAtIntake.get(t)?.[i] ?? false]));
    responses.push(
      response(
        p,
        "adult-intake",
        intakeAt,
        {
          "safe-at-home-now": !unsafeAtIntake,
          ...Object.fromEntries(Object.entries(needs).map(([key, values]) => [key, values[i] ?? false])),
          ...intakeAbuse,
          ...feel,
          // Shares as in the service's own two-year report.
          "worker-new-to-services": byShare(0.79),
          "worker-financial-difficulty": byShare(0.28),
          "worker-mental-health": byShare(0.39),
          "worker-past-abuse": byShare(0.62),
          "worker-harmer-current-partner": byShare(0.71),
          "worker-pregnant": byShare(0.11),
          "worker-children-count": byShare(0.9) ? recordRandom.int(1, 4) : 0,
          "worker-children-under-4": byShare(0.45) ? 1 : 0,
          "worker-multiple-harmers": byShare(0.09),
          "worker-honour-based": byShare(0.03),
          "worker-abuse-years": recordRandom.int(1, 15),
          "worker-risk-indicators": recordRandom.int(3, 18),
        },
        { alerts: resolvedBy(p, intakeAt) },
      ),
    );
    let wellbeing = feel["feel-well"];
    let safety = feel["feel-safe"];
    for (const o of occurrences(p, "adult-checkin", 4)) {
      wellbeing = clamp(wellbeing + random.int(-1, 2), 0, 10);
      safety = clamp(safety + random.int(-1, 2), 0, 10);
      const somethingNew = random.chance(0.12);
      responses.push(
        response(
          p,
          "adult-checkin",
          o.submittedAt,
          { "safe-at-home-now": true, "feel-safe": safety, "feel-well": wellbeing, "anything-new": somethingNew },
          { alerts: resolvedBy(p, o.submittedAt), ...recurring(o) },
        ),
      );
    }
    const closedIndex = closedSurvivors.indexOf(p);
    if (closedIndex >= 0) {
      const agrees = (key: (typeof exitAgreementKeys)[number]) => exitAgreement[key][closedIndex] ?? false;
      const exitAbuse = Object.fromEntries(
        abuseTypes.map((t) => {
          const before = abuseAtIntake.get(t)?.[i] ?? false;
          return [`abuse-${t}`, before ? !random.chance(cessation[t]) : random.chance(0.04)];
        }),
      );
      const lift = (value: number, improved: boolean, max: number) => clamp(value + (improved ? random.int(2, 4) : random.int(-1, 1)), 0, max);
      const when = exitDate(p);
      responses.push(
        response(
          p,
          "adult-exit",
          when,
          {
            "safe-at-home-now": agrees("felt-safer") || random.chance(0.7),
            ...exitAbuse,
            "feel-safe": lift(feel["feel-safe"], agrees("felt-safer"), 10),
            "feel-well": lift(feel["feel-well"], agrees("wellbeing-improved"), 10),
            "feel-confident": lift(feel["feel-confident"], agrees("more-confident"), 10),
            "feel-optimistic": lift(feel["feel-optimistic"], agrees("more-optimistic"), 10),
            "quality-of-life": clamp(feel["quality-of-life"] + (agrees("quality-of-life-improved") ? random.int(1, 2) : 0), 1, 5),
            ...Object.fromEntries(exitAgreementKeys.map((key) => [key, agreeAnswer(random, agrees(key))])),
            "support-safety": byShare(0.65),
            "support-children-parenting": byShare(0.6),
            "support-housing": byShare(0.5),
            "support-mental-health": byShare(0.6),
            "support-social": byShare(0.5),
          },
          { alerts: resolvedBy(p, when) },
        ),
      );
    }
  });

  // People using harmful behaviour.
  const serviceUserNeeds = {
    "need-children-parenting": flags(random, serviceUsers.length, 0.51),
    "need-mental-health": flags(random, serviceUsers.length, 0.39),
    "need-alcohol": flags(random, serviceUsers.length, 0.27),
    "need-drugs": flags(random, serviceUsers.length, 0.26),
    "need-housing": flags(random, serviceUsers.length, 0.23),
    "need-employment": flags(random, serviceUsers.length, 0.3),
  };
  const wantsBetterRelationship = flags(random, serviceUsers.length, 0.6);
  const hbExitShares = {
    "understand-impact": flags(random, closedServiceUsers.length, 0.94),
    "behaviour-reduced": flags(random, closedServiceUsers.length, 0.96),
    "relationship-partner-improved": flags(random, closedServiceUsers.length, 0.69),
    "relationship-children-improved": flags(random, closedServiceUsers.length, 0.63),
    "worker-aware-of-impact": flags(random, closedServiceUsers.length, 0.62),
    "worker-understands-unacceptable": flags(random, closedServiceUsers.length, 0.53),
    "worker-controls-behaviour": flags(random, closedServiceUsers.length, 0.53),
    "worker-takes-responsibility": flags(random, closedServiceUsers.length, 0.48),
    "physical-abuse-intake": flags(random, closedServiceUsers.length, 0.64),
  };
  serviceUsers.forEach((p, i) => {
    const intakeAt = submitted(p, random.int(0, 4));
    const hopes = [
      ...(wantsBetterRelationship[i] ? ["relationship-partner"] : []),
      ...(random.chance(0.5) ? ["relationship-children"] : []),
      ...(random.chance(0.4) ? ["handle-feelings"] : []),
      ...(random.chance(0.3) ? ["calmer-home"] : []),
    ];
    responses.push(
      response(p, "hb-intake", intakeAt, {
        ...Object.fromEntries(Object.entries(serviceUserNeeds).map(([key, values]) => [key, values[i] ?? false])),
        hopes: hopes.length > 0 ? hopes : ["other"],
        "worker-new-to-services": byShare(0.96),
        "worker-voluntary": byShare(0.95),
        "worker-mental-health": byShare(0.33),
        "worker-criminal-order": byShare(0.12),
      }),
    );
    let progress = random.int(1, 3);
    for (const o of occurrences(p, "hb-reflection", 5)) {
      progress = clamp(progress + random.int(0, 2), 0, 10);
      const reflection = random.chance(0.4) ? { "took-from-today": random.pick(REFLECTIONS) } : {};
      responses.push(response(p, "hb-reflection", o.submittedAt, { "goals-progress": progress, ...reflection }, recurring(o)));
    }
    const closedIndex = closedServiceUsers.indexOf(p);
    if (closedIndex >= 0) {
      const yes = (key: keyof typeof hbExitShares) => hbExitShares[key][closedIndex] ?? false;
      const physicalBefore = yes("physical-abuse-intake");
      const when = exitDate(p);
      responses.push(
        response(
          p,
          "hb-exit",
          when,
          {
            "understand-impact": agreeAnswer(random, yes("understand-impact")),
            "behaviour-reduced": agreeAnswer(random, yes("behaviour-reduced")),
            "relationship-partner-improved": agreeAnswer(random, yes("relationship-partner-improved")),
            "relationship-children-improved": agreeAnswer(random, yes("relationship-children-improved")),
            "worker-aware-of-impact": yes("worker-aware-of-impact"),
            "worker-understands-unacceptable": yes("worker-understands-unacceptable"),
            "worker-controls-behaviour": yes("worker-controls-behaviour"),
            "worker-takes-responsibility": yes("worker-takes-responsibility"),
            "risk-level-intake": (riskAtIntake.get(p.id) ?? "MEDIUM").toLowerCase(),
            "risk-level-exit": (riskAtExit.get(p.id) ?? "STANDARD").toLowerCase(),
            "physical-abuse-intake": physicalBefore,
            // 79% were using no physical abuse at exit.
            "physical-abuse-exit": physicalBefore && random.chance(0.21),
            "support-mental-health": byShare(0.8),
            "support-alcohol": byShare(0.7),
            "support-children-parenting": byShare(0.8),
            "support-housing": byShare(0.6),
            "support-social": byShare(0.5),
            "safety-measures-reduced-risk": byShare(0.85),
          },
          { workerCompletedAt: addDays(when, 2) },
        ),
      );
    }
  });

  // Children and young people.
  const witnessed = flags(random, youngPeople.length, 0.97);
  const directHarm = flags(random, youngPeople.length, 0.25);
  const socialCare = flags(random, youngPeople.length, 0.78);
  const ypFeelingKeys = ["safe-home", "safe-elsewhere", "worries", "getting-on-family", "getting-on-others"] as const;
  youngPeople.forEach((p, i) => {
    const intakeAt = submitted(p, random.int(1, 6));
    const faces = Object.fromEntries(ypFeelingKeys.map((key) => [key, random.int(2, 4)]));
    const talks = random.chance(0.5);
    responses.push(
      response(
        p,
        "yp-intake",
        intakeAt,
        {
          ...faces,
          "someone-to-talk-to": talks,
          "witnessed-abuse": witnessed[i] ?? true,
          "direct-harm": directHarm[i] ?? false,
          "csc-involved": socialCare[i] ?? false,
          "worker-new-to-services": true,
          "worker-current-abuse-primary": byShare(0.62),
          "worker-child-protection": (socialCare[i] ?? false) && byShare(0.52),
          "worker-education-welfare": byShare(0.63),
          "worker-harming-others": byShare(0.19),
          "worker-abuse-years": recordRandom.int(1, 12),
        },
        { workerCompletedAt: addDays(intakeAt, 1), ageBand: bandAt(p, intakeAt) },
      ),
    );
    const current = { ...faces };
    for (const o of occurrences(p, "yp-checkin", 3)) {
      for (const key of ypFeelingKeys) current[key] = clamp((current[key] ?? 3) + random.int(-1, 1), 2, 5);
      responses.push(
        response(
          p,
          "yp-checkin",
          o.submittedAt,
          { ...current, "someone-to-talk-to": talks || random.chance(0.5) },
          { ...recurring(o), ageBand: bandAt(p, o.submittedAt) },
        ),
      );
    }
    if (closedYoungPeople.includes(p)) {
      const improved = random.chance(0.85);
      const when = exitDate(p);
      responses.push(
        response(
          p,
          "yp-exit",
          when,
          {
            ...Object.fromEntries(ypFeelingKeys.map((key) => [key, clamp((faces[key] ?? 3) + (improved ? random.int(1, 2) : random.int(-1, 0)), 2, 5)])),
            "someone-to-talk-to": talks || random.chance(0.8),
            // 65% fewer children seeing or hearing abuse at exit; 44% fewer with children's social care.
            "witnessed-abuse": (witnessed[i] ?? true) && random.chance(0.35),
            "direct-harm": (directHarm[i] ?? false) && random.chance(0.2),
            "csc-involved": (socialCare[i] ?? false) && random.chance(0.56),
            "support-safety": byShare(0.6),
            "support-family-relationships": byShare(0.7),
            "support-mental-health": byShare(0.5),
            "support-other-relationships": byShare(0.4),
          },
          { workerCompletedAt: addDays(when, 1), ageBand: bandAt(p, when) },
        ),
      );
    }
  });

  // Two open safety alerts for the workers to see first: recent check-ins from two open survivors,
  // one on the featured advocate's caseload and one in the South.
  const openSurvivors = survivors.filter((p) => !p.endedAt && p.familyIndex !== 1 && addDays(p.startedAt, 7) < now);
  const alertPeople = [openSurvivors.find((p) => p.workerKey === "asa-north-1"), openSurvivors.find((p) => p.workerKey.startsWith("asa-south"))];
  alertPeople.forEach((p, n) => {
    if (!p) return;
    responses.push(
      response(
        p,
        "adult-checkin",
        at(addDays(today, -1 - n), 19, 40),
        n === 0
          ? { "safe-at-home-now": false, "feel-safe": 2, "feel-well": 3, "anything-new": true }
          : {
              "safe-at-home-now": true,
              "feel-safe": 4,
              "feel-well": 4,
              "anything-new": true,
              "anything-new-detail": "He turned up outside the school again on Tuesday.",
            },
        { alerts: "open" },
      ),
    );
  });

  const published = await loadPublishedDefinitions(prisma);
  const created = await createResponses(prisma, responses, published);

  // ── Questionnaires still to answer: the current check-ins left open above ──
  await prisma.questionnaireAssignment.createMany({ data: dueRows });

  // ── Appointments: each worker's availability over the next two working weeks, some booked ──
  const openPeople = people.filter((p) => !p.endedAt);
  const workingDays: Date[] = [];
  for (let d = 1; workingDays.length < 10; d++) {
    const day = addDays(today, d);
    // `today` and `day` are calendar days held at 00:00 UTC (see utcDay), so the UTC weekday is the day's own.
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) workingDays.push(day);
  }
  const modes: AppointmentMode[] = ["IN_PERSON", "PHONE", "VIDEO"];
  // The service's venues (decision 034): neutral public names; the address only for staff and the person booked.
  const venueRows = VENUES.map((publicName, i) => ({
    id: newId(),
    serviceId: service.id,
    publicName,
    address: `${12 + i * 7} Market Street`,
    showAddress: i !== 2,
  }));
  await prisma.venue.createMany({ data: venueRows });
  const venueId = (name: string | null | undefined) => venueRows.find((v) => v.publicName === name)?.id ?? null;
  // Weekly times: every worker offers one morning a week in person (Tuesday, Wednesday or Thursday,
  // 09:00–12:00 in hours) and a Friday afternoon by phone, from the start of this month.
  const ruleRows: Prisma.AvailabilityRuleCreateManyInput[] = [];
  staffRows
    .filter((s) => s.plan.role === "WORKER")
    .forEach(({ plan, row }, i) => {
      const validFrom = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
      ruleRows.push({
        staffId: row.id,
        weekday: 2 + (i % 3),
        startMinute: 540,
        endMinute: 720,
        sessionMinutes: 60,
        mode: "IN_PERSON",
        venueId: venueRows[(i + (plan.area === "North" ? 0 : 2)) % venueRows.length]?.id ?? null,
        validFrom,
      });
      ruleRows.push({ staffId: row.id, weekday: 5, startMinute: 780, endMinute: 900, sessionMinutes: 60, mode: "PHONE", venueId: null, validFrom });
    });
  await prisma.availabilityRule.createMany({ data: ruleRows });
  type Slot = Prisma.AvailabilitySlotCreateManyInput & { id: string; startsAt: Date; endsAt: Date; mode: AppointmentMode; booked?: boolean };
  const slotsByWorker = new Map<string, Slot[]>();
  for (const { plan, row } of staffRows.filter((s) => s.plan.role === "WORKER")) {
    const slots: Slot[] = [];
    workingDays.forEach((day, d) => {
      for (const [hour, minute] of [
        [10, 0],
        [14, 30],
      ] as const) {
        const mode = modes[(d + hour) % modes.length] ?? "IN_PERSON";
        const startsAt = at(day, hour, minute);
        slots.push({
          id: newId(),
          staffId: row.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
          mode,
          venue: mode === "IN_PERSON" ? VENUES[(d + (plan.area === "North" ? 0 : 2)) % VENUES.length] : null,
        });
        const last = slots[slots.length - 1];
        if (last) last.venueId = venueId(last.venue);
      }
    });
    slotsByWorker.set(plan.key, slots);
  }
  const appointmentRows: Prisma.AppointmentCreateManyInput[] = [];
  // A worker is never booked twice at once (the database refuses it): each of a worker's people had
  // their past sessions at an hour of their own.
  const pastSessions = new Map<string, number>();
  for (const p of openPeople) {
    const featured = p.familyIndex === 1;
    const worker = staff(p.workerKey).row;
    // Past sessions, attended (and the odd one missed).
    const sinceStart = localDaysBetween(p.startedAt, now, DEMO_ZONE);
    const turn = pastSessions.get(p.workerKey) ?? 0;
    pastSessions.set(p.workerKey, turn + 1);
    for (let back = 7; back < sinceStart && back <= 35; back += 14) {
      const startsAt = at(addDays(today, -back - Math.floor(turn / 7)), 9 + (turn % 7));
      appointmentRows.push({
        personId: p.id,
        staffId: worker.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
        mode: "IN_PERSON",
        venue: VENUES[0],
        venueId: venueId(VENUES[0]),
        status: random.chance(0.9) ? "ATTENDED" : "MISSED",
      });
    }
    // The featured survivor's session yesterday afternoon, not yet marked attended or missed: what
    // a worker's week shows them to do.
    if (featured && p.kind === "ADULT_SURVIVOR") {
      const startsAt = at(addDays(today, -1), 16);
      appointmentRows.push({
        personId: p.id,
        staffId: worker.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
        mode: "PHONE",
        status: "BOOKED",
      });
    }
    // The next session, booked into one of the worker's free slots.
    if (!featured && !random.chance(0.55)) continue;
    const free = (slotsByWorker.get(p.workerKey) ?? []).filter((slot) => !slot.booked);
    const slot = featured ? free[0] : free.length > 0 ? random.pick(free) : undefined;
    if (!slot) continue;
    slot.booked = true;
    appointmentRows.push({
      personId: p.id,
      staffId: worker.id,
      slotId: slot.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      mode: slot.mode,
      venue: slot.venue ?? null,
      venueId: slot.venueId ?? null,
      status: "BOOKED",
    });
  }
  const slotRows = [...slotsByWorker.values()].flat().map(({ booked: _booked, ...slot }) => slot);
  await prisma.availabilitySlot.createMany({ data: slotRows });
  await prisma.appointment.createMany({ data: appointmentRows });

  // ── Casework written in free text, sealed like the app seals it ──
  // A contact note after each attended session, and safe-contact preferences for open adults.
  const noteRows: Prisma.CaseNoteCreateManyInput[] = appointmentRows
    .filter((a) => a.status === "ATTENDED")
    .map((a) => {
      const body = seal(random.pick(CONTACT_NOTES), "case-note");
      return {
        personId: a.personId,
        authorId: a.staffId,
        kind: "CONTACT" as const,
        occurredAt: new Date(new Date(a.startsAt).getTime() + 70 * 60_000),
        bodyCipher: body.cipher,
        keyId: body.keyId,
      };
    });
  await prisma.caseNote.createMany({ data: noteRows });
  const featuredPerson = (firstName: string) => people.find((p) => p.familyIndex === 1 && p.name.startsWith(`${firstName} `));
  const prefs = (personId: string, times: string, safe: ContactChannel[], never: ContactChannel[], codeWord: string | null) => {
    const sealedTimes = seal(times, "safe-times");
    const sealedWord = codeWord ? seal(codeWord, "code-word") : null;
    return {
      personId,
      safeTimesCipher: sealedTimes.cipher,
      codeWordCipher: sealedWord?.cipher ?? null,
      keyId: sealedTimes.keyId,
      safeChannels: safe,
      doNotContactBy: never,
    };
  };
  const prefRows = openPeople
    .filter((p) => p.kind !== "YOUNG_PERSON" && p.familyIndex !== 1 && random.chance(0.7))
    .map((p) =>
      prefs(
        p.id,
        random.pick(["Weekdays 10:00 to 14:00", "Evenings after 19:00", "Tuesday and Thursday mornings"]),
        ["PHONE_CALL", "PORTAL_MESSAGE"],
        ["TEXT_MESSAGE", "LETTER"],
        null,
      ),
    );
  const alex = featuredPerson("Alex");
  const sam = featuredPerson("Sam");
  if (alex)
    prefRows.push(
      prefs(
        alex.id,
        "Weekdays 10:00 to 14:00, while the children are at school",
        ["PORTAL_MESSAGE", "PHONE_CALL"],
        ["TEXT_MESSAGE", "EMAIL", "LETTER"],
        "bluebell",
      ),
    );
  if (sam) prefRows.push(prefs(sam.id, "Any weekday after 17:00", ["PHONE_CALL", "IN_PERSON"], ["LETTER"], null));
  await prisma.safeContactPreference.createMany({ data: prefRows });

  // Messages between Alex and her worker (the last one from Alex, not yet read), and goals for Sam.
  if (alex) {
    const thread = { id: newId(), personId: alex.id, staffId: staff("asa-north-1").row.id, lastMessageAt: at(addDays(today, -1), 20, 5) };
    await prisma.messageThread.create({ data: thread });
    const message = (when: Date, body: string, fromPerson: boolean, read: boolean) => {
      const sealed = seal(body, "message");
      return {
        threadId: thread.id,
        createdAt: when,
        authorPersonId: fromPerson ? alex.id : null,
        authorStaffId: fromPerson ? null : thread.staffId,
        bodyCipher: sealed.cipher,
        keyId: sealed.keyId,
        readAt: read ? addDays(when, 0.1) : null,
      };
    };
    await prisma.message.createMany({
      data: [
        message(at(addDays(today, -3), 10, 15), "Hello Alex, just checking that Thursday at 10 still works for you.", false, true),
        message(at(addDays(today, -3), 12, 40), "Yes that's fine, thank you.", true, true),
        message(at(addDays(today, -1), 20, 5), "Could we talk about the school holidays at the next session?", true, false),
      ],
    });
  }
  // A message from Sam's worker, and one from the children's worker to Mia (under 8: she reads it,
  // with no reply box), so every band's messages page has something to show.
  const note = async (person: { id: string } | undefined, staffKey: string, body: string, when: Date) => {
    if (!person) return;
    const thread = { id: newId(), personId: person.id, staffId: staff(staffKey).row.id, lastMessageAt: when };
    await prisma.messageThread.create({ data: thread });
    const sealed = seal(body, "message");
    await prisma.message.create({
      data: { threadId: thread.id, createdAt: when, authorStaffId: thread.staffId, bodyCipher: sealed.cipher, keyId: sealed.keyId },
    });
  };
  await note(sam, "bcw-north-1", "Hi Sam, next week's session is at the usual time. Bring your notes from last week.", at(addDays(today, -2), 9, 30));
  await note(featuredPerson("Mia"), "ccw-north-1", "Hello Mia! I liked your drawing. See you on Tuesday.", at(addDays(today, -1), 16, 0));
  if (sam) {
    const goals = ["Walk away and come back calm when an argument starts", "Do the school run with the kids twice a week"].map((title) => ({
      id: newId(),
      title: seal(title, "goal-title"),
    }));
    await prisma.goal.createMany({
      data: goals.map((g) => ({ id: g.id, personId: sam.id, titleCipher: g.title.cipher, keyId: g.title.keyId, createdAt: addDays(sam.startedAt, 7) })),
    });
    await prisma.goalRating.createMany({
      data: goals.flatMap((g, i) =>
        [3, 4, 4, 6].map((score, n) => ({
          goalId: g.id,
          score: Math.max(0, score - i),
          ratedAt: at(addDays(sam.startedAt, 14 + n * 14), 12),
          ratedBy: n % 2 === 0 ? ("WORKER" as const) : ("PERSON" as const),
        })),
      ),
    });
  }

  // ── Summary, read back from the database ──
  const byKindRows = await prisma.person.groupBy({ by: ["kind"], where: { serviceId: service.id }, _count: { _all: true } });
  const peopleByKind: Record<PersonKind, number> = { ADULT_SURVIVOR: 0, HARMFUL_BEHAVIOUR: 0, YOUNG_PERSON: 0 };
  for (const row of byKindRows) peopleByKind[row.kind] = row._count._all;
  const staffByRole: Record<StaffRole, number> = { ADMIN: 0, MANAGER: 0, CASE_MANAGER: 0, WORKER: 0 };
  const workers: Record<Specialism, number> = { ADULT_SURVIVOR_ADVOCATE: 0, CHILDRENS_CASEWORKER: 0, BEHAVIOUR_CHANGE_WORKER: 0 };
  for (const { row } of staffRows) {
    staffByRole[row.role] += 1;
    if (row.specialism) workers[row.specialism] += 1;
  }
  const youngPeopleByAgeBand: Record<AgeBand, number> = { "under-8": 0, "8-12": 0, "13-17": 0 };
  for (const p of youngPeople) if (p.dateOfBirth) youngPeopleByAgeBand[ageBand(p.dateOfBirth, now, DEMO_ZONE)] += 1;
  const areaOf = (key: string): string => staff(key).plan.area ?? "All";
  const featuredFamily = people.filter((p) => p.familyIndex === 1);
  const personRole: Record<PersonKind, string> = {
    ADULT_SURVIVOR: "Adult victim-survivor",
    HARMFUL_BEHAVIOUR: "Service user (behaviour change)",
    YOUNG_PERSON: "Young person",
  };
  const featuredStaff = (key: string, role: string, family: string | null): FeaturedPerson => ({
    name: staff(key).plan.displayName,
    kind: "STAFF",
    role,
    family,
    area: areaOf(key),
  });
  const workerOfFeatured = (kind: PersonKind) => featuredFamily.find((p) => p.kind === kind)?.name ?? "";
  const featured: FeaturedPerson[] = [
    ...featuredFamily.map((p) => ({
      name: p.name,
      kind: p.kind,
      role:
        p.kind === "YOUNG_PERSON" && p.dateOfBirth
          ? `${personRole[p.kind]}, age ${ageOn(p.dateOfBirth, now, DEMO_ZONE)} (${ageBand(p.dateOfBirth, now, DEMO_ZONE)} view)`
          : personRole[p.kind],
      family: FEATURED_FAMILY.reference,
      area: "North",
    })),
    featuredStaff("admin", ROLE_WORDS.ADMIN, null),
    featuredStaff("manager", ROLE_WORDS.MANAGER, null),
    featuredStaff("cm-north", `${ROLE_WORDS.CASE_MANAGER}, holds every North family`, FEATURED_FAMILY.reference),
    featuredStaff("asa-north-1", `${SPECIALISM_WORDS.ADULT_SURVIVOR_ADVOCATE}, ${workerOfFeatured("ADULT_SURVIVOR")}'s worker`, FEATURED_FAMILY.reference),
    featuredStaff("bcw-north-1", `${SPECIALISM_WORDS.BEHAVIOUR_CHANGE_WORKER}, ${workerOfFeatured("HARMFUL_BEHAVIOUR")}'s worker`, FEATURED_FAMILY.reference),
    featuredStaff("ccw-north-1", `${SPECIALISM_WORDS.CHILDRENS_CASEWORKER}, the Rivers children's worker`, FEATURED_FAMILY.reference),
  ];
  const closedCount = families.filter((f) => f.closedAt).length;
  const bookedSlots = new Set(appointmentRows.map((a) => a.slotId).filter(Boolean));
  return {
    service: { id: service.id, name: service.name },
    staff: staffByRole,
    workers,
    people: peopleByKind,
    youngPeopleByAgeBand,
    families: {
      total: families.length,
      open: families.length - closedCount,
      closed: closedCount,
      survivorOnly: families.filter((f) => !f.hasServiceUser).length,
    },
    questionnaires: {
      published: definitions.length,
      responses: created.responses.length,
      answers: created.answers,
      due: dueRows.length,
      overdue: dueRows.filter((r) => new Date(r.dueAt) < now).length,
    },
    appointments: {
      upcoming: appointmentRows.filter((a) => a.status === "BOOKED" && new Date(a.startsAt) > now).length,
      past: appointmentRows.filter((a) => a.status !== "BOOKED" || new Date(a.startsAt) <= now).length,
      freeSlots: slotRows.length - bookedSlots.size,
    },
    riskAssessments: riskRows.length,
    openAlerts: await prisma.alert.count({ where: { resolvedAt: null, person: { serviceId: service.id } } }),
    featured,
    credentials: await seedDemoCredentials(prisma, service.id, now),
  };
}

/** The summary as the seed command prints it. */
export function formatDemoSummary(summary: DemoSummary): string {
  const lines = [
    `Seeded "${summary.service.name}".`,
    `  Families: ${summary.families.total} (${summary.families.open} open, ${summary.families.closed} closed; ${summary.families.survivorOnly} with a survivor only)`,
    `  People: ${summary.people.ADULT_SURVIVOR} adult victim-survivors, ${summary.people.HARMFUL_BEHAVIOUR} service users (behaviour change), ${summary.people.YOUNG_PERSON} young people (${summary.youngPeopleByAgeBand["under-8"]} under 8, ${summary.youngPeopleByAgeBand["8-12"]} aged 8–12, ${summary.youngPeopleByAgeBand["13-17"]} aged 13–17)`,
    `  Staff: ${summary.staff.ADMIN} admin, ${summary.staff.MANAGER} manager, ${summary.staff.CASE_MANAGER} case managers, ${summary.staff.WORKER} workers (${summary.workers.ADULT_SURVIVOR_ADVOCATE} adult survivor advocates, ${summary.workers.CHILDRENS_CASEWORKER} children's caseworkers, ${summary.workers.BEHAVIOUR_CHANGE_WORKER} behaviour-change workers)`,
    `  Questionnaires: ${summary.questionnaires.published} published; ${summary.questionnaires.responses} responses (${summary.questionnaires.answers} answers); ${summary.questionnaires.due} to answer, ${summary.questionnaires.overdue} overdue`,
    `  Appointments: ${summary.appointments.upcoming} upcoming, ${summary.appointments.past} past; ${summary.appointments.freeSlots} free slots to book`,
    `  Risk assessments: ${summary.riskAssessments}; open safety alerts: ${summary.openAlerts}`,
    "  Featured people:",
    ...summary.featured.map((f) => {
      const where = f.family ? `family ${f.family}, ${f.area}` : f.area === "All" ? "whole service" : f.area;
      return `    ${f.name}: ${f.role} (${where})`;
    }),
    `  Demo sign-in (refused when NODE_ENV=production): every open service user signs in with their sign-in name and PIN ${summary.credentials.pin}, e.g.`,
    ...summary.credentials.signInNames.filter((s) => s.familyReference === "F-0001").map((s) => `    ${s.name}: ${s.signInName}`),
    "  Demo enrolment codes (each works once):",
    ...summary.credentials.codes.map((c) => `    ${c.name} (${c.who}): ${c.code}`),
  ];
  return lines.join("\n");
}
