/**
 * `createMany`, faster, for building the bench's large service.
 *
 * Prisma 7's `createMany` spends about 170 µs of client CPU a row here (its query compiler and
 * the value encoding; the database itself is fast), so the ~600,000 rows of a 5,000-family service
 * took almost three minutes. The same rows sent as one multi-row `INSERT … VALUES` per batch
 * through `$executeRawUnsafe` (the same client and driver adapter, so embedded PGlite and a
 * PostgreSQL server alike) go in about four times faster.
 *
 * `withFastCreateMany(prisma)` is the client with every model's `createMany` replaced by that, so
 * the factory's bulk builders (createFamilies, createPeople, allocateMany, createResponses) build
 * and check their rows as always and only the insert differs. Ids and `updatedAt`, which Prisma
 * fills in on the client, are filled in here; a missing column takes its database default.
 */
import type { PrismaClient } from "../app/generated/prisma/client";
import { newId } from "../prisma/factory";

/** PostgreSQL allows 65,535 bind parameters a statement; stay well below. */
const MAX_PARAMETERS = 30_000;

const columnsOf = new Map<string, Promise<Set<string>>>();

async function tableColumns(prisma: PrismaClient, table: string) {
  let columns = columnsOf.get(table);
  if (!columns) {
    columns = prisma
      .$queryRawUnsafe<{ column_name: string }[]>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
        table,
      )
      .then((rows) => new Set(rows.map((r) => r.column_name)));
    columnsOf.set(table, columns);
  }
  const found = await columns;
  if (found.size === 0) throw new Error(`No table "${table}".`);
  return found;
}

function parameter(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date || value instanceof Uint8Array || Array.isArray(value)) return value;
  // A Json column.
  return JSON.stringify(value);
}

export async function insertRows(prisma: PrismaClient, table: string, input: readonly object[]) {
  if (input.length === 0) return { count: 0 };
  const columns = await tableColumns(prisma, table);
  const now = new Date();
  const rows = input.map((row) => {
    const full: Record<string, unknown> = {};
    if (columns.has("id")) full.id = newId();
    if (columns.has("updatedAt")) full.updatedAt = now;
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (!columns.has(key)) throw new Error(`"${table}" has no column "${key}".`);
      full[key] = value;
    }
    return full;
  });
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  const columnList = names.map((name) => `"${name}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const parameters: unknown[] = [];
    const values = rows.slice(start, start + perStatement).map((row) => {
      const cells = names.map((name) => {
        if (!(name in row)) return "DEFAULT";
        parameters.push(parameter(row[name]));
        return `$${parameters.length}`;
      });
      return `(${cells.join(", ")})`;
    });
    await prisma.$executeRawUnsafe(`INSERT INTO "${table}" (${columnList}) VALUES ${values.join(", ")}`, ...parameters);
  }
  return { count: rows.length };
}

/** The client, with `<model>.createMany({ data })` sent as multi-row INSERTs (other options are not supported). */
export function withFastCreateMany(prisma: PrismaClient): PrismaClient {
  return new Proxy(prisma, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== "string" || property.startsWith("$") || typeof value !== "object" || value === null || !("createMany" in value)) return value;
      const table = `${property.charAt(0).toUpperCase()}${property.slice(1)}`;
      const createMany = (args: { data: object | object[]; skipDuplicates?: boolean }) => {
        if (args.skipDuplicates) throw new Error("withFastCreateMany: skipDuplicates is not supported.");
        return insertRows(target, table, Array.isArray(args.data) ? args.data : [args.data]);
      };
      return new Proxy(value, {
        get: (delegate, name, delegateReceiver) => (name === "createMany" ? createMany : Reflect.get(delegate, name, delegateReceiver)),
      });
    },
  });
}
