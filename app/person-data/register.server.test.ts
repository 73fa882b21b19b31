import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { mergeDuplicate } from "~/casework/merge.server";
import { buildSubjectAccessExport } from "~/casework/subject-access/export.server";
import { Prisma, type Person, type StaffMember } from "~/generated/prisma/client";
import { anonymiseDuePeople, type ClearedCounts, type RemovedCounts } from "~/retention/anonymise.server";
import { addDays, createPerson, type Db } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { rowInEveryTable } from "../../tests/support/full-record";
import { staffViewer } from "../../tests/support/viewers";
import { exportSections, PERSON_DATA, personTables, retentionSteps, tableRules, type ClearedKey, type RemovedKey } from "./register.server";
import { EXPORT_SECTIONS, TIMELINE_KINDS, type ModelName, type RegisterPart } from "./rules";

// ───────────────────────────── The schema, read as written ─────────────────────────────

type SchemaField = { name: string; type: string; relationColumns: string[]; onDelete: string | null };

/**
 * The models of prisma/schema.prisma with their fields, read from the file itself (the generated
 * client's runtime model does not say which columns a relation uses). Enough of the grammar for
 * this schema: one field per line, `@relation(… fields: [a, b] … onDelete: X)` on the line.
 */
function readSchema(): Map<string, SchemaField[]> {
  const text = readFileSync(new URL("../../prisma/schema.prisma", import.meta.url), "utf8");
  const models = new Map<string, SchemaField[]>();
  for (const block of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const fields: SchemaField[] = [];
    for (const line of (block[2] ?? "").split("\n")) {
      const field = /^\s*(\w+)\s+(\w+)(\[\]|\?)?(.*)$/.exec(line);
      if (!field || line.trim().startsWith("//") || line.trim().startsWith("@@")) continue;
      const relation = /@relation\(([^)]*)\)/.exec(field[4] ?? "")?.[1] ?? "";
      const columns = /fields:\s*\[([^\]]*)\]/.exec(relation)?.[1];
      fields.push({
        name: field[1] ?? "",
        type: field[2] ?? "",
        relationColumns: columns ? columns.split(",").map((c) => c.trim()) : [],
        onDelete: /onDelete:\s*(\w+)/.exec(relation)?.[1] ?? null,
      });
    }
    models.set(block[1] ?? "", fields);
  }
  return models;
}

const schema = readSchema();

/** The columns of a model that reference a Person row. */
function personReferences(model: string): string[] {
  return (schema.get(model) ?? []).filter((f) => f.type === "Person").flatMap((f) => f.relationColumns);
}

/** The relations a model holds a foreign key for: to which model, through which columns, on delete what. */
function foreignKeys(model: string) {
  return (schema.get(model) ?? []).filter((f) => f.relationColumns.length > 0);
}

const rules = tableRules();
const personTable = (model: string) => personTables().find((t) => t.model === model)?.rule;

