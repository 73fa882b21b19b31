import { describe, expect, it } from "vitest";
import { recordAudit } from "~/audit/audit.server";
import { handleNewSession } from "~/auth/session.server";
import { seal } from "~/crypto/sealed.server";
import type { Person, StaffMember } from "~/generated/prisma/client";
import { loader as pageLoader } from "~/routes/staff.people.$personId_.export";
import { loader as fileLoader } from "~/routes/staff.people.$personId_.export_.$format";
import {
  allocate,
  createAppointment,
  createAssignment,
  createFamily,
  createMessage,
  createPerson,
  createResponse,
  createRiskAssessment,
  createStaff,
  dateOfBirthForAge,
  publishDefinitions,
} from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { caseworkTeam, serviceWithArea } from "../../tests/support/worlds";
import { staffViewer as viewerOf } from "../../tests/support/viewers";
import { buildSubjectAccessExport } from "./subject-access/export.server";
import { subjectAccessHtml, subjectAccessJson } from "./subject-access/files";
import { mentionFinder } from "./subject-access/mentions";
import type { SubjectAccessExport } from "./subject-access/shape";

const database = useAppDatabase();

const ANDROID = { "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" };

/**
 * A family of three, each with notes, a message thread and answers; a second family; and the
 * staff around them. Every text of Sam's and Mia's carries a marker that must never reach Alex's export.
 */
