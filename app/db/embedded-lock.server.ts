import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * An exclusive lock on an embedded (PGlite) data directory, held as `<dataDir>.lock` holding the pid.
 *
 * Two processes that open one PGlite data directory corrupt it permanently and silently: the second
 * opens without error, and the next open stops with `PANIC: could not locate a valid checkpoint
 * record`; PGlite ships no pg_resetwal (spike-pglite.md, "Persistence and crash safety"). So every
 * process takes this lock before `PGlite.create(dataDir)`.
 *
 * A lock left by a process that died (its pid no longer runs) is taken over.
 */
export function acquireDataDirLock(
  dataDir: string,
  options: { log?: (line: string) => void } = {},
): { release(): void } {
  const dir = path.resolve(dataDir);
  const lockPath = `${dir}.lock`;
  const log = options.log ?? ((line: string) => console.warn(line));
  mkdirSync(path.dirname(lockPath), { recursive: true });

  // Two rounds: the second follows the removal of a stale lock (or loses to a process that took it first).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath)) return holdLock(lockPath);
    const holder = readHolder(lockPath);
    if (holder === "gone") continue;
    if (holder === "unreadable") {
      // A process between creating the file and writing its pid; or one that died right then.
      if (ageMs(lockPath) < 10_000) throw inUse(dir, "unknown");
    } else if (isRunning(holder)) {
      throw inUse(dir, String(holder));
    }
    // Check again just before removing, so that a lock another process has just retaken survives.
    if (readHolder(lockPath) !== holder) continue;
    log(
      `Taking over the stale lock on the embedded database at ${dir}` +
        (holder === "unreadable" ? " (it names no process)." : ` (pid ${holder} is no longer running).`),
    );
    removeIfPresent(lockPath);
  }
  throw new Error(`Could not lock the embedded database at ${dir}: ${lockPath} keeps reappearing.`);
}

function inUse(dir: string, pid: string): Error {
  return new Error(
    `The embedded database at ${dir} is in use by another Waypoint process (pid ${pid}). ` +
      "Stop it first; two processes on one data directory corrupt it.",
  );
}

function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    // O_CREAT | O_EXCL: exactly one process can create the file.
    fd = openSync(lockPath, "wx");
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function holdLock(lockPath: string): { release(): void } {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    // Only our own lock: after a takeover by someone else the file is theirs.
    if (readHolder(lockPath) === process.pid) removeIfPresent(lockPath);
  };
  // A process that exits without releasing (an uncaught error) leaves no lock behind.
  process.on("exit", release);
  return { release };
}

function readHolder(lockPath: string): number | "gone" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return "gone";
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : "unreadable";
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) === "EPERM";
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}
