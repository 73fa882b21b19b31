import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { env } from "../../app/env.server";

/** One message as the SMTP server received it: envelope sender and recipients, and the raw message. */
export type Mail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server (smtp-server) on a free port of 127.0.0.1, keeping what it receives in
 * `received` (in arrival order; empty it with `received.length = 0`). No TLS, no authentication.
 * `close` stops it.
 */
export async function startSmtp(): Promise<{ received: Mail[]; port: number; close: () => Promise<void> }> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? (address satisfies AddressInfo).port : 0;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * `startSmtp`, with the app's e-mail settings pointed at it (WAYPOINT_SMTP_URL, and
 * WAYPOINT_MAIL_FROM "Portal <no-reply@portal.example.org>") until `close`, which puts the settings
 * back as they were and stops the server. For tests of what the app sends by e-mail.
 */
export async function startSmtpForApp(): Promise<Awaited<ReturnType<typeof startSmtp>>> {
  const smtp = await startSmtp();
  const saved = globalThis.waypointEnv;
  globalThis.waypointEnv = { ...env(), WAYPOINT_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, WAYPOINT_MAIL_FROM: "Portal <no-reply@portal.example.org>" };
  return {
    ...smtp,
    close: async () => {
      globalThis.waypointEnv = saved;
      await smtp.close();
    },
  };
}
