import type { SafeWindow } from "~/notifications/safe-times";
import type { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import { auditChange, findPersonForStaff, holdsFamily } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { seal, sealOptional } from "~/crypto/sealed.server";
import { isUniqueViolation, refusingStale, staleWrite, StaleWrite } from "~/db/conflicts.server";
import { db } from "~/db.server";
import type { PersonKind, Specialism } from "~/generated/prisma/client";
import type { Outcome } from "~/forms/parse";
import type { StaleOutcome } from "~/forms/stale";
import { assignForTrigger } from "~/questionnaires/assignments.server";
import { addCalendarDays, calendarDate, dateColumn, localDateOf } from "~/time/calendar";
import {
  profileColumns,
  type allocationSchema,
  type closeSchema,
  type NoteInput,
  type profileSchema,
  type riskSchema,
  type safeContactSchema,
} from "./schemas";

/**
 * Changes to one person's record. Each starts from `findPersonForStaff` (the allocated worker or
 * the case manager holding the family; anyone else gets a 404), refuses before writing anything,
 * and writes the change and its one audit row (ids only) in one transaction. Allocation is the
 * case manager's: it decides who sees the record.
 */

/**
 * Saves a person's details, only if the record is still at the version the page was drawn from
 * (otherwise nothing is written and the outcome is stale: docs/decisions/024-stale-writes-refused.md).
 */
export async function updateProfile(viewer: StaffViewer, personId: string, input: z.output<typeof profileSchema>): Promise<Outcome | StaleOutcome> {
  const person = await findPersonForStaff(viewer, personId);
  if (person.kind === "YOUNG_PERSON" && !input.dateOfBirth) {
    return { ok: false, fields: { dateOfBirth: "Enter the child's date of birth: it decides which words their pages use" } };
  }
  return refusingStale(() =>
    db().$transaction(async (tx) => {
      const before = await tx.person.findUniqueOrThrow({ where: { id: person.id }, select: { consentMonitoring: true } });
      // Conditional on the version: if the row moved on after `before` was read, this matches
      // nothing, so the consent date below is only ever worked out from the version replaced.
      const { count } = await tx.person.updateMany({
        where: { id: person.id, version: input.version },
        data: {
          ...profileColumns(input),
          // Consent is dated when it changes, so reports can say when it was given or withdrawn.
          ...(before.consentMonitoring !== input.consentMonitoring ? { consentRecordedAt: new Date() } : {}),
          version: { increment: 1 },
        },
      });
      if (count === 0) await staleWrite(async () => (await tx.person.findUnique({ where: { id: person.id }, select: { version: true } }))?.version ?? null);
      await auditChange(viewer, person.id, "person.update", tx);
      return { ok: true as const };
    }),
  );
}

/**
 * Saves how to contact a person safely, only if the preferences are still at the version the page
 * was drawn from (0: there were none). Two first saves racing meet the unique person id: the
 * second is stale too.
 */
export async function saveSafeContact(viewer: StaffViewer, personId: string, input: z.output<typeof safeContactSchema>): Promise<Outcome | StaleOutcome> {
  const person = await findPersonForStaff(viewer, personId);
  const times = sealOptional(input.safeTimes, "safe-times");
  const word = sealOptional(input.codeWord, "code-word");
  const windows: SafeWindow[] =
    input.safeDays.length > 0 && input.safeFrom !== null && input.safeUntil !== null
      ? [{ days: input.safeDays.map((d) => ["1", "2", "3", "4", "5", "6", "7"].indexOf(d) + 1), from: input.safeFrom, to: input.safeUntil }]
      : [];
  const sealedWindows = windows.length > 0 ? sealOptional(JSON.stringify(windows), "safe-windows") : null;
  const email = sealOptional(input.email, "contact-email");
  const phone = sealOptional(input.phone, "contact-phone");
  const data = {
    safeTimesCipher: times?.cipher ?? null,
    codeWordCipher: word?.cipher ?? null,
    safeWindowsCipher: sealedWindows?.cipher ?? null,
    emailCipher: email?.cipher ?? null,
    phoneCipher: phone?.cipher ?? null,
    keyId: times?.keyId ?? word?.keyId ?? sealedWindows?.keyId ?? email?.keyId ?? phone?.keyId ?? null,
    safeChannels: input.safeChannels,
    doNotContactBy: input.doNotContactBy,
    calendarFile: input.calendarFile,
    calendarWithAddress: input.calendarFile && input.calendarWithAddress,
  };
  const current = async () => (await db().safeContactPreference.findUnique({ where: { personId: person.id }, select: { version: true } }))?.version ?? 0;
  return refusingStale(async () => {
    try {
      return await db().$transaction(async (tx) => {
        if (input.version === 0) {
          await tx.safeContactPreference.create({ data: { personId: person.id, ...data, version: 1 } });
        } else {
          const { count } = await tx.safeContactPreference.updateMany({
            where: { personId: person.id, version: input.version },
            data: { ...data, version: { increment: 1 } },
          });
          if (count === 0)
            await staleWrite(
              async () => (await tx.safeContactPreference.findUnique({ where: { personId: person.id }, select: { version: true } }))?.version ?? null,
            );
        }
        await auditChange(viewer, person.id, "person.safe-contact.update", tx);
        return { ok: true as const };
      });
    } catch (error) {
      // A page drawn before any preferences existed, saved after someone else's first save.
      if (isUniqueViolation(error)) throw new StaleWrite(await current());
      throw error;
    }
  });
}

/** The specialism a kind of person is usually allocated; another is allowed, but listed after. */
export const usualSpecialism: Record<PersonKind, Specialism> = {
  ADULT_SURVIVOR: "ADULT_SURVIVOR_ADVOCATE",
  HARMFUL_BEHAVIOUR: "BEHAVIOUR_CHANGE_WORKER",
  YOUNG_PERSON: "CHILDRENS_CASEWORKER",
};

/** Active workers of the service, the usual specialism for this person first. */
export async function allocatableWorkers(viewer: StaffViewer, kind: PersonKind) {
  const workers = await db().staffMember.findMany({
    where: { serviceId: viewer.staff.serviceId, role: "WORKER", deactivatedAt: null },
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, specialism: true, team: { select: { name: true } } },
  });
  const usual = usualSpecialism[kind];
  return [...workers.filter((w) => w.specialism === usual), ...workers.filter((w) => w.specialism !== usual)].map((w) => ({
    id: w.id,
    name: w.displayName,
    specialism: w.specialism,
    team: w.team?.name ?? null,
    usual: w.specialism === usual,
  }));
}

