import type { Prisma } from "~/generated/prisma/client";

/**
 * The shape of the person-data register (`./register.server.ts`): for every table, what it holds
 * about a person and how each capability that works across a person's whole record treats it —
 * merging a duplicate into the record kept (decision 019), retention (decision 016), the subject
 * access export (UK GDPR Art. 15) and the record's timeline. Decision 026 says why it is one
 * register keyed by every Prisma model.
 *
 * The rules are data and small functions that take the caller's transaction client: they never
 * open a connection of their own, so merge and retention run them inside their one transaction.
 */

export type ModelName = Prisma.ModelName;

/** A model's scalar columns, as Prisma names them (`personId`, `authorPersonId`, …). */
export type ColumnOf<M extends ModelName> = M extends ModelName ? Extract<keyof Prisma.TypeMap["model"][M]["fields"], string> : never;

/** The client a rule runs on: the transaction of a merge or a retention run, or the plain client for a dry run. */
export type Client = Prisma.TransactionClient;

// ───────────────────────────── Merge ─────────────────────────────

/** The two records of one person being merged (decision 019), and the moment of the merge. */
export type MergeOf = { keepId: string; duplicateId: string; now: Date };

/** One table's part of a merge, run inside the merge's transaction. */
export type MergeStep = (tx: Client, merge: MergeOf) => Promise<unknown>;

export type MergeRule =
  /** The duplicate's rows now belong to the record kept. */
  | { action: "move"; run: MergeStep; note?: string }
  /** Moved, but where both records hold one (one per worker, one per person), one is kept: `note` says which. */
  | { action: "de-duplicate"; run: MergeStep; note: string }
  /** The rows stay on the duplicate as history, ended or revoked so they no longer act. */
  | { action: "end"; run: MergeStep; note: string }
  /** The rows go: the person signs in as the record kept. */
  | { action: "remove"; run: MergeStep; note: string }
  /** Nothing is done to the rows, for the reason given. */
  | { action: "keep"; note: string };

// ───────────────────────────── Retention ─────────────────────────────

/**
 * A set of one person's rows that retention counts (dry run) or changes (real run) with the same
 * condition, so a dry run says exactly what the real run would do. Both return a number of rows.
 */
export type PersonRows = {
  count: (client: Client, personId: string) => Promise<number>;
  apply: (client: Client, personId: string) => Promise<number>;
};

/**
 * The key a table's count has in a retention summary: the model's name in the plural, lower-case
 * first ("CaseNote" → "caseNotes"). Written out in each rule, and checked against the name here.
 */
export type CountKey<M extends ModelName> = `${Uncapitalize<M>}s`;

export type RetentionRule<M extends ModelName> =
  /** Every row goes. `cascadesFrom`: rows that would also go with that table's rows; they are removed first so that they are counted. */
  | { action: "delete"; countAs: CountKey<M>; rows: PersonRows; cascadesFrom?: ModelName }
  /** The rows stay, with the named columns (sealed free text and its key id) set to null. */
  | { action: "clear"; countAs: CountKey<M>; columns: readonly ColumnOf<M>[]; rows: PersonRows }
  /** The rows stay as they are: de-identified outcome data, or held by a row that does (`note`). */
  | { action: "keep"; note: string }
  /** The Person row itself: kept, with what names the person overwritten by the retention run. */
  | { action: "de-identify"; note: string };

// ───────────────────────────── Subject access ─────────────────────────────

/**
 * The sections of the subject access export, in the document's order: the order in which they are
 * built, so that the list of passages to review follows the document.
 */
