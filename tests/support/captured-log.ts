import { Writable } from "node:stream";
import { createLogger } from "../../app/ops/logger.server";

/**
 * The app's logger (app/ops/logger.server.ts, redaction and all) at `level` ("info", "error"…),
 * writing each line it logs, as the JSON text it would print, into `lines` for a test to read.
 */
export function capturingLogger(level: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level, destination }) };
}
