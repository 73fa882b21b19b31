import { auditData } from "~/audit/person-data.server";
import { accountData } from "~/auth/person-data.server";
import { bookingData } from "~/booking/person-data.server";
import { caseworkData } from "~/casework/person-data.server";
import { messageData } from "~/messages/person-data.server";
import { outcomeData } from "~/outcomes/person-data.server";
import { questionnaireData } from "~/questionnaires/person-data.server";
import { serviceData } from "~/service/person-data.server";
import {
  EXPORT_SECTIONS,
  type ExportSection,
  type MergeStep,
  type ModelName,
  type PersonRows,
  type PersonTable,
  type RegisterPart,
  type TableRule,
} from "./rules";

/**
 * The one register of what Waypoint holds about a person: every Prisma model, with the rule each
 * capability that works across a person's whole record follows for it (see ./rules.ts for the
 * shapes, decision 026 for why). Each capability supplies the part for the tables it owns.
 *
 * `satisfies RegisterPart<ModelName>` is the point: a model added to prisma/schema.prisma without
 * an entry here fails `npm run typecheck` ("Property 'Notification' is missing in type …") until
 * someone decides how merge, retention, the subject access export and the timeline treat it.
 * `person-data.test.ts` checks, from the schema, that every reference to Person is accounted for.
 *
 * The order is the order merge runs its steps in.
 */
export const PERSON_DATA = {
  ...serviceData,
  ...caseworkData,
  ...accountData,
  ...bookingData,
  ...messageData,
  ...questionnaireData,
  ...outcomeData,
  ...auditData,
} satisfies RegisterPart<ModelName>;

type Register = typeof PERSON_DATA;

/** Every model's rule, in the register's order. */
export function tableRules(): [ModelName, TableRule<ModelName>][] {
  return Object.entries(PERSON_DATA).flatMap(([model, rule]): [ModelName, TableRule<ModelName>][] => (isModelName(model) ? [[model, rule]] : []));
}

function isModelName(name: string): name is ModelName {
  return Object.hasOwn(PERSON_DATA, name);
}

/** The tables that hold a person's data, with their rules, in the register's order. */
export function personTables(): { model: ModelName; rule: PersonTable<ModelName> }[] {
  return tableRules().flatMap(([model, rule]) => (rule.holds === "nothing" ? [] : [{ model, rule }]));
}

/** What a merge does, table by table: the steps that act (`keep` does nothing), in the register's order. */
export function mergeSteps(): { model: ModelName; run: MergeStep }[] {
  return personTables().flatMap(({ model, rule }) => (rule.merge.action === "keep" ? [] : [{ model, run: rule.merge.run }]));
}

// ───────────────────────────── Retention ─────────────────────────────

/** The key of a table whose rows retention removes, in a retention summary's `removed`. */
export type RemovedKey = {
  [M in ModelName]: Register[M] extends { retention: { action: "delete"; countAs: infer K extends string } } ? K : never;
}[ModelName];
/** The key of a table whose rows retention keeps with columns cleared, in a summary's `cleared`. */
export type ClearedKey = {
  [M in ModelName]: Register[M] extends { retention: { action: "clear"; countAs: infer K extends string } } ? K : never;
}[ModelName];

/**
 * What retention removes and clears, table by table. Rows that would cascade from another table's
 * rows come before that table's (`cascadesFrom`), so each is removed, and counted, on its own and a
 * dry run counts the same.
 */
export function retentionSteps(): {
  remove: { model: ModelName; key: RemovedKey; rows: PersonRows }[];
  clear: { model: ModelName; key: ClearedKey; rows: PersonRows }[];
} {
  const remove: { model: ModelName; key: RemovedKey; rows: PersonRows; cascadesFrom?: ModelName }[] = [];
  const clear: { model: ModelName; key: ClearedKey; rows: PersonRows }[] = [];
  for (const { model, rule } of personTables()) {
    const retention = rule.retention;
    if (retention.action === "delete" && isRemovedKey(retention.countAs)) {
      remove.push({ model, key: retention.countAs, rows: retention.rows, cascadesFrom: retention.cascadesFrom });
    } else if (retention.action === "clear" && isClearedKey(retention.countAs)) {
      clear.push({ model, key: retention.countAs, rows: retention.rows });
    }
  }
  const children = remove.filter((step) => step.cascadesFrom);
  for (const child of children) {
    if (!remove.some((step) => step.model === child.cascadesFrom))
      throw new Error(`${child.model} cascades from ${child.cascadesFrom}, which retention does not remove`);
  }
  return { remove: [...children, ...remove.filter((step) => !step.cascadesFrom)].map(({ model, key, rows }) => ({ model, key, rows })), clear };
}

/** The `removed` keys, for a summary with every count at 0. */
export function removedKeys(): RemovedKey[] {
  return retentionSteps().remove.map((step) => step.key);
}

/** The `cleared` keys, for a summary with every count at 0. */
export function clearedKeys(): ClearedKey[] {
  return retentionSteps().clear.map((step) => step.key);
}

function isRemovedKey(key: string): key is RemovedKey {
  return tableRules().some(([, rule]) => rule.holds !== "nothing" && rule.retention.action === "delete" && rule.retention.countAs === key);
}

function isClearedKey(key: string): key is ClearedKey {
  return tableRules().some(([, rule]) => rule.holds !== "nothing" && rule.retention.action === "clear" && rule.retention.countAs === key);
}

// ───────────────────────────── Subject access ─────────────────────────────

/** The sections of the subject access export some table is included in, in the document's order. */
export function exportSections(): ExportSection[] {
  const used = new Set(personTables().flatMap(({ rule }) => (rule.subjectAccess.action === "include" ? [rule.subjectAccess.section] : [])));
  return EXPORT_SECTIONS.filter((section) => used.has(section));
}
