#!/usr/bin/env node
// Starts the built server for browser tests on a database of its own, and removes that database
// when Playwright stops it. Embedded: a fresh data dir under .cache/e2e. PostgreSQL (DATABASE_URL
// set): a new database on that server, dropped afterwards.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const name = process.env.WAYPOINT_E2E_NAME ?? `waypoint_e2e_${Date.now()}`;
const baseUrl = process.env.DATABASE_URL;
// One trusted proxy hop lets a test speak for a distinct client address (rate limits are per address).
const childEnv = { ...process.env, WAYPOINT_SEED_DEMO: "if-empty", WAYPOINT_TRUSTED_PROXIES: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };
let cleanup = async () => {};

if (baseUrl) {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  childEnv.DATABASE_URL = url.toString();
  cleanup = async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
    // The browser tests keep this run's staff passkeys here (tests/e2e/support.ts).
    rmSync(path.resolve(".cache/e2e", name), { recursive: true, force: true });
  };
} else {
  const dir = path.resolve(".cache/e2e", name);
  childEnv.WAYPOINT_DATA_DIR = path.join(dir, "pglite");
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const server = spawn(process.execPath, ["build/server.js"], { stdio: "inherit", env: childEnv });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
server.on("exit", async (code) => {
  try {
    await cleanup();
  } finally {
    process.exit(stopping ? 0 : (code ?? 1));
  }
});
