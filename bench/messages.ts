/**
 * The messages part of `npm run bench` (docs/decisions/036-messages.md): the people and messages it
 * needs, written into the demo service before the server starts.
 *
 * - A survivor with 1,000 messages across two conversations (a fifth of the worker's unread): the
 *   person's inbox (`/messages`) and one conversation page.
 * - A worker with 60 people and 10,000 messages between them (about 167 each, the person's last
 *   ones sometimes unread): the worker's messages page (`/staff/messages`).
 * Bodies are sealed as the app seals them.
 */
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";
import { seal } from "../app/crypto/sealed.server";
import { newId } from "../prisma/factory";
import { benchPeople } from "./demo-people";

export const INBOX_MESSAGES = 1000;
export const WORKER_PEOPLE = 60;
export const WORKER_MESSAGES = 10_000;

export type MessagesBench = { personSessionId: string; threadId: string; staffSessionId: string };

const TEXTS = [
  "Just checking in: how are things this week?",
  "Thank you, that helps. Can we talk on Thursday?",
  "Your appointment has moved to 11:00. Please call me when it is safe.",
  "I have sent the forms. Let me know if anything is unclear.",
];

export async function prepareMessagesBench(prisma: PrismaClient, now: Date = new Date()): Promise<MessagesBench> {
  const { worker, survivor, session: benchSession } = await benchPeople(prisma, now);
  let made = 0;
  const person = async (staffIds: string[]) => {
    made += 1;
    return survivor({ reference: `M-${String(made).padStart(4, "0")}`, lastName: `Messages ${made}`, referralDate: "2026-01-05", staffIds });
  };
  /** A conversation of `count` messages ending a minute ago, taking turns, the last `unread` of them unread. */
  const conversation = (personId: string, staffId: string, count: number, unread: number, fromPersonUnread: boolean) => {
    const threadId = newId();
    const messages: Prisma.MessageCreateManyInput[] = [];
    for (let m = 0; m < count; m++) {
      const at = new Date(now.getTime() - (count - m) * 3_600_000);
      const isUnread = m >= count - unread;
      const fromPerson = isUnread ? fromPersonUnread : m % 2 === 1;
      const sealed = seal(TEXTS[m % TEXTS.length] ?? "", "message");
      messages.push({
        threadId,
        createdAt: at,
        authorPersonId: fromPerson ? personId : null,
        authorStaffId: fromPerson ? null : staffId,
        bodyCipher: sealed.cipher,
        keyId: sealed.keyId,
        readAt: isUnread ? null : new Date(at.getTime() + 600_000),
      });
    }
    return { thread: { id: threadId, personId, staffId, lastMessageAt: messages[messages.length - 1]?.createdAt ?? now }, messages };
  };
  const write = async (parts: ReturnType<typeof conversation>[]) => {
    await prisma.messageThread.createMany({ data: parts.map((p) => p.thread) });
    const all = parts.flatMap((p) => p.messages);
    for (let i = 0; i < all.length; i += 1000) await prisma.message.createMany({ data: all.slice(i, i + 1000) });
  };
  const session = (principal: { personId: string } | { staffId: string }) => benchSession(principal, 10);

  // ── The person's inbox: 1,000 messages with two workers ──
  const first = await worker("Bench Inbox Worker");
  const second = await worker("Bench Inbox Second Worker");
  const reader = await person([first, second]);
  const inbox = [conversation(reader, first, INBOX_MESSAGES / 2, 100, false), conversation(reader, second, INBOX_MESSAGES / 2, 100, false)];
  await write(inbox);

  // ── The worker's page: 60 people, 10,000 messages ──
  const busy = await worker("Bench Messages Worker");
  const parts: ReturnType<typeof conversation>[] = [];
  for (let i = 0; i < WORKER_PEOPLE; i++) {
    const personId = await person([busy]);
    const count = Math.floor(WORKER_MESSAGES / WORKER_PEOPLE) + (i < WORKER_MESSAGES % WORKER_PEOPLE ? 1 : 0);
    parts.push(conversation(personId, busy, count, i % 3 === 0 ? 3 : 0, true));
  }
  await write(parts);
  return { personSessionId: await session({ personId: reader }), threadId: inbox[0]?.thread.id ?? "", staffSessionId: await session({ staffId: busy }) };
}
