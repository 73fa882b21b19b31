/**
 * A person's record filled in every table at once, for the tests of what works across a whole
 * record (merge, retention, the subject access export, the person-data register).
 */
import { recordAudit } from "../../app/audit/audit.server";
import { newSecretId } from "../../app/auth/secret-id.server";
import { seal } from "../../app/crypto/sealed.server";
import type { Person, StaffMember } from "../../app/generated/prisma/client";
import { addDays, allocate, createAppointment, createAssignment, createMessage, createResponse, createRiskAssessment, type Db } from "../fixtures/factory";

/**
 * A row in every table that can hold something about a person (`person`, an adult survivor, with
 * `worker` as their advocate): a sealed note (`note` is its text), an allocation and a risk level
 * with their sealed reasons, an appointment and a notification about it, a conversation, a
 * questionnaire waiting with a draft and one sent (whose "no" to feeling safe raises an alert, with
 * a written answer), a goal with a rating, safe-contact times, a session, a PIN, a passkey, an
 * enrolment code and a sign-in in the audit log. The definitions must be published first. For the
 * tests of merge, retention and the subject access export, which must meet every table; the
 * register's test checks that it does.
 */
export async function rowInEveryTable(prisma: Db, person: Person, worker: StaffMember, texts: { note?: string } = {}) {
  const note = seal(texts.note ?? "A note about her week", "case-note");
  await prisma.caseNote.create({ data: { personId: person.id, authorId: worker.id, kind: "CONTACT", bodyCipher: note.cipher, keyId: note.keyId } });
  const reason = seal("Also supports someone else", "same-worker-reason");
  const allocation = await allocate(prisma, { personId: person.id, staffId: worker.id });
  await prisma.allocation.update({ where: { id: allocation.id }, data: { sameWorkerReasonCipher: reason.cipher, keyId: reason.keyId } });
  const risk = await createRiskAssessment(prisma, { personId: person.id, staffId: worker.id, level: "HIGH", stage: "INTAKE" });
  const riskReason = seal("Threats last week", "risk-reason");
  await prisma.riskAssessment.update({ where: { id: risk.id }, data: { reasonCipher: riskReason.cipher, keyId: riskReason.keyId } });
  await createAppointment(prisma, { personId: person.id, staffId: worker.id, startsAt: addDays(new Date(), 3) });
  await prisma.notificationRecord.create({ data: { personId: person.id, template: "appointment-update", outcome: "SKIPPED", reason: "outside-safe-times" } });
  const thread = await prisma.messageThread.create({ data: { personId: person.id, staffId: worker.id } });
  await createMessage(prisma, { threadId: thread.id, author: { personId: person.id }, text: "Her message" });
  const waiting = await createAssignment(prisma, { personId: person.id, definitionKey: "adult-checkin", dueAt: addDays(new Date(), 5) });
  const draft = seal(JSON.stringify({ "feel-safe": 4 }), "draft");
  await prisma.questionnaireDraft.create({ data: { assignmentId: waiting.id, personId: person.id, answersCipher: draft.cipher, keyId: draft.keyId } });
  // "No" to feeling safe raises an alert with the response.
  await createResponse(prisma, {
    person,
    definitionKey: "adult-checkin",
    submittedAt: addDays(new Date(), -3),
    answers: { "safe-at-home-now": false, "feel-safe": 3, "feel-well": 4 },
  });
  const answer = await prisma.answer.findFirstOrThrow({ where: { response: { personId: person.id } } });
  const text = seal("Written answer", "answer");
  await prisma.answer.update({ where: { id: answer.id }, data: { textCipher: text.cipher, keyId: text.keyId } });
  const goal = seal("Driving lessons", "goal-title");
  await prisma.goal.create({ data: { personId: person.id, titleCipher: goal.cipher, keyId: goal.keyId, ratings: { create: [{ score: 4 }] } } });
  const times = seal("Mornings", "safe-times");
  await prisma.safeContactPreference.create({ data: { personId: person.id, safeTimesCipher: times.cipher, keyId: times.keyId, safeChannels: ["PHONE_CALL"] } });
  await prisma.session.create({
    data: { id: newSecretId(), personId: person.id, method: "pin", deviceKind: "Android phone", expiresAt: addDays(new Date(), 1) },
  });
  await prisma.pinCredential.create({ data: { personId: person.id, signInName: `quiet-heron-${person.id.slice(0, 6)}`, hash: "scrypt$not-a-real-hash" } });
  await prisma.passkey.create({
    data: {
      personId: person.id,
      credentialId: `cred-${person.id}`,
      publicKey: new Uint8Array([1, 2, 3]),
      transports: [],
      deviceType: "singleDevice",
      backedUp: false,
    },
  });
  await prisma.enrolmentCode.create({ data: { personId: person.id, codeHash: `hash-${person.id}`, expiresAt: addDays(new Date(), 1) } });
  await recordAudit({ actor: { personId: person.id }, action: "signin.pin", reasonCode: "signin", subjectPersonId: person.id }, prisma);
}
