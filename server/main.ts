import path from "node:path";
import type { Server } from "node:http";
import zlib from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { DatabaseOpenError, openDatabase, setDatabase, type Database } from "../app/db.server";
import { ConfigError, env, seedsDemoAtStart } from "../app/env.server";
import { createLogger, describeRequest, setLogger } from "../app/ops/logger.server";
import { sendDueReminders } from "../app/booking/reminders.server";
import { applyRecurringRules } from "../app/questionnaires/assignments.server";
import { DefinitionError, publishAtStartUp } from "../app/questionnaires/registry.server";
import { baselineHeadersFor } from "../app/safety/headers.server";
import { answerRouteManifest } from "../app/safety/route-manifest.server";
import { catchAllAddress, checkRouteMethod } from "../app/safety/route-methods.server";
import { getViewer } from "../app/auth/session.server";
import { seedDemoService } from "../prisma/demo-service";
import { finalErrorHandler, requestGuards } from "./http-guards";
import { applyMigrations, migrationTargetOf } from "./migrations";
import { remixHandler } from "./remix-handler";

/**
 * The app server: check configuration, open the database (embedded or PostgreSQL), apply pending
 * migrations, seed an empty embedded database with the demo service, then serve. App servers hold
 * no state of their own (sessions live in the database), so several can run behind a load balancer.
 */
const SCHEDULE_EVERY_MS = 10 * 60_000;