async function buildFamily() {
  const prisma = database().prisma;
  await publishDefinitions(prisma);
  const { service, area } = await serviceWithArea(prisma, { name: "Riverside Family Support" });
  // Display names set by hand: the factory's random ones could be "Sam" or "Mia".
  const { holder, otherHolder, advocate, bcw, childWorker } = await caseworkTeam(prisma, service.id);
  const spare = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE", displayName: "Jesse Spare" });

  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: holder.id });
  const alex = await createPerson(prisma, {
    family,
    kind: "ADULT_SURVIVOR",
    firstName: "Alex",
    lastName: "Rivers",
    gender: "FEMALE",
    employment: "PART_TIME",
    referralSource: "POLICE",
    consentMonitoring: true,
    consentRecordedAt: new Date("2025-01-10T10:00:00Z"),
    pageTitle: "Calendar",
  });
  const sam = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", firstName: "Sam", lastName: "Rivers", gender: "MALE" });
  const mia = await createPerson(prisma, {
    family,
    kind: "YOUNG_PERSON",
    firstName: "Mia",
    lastName: "Rivers",
    dateOfBirth: dateOfBirthForAge(10, new Date()),
  });
  await allocate(prisma, { personId: alex.id, staffId: advocate.id });
  await allocate(prisma, { personId: sam.id, staffId: bcw.id });
  await allocate(prisma, { personId: mia.id, staffId: childWorker.id });

  const otherFamily = await createFamily(prisma, { serviceId: service.id, areaId: area.id, caseManagerId: otherHolder.id });
  const stranger = await createPerson(prisma, { family: otherFamily, kind: "ADULT_SURVIVOR", firstName: "Noor", lastName: "Faraway" });

  const note = async (person: Person, author: StaffMember, text: string, occurredAt: Date) => {
    const sealed = seal(text, "case-note");
    return prisma.caseNote.create({ data: { personId: person.id, authorId: author.id, occurredAt, bodyCipher: sealed.cipher, keyId: sealed.keyId } });
  };
  const thread = async (person: Person, worker: StaffMember, fromWorker: string, fromPerson: string) => {
    const t = await prisma.messageThread.create({ data: { personId: person.id, staffId: worker.id } });
    await createMessage(prisma, { threadId: t.id, author: { staffId: worker.id }, text: fromWorker, createdAt: new Date("2025-02-01T09:00:00Z") });
    await createMessage(prisma, { threadId: t.id, author: { personId: person.id }, text: fromPerson, createdAt: new Date("2025-02-01T12:00:00Z") });
    return t;
  };
  const textAnswer = async (responseId: string, itemKey: string, text: string) => {
    const sealed = seal(text, "answer");
    return prisma.answer.create({ data: { responseId, itemKey, answeredBy: "PERSON", textCipher: sealed.cipher, keyId: sealed.keyId } });
  };

  // Alex's own record.
  const alexNotes = [
    await note(alex, advocate, "Sam came to the door again", new Date("2025-02-02T10:00:00Z")),
    await note(alex, advocate, "The next appointment is in the hallway", new Date("2025-02-03T10:00:00Z")),
    await note(alex, advocate, "Worried that my partner will find the phone", new Date("2025-02-04T10:00:00Z")),
    await note(alex, advocate, "Pasted by mistake: <script>alert(1)</script> & more", new Date("2025-02-05T10:00:00Z")),
  ];
  await thread(alex, advocate, "Hello, checking in about Tuesday", "Tuesday at ten works for me");
  const alexCheckin = await createResponse(prisma, {
    person: alex,
    definitionKey: "adult-checkin",
    answers: { "safe-at-home-now": false, "feel-well": 7, "anything-new": "yes" },
    submittedAt: new Date("2025-02-06T18:00:00Z"),
  });
  await textAnswer(alexCheckin.response.id, "anything-new-detail", "A car parked outside the flat for an hour");
  const risk = await createRiskAssessment(prisma, {
    personId: alex.id,
    staffId: advocate.id,
    level: "HIGH",
    stage: "INTAKE",
    assessedAt: new Date("2025-01-15T10:00:00Z"),
  });
  const riskReason = seal("Threats by text since January", "risk-reason");
  await prisma.riskAssessment.update({ where: { id: risk.id }, data: { reasonCipher: riskReason.cipher, keyId: riskReason.keyId } });
  const times = seal("Weekdays 10:00–14:00", "safe-times");
  const word = seal("bluebell", "code-word");
  await prisma.safeContactPreference.create({
    data: {
      personId: alex.id,
      safeTimesCipher: times.cipher,
      codeWordCipher: word.cipher,
      keyId: times.keyId,
      safeChannels: ["PHONE_CALL"],
      doNotContactBy: ["LETTER"],
    },
  });
  const goalTitle = seal("Back to work by the summer", "goal-title");
  await prisma.goal.create({
    data: {
      personId: alex.id,
      titleCipher: goalTitle.cipher,
      keyId: goalTitle.keyId,
      ratings: { create: [{ score: 4, ratedAt: new Date("2025-02-10T10:00:00Z") }] },
    },
  });
  await createAppointment(prisma, { personId: alex.id, staffId: advocate.id, startsAt: new Date("2025-03-04T10:00:00Z"), venue: "Community library, room 2" });
  await createAssignment(prisma, { personId: alex.id, definitionKey: "adult-checkin", dueAt: new Date("2025-03-20T10:00:00Z") });
  await handleNewSession(new Request("http://localhost/", { headers: ANDROID }), { personId: alex.id }, "pin");
  await recordAudit({ actor: { staffId: advocate.id }, subjectPersonId: alex.id, action: "person.read", reasonCode: "casework" });

  // Sam's and Mia's records: every text carries a marker, none may reach Alex's export.
  const samNotes = [await note(sam, bcw, "Session went well, marker-sam-note", new Date("2025-02-02T11:00:00Z"))];
  const samThread = await thread(sam, bcw, "marker-sam-msg-from-worker", "marker-sam-msg-reply");
  const samReflection = await createResponse(prisma, {
    person: sam,
    definitionKey: "hb-reflection",
    answers: { "goals-progress": 3 },
    submittedAt: new Date("2025-02-06T18:00:00Z"),
  });
  await textAnswer(samReflection.response.id, "took-from-today", "marker-sam-answer");
  await createAppointment(prisma, { personId: sam.id, staffId: bcw.id, startsAt: new Date("2025-03-05T10:00:00Z"), venue: "marker-sam-venue" });
  await handleNewSession(new Request("http://localhost/", { headers: { "User-Agent": "Mozilla/5.0 (Windows NT 10.0)" } }), { personId: sam.id }, "pin");
  await recordAudit({ actor: { staffId: bcw.id }, subjectPersonId: sam.id, action: "person.read", reasonCode: "casework" });

  const miaNotes = [await note(mia, childWorker, "Drew a picture, marker-mia-note", new Date("2025-02-02T12:00:00Z"))];
  const miaThread = await thread(mia, childWorker, "marker-mia-msg-from-worker", "marker-mia-msg-reply");
  const miaCheckin = await createResponse(prisma, {
    person: mia,
    definitionKey: "yp-checkin",
    answers: { "safe-home": 4 },
    submittedAt: new Date("2025-02-06T18:00:00Z"),
  });
  await textAnswer(miaCheckin.response.id, "anything-else", "marker-mia-answer");

  return {
    service,
    staff: { holder, otherHolder, advocate, bcw, childWorker, spare },
    alex,
    sam,
    mia,
    stranger,
    alexNotes,
    others: {
      ids: [
        sam.id,
        mia.id,
        stranger.id,
        ...samNotes.map((n) => n.id),
        ...miaNotes.map((n) => n.id),
        samThread.id,
        miaThread.id,
        samReflection.response.id,
        miaCheckin.response.id,
      ],
      markers: ["marker-sam", "marker-mia"],
      staffNames: [bcw.displayName, childWorker.displayName, otherHolder.displayName],
    },
  };
}

