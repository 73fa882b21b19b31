import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";
import { logger } from "~/ops/logger.server";
import { datesIn } from "~/time/format";

/**
 * The notifications module: the one way Waypoint tells someone something outside the portal.
 *
 *   await send({ channel: "email", to: "ruth@service.example", template: { name: "staff-sign-in-code", code, expiresAt, timeZone } })
 *
 * - `channel`: how it travels. Only "email" exists (nodemailer over the SMTP server in
 *   WAYPOINT_SMTP_URL, from WAYPOINT_MAIL_FROM). SMS and others are to come as further channels;
 *   there is never an automatic fallback from one channel to another (docs/background/safety-principles.md, "No traces").
 * - `to`: the address on that channel.
 * - `template`: what to say, as data. The wording lives here, in `render`, and only here, so what
 *   a notification may say is decided in one place. Templates say as little as the job needs: a
 *   service user's notification will never carry message content, names or the service's kind.
 *
 * `send` returns { ok: false, reason } instead of throwing when the channel is not configured or
 * the server refuses; callers decide what the person is told. Nothing is queued: the booking and
 * messages work adds a queue (an outbox table) when it needs retries.
 */
export type Channel = "email";

export type Template =
  /** A new single-use sign-in code for a member of staff, to their work address (decision 021). */
  | { name: "staff-sign-in-code"; code: string; expiresAt: Date; timeZone: string }
  /** A passkey was added to a member of staff's account from a signed-in session. */
  | { name: "staff-new-passkey"; at: Date; timeZone: string };

export type Notification = { channel: Channel; to: string; template: Template };

export type SendResult = { ok: true } | { ok: false; reason: "not-configured" | "refused" };

/** Whether a channel can send at all, so a caller can choose another way before issuing anything. */
export function channelConfigured(channel: Channel): boolean {
  switch (channel) {
    case "email":
      return Boolean(env().WAYPOINT_SMTP_URL && env().WAYPOINT_MAIL_FROM);
  }
}

/** Subject and plain text of each template. No HTML: nothing to render remotely, nothing to track. */
export function render(template: Template): { subject: string; text: string } {
  const origin = env().WAYPOINT_ORIGIN;
  // Times are written in the service's own zone (app/time), and the zone is named with them.
  const dates = datesIn(template.timeZone);
  switch (template.name) {
    case "staff-sign-in-code":
      return {
        subject: "Your new sign-in code",
        text: [
          "A new sign-in code was made for you:",
          "",
          `    ${template.code}`,
          "",
          `It works once, until ${dates.dayTime(template.expiresAt)} (${template.timeZone} time). Go to ${origin}/sign-in, enter it under`,
          '"First time, or given a new code?" and set up a passkey on your device.',
          "",
          "Your earlier passkeys no longer work. If you did not expect this code, do not use it: tell your",
          "administrator, who can see who asked for it.",
        ].join("\n"),
      };
    case "staff-new-passkey":
      return {
        subject: "A passkey was added to your account",
        text: [
          `A new passkey was added to your account on ${dates.dayTime(template.at)} (${template.timeZone} time).`,
          "",
          `If this was not you, sign in at ${origin}/sign-in and press "This wasn't me" under Your sign-ins,`,
          "or ask your administrator for a new code.",
        ].join("\n"),
      };
  }
}

let transport: { url: string; transporter: Transporter } | undefined;

function emailTransport(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** Sends one notification now. See the module comment for the shape and the failure results. */
export async function send(notification: Notification): Promise<SendResult> {
  switch (notification.channel) {
    case "email": {
      const { WAYPOINT_SMTP_URL: url, WAYPOINT_MAIL_FROM: from } = env();
      if (!url || !from) return { ok: false, reason: "not-configured" };
      const { subject, text } = render(notification.template);
      try {
        await emailTransport(url).sendMail({ from, to: notification.to, subject, text });
        return { ok: true };
      } catch (error) {
        // The template's name and the SMTP error's code only: never the address or the content.
        const code = typeof error === "object" && error && "code" in error ? String(error.code) : "unknown";
        logger().warn({ channel: "email", template: notification.template.name, code }, "notification not sent");
        return { ok: false, reason: "refused" };
      }
    }
  }
}
