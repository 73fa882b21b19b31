import { isRouteErrorResponse } from "@remix-run/router";
import { pino, type DestinationStream, type Logger } from "pino";

/**
 * Structured logs that never carry personal data. Two defences:
 * 1. call sites log ids, codes and counts only (never a name, an answer or a message);
 * 2. every object logged is walked, at any depth, before it is written: a field whose name says
 *    it holds personal data (isPersonalField) is replaced, errors are reduced to what an operator
 *    needs (safeError), and a thrown Response becomes its status.
 * app/ops/logger.server.test.ts proves both the redaction and the request serializer.
 */
export const REDACTED = "[redacted]";

/** Field names (compared lower-case, without `_`, `-` or spaces) that hold personal data. */
export const REDACTED_FIELDS = [
  "name",
  "firstname",
  "lastname",
  "surname",
  "fullname",
  "displayname",
  "preferredname",
  "signinname",
  "username",
  "email",
  "phone",
  "mobile",
  "telephone",
  "tel",
  "postcode",
  "zip",
  "address",
  "dateofbirth",
  "dob",
  "birthdate",
  "code",
  "pin",
  "passphrase",
  "password",
  "secret",
  "token",
  "body",
  "text",
  "answer",
  "answers",
  "note",
  "notes",
  "message",
  "codeword",
  "reason",
  "cookie",
  "setcookie",
  "authorization",
  "ip",
  "ipaddress",
  "useragent",
];
const exactFields = new Set(REDACTED_FIELDS);
/** Operational names that end like a personal one but say nothing about a person. */
const operationalFields = new Set([
  "modelname",
  "typename",
  "routename",
  "eventname",
  "hostname",
  "pathname",
  "servicename",
  "errorcode",
  "sqlstate",
  "prismacode",
]);

/**
 * Whether a field of this name may hold personal data: one of REDACTED_FIELDS, or a name that
 * contains one of the tell-tale words (`homeAddress`, `contactPhone`, `childSurname`,
 * `partnerName`, `emailAddress`, `resetCode`).
 */
export function isPersonalField(key: string): boolean {
  const normal = key.toLowerCase().replace(/[\s_-]/g, "");
  if (operationalFields.has(normal)) return false;
  if (exactFields.has(normal)) return true;
  return /name$|surname|address|phone|mobile|postcode|email|birth|passphrase|password|cookie|answer/.test(normal);
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "waypoint" },
      // Runs on every logged object before it is written (pino's `redact` paths stop at a fixed depth).
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      // The formatter has already made `err` safe; pino's default serializer would then undo it.
      serializers: { err: (error: unknown) => (typeof error === "object" && error !== null && SAFE in error ? error : safeError(error)) },
    },
    options.destination,
  );
}

const MAX_DEPTH = 12;
/** Marks what safeError made, so the walk does not redact its `message` again. */
const SAFE = Symbol("safe error");

/** A copy of `value` with personal fields replaced, errors made safe and Responses reduced to their status. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value instanceof Error) return safeError(value);
  if (typeof value === "object" && value !== null && SAFE in value) return value;
  if (value instanceof Response || isRouteErrorResponse(value)) return safeError(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > MAX_DEPTH) return "[omitted]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Date) return value;
  if (value instanceof Headers) return "[headers omitted]";
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isPersonalField(key) ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return copy;
}

/** What kind of failure an error is, for an operator: never its values. */
export type FailureKind = "database unreachable" | "database timeout" | "constraint" | "write conflict" | "database" | "other";

type SafeError = {
  type: string;
  kind: FailureKind;
  /** Prisma's code (P1001, P2002, …). https://www.prisma.io/docs/orm/reference/error-reference */
  code?: string;
  /** PostgreSQL's SQLSTATE (23505, 08006, …). https://www.postgresql.org/docs/current/errcodes-appendix.html */
  sqlState?: string;
  /** The driver adapter's error kind (DatabaseNotReachable, UniqueConstraintViolation, …). */
  adapterKind?: string;
  status?: number;
  message: string;
  stack?: string;
  cause?: SafeError | { type: string; status?: number };
};