export type AllocationResult =
  | { ok: true }
  | { ok: false; fields: Record<string, string> }
  /** The worker already supports the other party of this family: a reason is needed. */
  | { ok: false; needsReason: { otherParty: string }; fields: Record<string, string> };

/**
 * Allocates a worker. Home Office standards for perpetrator interventions: the same member of
 * staff ought not to support both the survivor and the person using harmful behaviour. It is
 * allowed (small services sometimes must) only with a recorded reason, which stays on the
 * allocation and shows on both records and the family view.
 */
export async function allocateWorker(viewer: StaffViewer, personId: string, input: z.output<typeof allocationSchema>): Promise<AllocationResult> {
  const person = await findPersonForStaff(viewer, personId);
  if (!holdsFamily(viewer, person.family)) throw new Response("Not found", { status: 404 });
  const worker = await db().staffMember.findFirst({
    where: { id: input.staffId, serviceId: viewer.staff.serviceId, role: "WORKER", deactivatedAt: null },
    select: { id: true, displayName: true },
  });
  if (!worker) return { ok: false, fields: { staffId: "Choose one of the service's workers" } };
  const already = await db().allocation.findFirst({ where: { personId: person.id, staffId: worker.id, endedAt: null }, select: { id: true } });
  if (already) return { ok: false, fields: { staffId: `${worker.displayName} is already allocated` } };

  const otherKind: PersonKind | null = person.kind === "ADULT_SURVIVOR" ? "HARMFUL_BEHAVIOUR" : person.kind === "HARMFUL_BEHAVIOUR" ? "ADULT_SURVIVOR" : null;
  const otherParty = otherKind
    ? await db().person.findFirst({
        where: { familyId: person.familyId, kind: otherKind, anonymisedAt: null, allocations: { some: { staffId: worker.id, endedAt: null } } },
        select: { firstName: true, lastName: true },
      })
    : null;
  if (otherParty && !input.sameWorkerReason) {
    return {
      ok: false,
      needsReason: { otherParty: `${otherParty.firstName} ${otherParty.lastName}` },
      fields: { sameWorkerReason: "Give the reason the same worker supports both people" },
    };
  }
  const reason = otherParty && input.sameWorkerReason ? seal(input.sameWorkerReason, "same-worker-reason") : null;
  await db().$transaction(async (tx) => {
    const allocation = await tx.allocation.create({
      data: { personId: person.id, staffId: worker.id, sameWorkerReasonCipher: reason?.cipher ?? null, keyId: reason?.keyId ?? null },
      select: { id: true },
    });
    await recordAudit(
      {
        actor: { staffId: viewer.staff.id },
        action: "allocation.create",
        reasonCode: "casework",
        subjectPersonId: person.id,
        detail: { allocationId: allocation.id, staffId: worker.id, sameWorker: reason !== null },
      },
      tx,
    );
  });
  return { ok: true };
}

