import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** The lock files this process holds now: a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * An exclusive lock on an embedded (PGlite) data directory, held as `<dataDir>.lock` holding the pid.
 *
 * Two processes that open one PGlite data directory corrupt it permanently and silently: the second
 * opens without error, and the next open stops with `PANIC: could not locate a valid checkpoint
 * record`; PGlite ships no pg_resetwal (docs/background/embedded-postgres.md, "Persistence and crash safety"). So every
 * process takes this lock before `PGlite.create(dataDir)`.
 *
 * A lock left by a process that died is taken over, so the next start after a kill -9 or a
 * container restart comes up on the same data without anyone deleting a file. "Died" is decided
 * without trusting the pid alone, because pids are reused: after a container restart the new
 * process often has the very pid the dead one had (pid 1, or the same small number).
 * The lock records the holder's pid and its start time (Linux: /proc/<pid>/stat, field 22,
 * https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html); the lock is stale when
 * - it names this very process, which does not hold it (a previous process had this pid), or
 * - no process has that pid, or
 * - the process with that pid started at another time than the one recorded (a reused pid).
 * A live holder is still refused. docs/decisions/025-request-guards-and-body-limits.md
 */
export function acquireDataDirLock(dataDir: string, options: { log?: (line: string) => void } = {}): { release(): void } {
  const dir = path.resolve(dataDir);
  const lockPath = `${dir}.lock`;
  const log = options.log ?? ((line: string) => console.warn(line));
  mkdirSync(path.dirname(lockPath), { recursive: true });

  // Two rounds: the second follows the removal of a stale lock (or loses to a process that took it first).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(lockPath)) return holdLock(lockPath);
    const holder = readHolder(lockPath);
    if (holder === "gone") continue;
    let why: string;
    if (holder === "unreadable") {
      // A process between creating the file and writing its pid; or one that died right then.
      if (ageMs(lockPath) < 10_000) throw inUse(dir, "unknown");
      why = "it names no process";
    } else {
      const verdict = holderState(holder, lockPath);
      if (verdict === "alive") throw inUse(dir, String(holder.pid));
      why = verdict;
    }
    // Check again just before removing, so that a lock another process has just retaken survives.
    if (!sameHolder(readHolder(lockPath), holder)) continue;
    log(`Taking over the stale lock on the embedded database at ${dir} (${why}).`);
    removeIfPresent(lockPath);
  }
  throw new Error(`Could not lock the embedded database at ${dir}: ${lockPath} keeps reappearing.`);
}

function inUse(dir: string, pid: string): Error {
  return new Error(
    `The embedded database at ${dir} is in use by another Waypoint process (pid ${pid}). ` + "Stop it first; two processes on one data directory corrupt it.",
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
  heldHere.add(lockPath);
  try {
    writeSync(fd, `${process.pid}\n${startTimeOf(process.pid) ?? ""}\n`);
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
    heldHere.delete(lockPath);
    process.removeListener("exit", release);
    // Only our own lock: after a takeover by someone else the file is theirs.
    const holder = readHolder(lockPath);
    if (typeof holder === "object" && holder.pid === process.pid) removeIfPresent(lockPath);
  };
  // A process that exits without releasing (an uncaught error) leaves no lock behind.
  process.on("exit", release);
  return { release };
}

type Holder = { pid: number; startTime: string | undefined };

function readHolder(lockPath: string): Holder | "gone" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return "gone";
    throw error;
  }
  const [pidLine, startLine] = text.split("\n");
  const pid = Number(pidLine?.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return "unreadable";
  return { pid, startTime: startLine?.trim() || undefined };
}

function sameHolder(a: Holder | "gone" | "unreadable", b: Holder | "unreadable"): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.pid === b.pid && a.startTime === b.startTime;
}

/** Whether the process a lock names still holds it, or why not. */
function holderState(holder: Holder, lockPath: string): "alive" | string {
  if (holder.pid === process.pid) {
    // Ours only if this process took it and has not let it go; otherwise a process that had our
    // pid before left it: a container restarted on the same volume.
    return heldHere.has(lockPath) ? "alive" : `pid ${holder.pid} was a previous process with this process's pid`;
  }
  if (!isRunning(holder.pid)) return `pid ${holder.pid} is no longer running`;
  const now = startTimeOf(holder.pid);
  if (holder.startTime && now && now !== holder.startTime) return `pid ${holder.pid} now belongs to another process`;
  return "alive";
}

/**
 * When a process started, in clock ticks since boot (Linux), or undefined where /proc is not
 * there. Field 22 of /proc/<pid>/stat, read after the command name, which may hold spaces.
 */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields after the name start at field 3 (state), so field 22 is index 19.
    return fields[19];
  } catch {
    return undefined;
  }
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
