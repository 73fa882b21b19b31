import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

/**
 * Browser tests against the real built server (demo build) on a fresh database: embedded by
 * default, or a new database on the PostgreSQL server that DATABASE_URL points at.
 * Chromium: Playwright's own where it was downloaded, otherwise the system's (Debian's package).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
// Set once in the main process; workers inherit it, so all agree on the database's name.
process.env.WAYPOINT_E2E_NAME ??= `waypoint_e2e_${Date.now()}_${process.pid}`;

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const executablePath = existsSync(chromium.executablePath()) ? undefined : systemChromium;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    headless: true,
    trace: "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { PORT: String(port) },
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
