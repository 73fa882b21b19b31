import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "./embedded-lock.server";

/**
 * The embedded database's lock with real processes: one killed with SIGKILL leaves its lock
 * behind, and the next start must come up on the same data by itself, even when the dead
 * holder's pid now belongs to another process; a live holder is still refused.
 */
let folder: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "waypoint-lock-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(folder, { recursive: true, force: true });
});

type Started = { child: ChildProcess; ready: Promise<number>; exited: Promise<{ code: number | null; output: string }> };

function hold(dataDir: string): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/hold-embedded-database.ts", dataDir], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", () => reject(new Error(`exited before ready: ${output}`)));
  });
  ready.catch(() => undefined);
  const exited = new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
  return { child, ready, exited };
}

async function killHard(started: Started) {
  started.child.kill("SIGKILL");
  await started.exited;
}

describe("the embedded database after an unclean stop", () => {
  it("comes up on the same data after kill -9, without anyone deleting the lock", async () => {
    const dataDir = path.join(folder, "pglite");
    const first = hold(dataDir);
    expect(await first.ready).toBe(1);
    await killHard(first);
    expect(readFileSync(`${dataDir}.lock`, "utf8")).toContain(String(first.child.pid));

    const second = hold(dataDir);
    expect(await second.ready).toBe(2);
  }, 120_000);

  it("takes over when the dead holder's pid now belongs to another live process (a container restart)", async () => {
    const dataDir = path.join(folder, "pglite");
    const first = hold(dataDir);
    await first.ready;
    await killHard(first);
    // The pid in the lock is reused: a live process that is not Waypoint (this test runner) has it now.
    const [, startTime] = readFileSync(`${dataDir}.lock`, "utf8").split("\n");
    writeFileSync(`${dataDir}.lock`, `${process.pid}\n${startTime}\n`);

    const second = hold(dataDir);
    expect(await second.ready).toBe(2);
  }, 120_000);

  it("takes over a lock that names this very process, left by an earlier process with the same pid", () => {
    const dataDir = path.join(folder, "pglite");
    writeFileSync(`${dataDir}.lock`, `${process.pid}\n1\n`);
    const lines: string[] = [];
    const lock = acquireDataDirLock(dataDir, { log: (line) => lines.push(line) });
    expect(lines.join("")).toContain("Taking over the stale lock");
    lock.release();
  });

  it("still refuses a second live process on the same data dir", async () => {
    const dataDir = path.join(folder, "pglite");
    const first = hold(dataDir);
    await first.ready;
    const second = hold(dataDir);
    const { code, output } = await second.exited;
    expect(code).not.toBe(0);
    expect(output).toContain("is in use by another Waypoint process");
    expect(first.child.exitCode).toBeNull();
  }, 120_000);
});
