import { z } from "zod";
import type { Voice } from "~/age-bands/band-words";

/**
 * What messaging says, and the one rule for a message's text (client-safe: the pages and the
 * domain module read the same words and the same schema). Decision 036.
 */

/** The longest message, in characters (Unicode code points, so an emoji counts as one). */
export const MAX_MESSAGE_CHARACTERS = 4000;

/** Control characters other than tab and line ends: nothing a keyboard types, so a malformed message. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * A message's text as sent in a form field named `body`: line ends made "\n", spaces at either end
 * trimmed; refused when empty or only whitespace, longer than MAX_MESSAGE_CHARACTERS, or carrying
 * control characters. Plain text: it is shown as text, never as HTML.
 */
export const messageBody = z
  .string({ message: "Write a message" })
  .transform((v) => v.replace(/\r\n?/g, "\n").trim())
  .refine((v) => v.length > 0, "Write a message")
  .refine((v) => [...v].length <= MAX_MESSAGE_CHARACTERS, `A message can be up to ${MAX_MESSAGE_CHARACTERS.toLocaleString("en-GB")} characters`)
  .refine((v) => !CONTROL.test(v), "The message has characters that cannot be sent: type it again");

/** Why a person's reply is not taken; the same words on the page and from the action. */
export const REPLY_REFUSALS = {
  closed: "This conversation has ended. Contact the service if you need to.",
  "replies-off": "Replies are turned off for this conversation.",
  "too-young": "You can read messages here. Talk to your worker when you see them.",
  "too-many": "You have sent a lot of messages in a short time. Please wait ten minutes and try again.",
} as const;

export type ReplyRefusal = keyof typeof REPLY_REFUSALS;

/** What a worker is told when a message cannot be sent. */
export const STAFF_REFUSALS = {
  "not-allocated": "You can message only people allocated to you. Ask the case manager to allocate you first.",
  "too-many": "You have sent a lot of messages in a short time. Please wait ten minutes and try again.",
} as const;

/** What the person's messages pages say, in one voice of the frame (app/age-bands/band-words.ts). */
type MessageWords = {
  heading: string;
  none: string;
  from: string;
  you: string;
  unread: (n: number) => string;
  reply: string;
  send: string;
  sent: string;
  remove: string;
  removeAll: string;
  removed: string;
  removedAll: string;
  links: string;
  disappear: (days: number) => string;
  back: string;
};

const ADULT: MessageWords = {
  heading: "Messages",
  none: "No messages yet.",
  from: "Messages with",
  you: "You",
  unread: (n) => (n === 1 ? "1 new" : `${n} new`),
  reply: "Your reply",
  send: "Send",
  sent: "Sent.",
  remove: "Remove from my view",
  removeAll: "Remove this conversation from my view",
  removed: "Removed from your view. Your worker still has it on your record.",
  removedAll: "The conversation is removed from your view. Your worker still has it on your record.",
  links: "Web addresses are shown as plain text: to visit one, copy it into your browser.",
  disappear: (days) => `Messages you have read leave this page after ${days === 1 ? "a day" : `${days} days`}. Your worker keeps them.`,
  back: "All messages",
};

const OLDER_CHILD: MessageWords = {
  heading: "Messages",
  none: "No messages yet.",
  from: "Messages from",
  you: "You",
  unread: (n) => (n === 1 ? "1 new" : `${n} new`),
  reply: "Write back",
  send: "Send",
  sent: "Sent!",
  remove: "Hide this",
  removeAll: "Hide all of these",
  removed: "Hidden. Your worker still has it.",
  removedAll: "All hidden. Your worker still has them.",
  links: "Web addresses are just words here. Ask a grown-up you trust if you want to visit one.",
  disappear: (days) => `Messages you have read go away after ${days === 1 ? "a day" : `${days} days`}.`,
  back: "All messages",
};

/** The words of the person's pages, by voice: young people get simpler words (the under-8s' page is read to them). */
export const MESSAGE_WORDS: Record<Voice, MessageWords> = {
  adult: ADULT,
  "13-17": {
    ...ADULT,
    removeAll: "Remove this chat from my view",
    removed: "Gone from your view. Your worker still has it.",
    removedAll: "The chat is gone from your view. Your worker still has it.",
    links: "Web addresses are plain text: copy one into your browser to visit it.",
    disappear: (days) => `Messages you have read go from here after ${days === 1 ? "a day" : `${days} days`}.`,
  },
  "8-12": OLDER_CHILD,
  "under-8": {
    ...OLDER_CHILD,
    removed: "Hidden.",
    removedAll: "All hidden.",
    links: "Web addresses are just words here.",
    disappear: (days) => `Messages go away after ${days === 1 ? "a day" : `${days} days`}.`,
  },
};
