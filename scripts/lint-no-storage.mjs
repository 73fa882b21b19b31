// `npm run lint` companion: the same rule as app/safety/no-browser-storage.test.ts, for editors
// and pre-commit use without running the test suite.
import { execFileSync } from "node:child_process";

try {
  const out = execFileSync(
    "grep",
    ["-rnE", "--include=*.ts", "--include=*.tsx", "--exclude=*.test.ts", "--exclude-dir=generated",
      "\\b(localStorage|sessionStorage|indexedDB)\\b|caches\\s*\\.\\s*(open|match)|serviceWorker\\s*\\.\\s*register|document\\s*\\.\\s*cookie", "app"],
    { encoding: "utf8" },
  );
  process.stderr.write(`Browser storage is not allowed in app code (no traces):\n${out}`);
  process.exit(1);
} catch (error) {
  if (error.status === 1) process.exit(0); // grep found nothing
  throw error;
}