/** The case manager ends anyone's allocation; a worker may hand back only their own. */
export function mayEndAllocation(viewer: StaffViewer, family: { caseManagerId: string | null }, allocation: { staffId: string }) {
  return holdsFamily(viewer, family) || allocation.staffId === viewer.staff.id;
}

export async function endAllocation(viewer: StaffViewer, personId: string, allocationId: string) {
  const person = await findPersonForStaff(viewer, personId);
  const allocation = await db().allocation.findFirst({ where: { id: allocationId, personId: person.id, endedAt: null }, select: { id: true, staffId: true } });
  if (!allocation || !mayEndAllocation(viewer, person.family, allocation)) throw new Response("Not found", { status: 404 });
  await db().$transaction(async (tx) => {
    await tx.allocation.update({ where: { id: allocation.id }, data: { endedAt: new Date() } });
    await auditChange(viewer, person.id, "allocation.end", tx, { allocationId: allocation.id });
  });
  return { ok: true as const };
}

export async function recordRisk(viewer: StaffViewer, personId: string, input: z.output<typeof riskSchema>): Promise<Outcome> {
  const person = await findPersonForStaff(viewer, personId);
  const service = await db().service.findUniqueOrThrow({ where: { id: viewer.staff.serviceId }, select: { riskReviewWeeks: true } });
  // The assessment and its review are days (date fields, kept at 00:00 UTC of the day): the review
  // falls the same weekday so many weeks on, by the calendar.
  const reviewDueAt =
    input.stage === "EXIT" ? null : (input.reviewDueAt ?? dateColumn(addCalendarDays(calendarDate(input.assessedAt), service.riskReviewWeeks * 7)));
  const reason = seal(input.reason, "risk-reason");
  await db().$transaction(async (tx) => {
    const risk = await tx.riskAssessment.create({
      data: {
        personId: person.id,
        staffId: viewer.staff.id,
        level: input.level,
        stage: input.stage,
        assessedAt: input.assessedAt,
        reviewDueAt,
        reasonCipher: reason.cipher,
        keyId: reason.keyId,
      },
      select: { id: true },
    });
    await auditChange(viewer, person.id, "risk.record", tx, { riskAssessmentId: risk.id, level: input.level });
  });
  return { ok: true };
}