/**
 * An error as it may be logged. A database error's message and meta quote the failed call, its
 * arguments and the server's message (names, answers, the values of a violated constraint), so
 * for those only the type, the kind, Prisma's code, the SQLSTATE and the stack frames are kept.
 * Other errors keep their message. The cause chain is walked the same way (pino's own serializer
 * would append every cause's message to the first), at most five deep.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  const made = safeErrorOf(error, depth);
  Object.defineProperty(made, SAFE, { value: true, enumerable: false });
  return made;
}

function safeErrorOf(error: unknown, depth: number): SafeError {
  if (error instanceof Response) return { type: "Response", kind: "other", status: error.status, message: `Response ${error.status}` };
  if (isRouteErrorResponse(error)) {
    // Remix's own refusal (a 405 for a post to a route without an action, a 400, a thrown `data()`):
    // its status says what happened; its text names routes and addresses, so it is left out.
    return { type: "ErrorResponse", kind: "other", status: error.status, message: `ErrorResponse ${error.status}` };
  }
  if (!(error instanceof Error)) return { type: typeof error, kind: "other", message: "a thrown value that is not an Error (withheld)" };
  const facts = databaseFacts(error);
  const type = error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name;
  const database = facts.isDatabase;
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
  const result: SafeError = {
    type,
    kind: facts.kind,
    ...(facts.code ? { code: facts.code } : {}),
    ...(facts.sqlState ? { sqlState: facts.sqlState } : {}),
    ...(facts.adapterKind ? { adapterKind: facts.adapterKind } : {}),
    message: database
      ? `${type}${facts.code ? ` ${facts.code}` : ""}${facts.sqlState ? ` (SQLSTATE ${facts.sqlState})` : ""}: ${facts.kind} (message withheld: it may quote personal data)`
      : error.message,
    stack: database ? frames : error.stack,
  };
  if (error.cause !== undefined && depth < 5) {
    const cause = safeError(error.cause, depth + 1);
    result.cause = cause;
    // A wrapper's own message may repeat its cause's words; if the cause is a database error, withhold it too.
    if (cause.kind !== "other" && !database) {
      result.kind = cause.kind;
      result.message = `${type} (message withheld: its cause is a database error)`;
      result.stack = frames;
    }
  }
  return result;
}

const UNREACHABLE_PRISMA = new Set(["P1000", "P1001", "P1003", "P1010", "P1011", "P1017"]);
const TIMEOUT_PRISMA = new Set(["P1002", "P1008", "P2024", "P2028"]);
const CONSTRAINT_PRISMA = new Set(["P2002", "P2003", "P2004", "P2011", "P2014"]);
const UNREACHABLE_NODE = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EPIPE", "EAI_AGAIN"]);
/**
 * node-postgres's own plain Errors (no code) when PostgreSQL went away under an open connection,
 * which reach us unwrapped by the adapter (pg 8.23 lib/client.js; seen by `npm run test:faults`
 * while PostgreSQL restarted). Fixed wording, no values.
 */
const PG_CONNECTION_LOST = /^(Connection terminated unexpectedly|Client has encountered a connection error and is not queryable)$/;

function databaseFacts(error: Error): { isDatabase: boolean; kind: FailureKind; code?: string; sqlState?: string; adapterKind?: string } {
  const record = error as Error & { code?: unknown; meta?: unknown; severity?: unknown };
  const prisma = error.name.startsWith("PrismaClient") || error.constructor?.name?.startsWith("PrismaClient") || error.name === "DriverAdapterError";
  const adapterCause = pick(pick(record.meta, "driverAdapterError"), "cause") ?? (error.name === "DriverAdapterError" ? error.cause : undefined);
  const adapterKind = stringOf(pick(adapterCause, "kind"));
  const code = typeof record.code === "string" ? record.code : undefined;
  // node-postgres's DatabaseError carries the SQLSTATE as `code` and a `severity`.
  const pgError = typeof record.severity === "string" && code !== undefined && /^[0-9A-Z]{5}$/.test(code);
  const sqlState = stringOf(pick(adapterCause, "code")) ?? (pgError ? code : undefined);
  const prismaCode = prisma && code && /^P\d{4}$/.test(code) ? code : undefined;
  const isDatabase = prisma || pgError;
  let kind: FailureKind = isDatabase ? "database" : "other";
  if (
    (prismaCode && UNREACHABLE_PRISMA.has(prismaCode)) ||
    /NotReachable|ConnectionClosed|TooManyConnections|DatabaseDoesNotExist/.test(adapterKind ?? "") ||
    sqlState?.startsWith("08") ||
    /^57P0[123]$/.test(sqlState ?? "")
  ) {
    kind = "database unreachable";
  } else if ((prismaCode && TIMEOUT_PRISMA.has(prismaCode)) || /Timeout|TimedOut/.test(adapterKind ?? "") || sqlState === "57014") {
    kind = "database timeout";
  } else if ((prismaCode && CONSTRAINT_PRISMA.has(prismaCode)) || /ConstraintViolation/.test(adapterKind ?? "") || sqlState?.startsWith("23")) {
    kind = "constraint";
  } else if (prismaCode === "P2034" || /WriteConflict/.test(adapterKind ?? "") || sqlState === "40001" || sqlState === "40P01") {
    kind = "write conflict";
  } else if (!isDatabase && PG_CONNECTION_LOST.test(error.message)) {
    return { isDatabase: false, kind: "database unreachable" };
  } else if (!isDatabase && code && UNREACHABLE_NODE.has(code)) {
    // A socket error outside Prisma (the pool, a health check): say so without claiming a database.
    return { isDatabase: false, kind: "other", code };
  }
  return { isDatabase, kind, code: prismaCode ?? (isDatabase ? undefined : code), sqlState, adapterKind };
}

function pick(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
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
