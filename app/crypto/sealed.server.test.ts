import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv, parseKeyList } from "~/env.server";
import { generateKey, open, seal, SealError } from "./sealed.server";

const keysA = parseKeyList(generateKey("a")) ?? [];
const keysB = parseKeyList(`${generateKey("b")},${generateKey("a")}`) ?? [];

describe("sealing free text", () => {
  it("opens what it sealed, and the sealed bytes do not contain the text", () => {
    const text = "Called at 14:10; she said the car was outside again. Ünïcode too ✓";
    const { cipher, keyId } = seal(text, "case-note", keysA);
    expect(keyId).toBe("a");
    expect(Buffer.from(cipher).toString("utf8")).not.toContain("car was outside");
    expect(open(cipher, keyId, "case-note", keysA)).toBe(text);
  });

  it("seals the same text differently every time (a fresh nonce)", () => {
    const one = seal("same words", "message", keysA).cipher;
    const two = seal("same words", "message", keysA).cipher;
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(false);
  });

  it("refuses a value whose bytes were changed", () => {
    const { cipher, keyId } = seal("do not touch", "answer", keysA);
    const changed = new Uint8Array(cipher);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    expect(() => open(changed, keyId, "answer", keysA)).toThrow(SealError);
  });

  it("refuses a value moved into a column of another purpose", () => {
    const { cipher, keyId } = seal("a code word", "code-word", keysA);
    expect(() => open(cipher, keyId, "case-note", keysA)).toThrow(/did not open/);
  });

  it("names the missing key when a value was sealed with a key that is not configured", () => {
    const { cipher } = seal("x", "draft", keysA);
    expect(() => open(cipher, "retired", "draft", keysA)).toThrow(/"retired" is not configured/);
  });

  it("refuses bytes that are not a sealed value at all", () => {
    expect(() => open(randomBytes(8), "a", "draft", keysA)).toThrow(SealError);
  });

  it("seals with the first key and opens with any configured key", () => {
    const [first] = keysB;
    expect(first?.id).toBe("b");
    const old = seal("from before the rotation", "message", keysB.slice(1));
    expect(old.keyId).toBe("a");
    expect(open(old.cipher, old.keyId, "message", keysB)).toBe("from before the rotation");
    expect(seal("new", "message", keysB).keyId).toBe("b");
  });
});

describe("key configuration", () => {
  it("parses a list of id:base64 keys and refuses anything else", () => {
    expect(parseKeyList(generateKey("k1"))?.[0]?.key).toHaveLength(32);
    expect(parseKeyList("k1:short")).toBeNull();
    expect(parseKeyList(`K1:${randomBytes(32).toString("base64")}`)).toBeNull();
    const dup = generateKey("same");
    expect(parseKeyList(`${dup},${dup}`)).toBeNull();
  });

  it("is required in production and named when malformed", () => {
    const base = {
      NODE_ENV: "production",
      SESSION_SECRET: randomBytes(48).toString("base64"),
      WAYPOINT_ORIGIN: "https://portal.example.org",
      WAYPOINT_PIN_PEPPER: randomBytes(48).toString("base64"),
    };
    expect(() => parseEnv(base)).toThrow(/WAYPOINT_ENCRYPTION_KEYS is required/);
    expect(() => parseEnv({ ...base, WAYPOINT_ENCRYPTION_KEYS: "nope" })).toThrow(/^Configuration error: WAYPOINT_ENCRYPTION_KEYS must be/);
    expect(parseEnv({ ...base, WAYPOINT_ENCRYPTION_KEYS: generateKey("prod") }).encryptionKeys[0]?.id).toBe("prod");
  });

  it("uses the public development key outside production", () => {
    expect(parseEnv({}).encryptionKeys.map((k) => k.id)).toEqual(["dev"]);
  });
});
