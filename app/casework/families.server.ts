import type { z } from "zod";
import { recordAudit, recordAudits } from "~/audit/audit.server";
import { peopleVisibleTo, requireHeldFamily } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import type { PersonKind, Prisma } from "~/generated/prisma/client";
import { assignForTrigger } from "~/questionnaires/assignments.server";
import type { CaseloadRow } from "./caseload.server";
import { daysBetween, FIRST_NEED_WEIGHT, needsOf, sharedWorkerIds, statusesFor } from "./status.server";
import { profileColumns, type newPersonSchema, type openFamilySchema } from "./schemas";

/**
 * Families (cases) and the people in them. A case manager opens a family from a referral and adds
 * its people; the family is theirs to hold. Every change is audited with ids only.
 */

/** The areas a new family can be opened in. */
export async function listAreas(serviceId: string) {
  return db().area.findMany({ where: { serviceId }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/**
 * Opens a family with the next reference ("F-0061"). References are unique per service; two case
 * managers opening families at the same moment may race for one, so a clash is retried.
 */
export async function openFamily(viewer: StaffViewer, input: z.output<typeof openFamilySchema>) {
  const serviceId = viewer.staff.serviceId;
  const area = await db().area.findFirst({ where: { id: input.areaId, serviceId }, select: { id: true } });
  if (!area) return { ok: false as const, fields: { areaId: "Choose one of the service's areas" } };
  for (let attempt = 0; ; attempt++) {
    try {
      const family = await db().$transaction(async (tx) => {
        const reference = await nextReference(tx, serviceId);
        const created = await tx.family.create({
          data: {
            serviceId,
            areaId: area.id,
            reference,
            referralSource: input.referralSource,
            referralDate: input.referralDate,
            caseManagerId: viewer.staff.id,
          },
          select: { id: true, reference: true },
        });
        await recordAudit({ actor: { staffId: viewer.staff.id }, action: "family.open", reasonCode: "casework", detail: { familyId: created.id } }, tx);
        return created;
      });
      return { ok: true as const, family };
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

async function nextReference(tx: Prisma.TransactionClient, serviceId: string) {
  const rows = await tx.$queryRaw<{ n: number | null }[]>`
    SELECT max(substring("reference" from 3)::int) AS n FROM "Family"
     WHERE "serviceId" = ${serviceId} AND "reference" ~ '^F-[0-9]+$'`;
  const next = (rows[0]?.n ?? 0) + 1;
  return `F-${String(next).padStart(4, "0")}`;
}

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

export type PossibleDuplicate = {
  familyReference: string;
  kind: PersonKind;
  /** Only when the viewer may open the record. */
  personId: string | null;
  caseManager: string | null;
  closed: boolean;
};

/**
 * People already on record who may be the same person: the same first and last name (ignoring
 * case and spaces) and, when both dates of birth are known, the same date. Staff see the family
 * reference and who holds it, so they can ask; a record they may not open stays closed to them.
 * Each match is audited against the matched person: a name typed here can find where someone is
 * known, so who looked, and when, is on that person's trail.
 */
export async function findPossibleDuplicates(
  viewer: StaffViewer,
  candidate: { firstName: string; lastName: string; dateOfBirth?: Date | null },
  options: { exceptPersonId?: string } = {},
): Promise<PossibleDuplicate[]> {
  // Names compared without case or spaces ("Mary Ann" and "Maryann" are the same to a typist).
  const squash = (name: string) => name.toLowerCase().replace(/\s+/g, "");
  const ids = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Person"
     WHERE "serviceId" = ${viewer.staff.serviceId} AND "anonymisedAt" IS NULL
       AND regexp_replace(lower("firstName"), '[[:space:]]+', '', 'g') = ${squash(candidate.firstName)}
       AND regexp_replace(lower("lastName"), '[[:space:]]+', '', 'g') = ${squash(candidate.lastName)}
     LIMIT 50`;
  const matches = await db().person.findMany({
    where: {
      id: { in: ids.map((r) => r.id).filter((id) => id !== options.exceptPersonId) },
      ...(candidate.dateOfBirth ? { OR: [{ dateOfBirth: candidate.dateOfBirth }, { dateOfBirth: null }] } : {}),
    },
    take: 10,
    select: {
      id: true,
      kind: true,
      involvementEndedAt: true,
      family: { select: { reference: true, caseManager: { select: { displayName: true } } } },
    },
  });
  if (matches.length === 0) return [];
  const visible = new Set(
    (await db().person.findMany({ where: { AND: [{ id: { in: matches.map((m) => m.id) } }, peopleVisibleTo(viewer.staff)] }, select: { id: true } })).map(
      (p) => p.id,
    ),
  );
  await recordAudits(
    matches.map((m) => ({
      actor: { staffId: viewer.staff.id },
      action: "person.duplicate-match",
      reasonCode: "casework",
      subjectPersonId: m.id,
      detail: { mayOpen: visible.has(m.id) },
    })),
  );
  return matches.map((m) => ({
    familyReference: m.family.reference,
    kind: m.kind,
    personId: visible.has(m.id) ? m.id : null,
    caseManager: m.family.caseManager?.displayName ?? null,
    closed: m.involvementEndedAt !== null,
  }));
}

/**
 * Adds a person to a family the case manager holds. A possible duplicate stops it until the case
 * manager has looked and ticked "this is a different person". At intake the service's intake
 * questionnaires are assigned. A closed family reopens.
 */
export async function addPerson(viewer: StaffViewer, familyId: string, input: z.output<typeof newPersonSchema>, now = new Date()) {
  const family = await requireHeldFamily(viewer, familyId);
  if (!input.notDuplicate) {
    const duplicates = await findPossibleDuplicates(viewer, input);
    if (duplicates.length > 0) return { ok: false as const, duplicates };
  }
  const person = await db().$transaction(async (tx) => {
    const created = await tx.person.create({
      data: {
        serviceId: family.serviceId,
        familyId: family.id,
        kind: input.kind,
        ...profileColumns(input),
        consentRecordedAt: now,
        involvementStartedAt: now,
      },
      select: { id: true, serviceId: true, kind: true },
    });
    if (family.closedAt) await tx.family.update({ where: { id: family.id }, data: { closedAt: null } });
    await assignForTrigger(tx, created, "AT_INTAKE", { now, assignedById: viewer.staff.id });
    await recordAudit(
      { actor: { staffId: viewer.staff.id }, action: "person.create", reasonCode: "casework", subjectPersonId: created.id, detail: { familyId: family.id } },
      tx,
    );
    return created;
  });
  return { ok: true as const, personId: person.id };
}

/**
 * A family side by side, for the case manager who holds it: each member's kind, workers, risk and
 * what needs attention, as counts and dates. No one's words are here: notes, messages and answers
 * stay on each person's own record.
 */
export async function loadFamilyView(viewer: StaffViewer, familyId: string, now = new Date()) {
  const held = await requireHeldFamily(viewer, familyId, { action: "family.read", reasonCode: "casework" });
  const family = await db().family.findUniqueOrThrow({
    where: { id: held.id },
    select: {
      id: true,
      reference: true,
      referralSource: true,
      referralDate: true,
      openedAt: true,
      closedAt: true,
      area: { select: { name: true } },
      people: {
        where: { anonymisedAt: null },
        orderBy: [{ kind: "asc" }, { dateOfBirth: "asc" }],
        select: {
          id: true,
          firstName: true,
          lastName: true,
          kind: true,
          dateOfBirth: true,
          involvementStartedAt: true,
          involvementEndedAt: true,
          closureReason: true,
          allocations: {
            where: { endedAt: null },
            select: { staffId: true, staff: { select: { displayName: true, specialism: true } } },
          },
        },
      },
    },
  });
  const statuses = await statusesFor(
    family.people.map((p) => p.id),
    { now },
  );
  const shared = sharedWorkerIds(family.people);
  return {
    id: family.id,
    reference: family.reference,
    area: family.area.name,
    referralSource: family.referralSource,
    referralDate: family.referralDate.toISOString(),
    openedAt: family.openedAt.toISOString(),
    closedAt: family.closedAt?.toISOString() ?? null,
    sharedWorkers: [...new Set(family.people.flatMap((p) => p.allocations.filter((a) => shared.has(a.staffId)).map((a) => a.staff.displayName)))],
    people: family.people.map((p) => {
      const status = statuses.get(p.id);
      return {
        id: p.id,
        name: `${p.firstName} ${p.lastName}`,
        kind: p.kind,
        dateOfBirth: p.dateOfBirth?.toISOString() ?? null,
        closedOn: p.involvementEndedAt?.toISOString() ?? null,
        closureReason: p.closureReason,
        workers: p.allocations.map((a) => ({ name: a.staff.displayName, specialism: a.staff.specialism, shared: shared.has(a.staffId) })),
        needs: status ? needsOf(status, now, p.involvementStartedAt, viewer.staff.timeZone) : [],
        risk: status?.risk ? { level: status.risk.level, reviewDueAt: status.risk.reviewDueAt?.toISOString() ?? null } : null,
        nextAppointment: status?.nextAppointment?.toISOString() ?? null,
        daysSinceContact: status?.lastContact ? daysBetween(status.lastContact, now, viewer.staff.timeZone) : null,
      };
    }),
  };
}

/**
 * The open families a case manager holds, each with how many of its people need attention first
 * (a safety answer, a sign-in they did not recognise, a risk review or a questionnaire overdue).
 * The needs come from the case manager's caseload (`caseloadRows`: everyone in these families),
 * which the same page shows, so they are worked out once.
 */
export async function listHeldFamilies(viewer: StaffViewer, caseload: readonly CaseloadRow[]) {
  const families = await db().family.findMany({
    where: { caseManagerId: viewer.staff.id, serviceId: viewer.staff.serviceId, closedAt: null },
    orderBy: { reference: "asc" },
    take: 500,
    select: {
      id: true,
      reference: true,
      referralDate: true,
      area: { select: { name: true } },
      _count: { select: { people: { where: { anonymisedAt: null, involvementEndedAt: null } } } },
    },
  });
  const needing = new Map<string, number>();
  for (const row of caseload) {
    if (row.closedOn === null && row.needs.some((n) => n.weight >= FIRST_NEED_WEIGHT))
      needing.set(row.familyReference, (needing.get(row.familyReference) ?? 0) + 1);
  }
  return families.map((f) => ({
    id: f.id,
    reference: f.reference,
    area: f.area.name,
    referralDate: f.referralDate.toISOString(),
    openPeople: f._count.people,
    needingAttention: needing.get(f.reference) ?? 0,
  }));
}
