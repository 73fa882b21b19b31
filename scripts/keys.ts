/**
 * Encryption keys for free text at rest (app/crypto/sealed.server.ts).
 *
 *   npm run keys:generate -- [id]     print a new key as id:base64, to put first in WAYPOINT_ENCRYPTION_KEYS
 *   npm run keys:rotate               re-seal every value with the first key; prints what is left per key
 *
 * Rotation, step by step, is in docs/operations.md.
 */
import { generateKey } from "../app/crypto/sealed.server.ts";
import { rotateSealedValues, sealedValuesByKey } from "../app/crypto/rotate.server.ts";
import { runCommand, withAppDatabase } from "./with-app-database.ts";

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "generate") {
    const id = rest[0] ?? `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`;
    if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(id)) {
      console.error("A key id is lower-case letters, digits and hyphens, at most 32 characters.");
      return 2;
    }
    console.log(generateKey(id));
    return 0;
  }
  if (command === "rotate") {
    return withAppDatabase(async (config) => {
      const target = config.encryptionKeys[0]?.id ?? "";
      console.log(`Re-sealing every value with key "${target}"…`);
      const counts = await rotateSealedValues();
      for (const [table, n] of Object.entries(counts)) if (n > 0) console.log(`  ${table}: ${n} re-sealed`);
      const left = Object.entries(await sealedValuesByKey()).flatMap(([table, byKey]) =>
        Object.entries(byKey)
          .filter(([keyId]) => keyId !== target)
          .map(([keyId, n]) => `  ${table}: ${n} still under "${keyId}"`),
      );
      if (left.length > 0) {
        console.log("Still sealed with older keys (run again):");
        for (const line of left) console.log(line);
        return 1;
      }
      console.log(`Done: every sealed value uses "${target}". Keys after the first can now be removed.`);
      return 0;
    });
  }
  console.error("usage: npm run keys:generate -- [id] | npm run keys:rotate");
  return 2;
}

runCommand(main);