async function main() {
  const development = process.argv.includes("--dev");
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = createLogger({ level: config.LOG_LEVEL });
  setLogger(log);

  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.WAYPOINT_DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    });
  } catch (error) {
    if (error instanceof DatabaseOpenError || isLockError(error)) fail(error.message);
    throw error;
  }
  setDatabase(database);

  try {
    const { applied } = await applyMigrations(migrationTargetOf(database));
    log.info({ applied: applied.length, database: database.kind }, "migrations checked");

    // Every questionnaire definition is checked before anyone can be asked a question: a bad
    // licensed file stops the server here, naming the file and the problem.
    try {
      const published = await publishAtStartUp(database.prisma, { licensedFolder: config.WAYPOINT_QUESTIONNAIRE_DIR });
      log.info({ definitions: published.length, new: published.filter((p) => p.created).length }, "questionnaires checked");
    } catch (error) {
      if (error instanceof DefinitionError) {
        await database.close();
        fail(error.message);
      }
      throw error;
    }

    if (seedsDemoAtStart(config, database.kind)) {
      const services = await database.prisma.service.count();
      if (services === 0) {
        const started = Date.now();
        await seedDemoService(database.prisma);
        log.info({ ms: Date.now() - started, database: database.kind }, "demo service seeded into the empty database");
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.WAYPOINT_TRUSTED_PROXIES);
  app.use((request, response, next) => {
    const started = process.hrtime.bigint();
    response.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ ...describeRequest(request.method, request.originalUrl), status: response.statusCode, ms: Math.round(ms) }, "request");
    });
    next();
  });

  // Every response gets the baseline headers unless the app set its own value: filled in just
  // before the head is written, because the Remix adapter appends (not sets) its headers.
  const baselineHeaders = baselineHeadersFor({ production: config.NODE_ENV === "production" });
  app.use((_request, response, next) => {
    response.writeHead = new Proxy(response.writeHead, {
      apply(writeHead, self, args) {
        for (const [name, value] of Object.entries(baselineHeaders)) {
          if (!response.hasHeader(name)) response.setHeader(name, value);
        }
        return Reflect.apply(writeHead, self, args);
      },
    });
    next();
  });

  // Path, method, origin, body type and size, checked before anything parses the request.
  app.use(requestGuards({ configuredOrigin: config.WAYPOINT_ORIGIN }));

  // Documents, data and assets compressed, Brotli where the browser offers it, else gzip: a service
  // user's page is mostly on a cheap phone on slow mobile data (issue 13: 290 kB of JavaScript
  // sent as 92 kB with gzip). Brotli at quality 5, not its default 11, which costs tens of
  // milliseconds of CPU per response for a few per cent fewer bytes (decision 033).
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } }));

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (development) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = async () => {
      const module: unknown = await viteServer.ssrLoadModule("virtual:remix/server-build");
      return module as ServerBuild;
    };
  } else {
    const buildDir = path.resolve("build");
    // Fingerprinted assets never change, so they may be cached for good; nothing else may be.
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y", index: false }));
    app.use(
      express.static(path.join(buildDir, "client"), {
        index: false,
        setHeaders: (response) => response.setHeader("Cache-Control", "no-store"),
      }),
    );
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  }

  // Remix's route discovery would answer anyone with every route's name: answered per viewer instead.
  app.get("/__manifest", (request, response, next) => {
    const asked = new Request(new URL(request.originalUrl, "http://localhost"), { headers: { Cookie: request.headers.cookie ?? "" } });
    answerRouteManifest(asked, build, development ? "development" : "production")
      .then(async (answer) => {
        response.status(answer.status);
        answer.headers.forEach((value, name) => response.setHeader(name, value));
        response.send(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(next);
  });

  // A post to a page that takes none, or a GET to an address that only takes posts: Remix would
  // refuse it naming the route ("routes/staff") and the address, telling a visitor which addresses
  // exist. A signed-out visitor is answered as at any unknown address (the cover page); a
  // signed-in one gets the neutral 405 the request guards give.
  app.use((request, response, next) => {
    (async () => {
      const url = new URL(request.originalUrl, "http://localhost");
      const serverBuild = typeof build === "function" ? await build() : build;
      if (checkRouteMethod(serverBuild, request.method, url) === "handled") return next();
      const viewer = await getViewer(new Request(url, { headers: { Cookie: request.headers.cookie ?? "" } }));
      if (!viewer) {
        request.url = request.originalUrl = catchAllAddress(url);
        return next();
      }
      response.status(405).setHeader("Allow", request.method === "POST" ? "GET, HEAD" : "POST");
      response.type("text/plain").send("Method not allowed.");
    })().catch(next);
  });

  app.all(
    "*",
    remixHandler({
      build,
      mode: development ? "development" : "production",
      getLoadContext: (request) => ({ clientAddress: request.ip ?? "unknown" }),
    }),
  );
  // Anything thrown before or around Remix: a neutral plain answer, never Express's error page.
  app.use(finalErrorHandler(log));

  const server: Server = app.listen(config.PORT, config.HOST, () => {
    log.info({ port: config.PORT, database: database.kind }, "Waypoint is listening");
    // One plain line for people starting it by hand.
    process.stdout.write(`\nWaypoint is ready: http://localhost:${config.PORT}/\n\n`);
  });

  // Recurring questionnaires ("every 14 days while the case is open") and appointment reminders:
  // each server runs both every few minutes. Both are safe to run on several servers at once: one
  // assignment per rule, person and occurrence; one reminder per appointment time, claimed by a
  // conditional update (app/booking/reminders.server.ts). A reminder goes out up to one interval
  // after its lead time begins.
  const schedule = async () => {
    try {
      const { created } = await applyRecurringRules();
      if (created > 0) log.info({ created }, "recurring questionnaires assigned");
    } catch (error) {
      log.error({ err: error }, "recurring questionnaires could not be assigned");
    }
    try {
      const { claimed, sent, skipped } = await sendDueReminders();
      if (claimed > 0) log.info({ sent, skipped }, "appointment reminders");
    } catch (error) {
      log.error({ err: error }, "appointment reminders could not be sent");
    }
  };
  void schedule();
  const scheduler = setInterval(() => void schedule(), SCHEDULE_EVERY_MS);
  scheduler.unref();

  let stopping = false;
  const shutdown = (signal: string) => {
    clearInterval(scheduler);
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // Finish requests in flight, then close the database (which releases the embedded lock).
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    server.close(async () => {
      clearTimeout(force);
      await database.close();
      log.info("database closed");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

function isLockError(error: unknown): error is Error {
  return error instanceof Error && /is in use by another Waypoint process/.test(error.message);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`Waypoint could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
