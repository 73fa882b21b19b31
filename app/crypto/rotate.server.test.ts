import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKeyList } from "~/env.server";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { rotateSealedValues, SEALED_COLUMNS, sealedValuesByKey } from "./rotate.server";
import { generateKey, open, seal } from "./sealed.server";

const database = useAppDatabase();

describe("the list of sealed columns", () => {
  it("names every Bytes column of the schema (but the passkeys' public keys)", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const found: string[] = [];
    for (const model of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      for (const field of (model[2] ?? "").matchAll(/^\s+(\w+)\s+Bytes\??/gm)) found.push(`${model[1]}.${field[1]}`);
    }
    const listed = SEALED_COLUMNS.flatMap(({ table, columns }) => columns.map(([column]) => `${table}.${column}`));
    expect(found.filter((f) => f !== "Passkey.publicKey").sort()).toEqual([...listed].sort());
  });
});

describe("rotating the encryption key", () => {
  it("re-seals every value under the new key, which then opens without the old one", async () => {
    const prisma = database().prisma;
    const { person, worker } = await survivorWithWorker(prisma, { allocated: true });

    const oldKeys = parseKeyList(generateKey("old")) ?? [];
    const newKeys = parseKeyList(generateKey("new")) ?? [];
    const both = [...newKeys, ...oldKeys];
    const note = seal("Spoke on the phone after 6pm as agreed.", "case-note", oldKeys);
    await prisma.caseNote.create({ data: { personId: person.id, authorId: worker.id, bodyCipher: note.cipher, keyId: note.keyId } });
    const times = seal("Weekdays 10 to 2", "safe-times", oldKeys);
    const word = seal("bluebell", "code-word", oldKeys);
    await prisma.safeContactPreference.create({
      data: { personId: person.id, safeTimesCipher: times.cipher, codeWordCipher: word.cipher, keyId: times.keyId, safeChannels: ["PHONE_CALL"] },
    });

    expect(await sealedValuesByKey()).toMatchObject({ CaseNote: { old: 1 }, SafeContactPreference: { old: 1 } });
    const counts = await rotateSealedValues({ keys: both });
    expect(counts).toMatchObject({ CaseNote: 1, SafeContactPreference: 1 });
    expect(await sealedValuesByKey()).toMatchObject({ CaseNote: { new: 1 }, SafeContactPreference: { new: 1 } });

    const stored = await prisma.caseNote.findFirstOrThrow({ where: { personId: person.id } });
    expect(stored.keyId).toBe("new");
    expect(open(stored.bodyCipher, stored.keyId, "case-note", newKeys)).toBe("Spoke on the phone after 6pm as agreed.");
    const prefs = await prisma.safeContactPreference.findUniqueOrThrow({ where: { personId: person.id } });
    expect(prefs.keyId).toBe("new");
    expect(open(prefs.codeWordCipher ?? new Uint8Array(), "new", "code-word", newKeys)).toBe("bluebell");
    expect(open(prefs.safeTimesCipher ?? new Uint8Array(), "new", "safe-times", newKeys)).toBe("Weekdays 10 to 2");

    // Running again finds nothing to do.
    expect(Object.values(await rotateSealedValues({ keys: both })).every((n) => n === 0)).toBe(true);
  });
});
