import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { cappedBodyOf } from "./http-guards";

/**
 * Remix behind Express, as `@remix-run/express`'s `createRequestHandler` does it, with one
 * difference: the request body is the one `requestGuards` already read within its size limit,
 * never the raw socket stream (which the adapter would hand to Remix unbounded). A request whose
 * URL cannot be built (a malformed Host) is refused with 400 instead of throwing.
 */
export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  getLoadContext: (request: Parameters<RequestHandler>[0]) => AppLoadContext;
}): RequestHandler {
  const handle = createRequestHandler(options.build, options.mode);
  return async (req, res, next) => {
    try {
      const url = requestUrl(req.protocol, req.hostname, req.get("x-forwarded-host") ?? req.get("host"), req.originalUrl);
      if (!url) {
        res.status(400).type("text/plain").send("Bad request.");
        return;
      }
      let controller: AbortController | null = new AbortController();
      res.on("finish", () => (controller = null));
      res.on("close", () => controller?.abort());
      const init: RequestInit = { method: req.method, headers: createRemixHeaders(req.headers), signal: controller.signal };
      if (req.method !== "GET" && req.method !== "HEAD") init.body = new Uint8Array(cappedBodyOf(req));
      const response = await handle(new Request(url, init), options.getLoadContext(req));
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The request's full URL as Remix expects it (host port from X-Forwarded-Host or Host), or null. */
function requestUrl(protocol: string, hostname: string, hostHeader: string | undefined, originalUrl: string): string | null {
  const port = Number.parseInt(hostHeader?.split(":")[1] ?? "", 10);
  const candidate = `${protocol}://${hostname}${Number.isSafeInteger(port) ? `:${port}` : ""}${originalUrl}`;
  return URL.canParse(candidate) ? new URL(candidate).href : null;
}

function createRemixHeaders(requestHeaders: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
