import { randomBytes } from "node:crypto";

/**
 * Ids that are bearer secrets (a session id: whoever holds it is signed in). 32 bytes (256 bits)
 * from the operating system's CSPRNG through node:crypto, base64url: 43 characters, no padding.
 *
 * Not a cuid (Prisma's default id): a cuid v1 is a timestamp, a counter and a host fingerprint with
 * only a few random characters, so an id issued near a known one is largely predictable; its
 * authors deprecated it for security in favour of cuid2 (https://github.com/paralleldrive/cuid). OWASP asks for at least 64 bits of entropy in a session id
 * (https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-entropy);
 * 256 leaves a wide margin.
 */
export const SECRET_ID_BYTES = 32;

/** A new secret id: 43 base64url characters carrying 256 random bits. */
export function newSecretId(): string {
  return randomBytes(SECRET_ID_BYTES).toString("base64url");
}
