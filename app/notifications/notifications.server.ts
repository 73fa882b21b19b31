import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import nodemailer, { type Transporter } from "nodemailer";
import { openOptional } from "~/crypto/sealed.server";
import { db } from "~/db.server";
import { env } from "~/env.server";
import type { ContactChannel, Prisma } from "~/generated/prisma/client";
import { zoneOrDefault } from "~/time/service-zone.server";
import { insideSafeTimes, parseSafeWindows } from "./safe-times";
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
 * the server refuses; callers decide what the person is told.
 *
 * For service users there is `notifyPerson` (below): their templates say only "You have an
 * appointment update" or "You have a new message"; it goes only on the channel they chose as safe, only inside their safe
 * times, never falls back to another channel, and every attempt is recorded (NotificationRecord:
 * sent, or skipped and why) for their worker to see. Nothing is queued or retried.
 */
export type Channel = "email" | "sms";

export type Template =
  /** A new single-use sign-in code for a member of staff, to their work address (decision 021). */
  | { name: "staff-sign-in-code"; code: string; expiresAt: Date; timeZone: string }
  /** A passkey was added to a member of staff's account from a signed-in session. */
  | { name: "staff-new-passkey"; at: Date; timeZone: string }
  /** To a service user: something about their appointments changed. No time, place, name or service. */
  | { name: "appointment-update" }
  /** To a service user, before an appointment (app/booking/reminders.server.ts): the very same words as an update. */
  | { name: "appointment-reminder" }
  /** To a service user: their worker sent them a message (app/messages). Never the message, its sender or the service. */
  | { name: "new-message" };

/** A file sent with an e-mail: only the neutral calendar file (`calendarFile`). */
export type Attachment = { filename: string; content: string; contentType: string };

export type Notification = { channel: Channel; to: string; template: Template; attachments?: Attachment[] };

export type SendResult = { ok: true } | { ok: false; reason: "not-configured" | "refused" };

/** Whether a channel can send at all, so a caller can choose another way before issuing anything. */
export function channelConfigured(channel: Channel): boolean {
  switch (channel) {
    case "email":
      return Boolean(env().WAYPOINT_SMTP_URL && env().WAYPOINT_MAIL_FROM);
    case "sms":
      return smsTransport !== null;
  }
}

