import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS, fieldCount, FORM_FIELD_LIMIT } from "./http-guards";

/**
 * Malformed and oversized requests against the real app server (server/main.ts serving the built
 * app from build/, on its own embedded database in a temp folder): each is refused with a 4xx
 * and a neutral plain answer, never a 500 and never Express's error page with the server's paths.
 */
let folder: string;
let server: ChildProcess;
let port: number;
let output = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

beforeAll(async () => {
  if (!existsSync("build/server/index.js")) throw new Error("Build the app first (npm run build): this test serves build/.");
  folder = await mkdtemp(path.join(tmpdir(), "waypoint-guards-"));
  port = await freePort();
  const { DATABASE_URL: _server, ...inherited } = process.env;
  server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...inherited,
      NODE_ENV: "development",
      LOG_LEVEL: "error",
      WAYPOINT_SEED_DEMO: "never",
      PORT: String(port),
      HOST: "127.0.0.1",
      WAYPOINT_DATA_DIR: path.join(folder, "pglite"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes("Waypoint is ready")) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`The server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 150_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  if (folder) await rm(folder, { recursive: true, force: true });
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One raw HTTP request (fetch would refuse or rewrite some of these on the client side). */
function send(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a refused request's unread body must not meet the next request.
    const request = http.request(
      { host: "127.0.0.1", port, agent: false, method, path: target, headers: { Host: `localhost:${port}`, ...headers } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on("error", reject);
    // Node's client frames no body of its own for DELETE: say its length.
    if (body !== undefined && !("Content-Length" in headers)) request.setHeader("Content-Length", Buffer.byteLength(body));
    request.end(body);
  });
}

function expectNeutralRefusal(answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
  // Express's own page names the error and prints the stack with the server's paths.
  expect(answer.body).not.toMatch(/node_modules|\/work\/|at [A-Za-z.]+ \(|URIError|<pre>/);
  expect(answer.body.length).toBeLessThan(200);
}

describe("malformed requests", () => {
  it.each(["/%ff", "/sign-in%ff", "/assets/%ff", "/%00", "/home%00.js", "/a%0ab"])("answers 400 to the malformed path %s", async (target) => {
    expectNeutralRefusal(await send("GET", target), 400);
  });

  it.each(["PUT", "PATCH", "DELETE"])("answers 405 to %s on a page route, naming the allowed methods", async (method) => {
    const answer = await send(method, "/sign-in", { "Content-Type": "application/x-www-form-urlencoded" }, "name=x");
    expectNeutralRefusal(answer, 405);
    expect(answer.headers.allow).toBe("GET, HEAD, POST");
  });

  it("answers 403 to a post from another site's origin when the browser sends no Sec-Fetch-Site", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    expectNeutralRefusal(await send("POST", "/sign-in", { ...form, Origin: "https://evil.example" }, "name=x"), 403);
    expectNeutralRefusal(await send("POST", "/sign-in", { ...form, Origin: "garbage" }, "name=x"), 403);
    // Its own origin still reaches the form (which refuses the empty sign-in with 400, not 403).
    expect((await send("POST", "/sign-in", { ...form, Origin: `http://localhost:${port}` }, "name=x")).status).toBe(400);
  });

  it("answers 415 to a body of a type the route does not take", async () => {
    expectNeutralRefusal(await send("POST", "/sign-in", { "Content-Type": "text/plain" }, "x"), 415);
    expectNeutralRefusal(await send("POST", "/sign-in", { "Content-Type": "multipart/form-data; boundary=" }, "--x"), 415);
    expectNeutralRefusal(await send("POST", "/passkeys/authentication", { "Content-Type": "application/x-www-form-urlencoded" }, "a=1"), 415);
  });

  it("answers 400 to a NUL character in a form field, a query or a JSON body, before anything reads it", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}` };
    // Before: a sign-in name holding %00 reached the database, which cannot store a NUL in text: 500.
    expectNeutralRefusal(await send("POST", "/sign-in", form, "intent=pin&signInName=pilot%00maple&pin=135799"), 400);
    expectNeutralRefusal(await send("POST", "/sign-in", form, "intent=code&code%00=x"), 400);
    expectNeutralRefusal(await send("GET", "/?q=a%00b"), 400);
    expectNeutralRefusal(
      await send("POST", "/passkeys/authentication", { "Content-Type": "application/json", Origin: `http://localhost:${port}` }, '{"id":"a\\u0000b"}'),
      400,
    );
    // "%00" typed as text arrives as %2500 and is only text: the form reads it and refuses the name as usual.
    const typed = await send("POST", "/sign-in", form, "intent=pin&signInName=%2500&pin=135799");
    expect(typed.status).not.toBe(500);
    expect(typed.headers["content-type"]).toMatch(/^text\/html/);
  });

  it("answers 400 to a Host that makes no URL", async () => {
    const answer = await send("GET", "/sign-in", { Host: "bad host:x" });
    expect(answer.status).toBe(400);
  });
});

