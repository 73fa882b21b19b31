import { recordAudit } from "~/audit/audit.server";
import { peopleVisibleTo } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";

/**
 * Merging two records of the same person (entered twice, or known from an earlier case). The case
 * manager must be able to open both. Everything the duplicate holds moves to the record kept; the
 * duplicate stays as an empty, de-identified row pointing at it, because the audit log (which
 * is append-only) still names it. The duplicate's sign-in credentials are removed and its
 * sessions ended: the person signs in as the kept record.
 */
export async function mergeDuplicate(viewer: StaffViewer, keepId: string, duplicateId: string, now = new Date()) {
  if (viewer.staff.role !== "CASE_MANAGER" || keepId === duplicateId) throw new Response("Not found", { status: 404 });
  const both = await db().person.findMany({
    where: { AND: [{ id: { in: [keepId, duplicateId] }, anonymisedAt: null }, peopleVisibleTo(viewer.staff)] },
    select: { id: true, kind: true, familyId: true, safeContact: { select: { id: true } } },
  });
  const keep = both.find((p) => p.id === keepId);
  const duplicate = both.find((p) => p.id === duplicateId);
  if (!keep || !duplicate) throw new Response("Not found", { status: 404 });
  if (keep.kind !== duplicate.kind) return { ok: false as const, error: "Only two records of the same kind of person can be merged." };

  await db().$transaction(async (tx) => {
    const from = { personId: duplicate.id };
    const to = { personId: keep.id };
    await tx.allocation.updateMany({ where: from, data: to });
    await tx.riskAssessment.updateMany({ where: from, data: to });
    await tx.caseNote.updateMany({ where: from, data: to });
    await tx.appointment.updateMany({ where: from, data: to });
    await tx.messageThread.updateMany({ where: from, data: to });
    await tx.message.updateMany({ where: { authorPersonId: duplicate.id }, data: { authorPersonId: keep.id } });
    // A recurring occurrence is unique per person; both records may hold the same one, so moved
    // assignments drop their occurrence number (the schedule goes by dates, not by it).
    await tx.questionnaireAssignment.updateMany({ where: from, data: { ...to, occurrence: null } });
    await tx.questionnaireDraft.updateMany({ where: from, data: to });
    await tx.questionnaireResponse.updateMany({ where: from, data: to });
    await tx.goal.updateMany({ where: from, data: to });
    await tx.alert.updateMany({ where: from, data: to });
    if (duplicate.safeContact) {
      if (keep.safeContact) await tx.safeContactPreference.delete({ where: { personId: duplicate.id } });
      else await tx.safeContactPreference.update({ where: { personId: duplicate.id }, data: to });
    }
    await tx.session.updateMany({ where: { ...from, endedAt: null }, data: { endedAt: now, endReason: "NEW_ENROLMENT" } });
    await tx.passkey.deleteMany({ where: from });
    await tx.pinCredential.deleteMany({ where: from });
    await tx.enrolmentCode.updateMany({ where: { ...from, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.person.update({
      where: { id: duplicate.id },
      data: {
        mergedIntoId: keep.id,
        anonymisedAt: now,
        firstName: "Merged record",
        lastName: "",
        dateOfBirth: null,
        gender: null,
        sexualOrientation: null,
        ethnicityGroup: null,
        disability: null,
        employment: null,
        involvementEndedAt: now,
      },
    });
    if (duplicate.familyId !== keep.familyId) {
      const stillOpen = await tx.person.count({ where: { familyId: duplicate.familyId, involvementEndedAt: null, anonymisedAt: null } });
      if (stillOpen === 0) await tx.family.updateMany({ where: { id: duplicate.familyId, closedAt: null }, data: { closedAt: now } });
    }
    for (const subject of [keep.id, duplicate.id]) {
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, action: "person.merge", reasonCode: "casework", subjectPersonId: subject, detail: { keptId: keep.id, mergedId: duplicate.id } },
        tx,
      );
    }
  });
  return { ok: true as const };
}
