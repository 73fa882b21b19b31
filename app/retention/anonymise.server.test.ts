import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal } from "~/crypto/sealed.server";
import type { Person, Service } from "~/generated/prisma/client";
import {
  allocate,
  createAppointment,
  createAssignment,
  createMessage,
  createPerson,
  createResponse,
  createRiskAssessment,
  publishDefinitions,
  type Db,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { anonymiseDuePeople, monthsBefore, type ServiceRetentionSummary } from "./anonymise.server";
import { DEFAULT_TIME_ZONE } from "~/time/zone";
import { newSecretId } from "~/auth/secret-id.server";

const database = useAppDatabase();

const NOW = new Date("2026-11-23T09:30:00Z");

describe("the retention cut-off", () => {
  it("counts calendar months, not 30-day months", () => {
    expect(monthsBefore(NOW, 72, "UTC")).toEqual(new Date("2020-11-23T09:30:00Z"));
    expect(monthsBefore(new Date("2026-01-15T00:00:00Z"), 2, "UTC")).toEqual(new Date("2025-11-15T00:00:00Z"));
    expect(monthsBefore(new Date("2026-03-31T12:00:00Z"), 1, "UTC")).toEqual(new Date("2026-02-28T12:00:00Z"));
    expect(monthsBefore(new Date("2024-03-31T12:00:00Z"), 1, "UTC")).toEqual(new Date("2024-02-29T12:00:00Z"));
    expect(monthsBefore(new Date("2026-11-23T09:30:00Z"), 0, "UTC")).toEqual(new Date("2026-11-23T09:30:00Z"));
  });
});

// ───────────────────────────── A person with something in every table ─────────────────────────────

const SECRETS = {
  note: "Called her sister's mobile after 6pm as agreed.",
  workerMessage: "See you on Tuesday at the library.",
  personMessage: "Thursday is better, he works late then.",
  answer: "He took my keys again last week.",
  draft: JSON.stringify({ "anything-new-detail": "Moved to my mum's flat." }),
  safeTimes: "Weekdays 10 to 2",
  codeWord: "bluebell",
  riskReason: "Strangulation disclosed at intake.",
  goalTitle: "Get back to driving lessons",
  sameWorkerReason: "Only worker who speaks Polish.",
};

async function setUpService(prisma: Db, overrides: { retentionMonths?: number; name?: string } = {}) {
  const { service, family } = await familyInService(prisma, { service: overrides });
  const worker = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE");
  return { service, family, worker };
}

type Setting = Awaited<ReturnType<typeof setUpService>>;

/** An adult survivor with a row in every table retention deals with, involvement ended at `endedAt`. */
let sessionHour = 0;

async function createFullPerson(prisma: Db, setting: Setting, endedAt: Date | null) {
  const { family, worker } = setting;
  const person = await createPerson(prisma, {
    family,
    kind: "ADULT_SURVIVOR",
    firstName: "Rebecca",
    lastName: "Hollingworth",
    dateOfBirth: new Date("1988-04-12T00:00:00Z"),
    pageTitle: "Notes",
    gender: "FEMALE",
    sexualOrientation: "BISEXUAL",
    ethnicityGroup: "MIXED",
    disability: true,
    employment: "PART_TIME",
    referralSource: "POLICE",
    consentMonitoring: true,
    consentRecordedAt: new Date("2019-02-01T10:00:00Z"),
    involvementStartedAt: new Date("2019-02-01T10:00:00Z"),
    involvementEndedAt: endedAt,
    closureReason: endedAt ? "COMPLETED" : null,
    safetyIntroSeenAt: new Date("2019-02-01T10:05:00Z"),
  });
  const personId = person.id;

  const reason = seal(SECRETS.sameWorkerReason, "same-worker-reason");
  const allocation = await allocate(prisma, { personId, staffId: worker.id, startedAt: new Date("2019-02-01T10:00:00Z") });
  await prisma.allocation.update({ where: { id: allocation.id }, data: { sameWorkerReasonCipher: reason.cipher, keyId: reason.keyId } });

  const risk = await createRiskAssessment(prisma, { personId, staffId: worker.id, level: "HIGH", stage: "INTAKE" });
  const riskReason = seal(SECRETS.riskReason, "risk-reason");
  await prisma.riskAssessment.update({ where: { id: risk.id }, data: { reasonCipher: riskReason.cipher, keyId: riskReason.keyId } });
  await createRiskAssessment(prisma, { personId, staffId: worker.id, level: "MEDIUM", stage: "EXIT" });

  const note = seal(SECRETS.note, "case-note");
  await prisma.caseNote.create({ data: { personId, authorId: worker.id, kind: "CONTACT", bodyCipher: note.cipher, keyId: note.keyId } });

  const times = seal(SECRETS.safeTimes, "safe-times");
  const word = seal(SECRETS.codeWord, "code-word");
  await prisma.safeContactPreference.create({
    data: { personId, safeTimesCipher: times.cipher, codeWordCipher: word.cipher, keyId: times.keyId, safeChannels: ["PHONE_CALL"] },
  });

  const thread = await prisma.messageThread.create({ data: { personId, staffId: worker.id } });
  await createMessage(prisma, { threadId: thread.id, author: { staffId: worker.id }, text: SECRETS.workerMessage });
  await createMessage(prisma, { threadId: thread.id, author: { personId }, text: SECRETS.personMessage });

  // A submitted check-in: structured answers, one free-text answer, and the alert "yes" raises.
  const { response } = await createResponse(prisma, {
    person,
    definitionKey: "adult-checkin",
    answers: { "safe-at-home-now": true, "feel-well": 6, "anything-new": "yes" },
    submittedAt: new Date("2019-06-01T10:00:00Z"),
    assignedById: worker.id,
  });
  const answer = seal(SECRETS.answer, "answer");
  await prisma.answer.create({
    data: { responseId: response.id, itemKey: "anything-new-detail", answeredBy: "PERSON", textCipher: answer.cipher, keyId: answer.keyId },
  });

  // A check-in begun and left as a draft.
  const open = await createAssignment(prisma, { personId, definitionKey: "adult-checkin", dueAt: new Date("2019-07-01T10:00:00Z"), status: "IN_PROGRESS" });
  const draft = seal(SECRETS.draft, "draft");
  await prisma.questionnaireDraft.create({ data: { assignmentId: open.id, personId, pageIndex: 0, answersCipher: draft.cipher, keyId: draft.keyId } });

  const title = seal(SECRETS.goalTitle, "goal-title");
  const goal = await prisma.goal.create({ data: { personId, titleCipher: title.cipher, keyId: title.keyId } });
  await prisma.goalRating.createMany({
    data: [
      { goalId: goal.id, score: 3 },
      { goalId: goal.id, score: 7 },
    ],
  });

  // Each person's session in an hour of its own: the database refuses one worker two sessions at once.
  sessionHour += 1;
  await createAppointment(prisma, { personId, staffId: worker.id, startsAt: new Date(Date.UTC(2019, 4, 1, sessionHour)), withSlot: true, status: "ATTENDED" });

  const suffix = randomBytes(6).toString("hex");
  await prisma.pinCredential.create({ data: { personId, signInName: `maple-${suffix}`, hash: "scrypt$placeholder" } });
  await prisma.session.create({
    data: { id: newSecretId(), personId, method: "pin", deviceKind: "Android phone", expiresAt: new Date("2019-06-01T22:00:00Z") },
  });
  await prisma.passkey.create({
    data: { personId, credentialId: `cred-${suffix}`, publicKey: randomBytes(65), deviceType: "singleDevice", backedUp: false, transports: ["internal"] },
  });
  await prisma.enrolmentCode.create({
    data: { personId, codeHash: `hash-${suffix}`, expiresAt: new Date("2019-02-02T10:00:00Z"), usedAt: new Date("2019-02-01T11:00:00Z") },
  });

  return { person, threadId: thread.id, responseId: response.id };
}

/** Every row that mentions the person, as stored, for before/after comparisons. */
async function snapshot(prisma: Db, personId: string) {
  const byPerson = { where: { personId }, orderBy: { id: "asc" } } as const;
  return {
    person: await prisma.person.findUniqueOrThrow({ where: { id: personId } }),
    safeContact: await prisma.safeContactPreference.findMany(byPerson),
    allocations: await prisma.allocation.findMany(byPerson),
    risks: await prisma.riskAssessment.findMany(byPerson),
    notes: await prisma.caseNote.findMany(byPerson),
    threads: await prisma.messageThread.findMany(byPerson),
    messages: await prisma.message.findMany({ where: { OR: [{ thread: { personId } }, { authorPersonId: personId }] }, orderBy: { id: "asc" } }),
    assignments: await prisma.questionnaireAssignment.findMany(byPerson),
    drafts: await prisma.questionnaireDraft.findMany(byPerson),
    responses: await prisma.questionnaireResponse.findMany(byPerson),
    answers: await prisma.answer.findMany({ where: { response: { personId } }, orderBy: { id: "asc" } }),
    goals: await prisma.goal.findMany(byPerson),
    ratings: await prisma.goalRating.findMany({ where: { goal: { personId } }, orderBy: { id: "asc" } }),
    appointments: await prisma.appointment.findMany(byPerson),
    alerts: await prisma.alert.findMany(byPerson),
    pins: await prisma.pinCredential.findMany(byPerson),
    sessions: await prisma.session.findMany(byPerson),
    passkeys: await prisma.passkey.findMany(byPerson),
    codes: await prisma.enrolmentCode.findMany(byPerson),
    audit: await prisma.auditEvent.findMany({ where: { subjectPersonId: personId }, orderBy: { id: "asc" } }),
  };
}

async function rawCount(prisma: Db, sql: string, ...values: unknown[]): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(sql, ...values);
  return Number(rows[0]?.n ?? 0);
}