describe("a visitor cannot tell which addresses exist from a wrong method", () => {
  const form = () => ({ "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}` });
  /** Status, address sent to and body, with the per-response nonce taken out. */
  const shape = (answer: Answer) => ({ status: answer.status, location: answer.headers.location, body: answer.body.replace(/nonce="[^"]*"/g, "") });

  it.each([
    ["POST", "/staff"],
    ["POST", "/staff.data"],
    ["POST", "/home"],
    ["POST", "/home.data"],
    ["POST", "/staff/reports/csv.data"],
    ["POST", "/signed-out"],
    ["GET", "/forms/x/save"],
    ["GET", "/forms/x/save.data"],
  ])("a signed-out %s to %s is answered as at an unknown address, naming no route", async (method, target) => {
    const unknown = target.endsWith(".data") ? "/no-such-address.data" : "/no-such-address";
    const body = method === "POST" ? "a=1" : undefined;
    const answer = await send(method, target, method === "POST" ? form() : {}, body);
    const elsewhere = await send(method, unknown, method === "POST" ? form() : {}, body);
    // Before: 405 or 400 with "You made a POST request to "/staff" but did not provide an `action`
    // for route "routes/staff"", so the console's addresses and route names were readable.
    expect(shape(answer)).toEqual(shape(elsewhere));
    expect(answer.body).not.toMatch(/routes\/|staff|action|loader/i);
  });

  it("still hands a post to a route that takes one, and the way in its forms", async () => {
    // A page with an action answers a signed-out visitor itself (it sends them to the cover page).
    expect((await send("POST", "/staff/people/x", form(), "a=1")).headers.location).toBe("/");
    // The sign-in page's action reads the post and refuses the empty form with 400.
    expect((await send("POST", "/sign-in", form(), "a=1")).status).toBe(400);
  });
});

describe("body size", () => {
  it("answers 413 to a declared length over the limit without reading it", async () => {
    const answer = await send("POST", "/sign-in", { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(700 * 1024 * 1024) });
    expectNeutralRefusal(answer, 413);
  });

  it.each([
    ["/passkeys/registration", "application/json", 300 * 1024 * 1024],
    ["/sign-in", "application/x-www-form-urlencoded", 700 * 1024 * 1024],
  ])(
    "cuts off a chunked body to %s at the limit: 413 and the rest is never read",
    async (target, type, total) => {
      // A raw socket: Node's own HTTP client drops an early answer when it arrives while the
      // request is still being written, which a browser does not.
      const chunk = Buffer.from(`10000\r\n${"a".repeat(0x10000)}\r\n`);
      const result = await new Promise<{ status: number | null; written: number }>((resolve) => {
        let written = 0;
        let received = "";
        const socket = net.connect({ host: "127.0.0.1", port }, () => {
          socket.write(`POST ${target} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\n`);
          pump();
        });
        const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]) || null;
        const pump = () => {
          while (written < total && status() === null && !socket.destroyed) {
            written += 0x10000;
            if (!socket.write(chunk)) return void socket.once("drain", pump);
          }
          // As a browser does on an early answer: stop sending.
          socket.destroy();
        };
        socket.on("data", (data: Buffer) => {
          received += data.toString("latin1");
          if (status() !== null) socket.destroy();
        });
        socket.on("error", () => undefined);
        socket.on("close", () => resolve({ status: status(), written }));
      });
      expect(result.status).toBe(413);
      // The server stopped reading at the limit: the client could not push more than the limit
      // plus what the sockets buffer on the way, a tiny part of the whole.
      expect(result.written).toBeLessThan(32 * 1024 * 1024);
      expect(result.written).toBeLessThan(total / 10);
      // And the server is still there for the next person.
      expect((await send("GET", "/")).status).toBe(200);
    },
    60_000,
  );

  it("answers 413 to a form of more fields than any page has, before anything reads them", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}` };
    // 120,000 different names in under 1 MiB: reading them once held the server for two minutes.
    const many = ["intent=pin", ...Array.from({ length: 120_000 }, (_, i) => `a${i}=`)].join("&");
    expectNeutralRefusal(await send("POST", "/sign-in", form, many), 413);
    const atTheLimit = Array.from({ length: FORM_FIELD_LIMIT }, (_, i) => `a${i}=`).join("&");
    expect((await send("POST", "/sign-in", form, atTheLimit)).status).toBe(400);
    // Counted as the browser's decoding splits fields: empty pieces between "&&" are no field.
    expect(fieldCount("a=1&&b=2&")).toBe(2);
    expect(fieldCount("")).toBe(0);
  });

  it("takes a body within the limit", async () => {
    const answer = await send("POST", "/sign-in", { "Content-Type": "application/x-www-form-urlencoded" }, `name=${"a".repeat(BODY_LIMITS.form - 100)}`);
    expect(answer.status).toBe(400);
  });
});
