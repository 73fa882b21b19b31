import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Structured logs that never carry personal data. Two defences:
 * 1. call sites log ids, codes and counts only (never a name, an answer or a message);
 * 2. redaction below removes, at any depth we know of, the fields that would hold personal data
 *    if a call site got it wrong — including request headers that carry cookies.
 * app/ops/logger.server.test.ts proves both the redaction and the request serializer.
 */
export const REDACTED_FIELDS = [
  "firstName",
  "lastName",
  "name",
  "displayName",
  "email",
  "dateOfBirth",
  "code",
  "pin",
  "passphrase",
  "password",
  "body",
  "text",
  "answers",
  "note",
  "codeWord",
  "cookie",
  "authorization",
  "set-cookie",
  "ip",
  "userAgent",
];

const redactPaths = REDACTED_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, join("*"), join("*.*"), join("*.*.*")];
});

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "waypoint" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      serializers: { err: serializeError },
    },
    options.destination,
  );
}

/**
 * Errors are logged by type, code and stack frames. Prisma's messages print the failed call with
 * its arguments (names, answers), so for those the message is replaced by the error code and the
 * first line of the stack (which repeats the message) is dropped.
 */
export function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error instanceof Error ? error : new Error(String(error)));
  if (!serialized.type.startsWith("PrismaClient")) return serialized;
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
  return {
    type: serialized.type,
    code,
    message: `${serialized.type}${code ? ` ${code}` : ""} (message withheld: it may quote personal data)`,
    stack: serialized.stack.split("\n").filter((line) => line.trimStart().startsWith("at ")).join("\n"),
  };
}

/**
 * What a request log line may say: the method, the path with ids replaced, and nothing of the
 * query string (which can hold anything a form put there).
 */
export function describeRequest(method: string, url: string) {
  const { pathname } = new URL(url, "http://localhost");
  // Ids (cuids and the seed's hex ids) say which record; an operator needs the route, not the record.
  return { method, path: pathname.replace(/\/[a-z0-9]{20,}(?=\/|$)/g, "/:id") };
}

declare global {
  var waypointLogger: Logger | undefined;
}

export function logger(): Logger {
  globalThis.waypointLogger ??= createLogger({ level: process.env.LOG_LEVEL ?? "info" });
  return globalThis.waypointLogger;
}

export function setLogger(next: Logger) {
  globalThis.waypointLogger = next;
}