describe("subject access export", () => {
  it("holds the person's own record, decrypted and in words", async () => {
    const world = await buildFamily();
    const exported = await buildSubjectAccessExport(viewerOf(world.staff.advocate), world.alex.id, new Date("2025-03-14T12:00:00Z"));

    expect(exported.generatedAt).toBe("2025-03-14T12:00:00.000Z");
    expect(exported.generatedBy).toBe("Dana Advocate");
    expect(exported.service).toBe("Riverside Family Support");
    expect(exported.person).toMatchObject({
      name: "Alex Rivers",
      kind: "Adult survivor",
      gender: "Female",
      employment: "Working part time",
      referralSource: "Police",
      consentToMonitoring: true,
      consentRecordedAt: "2025-01-10T10:00:00.000Z",
      pageTitle: "Calendar",
    });
    expect(exported.caseNotes.map((n) => n.text)).toEqual([
      "Sam came to the door again",
      "The next appointment is in the hallway",
      "Worried that my partner will find the phone",
      "Pasted by mistake: <script>alert(1)</script> & more",
    ]);
    expect(exported.caseNotes[0]).toMatchObject({ kind: "Note", author: "Dana Advocate", occurredAt: "2025-02-02T10:00:00.000Z" });
    expect(exported.messages).toHaveLength(1);
    expect(exported.messages[0]?.with).toBe("Dana Advocate");
    expect(exported.messages[0]?.messages.map((m) => [m.from, m.text])).toEqual([
      ["Dana Advocate", "Hello, checking in about Tuesday"],
      ["you", "Tuesday at ten works for me"],
    ]);

    const checkin = exported.questionnaires.given[0];
    expect(exported.questionnaires.given).toHaveLength(1);
    expect(checkin).toMatchObject({ title: "Check-in", version: expect.any(Number), stage: "Check-in", submittedAt: "2025-02-06T18:00:00.000Z" });
    expect(checkin?.answers.map((a) => [a.question, a.answer, a.answeredBy])).toEqual([
      ["Do you feel safe at home right now?", "No", "you"],
      ["How well do you feel in yourself today?", 7, "you"],
      ["Has anything happened since we last spoke that you would like your worker to know about?", "Yes", "you"],
      ["If you would like to, tell us a little about it.", "A car parked outside the flat for an hour", "you"],
    ]);
    expect(exported.questionnaires.toDo).toEqual([{ title: "Check-in", stage: "Check-in", dueAt: "2025-03-20T10:00:00.000Z", status: "Not started" }]);

    expect(exported.riskAssessments).toEqual([
      expect.objectContaining({ level: "High", stage: "At the start", by: "Dana Advocate", reason: "Threats by text since January", needsReview: false }),
    ]);
    expect(exported.safeContact).toMatchObject({
      safeTimes: "Weekdays 10:00–14:00",
      codeWord: "bluebell",
      safeChannels: ["Phone call"],
      doNotContactBy: ["Letter"],
      needsReview: false,
    });
    expect(exported.allocations).toEqual([
      expect.objectContaining({ worker: "Dana Advocate", specialism: "Adult support worker", to: null, sameWorkerReason: null }),
    ]);
    expect(exported.goals).toEqual([
      expect.objectContaining({ title: "Back to work by the summer", ratings: [{ score: 4, ratedAt: "2025-02-10T10:00:00.000Z", ratedBy: "you" }] }),
    ]);
    expect(exported.appointments).toEqual([
      expect.objectContaining({ venue: "Community library, room 2", with: "Dana Advocate", mode: "In person", status: "Booked" }),
    ]);
    expect(exported.alerts).toEqual([expect.objectContaining({ questionnaire: "Check-in", resolvedAt: null, needsReview: true })]);
    expect(exported.signIns).toEqual([expect.objectContaining({ device: "Android phone", how: "PIN or passphrase", endedAt: null })]);
    expect(exported.accessLog.map((e) => [e.who, e.action, e.reason])).toEqual([
      ["Dana Advocate", "person.read", "casework"],
      ["Dana Advocate", "person.subject-access-export", "subject-access"],
    ]);
    expect(exported.reference).toMatch(/^[0-9a-f]{8}$/);
  });

  it("holds nothing of the other family members, except a mention in the person's own passage, which is flagged", async () => {
    const world = await buildFamily();
    const exported = await buildSubjectAccessExport(viewerOf(world.staff.advocate), world.alex.id);
    const json = subjectAccessJson(exported);
    const html = subjectAccessHtml(exported);

    for (const [label, text] of [
      ["JSON", json],
      ["HTML", html],
    ] as const) {
      for (const id of world.others.ids) expect(text, `${label} holds the id ${id}`).not.toContain(id);
      for (const marker of world.others.markers) expect(text, `${label} holds ${marker}`).not.toContain(marker);
      for (const name of world.others.staffNames) expect(text, `${label} names ${name}`).not.toContain(name);
      expect(text).not.toContain("Sam Rivers");
      expect(text).not.toContain("Noor");
      expect(text).not.toMatch(/\bMia\b/);
    }
    // "Sam" appears only inside the note that mentions him and in that note's review marks.
    const withoutThePassage = json.replaceAll("Sam came to the door again", "").replaceAll(/"mentions": \[\s*"Sam"\s*\]/g, "");
    expect(withoutThePassage).not.toMatch(/\bSam\b/);

    const [door, hallway, partner, script] = exported.caseNotes;
    expect(door).toMatchObject({ needsReview: true, mentions: ["Sam"], anchor: "note-1" });
    expect(hallway).toMatchObject({ needsReview: false, mentions: [] });
    expect(partner).toMatchObject({ needsReview: true, mentions: ["partner"] });
    expect(script).toMatchObject({ needsReview: false });

    // The review list: the two notes and the alert (safeguarding), in document order, each linked.
    expect(exported.review.count).toBe(3);
    expect(exported.review.passages.map((p) => [p.section, p.index, p.reason, p.mentions])).toEqual([
      ["caseNotes", 1, "mentions", ["Sam"]],
      ["caseNotes", 3, "mentions", ["partner"]],
      ["alerts", 1, "safeguarding", []],
    ]);
    expect(exported.review.passages[0]?.date).toBe("2025-02-02T10:00:00.000Z");
    for (const entry of exported.review.passages) {
      expect(html).toContain(`href="#${entry.anchor}"`);
      expect(html).toContain(`id="${entry.anchor}"`);
    }
    expect(html).toContain("<mark>Sam</mark> came to the door again");
    expect(html.indexOf("Passages to read first")).toBeLessThan(html.indexOf("Case notes"));
    expect(exported.introduction.join(" ")).toMatch(/must read every passage/);
    expect(exported.introduction.join(" ")).toMatch(/Other family members' records are never included/);
  });

  it("escapes every value in the HTML", async () => {
    const world = await buildFamily();
    const html = subjectAccessHtml(await buildSubjectAccessExport(viewerOf(world.staff.advocate), world.alex.id));
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(html).not.toContain("<script");
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB"><head><meta charSet="utf-8"\/>/i);
    expect(html).toContain("<title>Record export</title>");
    expect(html).toContain("Alex Rivers");
  });

  it("is for the allocated worker and the holding case manager only, and each export is audited", async () => {
    const world = await buildFamily();
    const { spare, otherHolder, bcw, advocate, holder } = world.staff;
    for (const outsider of [spare, otherHolder, bcw]) {
      const refused = await buildSubjectAccessExport(viewerOf(outsider), world.alex.id).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(refused, outsider.displayName).toBeInstanceOf(Response);
      expect(refused instanceof Response ? refused.status : null).toBe(404);
    }
    // A worker whose allocation ended no longer sees the person.
    const prisma = database().prisma;
    await prisma.allocation.updateMany({ where: { staffId: advocate.id }, data: { endedAt: new Date() } });
    await expect(buildSubjectAccessExport(viewerOf(advocate), world.alex.id)).rejects.toBeInstanceOf(Response);
    await prisma.allocation.updateMany({ where: { staffId: advocate.id }, data: { endedAt: null } });

    expect((await buildSubjectAccessExport(viewerOf(advocate), world.alex.id)).person.name).toBe("Alex Rivers");
    expect((await buildSubjectAccessExport(viewerOf(holder), world.alex.id)).person.name).toBe("Alex Rivers");
    const events = await prisma.auditEvent.findMany({
      where: { action: "person.subject-access-export" },
      select: { actorStaffId: true, subjectPersonId: true, reasonCode: true, detail: true },
    });
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.actorStaffId).sort()).toEqual([advocate.id, holder.id].sort());
    for (const e of events) expect(e).toMatchObject({ subjectPersonId: world.alex.id, reasonCode: "subject-access", detail: null });

    // An anonymised record is gone for everyone.
    await prisma.person.update({ where: { id: world.alex.id }, data: { anonymisedAt: new Date() } });
    await expect(buildSubjectAccessExport(viewerOf(holder), world.alex.id)).rejects.toBeInstanceOf(Response);
  });

  it("gives a young person's answers in the words for their age band, and a questionnaire only the worker has filled in", async () => {
    const world = await buildFamily();
    const prisma = database().prisma;
    await prisma.questionnaireResponse.updateMany({
      where: { personId: world.mia.id },
      data: { ageBand: "under-8", submittedAt: null, workerCompletedAt: new Date("2025-02-07T09:00:00Z") },
    });

    const exported = await buildSubjectAccessExport(viewerOf(world.staff.childWorker), world.mia.id);
    const [checkin] = exported.questionnaires.given;
    expect(checkin).toMatchObject({ submittedAt: null, workerCompletedAt: "2025-02-07T09:00:00.000Z" });
    expect(checkin?.answers.find((a) => a.itemKey === "safe-home")).toMatchObject({ question: "At home, I feel…", answer: 4, answeredBy: "you" });
    expect(checkin?.answers.find((a) => a.itemKey === "anything-else")).toMatchObject({ answer: "marker-mia-answer", needsReview: false });
    expect(exported.introduction.join(" ")).toMatch(/child's best interests/);
    const json = subjectAccessJson(exported);
    for (const text of ["Sam came to the door", "marker-sam", "Alex", world.alex.id, world.sam.id]) expect(json).not.toContain(text);
    expect(subjectAccessHtml(exported)).toContain("Not sent by you: only the worker");
  });

  it("flags the family's names and relationship words as whole words only", () => {
    const find = mentionFinder([
      { firstName: "Sam", lastName: "Hall" },
      { firstName: "Mary-Jane", lastName: "O'Neill" },
    ]);
    expect(find("Sam came to the door again")).toEqual(["Sam"]);
    expect(find("The next appointment is in the hallway, same as before")).toEqual([]);
    expect(find("Met at the HALL with my ex-partner")).toEqual(["HALL", "ex", "partner"]);
    expect(find("Sam's brother and the kids")).toEqual(["Sam", "brother", "kids"]);
    expect(find("Jane said O’Neill had called; Mary-Jane too")).toEqual(["Jane", "O’Neill", "Mary-Jane"]);
    expect(find("Sexton Samuel Exeter")).toEqual([]);
    expect(mentionFinder([])("Nothing here")).toEqual([]);
  });

  it("marks a same-worker reason and a harmful-behaviour risk reason for review whatever their words", async () => {
    const world = await buildFamily();
    const prisma = database().prisma;
    const reason = seal("Only worker available in the area", "same-worker-reason");
    await prisma.allocation.updateMany({ where: { personId: world.sam.id }, data: { sameWorkerReasonCipher: reason.cipher, keyId: reason.keyId } });
    const risk = await createRiskAssessment(prisma, { personId: world.sam.id, staffId: world.staff.bcw.id, level: "MEDIUM", stage: "INTAKE" });
    const riskReason = seal("Raised voice in the session", "risk-reason");
    await prisma.riskAssessment.update({ where: { id: risk.id }, data: { reasonCipher: riskReason.cipher, keyId: riskReason.keyId } });

    const exported: SubjectAccessExport = await buildSubjectAccessExport(viewerOf(world.staff.bcw), world.sam.id);
    expect(exported.person.kind).toBe("Service user (behaviour change)");
    expect(exported.allocations[0]).toMatchObject({ sameWorkerReason: "Only worker available in the area", needsReview: true, mentions: [] });
    expect(exported.riskAssessments[0]).toMatchObject({ reason: "Raised voice in the session", needsReview: true });
    expect(exported.review.passages.map((p) => p.reason)).toEqual(expect.arrayContaining(["another-person", "safeguarding"]));
    // Sam's own export holds nothing of Alex's or Mia's.
    const json = subjectAccessJson(exported);
    expect(json).not.toContain("Sam came to the door again");
    expect(json).not.toContain("Alex");
    expect(json).not.toMatch(/\bMia\b/);
    expect(json).toContain("marker-sam-answer");
  });
});