export const EXPORT_SECTIONS = [
  "person",
  "safeContact",
  "allocations",
  "riskAssessments",
  "caseNotes",
  "appointments",
  "messages",
  "questionnaires",
  "goals",
  "alerts",
  "signIns",
  "accessLog",
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export type SubjectAccessRule<M extends ModelName> =
  /**
   * In the export, in `section`, with these columns (in the export's words: `fields` maps a column
   * to the label the export gives it). `review` says when a row goes on the list of passages a
   * member of staff must read before the file is given out.
   */
  | { action: "include"; section: ExportSection; fields: Partial<Record<ColumnOf<M>, string>>; review?: string }
  /** Held about the person but not given in the export, for the reason given (the export's "Not in this file" says so where the person would look for it). */
  | { action: "leave-out"; note: string };

// ───────────────────────────── Timeline ─────────────────────────────

/** The kinds of event a person's record timeline shows (app/casework/record.server.ts). */
export const TIMELINE_KINDS = ["note", "contact", "attempt", "appointment", "message", "questionnaire", "risk", "alert", "allocation", "closure"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineRule = { action: "show"; kinds: readonly TimelineKind[] } | { action: "hide"; note: string };

// ───────────────────────────── A table's entry ─────────────────────────────

/** Where a person's rows are found in a table. */
export type Holds<M extends ModelName> =
  /**
   * A column referencing Person: each one the schema has, with what it means. The register's test
   * reads `prisma/schema.prisma` and fails when a reference is missing here.
   */
  | { by: "person"; columns: Partial<Record<ColumnOf<M>, string>>; parent?: ModelName }
  /** No column of its own: the rows belong to whoever owns their `parent` row (an answer, a goal's rating). */
  | { by: "parent"; parent: ModelName; column: ColumnOf<M> };

/** A table holding a person's data: how each capability treats it. */
export type PersonTable<M extends ModelName> = {
  holds: Holds<M>;
  merge: MergeRule;
  retention: RetentionRule<M>;
  subjectAccess: SubjectAccessRule<M>;
  timeline: TimelineRule;
};

/** A table holding no service user's data (the service's set-up, staff, reference data). */
export type NotPersonData = { holds: "nothing"; note: string };

export type TableRule<M extends ModelName> = PersonTable<M> | NotPersonData;

/** What each capability contributes: the rules for the tables it owns, one per model, checked per model. */
export type RegisterPart<M extends ModelName> = { [K in M]: TableRule<K> };

/**
 * Rows of one table that retention removes: `where` says which rows are the person's; the dry run
 * counts and the real run deletes with that same condition.
 */
export function deleteRows<W>(table: (client: Client) => RowTable<W>, where: (personId: string) => W): PersonRows {
  return {
    count: async (client, personId) => table(client).count({ where: where(personId) }),
    apply: async (client, personId) => (await table(client).deleteMany({ where: where(personId) })).count,
  };
}

/**
 * Rows of one table that retention keeps with some columns set to null: `where` should select only
 * rows where there is something to clear, so the count says how many rows changed.
 */
export function clearColumns<W, D>(table: (client: Client) => ClearableTable<W, D>, where: (personId: string) => W, data: D): PersonRows {
  return {
    count: async (client, personId) => table(client).count({ where: where(personId) }),
    apply: async (client, personId) => (await table(client).updateMany({ where: where(personId), data })).count,
  };
}

/**
 * The common retention rule of a table whose rows are the person's by its `personId` column: every
 * such row goes (`deleteRows` with `{ personId }`).
 */
export function deletePersonRows(table: (client: Client) => RowTable<{ personId: string }>): PersonRows {
  return deleteRows(table, (personId) => ({ personId }));
}

/**
 * The common merge step of a table whose rows are the person's by its `personId` column: the
 * duplicate's rows move to the record kept, unchanged otherwise. Resolves to the rows' count.
 */
export function movePersonRows(table: (client: Client) => MovableTable): MergeStep {
  return async (tx, { keepId, duplicateId }) => (await table(tx).updateMany({ where: { personId: duplicateId }, data: { personId: keepId } })).count;
}

/** The part of a Prisma model delegate that `movePersonRows` needs. */
type MovableTable = { updateMany(args: { where: { personId: string }; data: { personId: string } }): PromiseLike<{ count: number }> };

/** The part of a Prisma model delegate that `deleteRows` needs. */
type RowTable<W> = {
  count(args: { where: W }): PromiseLike<number>;
  deleteMany(args: { where: W }): PromiseLike<{ count: number }>;
};
type ClearableTable<W, D> = {
  count(args: { where: W }): PromiseLike<number>;
  updateMany(args: { where: W; data: D }): PromiseLike<{ count: number }>;
};
