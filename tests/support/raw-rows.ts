import type { Db } from "../fixtures/factory";

/**
 * Every row of `table` as the database holds it, as one text (a row a line, its columns joined by
 * "|", bytes read as `encoding`): for checking that nothing secret is stored in the clear. `table`
 * is a model name the test writes out, never input.
 */
export async function tableAsStored(prisma: Db, table: string, encoding: BufferEncoding = "utf8") {
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
  return rows
    .map((row) =>
      Object.values(row)
        .map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString(encoding) : String(v)))
        .join("|"),
    )
    .join("\n");
}
