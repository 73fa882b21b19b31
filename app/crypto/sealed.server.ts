import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env, type EncryptionKey } from "~/env.server";

/**
 * Free text at rest: AES-256-GCM with a random 96-bit nonce, sealed under the first configured key,
 * opened with whichever key sealed it (its id is stored beside the value). A database dump, a
 * replica or a backup holds no note, message or free-text answer in a readable form.
 *
 * Layout of a sealed value: version (1 byte) | nonce (12) | tag (16) | ciphertext.
 * The purpose ("case-note", "answer", …) is bound in as additional data, so a value copied from
 * one kind of column into another does not open.
 */
export const PURPOSES = [
  "case-note",
  "message",
  "answer",
  "draft",
  "safe-times",
  "safe-windows",
  "contact-email",
  "contact-phone",
  "code-word",
  "risk-reason",
  "goal-title",
  "same-worker-reason",
] as const;
export type Purpose = (typeof PURPOSES)[number];

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

export class SealError extends Error {}

function keys(): EncryptionKey[] {
  return env().encryptionKeys;
}

/** The id of the key new values are sealed with. */
export function currentKeyId(): string {
  const first = keys()[0];
  if (!first) throw new SealError("No encryption key is configured.");
  return first.id;
}

function additionalData(purpose: Purpose) {
  return Buffer.from(`waypoint:v${VERSION}:${purpose}`);
}

/** Seals text under the current key. Returns the bytes to store and the key id to store beside them. */
export function seal(plaintext: string, purpose: Purpose, keyList: EncryptionKey[] = keys()): { cipher: Uint8Array<ArrayBuffer>; keyId: string } {
  const key = keyList[0];
  if (!key) throw new SealError("No encryption key is configured.");
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce);
  cipher.setAAD(additionalData(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const out = new Uint8Array(HEADER_BYTES + body.length);
  out[0] = VERSION;
  out.set(nonce, 1);
  out.set(cipher.getAuthTag(), 1 + NONCE_BYTES);
  out.set(body, HEADER_BYTES);
  return { cipher: out, keyId: key.id };
}

/**
 * Opens a sealed value. Throws a SealError (never returns garbage) when the key is not configured,
 * the bytes were changed, or the value was sealed for another purpose.
 */
export function open(sealed: Uint8Array, keyId: string, purpose: Purpose, keyList: EncryptionKey[] = keys()): string {
  const key = keyList.find((k) => k.id === keyId);
  if (!key) throw new SealError(`Encryption key "${keyId}" is not configured: add it to WAYPOINT_ENCRYPTION_KEYS.`);
  if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new SealError("Not a sealed value.");
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", key.key, bytes.subarray(1, 1 + NONCE_BYTES));
  decipher.setAAD(additionalData(purpose));
  decipher.setAuthTag(bytes.subarray(1 + NONCE_BYTES, HEADER_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("A sealed value did not open: it was changed, or sealed with other data.");
  }
}

/** Seal an optional value: empty or missing text stores nothing at all. */
export function sealOptional(plaintext: string | null | undefined, purpose: Purpose) {
  const text = plaintext?.trim();
  return text ? seal(text, purpose) : null;
}

/** Open an optional value stored with its key id. */
export function openOptional(sealed: Uint8Array | null | undefined, keyId: string | null | undefined, purpose: Purpose): string | null {
  if (!sealed || !keyId) return null;
  return open(sealed, keyId, purpose);
}

/** A new random key, as `npm run keys:generate` prints it. */
export function generateKey(id: string): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}
