import { recordAudit } from "~/audit/audit.server";
import { peopleVisibleTo } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import type { PersonKind } from "~/generated/prisma/client";
import { mergeSteps } from "~/person-data/register.server";

/**
 * Merging two records of the same person (entered twice, or known from an earlier case). The case
 * manager must be able to open both. Everything the duplicate holds moves to the record kept; the
 * duplicate stays as an empty, de-identified row pointing at it, because the audit log (which
 * is append-only) still names it. The duplicate's sign-in credentials are removed and its
 * sessions ended: the person signs in as the kept record.
 */
/**
 * The records a case manager could merge into this one: people of the same kind, in families they
 * can open, sharing a first or a last name (one of them may have been typed differently).
 */
export async function mergeCandidates(viewer: StaffViewer, person: { id: string; kind: PersonKind; firstName: string; lastName: string }) {
  return db().person.findMany({
    where: {
      AND: [
        peopleVisibleTo(viewer.staff),
        {
          id: { not: person.id },
          kind: person.kind,
          anonymisedAt: null,
          OR: [{ firstName: { equals: person.firstName, mode: "insensitive" } }, { lastName: { equals: person.lastName, mode: "insensitive" } }],
        },
      ],
    },
    orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
    take: 50,
    select: { id: true, firstName: true, lastName: true, dateOfBirth: true, involvementStartedAt: true, family: { select: { reference: true } } },
  });
}

export async function mergeDuplicate(viewer: StaffViewer, keepId: string, duplicateId: string, now = new Date()) {
  if (viewer.staff.role !== "CASE_MANAGER" || keepId === duplicateId) throw new Response("Not found", { status: 404 });
  const both = await db().person.findMany({
    where: { AND: [{ id: { in: [keepId, duplicateId] }, anonymisedAt: null }, peopleVisibleTo(viewer.staff)] },
    select: { id: true, kind: true, familyId: true, firstName: true, lastName: true },
  });
  const keep = both.find((p) => p.id === keepId);
  const duplicate = both.find((p) => p.id === duplicateId);
  if (!keep || !duplicate) throw new Response("Not found", { status: 404 });
  if (keep.kind !== duplicate.kind) return { ok: false as const, error: "Only two records of the same kind of person can be merged." };
  // Only a record the page offered: the candidates are worked out again here, on the server, so
  // a changed form cannot merge any record the case manager happens to be able to open.
  if (!(await mergeCandidates(viewer, keep)).some((c) => c.id === duplicate.id)) {
    return { ok: false as const, error: "Choose one of the records listed: only a record that looks like the same person can be merged." };
  }

  await db().$transaction(async (tx) => {
    // Every table that holds a person's data, as the person-data register says: moved to the record
    // kept, de-duplicated, ended or removed. Only `tx` inside (the embedded database is one connection).
    for (const step of mergeSteps()) await step.run(tx, { keepId: keep.id, duplicateId: duplicate.id, now });
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
        {
          actor: { staffId: viewer.staff.id },
          action: "person.merge",
          reasonCode: "casework",
          subjectPersonId: subject,
          detail: { keptId: keep.id, mergedId: duplicate.id },
        },
        tx,
      );
    }
  });
  return { ok: true as const };
}