describe("the export route", () => {
  /** A passkey sign-in a moment ago: proof enough for a download (app/auth/step-up.server.ts). */
  async function cookieFor(staff: StaffMember) {
    const setCookie = await handleNewSession(new Request("http://localhost/", { headers: ANDROID }), { staffId: staff.id }, "passkey", { proven: true });
    return setCookie.split(";")[0] ?? "";
  }

  /** The page (format "") or a file (format "json", "html", …), through the real route modules. */
  async function call(personId: string, cookie: string, format: string) {
    const path = format === "" ? `/staff/people/${personId}/export` : `/staff/people/${personId}/export/${format}`;
    const request = new Request(`http://localhost${path}`, { headers: { ...ANDROID, Cookie: cookie } });
    const args = { request, params: format === "" ? { personId } : { personId, format }, context: { clientAddress: "192.0.2.1" } };
    try {
      return format === "" ? await pageLoader(args) : await fileLoader(args);
    } catch (thrown) {
      return thrown;
    }
  }

  it("downloads JSON and HTML as attachments with neutral names, refuses an unknown format, and 404s another person", async () => {
    const world = await buildFamily();
    const cookie = await cookieFor(world.staff.advocate);

    const json = await call(world.alex.id, cookie, "json");
    if (!(json instanceof Response)) throw new Error("expected a Response");
    expect(json.status).toBe(200);
    expect(json.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(json.headers.get("Cache-Control")).toBe("no-store");
    const disposition = json.headers.get("Content-Disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="record-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(disposition).not.toMatch(/alex|rivers|abuse|survivor|subject/i);
    const body: unknown = JSON.parse(await json.text());
    expect(body).toMatchObject({ person: { name: "Alex Rivers" } });

    const html = await call(world.alex.id, cookie, "html");
    if (!(html instanceof Response)) throw new Error("expected a Response");
    expect(html.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(html.headers.get("Content-Disposition")).toMatch(/^attachment; filename="record-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.html"$/);
    expect(html.headers.get("Cache-Control")).toBe("no-store");
    expect(await html.text()).toContain("<title>Record export</title>");

    const bogus = await call(world.alex.id, cookie, "bogus");
    expect(bogus instanceof Response ? bogus.status : bogus).toBe(404);

    const page = await call(world.alex.id, cookie, "");
    expect(page).toMatchObject({ name: "Alex Rivers", reviewCount: 3 });
    expect(JSON.stringify(page)).not.toContain("Sam came to the door");

    for (const other of [world.sam, world.stranger]) {
      const refused = await call(other.id, cookie, "json");
      expect(refused instanceof Response ? refused.status : refused).toBe(404);
    }
    const managerCookie = await cookieFor(await createStaff(database().prisma, { serviceId: world.service.id, role: "MANAGER", displayName: "Pat Manager" }));
    const manager = await call(world.alex.id, managerCookie, "json");
    expect(manager instanceof Response ? manager.status : manager).toBe(404);

    // One export event per download; the page and the refused format are not exports.
    const exports = await database().prisma.auditEvent.count({ where: { action: "person.subject-access-export" } });
    expect(exports).toBe(2);
  });
});
