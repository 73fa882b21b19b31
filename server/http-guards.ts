import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { describeRequest } from "../app/ops/logger.server";
import { judgeUnsafeRequest } from "../app/safety/same-origin.server";

/**
 * What the app server checks before anything parses a request, so that no malformed request
 * reaches Express's router, the static files or Remix, and none can make the server answer 500:
 * the path, the method, the origin, the body's type and the body's size. Each refusal is a short
 * neutral plain-text answer (no portal words, no paths, no stack), the same in development.
 * docs/decisions/025-request-guards-and-body-limits.md
 */

/** The methods Waypoint answers. Forms post; nothing uses PUT, PATCH or DELETE. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

/**
 * The largest request body, in bytes, by what the route takes. Counted as the bytes arrive, so a
 * chunked body (no Content-Length) is cut off at the limit too.
 * - `json`: the passkey endpoints (`/passkeys/…`). A WebAuthn registration response with an
 *   attestation certificate chain is a few kilobytes; 128 KiB matches the routes' own check.
 * - `form`: every other POST. The longest field is a 20,000-character free-text answer
 *   (app/questionnaires/definition-schema.ts); URL-encoded, a character outside ASCII takes up to
 *   9 bytes, so 1 MiB holds several such answers on one page.
 */
export const BODY_LIMITS = { json: 128 * 1024, form: 1024 * 1024 } as const;

/**
 * The most fields a URL-encoded form may hold. The longest page of Waypoint's own forms has a few
 * dozen; reading a form costs time for every field, and a 1 MiB body can hold 250,000 of them
 * (120,000 different names once held the server's one thread for two minutes). Over it: 413.
 */
export const FORM_FIELD_LIMIT = 1_000;

/** Which body a path takes: JSON for the passkey endpoints, URL-encoded forms everywhere else. */
export function bodyKindOf(path: string): "json" | "form" {
  return path.startsWith("/passkeys/") ? "json" : "form";
}

const MEDIA_TYPES = {
  json: ["application/json"],
  // Remix's <Form> and fetchers send URL-encoded bodies; Waypoint takes no file uploads, so
  // multipart (whose boundary can be malformed in ways formData() throws on) is not accepted.
  form: ["application/x-www-form-urlencoded"],
} as const;

type Refusal = { status: 400 | 403 | 405 | 413 | 415; text: string; unreadBody?: boolean };

/**
 * After refusing a request whose body was not (or not all) read: read and throw away at most
 * LINGER_BYTES more, for at most LINGER_MS, then cut the connection. Closing at once would make
 * the kernel answer the unread bytes with a reset, which can destroy the refusal before the
 * client reads it; reading on without a bound is what the limit is there to stop. (The same
 * "lingering close" as nginx's `lingering_time`.)
 */
const LINGER_BYTES = 1024 * 1024;
const LINGER_MS = 1_000;

const TEXTS = {
  400: "Bad request.",
  403: "This form can only be sent from this site.",
  405: "Method not allowed.",
  413: "Request too large.",
  415: "Unsupported content type.",
  500: "Something went wrong. Please try again in a moment.",
} as const;

function refuse(response: Response, refusal: Refusal) {
  if (refusal.status === 405) response.setHeader("Allow", ALLOWED_METHODS.join(", "));
  if (refusal.unreadBody) lingerThenClose(response.req, response);
  response.status(refusal.status).type("text/plain").send(refusal.text);
}

function lingerThenClose(request: Request, response: Response) {
  let discarded = 0;
  // Reading starts now (which also stops Node from "dumping", i.e. reading all, of the body itself).
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) request.pause();
  });
  request.resume();
  response.on("finish", () => {
    if (request.complete) return; // a short body, all read: the connection carries on as usual
    const timer = setTimeout(() => request.socket.destroy(), LINGER_MS);
    timer.unref();
    request.once("end", () => clearTimeout(timer));
    request.socket.once("close", () => clearTimeout(timer));
  });
}

/**
 * Why a request target cannot be served, or null. Percent-escapes must decode as UTF-8
 * (`%ff` does not) and the decoded path may hold no control character (`%00`, `%0a`): Express's
 * router and `send` throw on the first, and nothing legitimate needs the second.
 */