export async function addNote(viewer: StaffViewer, personId: string, input: NoteInput): Promise<Outcome> {
  const person = await findPersonForStaff(viewer, personId);
  const body = seal(input.body, "case-note");
  await db().$transaction(async (tx) => {
    const note = await tx.caseNote.create({
      data: { personId: person.id, authorId: viewer.staff.id, kind: input.kind, occurredAt: input.occurredAt, bodyCipher: body.cipher, keyId: body.keyId },
      select: { id: true },
    });
    await auditChange(viewer, person.id, "note.create", tx, { noteId: note.id });
  });
  return { ok: true };
}

/**
 * Closes a person's involvement: the reason and date, the exit questionnaires assigned (their
 * allocations stay open so the worker can complete their part and see the answers; the worker
 * removes the person from their caseload when done), and the family closes once everyone in it
 * has closed.
 */
export async function closeInvolvement(
  viewer: StaffViewer,
  personId: string,
  input: z.output<typeof closeSchema>,
  now = new Date(),
): Promise<Outcome<{ assigned: string[]; familyClosed: boolean }>> {
  const visible = await findPersonForStaff(viewer, personId);
  const person = await db().person.findUniqueOrThrow({
    where: { id: visible.id },
    select: { id: true, serviceId: true, kind: true, familyId: true, involvementStartedAt: true, involvementEndedAt: true },
  });
  if (person.involvementEndedAt) return { ok: false as const, fields: { form: "Their involvement is already closed" } };
  // Both are days: the day typed, and the day involvement started on the service's calendar.
  if (calendarDate(input.endedAt) < localDateOf(person.involvementStartedAt, viewer.staff.timeZone)) {
    return { ok: false as const, fields: { endedAt: "The end cannot be before their involvement started" } };
  }
  return db().$transaction(async (tx) => {
    // Conditional, so two closes sent at once close once and assign the exit forms once.
    const { count } = await tx.person.updateMany({
      where: { id: person.id, involvementEndedAt: null },
      data: { involvementEndedAt: input.endedAt, closureReason: input.closureReason },
    });
    if (count === 0) return { ok: false as const, fields: { form: "Their involvement is already closed" } };
    // What was still waiting (and not started) is withdrawn first; then what closure assigns.
    // A questionnaire with saved answers stays open: nothing a person saved is lost.
    await tx.questionnaireAssignment.updateMany({
      where: { personId: person.id, status: "ASSIGNED", stage: { not: "EXIT" } },
      data: { status: "CLOSED", closedAt: now },
    });
    const assigned = await assignForTrigger(tx, person, "AT_CLOSURE", { now, assignedById: viewer.staff.id });
    const stillOpen = await tx.person.count({ where: { familyId: person.familyId, involvementEndedAt: null, anonymisedAt: null } });
    if (stillOpen === 0) await tx.family.update({ where: { id: person.familyId }, data: { closedAt: now } });
    await auditChange(viewer, person.id, "person.closed", tx, { reason: input.closureReason, familyClosed: stillOpen === 0 });
    return { ok: true as const, assigned, familyClosed: stillOpen === 0 };
  });
}

/** Marks an alert dealt with. Only a worker or case manager who may see the person can. */
export async function resolveAlert(viewer: StaffViewer, personId: string, alertId: string) {
  const person = await findPersonForStaff(viewer, personId);
  const resolved = await db().$transaction(async (tx) => {
    const { count } = await tx.alert.updateMany({
      where: { id: alertId, personId: person.id, resolvedAt: null },
      data: { resolvedAt: new Date(), resolvedById: viewer.staff.id },
    });
    if (count === 1)
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, subjectPersonId: person.id, action: "alert.resolve", reasonCode: "safeguarding", detail: { alertId } },
        tx,
      );
    return count === 1;
  });
  if (!resolved) throw new Response("Not found", { status: 404 });
  return { ok: true as const };
}
