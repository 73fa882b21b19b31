import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * The real server start-up, in its own process: a malformed licensed questionnaire file stops it
 * before it serves anyone, with the file and the problem named (and nothing listening).
 */
let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "waypoint-startup-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _server, ...inherited } = process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: { ...inherited, LOG_LEVEL: "error", WAYPOINT_SEED_DEMO: "never", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The server did not stop: ${stdout} ${stderr}`));
    }, 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("server start-up", () => {
  it("stops with the file and the problem named when a licensed questionnaire file is malformed", async () => {
    const definitions = path.join(folder, "licensed");
    await mkdir(definitions);
    await writeFile(
      path.join(definitions, "wellbeing.json"),
      JSON.stringify({ key: "x", version: 1, title: "X", audience: null, stage: "CHECK_IN", sections: [] }),
    );
    const result = await start({ WAYPOINT_DATA_DIR: path.join(folder, "pglite"), WAYPOINT_QUESTIONNAIRE_DIR: definitions, PORT: "3391" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Questionnaire file ${path.join(definitions, "wellbeing.json")}: sections:`);
    expect(result.stdout).not.toContain("Waypoint is ready");
  });
});
