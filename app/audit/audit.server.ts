import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AuditAction } from "./visibility";

/**
 * The append-only audit log (a trigger refuses UPDATE and DELETE). Every staff read or change of a
 * person's record, and every sign-in event, is written here. `detail` carries ids and codes only:
 * never a name, an answer or free text.
 */
export type AuditActor = { staffId: string } | { personId: string } | null;

export type AuditInput = {
  actor: AuditActor;
  /** A kind listed, with what the person may see of it, in `visibility.ts`. */
  action: AuditAction;
  reasonCode: string;
  subjectPersonId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
};

export async function recordAudit(input: AuditInput, client: Prisma.TransactionClient = db()) {
  await client.auditEvent.create({ data: auditRow(input) });
}

/** Several events in one statement (one per record a single look touched). */
export async function recordAudits(inputs: AuditInput[], client: Prisma.TransactionClient = db()) {
  if (inputs.length > 0) await client.auditEvent.createMany({ data: inputs.map(auditRow) });
}

function auditRow(input: AuditInput) {
  return {
    actorStaffId: input.actor && "staffId" in input.actor ? input.actor.staffId : null,
    actorPersonId: input.actor && "personId" in input.actor ? input.actor.personId : null,
    subjectPersonId: input.subjectPersonId ?? null,
    action: input.action,
    reasonCode: input.reasonCode,
    detail: input.detail ?? undefined,
  };
}