/** Subject and plain text of each template. No HTML: nothing to render remotely, nothing to track. */
export function render(template: Template): { subject: string; text: string } {
  // A reminder says no more than an update: a distinct text would tell a reader that a session is near.
  if (template.name === "appointment-update" || template.name === "appointment-reminder") return { subject: APPOINTMENT_UPDATE, text: APPOINTMENT_UPDATE };
  if (template.name === "new-message") return { subject: NEW_MESSAGE, text: NEW_MESSAGE };
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
    case "sms": {
      if (!smsTransport) return { ok: false, reason: "not-configured" };
      try {
        await smsTransport.send(notification.to, render(notification.template).text);
        return { ok: true };
      } catch {
        logger().warn({ channel: "sms", template: notification.template.name }, "notification not sent");
        return { ok: false, reason: "refused" };
      }
    }
    case "email": {
      const { WAYPOINT_SMTP_URL: url, WAYPOINT_MAIL_FROM: from } = env();
      if (!url || !from) return { ok: false, reason: "not-configured" };
      const { subject, text } = render(notification.template);
      try {
        await emailTransport(url).sendMail({ from, to: notification.to, subject, text, attachments: notification.attachments });
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

// ───────────────────────────── Service users ─────────────────────────────

/** The whole of what a service user's notification says, on every channel. */
export const APPOINTMENT_UPDATE = "You have an appointment update";

/** The whole of what a service user is told of a new message, on every channel (issue 11). */
export const NEW_MESSAGE = "You have a new message";

/**
 * A text-message transport. None ships: a service that wants texts plugs one in at start-up
 * (`useSmsTransport`) for its provider. It receives the number and the text and throws if the
 * provider refuses.
 */
export interface SmsTransport {
  send(to: string, text: string): Promise<void>;
}

let smsTransport: SmsTransport | null = null;

/** Installs (or, with null, removes) the text-message transport. */
export function useSmsTransport(transport: SmsTransport | null): void {
  smsTransport = transport;
}

/**
 * The templates a service user may be sent: the appointment ones say only APPOINTMENT_UPDATE (the
 * name tells the worker's record which it was), "new-message" only NEW_MESSAGE.
 */
export type PersonTemplate = "appointment-update" | "appointment-reminder" | "new-message";

/** What a notification was about: an appointment (for its calendar file) or a message (recorded with it, for its worker). */
export type NotificationSubject = { appointmentId: string } | { messageId: string };

/** Why a notification was not sent; recorded for the worker. */
export type SkipReason = "no-safe-channel" | "no-address" | "no-safe-times" | "outside-safe-times" | "channel-not-configured" | "refused";

export type NotifyResult =
  { outcome: "SENT"; channel: ContactChannel; transport: string } | { outcome: "SKIPPED"; reason: SkipReason; channel: ContactChannel | null };

/** Channels Waypoint can send on, in its words and the person's. */
const SENDABLE: Partial<Record<ContactChannel, Channel>> = { EMAIL: "email", TEXT_MESSAGE: "sms" };

/**
 * The channel a notification goes on: the first of the person's safe channels that Waypoint sends
 * on and they have not ruled out. Decided by their choice alone, never by what works today: if that
 * channel cannot carry it, nothing is sent (no fallback).
 */
export function chosenChannel(safeChannels: readonly ContactChannel[], doNotContactBy: readonly ContactChannel[]): ContactChannel | null {
  return safeChannels.find((c) => SENDABLE[c] !== undefined && !doNotContactBy.includes(c)) ?? null;
}

/**
 * Tells a service user, outside the portal, that something changed: "You have an appointment
 * update", nothing more. Sent only on their chosen safe channel, only inside their safe times (in
 * the service's zone), never on another channel; in development with no SMTP server the text goes
 * to the outbox staff can read instead. Every attempt is recorded as a NotificationRecord (sent, or
 * skipped and why). Never throws for a channel's failure: the caller's change stands either way.
 */
export async function notifyPerson(
  personId: string,
  template: PersonTemplate,
  now: Date = new Date(),
  client: Prisma.TransactionClient = db(),
  about?: NotificationSubject,
): Promise<NotifyResult> {
  const result = await attempt(client, personId, template, now, about);
  const development = env().NODE_ENV === "development";
  await client.notificationRecord.create({
    data: {
      personId,
      template,
      channel: result.channel,
      transport: result.outcome === "SENT" ? result.transport : null,
      outcome: result.outcome,
      reason: result.outcome === "SKIPPED" ? result.reason : null,
      outboxText: result.outcome === "SENT" && result.transport === "outbox" && development ? render({ name: template }).text : null,
      messageId: about && "messageId" in about ? about.messageId : null,
    },
  });
  return result;
}

async function attempt(
  client: Prisma.TransactionClient,
  personId: string,
  template: PersonTemplate,
  now: Date,
  about?: NotificationSubject,
): Promise<NotifyResult> {
  const person = await client.person.findUnique({
    where: { id: personId },
    select: {
      anonymisedAt: true,
      service: { select: { timeZone: true } },
      safeContact: {
        select: {
          safeChannels: true,
          doNotContactBy: true,
          safeWindowsCipher: true,
          emailCipher: true,
          phoneCipher: true,
          keyId: true,
          calendarFile: true,
          calendarWithAddress: true,
        },
      },
    },
  });
  const contact = person?.anonymisedAt ? null : person?.safeContact;
  const channel = contact ? chosenChannel(contact.safeChannels, contact.doNotContactBy) : null;
  if (!contact || !channel) return { outcome: "SKIPPED", reason: "no-safe-channel", channel: null };
  const windows = parseSafeWindows(openOptional(contact.safeWindowsCipher, contact.keyId, "safe-windows"));
  if (windows.length === 0) return { outcome: "SKIPPED", reason: "no-safe-times", channel };
  if (!insideSafeTimes(windows, now, zoneOrDefault(person?.service.timeZone))) return { outcome: "SKIPPED", reason: "outside-safe-times", channel };
  const to =
    channel === "EMAIL" ? openOptional(contact.emailCipher, contact.keyId, "contact-email") : openOptional(contact.phoneCipher, contact.keyId, "contact-phone");
  if (!to) return { outcome: "SKIPPED", reason: "no-address", channel };
  const via = SENDABLE[channel];
  if (!via) return { outcome: "SKIPPED", reason: "no-safe-channel", channel: null };
  if (!channelConfigured(via)) {
    // Development only: the outbox stands in for a transport that is not set up, on the same channel.
    if (env().NODE_ENV === "development") return { outcome: "SENT", channel, transport: "outbox" };
    return { outcome: "SKIPPED", reason: "channel-not-configured", channel };
  }
  // A calendar file only by e-mail, only when the person turned it on, and only for a live appointment of theirs.
  const appointment =
    via === "email" && contact.calendarFile && about && "appointmentId" in about
      ? await client.appointment.findFirst({
          where: { id: about.appointmentId, personId, status: "BOOKED" },
          select: { id: true, startsAt: true, endsAt: true, venueRef: { select: { address: true, showAddress: true } } },
        })
      : null;
  const attachments = appointment
    ? [
        {
          filename: "appointment.ics",
          contentType: "text/calendar; charset=utf-8",
          content: calendarFile(
            { ...appointment, location: contact.calendarWithAddress && appointment.venueRef?.showAddress ? (appointment.venueRef.address ?? null) : null },
            now,
          ),
        },
      ]
    : undefined;
  const sent = await send({ channel: via, to, template: { name: template }, attachments });
  if (!sent.ok) return { outcome: "SKIPPED", reason: sent.reason === "not-configured" ? "channel-not-configured" : "refused", channel };
  return { outcome: "SENT", channel, transport: via === "email" ? "smtp" : "sms" };
}

/** What a worker sees of the notifications about one person: newest first, no content. */
export async function notificationLog(personId: string, take = 20) {
  return db().notificationRecord.findMany({
    where: { personId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, template: true, channel: true, transport: true, outcome: true, reason: true },
  });
}

/** An instant as iCalendar writes UTC: "20261201T100000Z" (RFC 5545 §3.3.5, form #2). */
function icsInstant(at: Date): string {
  return format(at, "yyyyMMdd'T'HHmmss'Z'", { in: tz("UTC") });
}

/** Text escaped for an iCalendar value (RFC 5545 §3.3.11). */
function icsText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/**
 * A calendar file for one appointment that says as little as a notification: the title
 * "Appointment", no description, no organiser or attendees, marked private, and a location only
 * when given (the person asked for the address and the venue's may be shown). CRLF line ends.
 */
export function calendarFile(appointment: { id: string; startsAt: Date; endsAt: Date; location: string | null }, now: Date): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Appointments//EN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${appointment.id}@appointments.invalid`,
    `DTSTAMP:${icsInstant(now)}`,
    `DTSTART:${icsInstant(appointment.startsAt)}`,
    `DTEND:${icsInstant(appointment.endsAt)}`,
    "SUMMARY:Appointment",
    "CLASS:PRIVATE",
    ...(appointment.location ? [`LOCATION:${icsText(appointment.location)}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
