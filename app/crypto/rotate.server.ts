import { db } from "~/db.server";
import type { EncryptionKey } from "~/env.server";
import { currentKeyId, open, seal, type Purpose } from "./sealed.server";

/**
 * Every sealed column, by table. Each table keeps one key id for all its sealed columns, so a row
 * is re-sealed whole. `sealed-columns.test.ts` checks this list against the schema: a new `Bytes`
 * column that is not here fails the tests.
 */
export const SEALED_COLUMNS: readonly { table: string; columns: readonly (readonly [column: string, purpose: Purpose])[] }[] = [
  { table: "CaseNote", columns: [["bodyCipher", "case-note"]] },
  { table: "Message", columns: [["bodyCipher", "message"]] },
  { table: "Answer", columns: [["textCipher", "answer"]] },
  { table: "QuestionnaireDraft", columns: [["answersCipher", "draft"]] },
  {
    table: "SafeContactPreference",
    columns: [
      ["safeTimesCipher", "safe-times"],
      ["safeWindowsCipher", "safe-windows"],
      ["emailCipher", "contact-email"],
      ["phoneCipher", "contact-phone"],
      ["codeWordCipher", "code-word"],
    ],
  },
  { table: "RiskAssessment", columns: [["reasonCipher", "risk-reason"]] },
  { table: "Goal", columns: [["titleCipher", "goal-title"]] },
  { table: "Allocation", columns: [["sameWorkerReasonCipher", "same-worker-reason"]] },
];

const BATCH = 500;

type Row = { id: string; keyId: string } & Record<string, Uint8Array | string | null>;

/**
 * Re-seals every value not sealed with the current key (the first in WAYPOINT_ENCRYPTION_KEYS),
 * in batches, each row updated only if no one re-sealed it meanwhile. Safe to run while the app
 * serves and safe to run again; when it reports nothing left, older keys can be removed.
 */
export async function rotateSealedValues(options: { keys?: EncryptionKey[]; onProgress?: (table: string, done: number) => void } = {}) {
  const target = options.keys?.[0]?.id ?? currentKeyId();
  const counts: Record<string, number> = {};
  for (const { table, columns } of SEALED_COLUMNS) {
    let done = 0;
    const list = columns.map(([column]) => `"${column}"`).join(", ");
    for (;;) {
      // Table and column names come from the constant list above, never from input.
      const rows = await db().$queryRawUnsafe<Row[]>(
        `SELECT "id", "keyId", ${list} FROM "${table}" WHERE "keyId" IS NOT NULL AND "keyId" <> $1 ORDER BY "id" LIMIT ${BATCH}`,
        target,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const values = columns.map(([column, purpose]) => {
          const value = row[column];
          if (value === null || value === undefined || typeof value === "string") return null;
          return seal(open(value, row.keyId, purpose, options.keys), purpose, options.keys).cipher;
        });
        const assignments = columns.map(([column], i) => `"${column}" = $${i + 1}`).join(", ");
        const n = columns.length;
        await db().$executeRawUnsafe(
          `UPDATE "${table}" SET ${assignments}, "keyId" = $${n + 1} WHERE "id" = $${n + 2} AND "keyId" = $${n + 3}`,
          ...values,
          target,
          row.id,
          row.keyId,
        );
      }
      done += rows.length;
      options.onProgress?.(table, done);
    }
    counts[table] = done;
  }
  return counts;
}

/** How many values are still sealed with each key, per table: what to check before removing a key. */
export async function sealedValuesByKey() {
  const result: Record<string, Record<string, number>> = {};
  for (const { table } of SEALED_COLUMNS) {
    const rows = await db().$queryRawUnsafe<{ keyId: string; n: bigint | number }[]>(
      `SELECT "keyId", count(*) AS n FROM "${table}" WHERE "keyId" IS NOT NULL GROUP BY "keyId"`,
    );
    result[table] = Object.fromEntries(rows.map((r) => [r.keyId, Number(r.n)]));
  }
  return result;
}
