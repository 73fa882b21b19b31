/**
 * Notifications as a worker reads about them, beside the message or appointment they were about:
 * why one was not sent (NotificationRecord.reason) and the channel one went by.
 */

/** Why a notification was not sent, as the worker reads it (NotificationRecord.reason). */
export const NOT_NOTIFIED_WORDS: Record<string, string> = {
  "no-safe-channel": "no safe way to contact them that the portal can use",
  "no-address": "no address for their chosen way",
  "no-safe-times": "no safe times given",
  "outside-safe-times": "outside their safe times",
  "channel-not-configured": "their chosen way is not set up here",
  refused: "the message was refused",
};

/** The notification channel as a worker reads it. */
export const CHANNEL_WORDS: Record<string, string> = { EMAIL: "e-mail", TEXT_MESSAGE: "text message" };