function summaryOf(services: ServiceRetentionSummary[], service: Service) {
  const found = services.find((s) => s.serviceId === service.id);
  if (!found) throw new Error(`no summary for service ${service.id}`);
  return found;
}

const DEMOGRAPHICS = [
  "kind",
  "familyId",
  "serviceId",
  "gender",
  "sexualOrientation",
  "ethnicityGroup",
  "disability",
  "employment",
  "referralSource",
  "consentMonitoring",
  "consentRecordedAt",
  "involvementStartedAt",
  "involvementEndedAt",
  "closureReason",
] as const satisfies readonly (keyof Person)[];

function demographicsOf(person: Person) {
  return Object.fromEntries(DEMOGRAPHICS.map((key) => [key, person[key]]));
}

// ───────────────────────────── The command ─────────────────────────────

describe("anonymising people after the retention period", () => {
  it("removes everything identifying of a person closed 73 months ago and keeps the outcome data", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const setting = await setUpService(prisma);
    const { person, threadId, responseId } = await createFullPerson(prisma, setting, monthsBefore(NOW, 73, DEFAULT_TIME_ZONE));
    const before = await snapshot(prisma, person.id);
    expect(before.answers.filter((a) => a.textCipher !== null)).toHaveLength(1);

    const result = await anonymiseDuePeople({ now: NOW });
    const summary = summaryOf(result.services, setting.service);
    expect(summary).toMatchObject({
      retentionMonths: 72,
      cutoff: new Date("2020-11-23T09:30:00Z"),
      skipped: false,
      due: 1,
      anonymised: 1,
      removed: {
        safeContactPreferences: 1,
        caseNotes: 1,
        messageThreads: 1,
        messages: 2,
        questionnaireDrafts: 1,
        passkeys: 1,
        pinCredentials: 1,
        sessions: 1,
        enrolmentCodes: 1,
        appointments: 1,
        alerts: 1,
      },
      cleared: { answers: 1, riskAssessments: 1, allocations: 1, goals: 1 },
    });

    const after = await snapshot(prisma, person.id);
    // Who they were: gone.
    expect(after.person).toMatchObject({
      firstName: "Anonymised",
      lastName: "",
      dateOfBirth: null,
      pageTitle: "Appointments",
      safetyIntroSeenAt: null,
      anonymisedAt: NOW,
    });
    const personRow = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(p)::text AS row FROM "Person" p WHERE "id" = $1`, person.id);
    expect(personRow[0]?.row).not.toMatch(/Rebecca|Hollingworth|1988/);
    // What reports count: kept.
    expect(demographicsOf(after.person)).toEqual(demographicsOf(before.person));

    // What they and their worker wrote: gone, as the raw tables show.
    for (const table of [
      "CaseNote",
      "SafeContactPreference",
      "QuestionnaireDraft",
      "Appointment",
      "Alert",
      "Passkey",
      "PinCredential",
      "Session",
      "EnrolmentCode",
      "MessageThread",
    ]) {
      expect(await rawCount(prisma, `SELECT count(*) AS n FROM "${table}" WHERE "personId" = $1`, person.id), table).toBe(0);
    }
    expect(await rawCount(prisma, `SELECT count(*) AS n FROM "Message" WHERE "authorPersonId" = $1 OR "threadId" = $2`, person.id, threadId)).toBe(0);
    // Goals stay as outcome data without their words; every rating stays as it was.
    expect(after.goals.map((g) => ({ id: g.id, titleCipher: g.titleCipher, keyId: g.keyId }))).toEqual(
      before.goals.map((g) => ({ id: g.id, titleCipher: null, keyId: null })),
    );
    expect(after.ratings).toEqual(before.ratings);
    expect(after.ratings).toHaveLength(2);
    expect(
      await rawCount(
        prisma,
        `SELECT count(*) AS n FROM "Answer" a JOIN "QuestionnaireResponse" r ON r."id" = a."responseId"
          WHERE r."personId" = $1 AND (a."textCipher" IS NOT NULL OR a."keyId" IS NOT NULL)`,
        person.id,
      ),
    ).toBe(0);
    for (const table of ["RiskAssessment", "Allocation"]) {
      expect(await rawCount(prisma, `SELECT count(*) AS n FROM "${table}" WHERE "personId" = $1 AND "keyId" IS NOT NULL`, person.id), table).toBe(0);
    }
    expect(after.risks.every((r) => r.reasonCipher === null && r.keyId === null)).toBe(true);
    expect(after.allocations.every((a) => a.sameWorkerReasonCipher === null && a.keyId === null)).toBe(true);

    // Structured answers, responses, assignments, risk levels and allocations: kept as they were.
    const structured = (answers: typeof before.answers) =>
      answers.map(({ id, itemKey, answeredBy, numberValue, choiceValues, dateValue, responseId: r }) => ({
        id,
        itemKey,
        answeredBy,
        numberValue,
        choiceValues,
        dateValue,
        r,
      }));
    expect(structured(after.answers)).toEqual(structured(before.answers));
    expect(after.answers).toHaveLength(4);
    expect(after.answers.every((a) => a.responseId === responseId)).toBe(true);
    expect(after.responses).toEqual(before.responses);
    expect(after.assignments).toEqual(before.assignments);
    const levels = (risks: typeof before.risks) =>
      risks.map(({ id, level, stage, assessedAt, reviewDueAt, staffId }) => ({ id, level, stage, assessedAt, reviewDueAt, staffId }));
    expect(levels(after.risks)).toEqual(levels(before.risks));
    expect(after.risks).toHaveLength(2);
    const allocations = (rows: typeof before.allocations) => rows.map(({ id, staffId, startedAt, endedAt }) => ({ id, staffId, startedAt, endedAt }));
    expect(allocations(after.allocations)).toEqual(allocations(before.allocations));
    expect(after.allocations).toHaveLength(1);

    // The worker's own rows stay: their availability slot is theirs, not the person's.
    expect(await prisma.availabilitySlot.count({ where: { staffId: setting.worker.id } })).toBe(1);

    // One audit event, ids and numbers only.
    expect(after.audit).toHaveLength(1);
    expect(after.audit[0]).toMatchObject({
      action: "person.anonymise",
      reasonCode: "retention",
      actorStaffId: null,
      actorPersonId: null,
      subjectPersonId: person.id,
      detail: { monthsAfterClosure: 72 },
    });
  });

  it("leaves alone a person closed 71 months ago and a person whose involvement is open", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const setting = await setUpService(prisma);
    const recent = await createFullPerson(prisma, setting, monthsBefore(NOW, 71, DEFAULT_TIME_ZONE));
    const open = await createFullPerson(prisma, setting, null);
    // A day either side of the cut-off: the one just before goes, the one just after stays.
    const justDue = await createPerson(prisma, { family: setting.family, kind: "ADULT_SURVIVOR", involvementEndedAt: new Date("2020-11-22T09:30:00Z") });
    const justNot = await createPerson(prisma, { family: setting.family, kind: "ADULT_SURVIVOR", involvementEndedAt: new Date("2020-11-23T09:30:00Z") });
    const before = [await snapshot(prisma, recent.person.id), await snapshot(prisma, open.person.id), await snapshot(prisma, justNot.id)];

    const result = await anonymiseDuePeople({ now: NOW });
    expect(summaryOf(result.services, setting.service)).toMatchObject({ due: 1, anonymised: 1 });

    const after = [await snapshot(prisma, recent.person.id), await snapshot(prisma, open.person.id), await snapshot(prisma, justNot.id)];
    expect(after).toEqual(before);
    expect((await prisma.person.findUniqueOrThrow({ where: { id: justDue.id } })).anonymisedAt).toEqual(NOW);
  });

  it("uses each service's own retention period", async () => {
    const prisma = database().prisma;
    const longer = await setUpService(prisma, { name: "Long retention" });
    const shorter = await setUpService(prisma, { name: "Short retention", retentionMonths: 12 });
    const closed13 = monthsBefore(NOW, 13, DEFAULT_TIME_ZONE);
    const closed11 = monthsBefore(NOW, 11, DEFAULT_TIME_ZONE);
    const inLonger = await createPerson(prisma, { family: longer.family, kind: "ADULT_SURVIVOR", involvementEndedAt: closed13 });
    const due = await createPerson(prisma, { family: shorter.family, kind: "YOUNG_PERSON", involvementEndedAt: closed13 });
    const notYet = await createPerson(prisma, { family: shorter.family, kind: "ADULT_SURVIVOR", involvementEndedAt: closed11 });

    const result = await anonymiseDuePeople({ now: NOW });
    expect(summaryOf(result.services, shorter.service)).toMatchObject({ retentionMonths: 12, cutoff: new Date("2025-11-23T09:30:00Z"), due: 1, anonymised: 1 });
    expect(summaryOf(result.services, longer.service)).toMatchObject({ retentionMonths: 72, due: 0, anonymised: 0 });

    const state = async (id: string) => await prisma.person.findUniqueOrThrow({ where: { id }, select: { anonymisedAt: true, dateOfBirth: true, kind: true } });
    expect(await state(due.id)).toEqual({ anonymisedAt: NOW, dateOfBirth: null, kind: "YOUNG_PERSON" });
    expect((await state(inLonger.id)).anonymisedAt).toBeNull();
    expect((await state(notYet.id)).anonymisedAt).toBeNull();
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { subjectPersonId: due.id }, select: { detail: true } });
    expect(audit.detail).toEqual({ monthsAfterClosure: 12 });
  });

  it("does nothing for a service whose retention period is below one month", async () => {
    const prisma = database().prisma;
    const setting = await setUpService(prisma, { retentionMonths: 0 });
    const person = await createPerson(prisma, { family: setting.family, kind: "ADULT_SURVIVOR", involvementEndedAt: monthsBefore(NOW, 1, DEFAULT_TIME_ZONE) });
    const result = await anonymiseDuePeople({ now: NOW });
    expect(summaryOf(result.services, setting.service)).toMatchObject({ skipped: true, due: 0, anonymised: 0 });
    expect((await prisma.person.findUniqueOrThrow({ where: { id: person.id } })).anonymisedAt).toBeNull();
  });

  it("with dryRun, reports what a real run does and writes nothing", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const setting = await setUpService(prisma);
    const first = await createFullPerson(prisma, setting, monthsBefore(NOW, 73, DEFAULT_TIME_ZONE));
    const second = await createFullPerson(prisma, setting, monthsBefore(NOW, 100, DEFAULT_TIME_ZONE));
    const before = [await snapshot(prisma, first.person.id), await snapshot(prisma, second.person.id)];
    const auditBefore = await prisma.auditEvent.count();

    const dry = await anonymiseDuePeople({ now: NOW, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(summaryOf(dry.services, setting.service)).toMatchObject({ due: 2, anonymised: 2, removed: { messages: 4 }, cleared: { goals: 2 } });
    expect([await snapshot(prisma, first.person.id), await snapshot(prisma, second.person.id)]).toEqual(before);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);

    const real = await anonymiseDuePeople({ now: NOW });
    expect(real.dryRun).toBe(false);
    expect(real.services).toEqual(dry.services);
  });

  it("is idempotent: a second run finds nobody due", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const setting = await setUpService(prisma);
    const { person } = await createFullPerson(prisma, setting, monthsBefore(NOW, 80, DEFAULT_TIME_ZONE));

    expect(summaryOf((await anonymiseDuePeople({ now: NOW })).services, setting.service).anonymised).toBe(1);
    const afterFirst = await snapshot(prisma, person.id);
    // Even much later: an anonymised person is never due again.
    const again = await anonymiseDuePeople({ now: new Date("2030-01-01T00:00:00Z") });
    expect(summaryOf(again.services, setting.service)).toMatchObject({
      due: 0,
      anonymised: 0,
      removed: { caseNotes: 0, messages: 0 },
      cleared: { answers: 0, riskAssessments: 0, allocations: 0 },
    });
    expect(await snapshot(prisma, person.id)).toEqual(afterFirst);
    expect(await prisma.auditEvent.count({ where: { subjectPersonId: person.id, action: "person.anonymise" } })).toBe(1);
  });

  it("two runs at once anonymise each person once", async () => {
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const setting = await setUpService(prisma);
    const people = [
      await createFullPerson(prisma, setting, monthsBefore(NOW, 73, DEFAULT_TIME_ZONE)),
      await createFullPerson(prisma, setting, monthsBefore(NOW, 90, DEFAULT_TIME_ZONE)),
    ];

    const runs = await Promise.all([anonymiseDuePeople({ now: NOW }), anonymiseDuePeople({ now: NOW })]);
    const anonymised = runs.map((run) => summaryOf(run.services, setting.service).anonymised);
    expect(anonymised.reduce((a, b) => a + b, 0)).toBe(2);
    const notes = runs.map((run) => summaryOf(run.services, setting.service).removed.caseNotes);
    expect(notes.reduce((a, b) => a + b, 0)).toBe(2);
    for (const { person } of people) {
      expect(await prisma.auditEvent.count({ where: { subjectPersonId: person.id, action: "person.anonymise" } })).toBe(1);
    }
  });
});
