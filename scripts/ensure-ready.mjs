#!/usr/bin/env node
// Runs before `npm start` and `npm test` so that each works alone on a fresh clone: installs
// dependencies when they are missing or stale, (re)builds the demo build when the sources changed,
// and for tests makes sure a Chromium exists. Plain Node only: nothing here may need a package.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const forTests = process.argv.includes("--test");

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(" ")} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

// 1. Dependencies: npm ci when node_modules is missing or older than the lockfile.
const installedMarker = "node_modules/.package-lock.json";
if (!existsSync(installedMarker) || statSync(installedMarker).mtimeMs < statSync("package-lock.json").mtimeMs) {
  process.stdout.write("Installing dependencies (npm ci)…\n");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

// 2. The build, rebuilt when any source it is made from changed.
const sources = ["app", "server", "prisma", "public", "vite.config.ts", "package-lock.json", "tsconfig.json"];
function* files(entry) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    if (entry === path.join("app", "generated")) return;
    for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
  } else yield entry;
}
const hash = createHash("sha256");
for (const source of sources) for (const file of files(source)) hash.update(file).update(readFileSync(file));
const stamp = JSON.stringify({ sources: hash.digest("hex") });
const stampFile = "build/.stamp.json";
if (!existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp || !existsSync("build/server.js")) {
  process.stdout.write("Building the portal…\n");
  run("npm", ["run", "build"]);
  mkdirSync("build", { recursive: true });
  writeFileSync(stampFile, stamp);
}

// 3. For browser tests: Playwright's own Chromium if it is there or can be downloaded, else the
// system's, installed with apt-get when we are root; otherwise one line saying what to install.
if (forTests) {
  const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const bundled = execFileSync("node", ["-e", "import('@playwright/test').then(m=>process.stdout.write(m.chromium.executablePath()))"], {
    encoding: "utf8",
  });
  if (!existsSync(bundled) && !systemChromium) {
    const download = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit", timeout: 180_000 });
    const downloaded = download.status === 0 && existsSync(bundled);
    if (!downloaded) {
      const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
      const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
      if (isRoot && hasApt) {
        process.stdout.write("Installing Chromium from the system packages (apt-get)…\n");
        run("apt-get", ["update"]);
        run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"]);
      } else {
        process.stderr.write("Browser tests need Chromium: run `npx playwright install chromium` or `sudo apt-get install chromium`.\n");
        process.exit(1);
      }
    }
  }
}