describe("the person-data register", () => {
  it("reads the schema it checks against", () => {
    // The parser must see every model Prisma knows and the references everyone knows are there;
    // otherwise every check below could pass on nothing.
    expect([...schema.keys()].sort()).toEqual(Object.values(Prisma.ModelName).sort());
    expect(personReferences("CaseNote")).toEqual(["personId"]);
    expect(personReferences("AuditEvent").sort()).toEqual(["actorPersonId", "subjectPersonId"]);
    expect(personReferences("Person")).toEqual(["mergedIntoId"]);
    expect(foreignKeys("Message").find((f) => f.type === "MessageThread")).toMatchObject({ relationColumns: ["threadId"], onDelete: "Cascade" });
  });

  it("has an entry for every model, and none for anything else", () => {
    expect(Object.keys(PERSON_DATA).sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it("accounts for every column that references a person, and names no other", () => {
    for (const [model, rule] of rules) {
      const references = personReferences(model);
      const context = `${model} (references Person through: ${references.join(", ") || "nothing"})`;
      if (references.length === 0) {
        expect(rule.holds === "nothing" || rule.holds.by === "parent", context).toBe(true);
        continue;
      }
      expect(rule.holds, context).not.toBe("nothing");
      if (rule.holds === "nothing" || rule.holds.by !== "person") continue;
      const named = Object.keys(rule.holds.columns).filter((column) => !(model === "Person" && column === "id"));
      expect(named.sort(), context).toEqual([...references].sort());
    }
  });

  it("places a table without a column of its own under a parent that holds a person's data, through a real relation", () => {
    for (const [model, rule] of rules) {
      if (rule.holds === "nothing" || !rule.holds.parent) continue;
      const parent = rule.holds.parent;
      expect(personTable(parent), `${model}'s parent ${parent}`).toBeDefined();
      const relation = foreignKeys(model).find((f) => f.type === parent);
      expect(relation, `${model} has a foreign key to ${parent}`).toBeDefined();
      if (rule.holds.by === "parent") expect(relation?.relationColumns, model).toEqual([rule.holds.column]);
    }
  });

  it("says nothing is held only of tables that point at no table holding a person's data", () => {
    // A new table hanging off a person's rows (an attachment on a message) is the person's data too.
    for (const [model, rule] of rules) {
      if (rule.holds !== "nothing") continue;
      const pointsAt = foreignKeys(model)
        .map((f) => f.type)
        .filter((target) => personTable(target) !== undefined);
      expect(pointsAt, `${model} is marked as holding nothing`).toEqual([]);
    }
  });

  it("removes rows that would cascade from another removed table first, so each is counted", () => {
    const removed = new Set<string>(retentionSteps().remove.map((s) => s.model));
    const order: string[] = retentionSteps().remove.map((s) => s.model);
    for (const model of removed) {
      const rule = personTable(model);
      const cascadesFrom = rule?.retention.action === "delete" ? rule.retention.cascadesFrom : undefined;
      const cascading = foreignKeys(model).filter((f) => f.onDelete === "Cascade" && f.type !== "Person" && removed.has(f.type));
      expect(
        cascading.map((f) => f.type),
        `${model} cascades from`,
      ).toEqual(cascadesFrom ? [cascadesFrom] : []);
      if (cascadesFrom) expect(order.indexOf(model), `${model} before ${cascadesFrom}`).toBeLessThan(order.indexOf(cascadesFrom));
    }
  });

  it("lets no sealed free text outlive retention", () => {
    // Free text is what names people; decision 016 keeps only de-identified outcome data.
    for (const { model, rule } of personTables()) {
      const sealed = (schema.get(model) ?? []).filter((f) => f.type === "Bytes" && f.name.endsWith("Cipher")).map((f) => f.name);
      if (sealed.length === 0 || rule.retention.action === "delete") continue;
      expect(rule.retention.action === "clear" ? rule.retention.columns : [], `${model}'s sealed columns at retention`).toEqual(expect.arrayContaining(sealed));
    }
  });

  it("gives every section of the export a table, and every timeline kind a table", () => {
    expect(exportSections()).toEqual([...EXPORT_SECTIONS]);
    const kinds = new Set(personTables().flatMap(({ rule }) => (rule.timeline.action === "show" ? rule.timeline.kinds : [])));
    expect([...kinds].sort()).toEqual([...TIMELINE_KINDS].sort());
  });

  it("fails the typecheck when a model has no entry, and counts retention by the register's tables", () => {
    // `npm run typecheck` compiles this file: were a register missing a model accepted, the
    // directive below would be unused, and an unused @ts-expect-error is itself a compile error.
    const { AuditEvent: _left, ...withoutOne } = PERSON_DATA;
    // @ts-expect-error Property 'AuditEvent' is missing: a model without a rule does not compile.
    withoutOne satisfies RegisterPart<ModelName>;
    expect(Object.keys(withoutOne)).not.toContain("AuditEvent");

    expectTypeOf<RemovedKey>().toEqualTypeOf<
      | "safeContactPreferences"
      | "caseNotes"
      | "messageThreads"
      | "messages"
      | "questionnaireDrafts"
      | "passkeys"
      | "pinCredentials"
      | "sessions"
      | "enrolmentCodes"
      | "appointments"
      | "notificationRecords"
      | "alerts"
    >();
    expectTypeOf<ClearedKey>().toEqualTypeOf<"answers" | "riskAssessments" | "allocations" | "goals">();
    expectTypeOf<RemovedCounts>().toEqualTypeOf<Record<RemovedKey, number>>();
    expectTypeOf<ClearedCounts>().toEqualTypeOf<Record<ClearedKey, number>>();
  });
});

// ───────────────────────────── Merge, retention and export, table by table ─────────────────────────────

async function countWhere(prisma: Db, model: string, column: string, personId: string): Promise<number> {
  // Identifiers come from prisma/schema.prisma, never from input.
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${model}" WHERE "${column}" = $1`, personId);
  return rows[0]?.n ?? 0;
}

/**
 * A person's rows in a table, through their own columns or their parent's; with `stillSet`, only
 * rows where one of those columns is not null.
 */
async function rowsOf(prisma: Db, model: ModelName, personId: string, stillSet: readonly string[] = []): Promise<number> {
  const rule = personTable(model);
  if (!rule) return 0;
  const set = stillSet.length === 0 ? "TRUE" : stillSet.map((c) => `c."${c}" IS NOT NULL`).join(" OR ");
  let sql: string;
  if (rule.holds.by === "person") {
    const mine = Object.keys(rule.holds.columns)
      .map((c) => `c."${c}" = $1`)
      .join(" OR ");
    sql = `SELECT count(*)::int AS n FROM "${model}" c WHERE (${mine}) AND (${set})`;
  } else {
    const parent = personTable(rule.holds.parent);
    const parentColumn = parent?.holds.by === "person" ? Object.keys(parent.holds.columns)[0] : undefined;
    if (!parentColumn) throw new Error(`${model}'s parent holds no person column`);
    sql = `SELECT count(*)::int AS n FROM "${model}" c JOIN "${rule.holds.parent}" p ON c."${rule.holds.column}" = p."id" WHERE p."${parentColumn}" = $1 AND (${set})`;
  }
  // Identifiers come from the register and prisma/schema.prisma, never from input.
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(sql, personId);
  return rows[0]?.n ?? 0;
}

/** A row in every table that can hold something about a person: the shared filling, checked to reach every table the register names. */
async function fillEverything(prisma: Db, person: Person, worker: StaffMember) {
  await rowInEveryTable(prisma, person, worker);
  // Not vacuous: a new table in the register without a row in rowInEveryTable fails at once.
  for (const { model } of personTables()) expect(await rowsOf(prisma, model, person.id), `a ${model} row for the person`).toBeGreaterThan(0);
}

async function world(prisma: Db) {
  const { service, family, holder } = await familyInService(prisma, { heldBy: "Casey Holder", questionnaires: true });
  const worker = await workerIn(prisma, service.id, "ADULT_SURVIVOR_ADVOCATE", "Dana Advocate");
  return { service, holder: holder!, worker, family };
}

/** Whether a section of the export holds nothing: null, an empty list, or an object of empty parts. */
function holdsNothing(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(holdsNothing);
  return false;
}

describe("every table the register names, in a merge, a retention run and an export", () => {
  // Only these tests need a database: the checks above read the schema and the register.
  const database = useAppDatabase();

  it("merge moves, de-duplicates, ends or removes each table's rows as its rule says, and the export shows every section", async () => {
    const prisma = database().prisma;
    const { holder, worker, family } = await world(prisma);
    const keep = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez" });
    const duplicate = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Maria", lastName: "Lopez" });
    await fillEverything(prisma, duplicate, worker);

    const exported = await buildSubjectAccessExport(staffViewer(holder), duplicate.id);
    for (const { model, rule } of personTables()) {
      if (rule.subjectAccess.action !== "include") continue;
      expect(holdsNothing(exported[rule.subjectAccess.section]), `${model} in the export's ${rule.subjectAccess.section}`).toBe(false);
    }

    const before = new Map<string, number>();
    for (const { model, rule } of personTables()) {
      if (rule.holds.by !== "person") continue;
      for (const column of Object.keys(rule.holds.columns)) before.set(`${model}.${column}`, await countWhere(prisma, model, column, duplicate.id));
    }
    expect(await mergeDuplicate(staffViewer(holder), keep.id, duplicate.id)).toEqual({ ok: true });

    for (const { model, rule } of personTables()) {
      if (rule.holds.by !== "person") continue;
      for (const column of Object.keys(rule.holds.columns)) {
        const left = await countWhere(prisma, model, column, duplicate.id);
        const where = `${model}.${column} (merge: ${rule.merge.action})`;
        if (rule.merge.action === "move" || rule.merge.action === "de-duplicate" || rule.merge.action === "remove") expect(left, where).toBe(0);
        // Ended and kept rows stay with the duplicate as its history (the merge adds audit events).
        else expect(left, where).toBeGreaterThanOrEqual(before.get(`${model}.${column}`) ?? 0);
      }
    }
    for (const { model, rule } of personTables()) {
      if (rule.merge.action === "move" || rule.merge.action === "de-duplicate")
        expect(await rowsOf(prisma, model, keep.id), `${model} on the record kept`).toBeGreaterThan(0);
    }
  });

  it("retention removes, clears or keeps each table's rows as its rule says", async () => {
    const prisma = database().prisma;
    const { family, worker, service } = await world(prisma);
    const person = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", firstName: "Ana", lastName: "Closed" });
    await fillEverything(prisma, person, worker);
    await prisma.person.update({ where: { id: person.id }, data: { involvementEndedAt: addDays(new Date(), -10 * 365) } });

    const summary = (await anonymiseDuePeople()).services.find((s) => s.serviceId === service.id);
    expect(summary?.anonymised).toBe(1);
    // Counted table by table: rows that went only because their parent did would count 0 here.
    const counted = new Map<string, number>([...Object.entries(summary?.removed ?? {}), ...Object.entries(summary?.cleared ?? {})]);

    for (const { model, rule } of personTables()) {
      const where = `${model} (retention: ${rule.retention.action})`;
      if (rule.retention.action === "delete") expect(await rowsOf(prisma, model, person.id), where).toBe(0);
      else expect(await rowsOf(prisma, model, person.id), where).toBeGreaterThan(0);
      if (rule.retention.action === "delete" || rule.retention.action === "clear")
        expect(counted.get(rule.retention.countAs), `${where}: counted`).toBeGreaterThan(0);
      if (rule.retention.action === "clear") {
        expect(await rowsOf(prisma, model, person.id, rule.retention.columns), `${where}: ${rule.retention.columns.join(", ")} cleared`).toBe(0);
      }
    }
  });
});