export function pathProblem(url: string): string | null {
  if (!url.startsWith("/")) return "not a path";
  const path = url.split("?")[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "malformed percent-escape";
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "control character";
  try {
    new URL(url, "http://localhost");
  } catch {
    return "not a URL";
  }
  const query = url.indexOf("?");
  if (query >= 0 && holdsNul(url.slice(query + 1))) return "NUL in the query";
  return null;
}

/**
 * Whether URL-encoded text (a query string or a form body) decodes to a name or value holding a NUL
 * character (U+0000). PostgreSQL cannot store one in text (SQLSTATE 22021), so a NUL typed into
 * any field that reaches a query made the server answer 500: a sign-in name with `%00` did, before
 * anyone signed in. No form has a use for it, so the request is refused whole (400), wherever the
 * field goes. Decoding is the browser's form decoding (URLSearchParams), as Remix's formData() does.
 */
export function holdsNul(urlEncoded: string): boolean {
  if (!/%00|\u0000/i.test(urlEncoded) && !urlEncoded.includes("\0")) return false;
  for (const [name, value] of new URLSearchParams(urlEncoded)) if (name.includes("\0") || value.includes("\0")) return true;
  return false;
}

/** How many fields a URL-encoded body holds, counted as URLSearchParams splits it (on "&"), without decoding. */
export function fieldCount(urlEncoded: string): number {
  let count = 0;
  let start = 0;
  while (start <= urlEncoded.length) {
    const end = urlEncoded.indexOf("&", start);
    const stop = end === -1 ? urlEncoded.length : end;
    if (stop > start) count += 1;
    if (end === -1) break;
    start = end + 1;
  }
  return count;
}

/** Whether a JSON body holds a NUL character, raw or escaped (`\u0000`), anywhere in a string. */
function jsonHoldsNul(text: string): boolean {
  return text.includes("\0") || /(^|[^\\])(\\\\)*\\u0000/i.test(text);
}

/** The checks, in order, as one middleware list for the app server. */
export function requestGuards(options: { configuredOrigin: string }): RequestHandler[] {
  const guardPath: RequestHandler = (request, response, next) => {
    if (pathProblem(request.url) !== null) return refuse(response, { status: 400, text: TEXTS[400] });
    next();
  };

  const guardMethod: RequestHandler = (request, response, next) => {
    if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
      return refuse(response, { status: 405, text: TEXTS[405], unreadBody: hasBody(request) });
    }
    next();
  };

  const guardOrigin: RequestHandler = (request, response, next) => {
    const verdict = judgeUnsafeRequest(request.method, {
      origin: request.get("origin"),
      secFetchSite: request.get("sec-fetch-site"),
      host: request.get("x-forwarded-host")?.split(",")[0]?.trim() || request.get("host"),
      configuredOrigin: options.configuredOrigin,
    });
    if (verdict === "refuse") return refuse(response, { status: 403, text: TEXTS[403], unreadBody: hasBody(request) });
    if (verdict === "strip-origin") delete request.headers.origin;
    next();
  };

  const guardBody: RequestHandler = (request, response, next) => {
    const kind = bodyKindOf(request.path);
    const limit = BODY_LIMITS[kind];
    if (!hasBody(request)) return next();
    if (request.method === "POST") {
      const mediaType = (request.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      if (!(MEDIA_TYPES[kind] as readonly string[]).includes(mediaType)) {
        return refuse(response, { status: 415, text: TEXTS[415], unreadBody: true });
      }
    }
    const declared = Number(request.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      return refuse(response, { status: 413, text: TEXTS[413], unreadBody: true });
    }
    readCapped(request, limit, (outcome) => {
      if (outcome.kind === "too-large") {
        // Stop reading and answer; at most LINGER_BYTES more are read (and thrown away).
        request.pause();
        return refuse(response, { status: 413, text: TEXTS[413], unreadBody: true });
      }
      if (outcome.kind === "aborted") return; // the client went away; nobody to answer
      const text = outcome.body.toString("utf8");
      if (kind === "form" && fieldCount(text) > FORM_FIELD_LIMIT) return refuse(response, { status: 413, text: TEXTS[413] });
      if (kind === "form" ? holdsNul(text) : jsonHoldsNul(text)) return refuse(response, { status: 400, text: TEXTS[400] });
      bodies.set(request, outcome.body);
      next();
    });
  };

  return [guardPath, guardMethod, guardOrigin, guardBody];
}

/** Bodies read by the guard, for the Remix handler to pass on (keyed by the Express request). */
const bodies = new WeakMap<Request, Buffer>();

/** The body the guard read (at most the route's limit), or an empty buffer. */
export function cappedBodyOf(request: Request): Buffer {
  return bodies.get(request) ?? Buffer.alloc(0);
}

function hasBody(request: Request): boolean {
  const length = request.get("content-length");
  return request.get("transfer-encoding") !== undefined || (length !== undefined && length !== "0");
}

type ReadOutcome = { kind: "ok"; body: Buffer } | { kind: "too-large" } | { kind: "aborted" };

/** Reads the request body, keeping at most `limit` bytes; reports as soon as the limit is passed. */
function readCapped(request: Request, limit: number, done: (outcome: ReadOutcome) => void) {
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const settle = (outcome: ReadOutcome) => {
    if (settled) return;
    settled = true;
    request.off("data", onData);
    request.off("end", onEnd);
    request.off("error", onError);
    request.off("aborted", onAborted);
    chunks.length = 0;
    done(outcome);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) return settle({ kind: "too-large" });
    chunks.push(chunk);
  };
  const onEnd = () => {
    const body = Buffer.concat(chunks);
    settle({ kind: "ok", body });
  };
  const onError = () => settle({ kind: "aborted" });
  const onAborted = () => settle({ kind: "aborted" });
  request.on("data", onData);
  request.on("end", onEnd);
  request.on("error", onError);
  request.on("aborted", onAborted);
}

/**
 * The last handler: whatever was thrown or passed to `next(error)` before or around Remix is
 * answered with a neutral plain page, never Express's own error page (which prints the error and
 * the server's paths when NODE_ENV is not production). 4xx errors keep their status.
 */
export function finalErrorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const status = statusOf(error);
    if (status >= 500) log.error({ err: error, ...describeRequest(request.method, safeUrl(request.originalUrl)) }, "unhandled server error");
    else log.info({ status, ...describeRequest(request.method, safeUrl(request.originalUrl)) }, "request refused");
    if (response.headersSent) {
      // Part of a response is out: the only honest thing left is to cut it short.
      response.destroy();
      return;
    }
    response
      .status(status)
      .type("text/plain")
      .send(status === 413 ? TEXTS[413] : status >= 500 ? TEXTS[500] : TEXTS[400]);
  };
}

function statusOf(error: unknown): number {
  const candidate =
    typeof error === "object" && error !== null
      ? "status" in error && typeof error.status === "number"
        ? error.status
        : "statusCode" in error && typeof error.statusCode === "number"
          ? error.statusCode
          : 500
      : 500;
  return candidate >= 400 && candidate < 600 ? candidate : 500;
}

function safeUrl(url: string): string {
  return pathProblem(url) === null ? url : "/";
}
