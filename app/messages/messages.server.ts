import { recordAudit } from "~/audit/audit.server";
import { findPersonForStaff, peopleVisibleTo } from "~/auth/policy.server";
import { messageSendLimit, reserveAttempt } from "~/auth/rate-limit.server";
import type { PersonViewer, StaffViewer } from "~/auth/session.server";
import { open, seal } from "~/crypto/sealed.server";
import { isUniqueViolation } from "~/db/conflicts.server";
import { db } from "~/db.server";
import { bandOf } from "~/age-bands/age-band";
import type { Prisma } from "~/generated/prisma/client";
import { notifyPerson, type NotifyResult } from "~/notifications/notifications.server";
import { zoneOrDefault } from "~/time/service-zone.server";
import type { ReplyRefusal } from "./words";

/**
 * Messages between one worker and one person (issue 11, docs/decisions/036-messages.md).
 *
 * A conversation (MessageThread) is one worker and one person, never more; it is open for new
 * messages while that worker holds an open allocation to the person, closed otherwise (its history
 * stays). Bodies are sealed (purpose "message"); nothing here returns HTML, and the pages print the
 * text as text.
 *
 * The person's side: every query is scoped by the signed-in person's own id (`thread.personId`),
 * so a conversation id of anyone else's answers 404 like one that does not exist, and nothing a
 * worker sends to another member of the family touches what this person's pages read or count.
 * A message the person removed (`hiddenForPersonAt`), and one they read longer ago than the
 * service's `messagesDisappearAfterDays`, is not in their view; the worker's copy stays.
 *
 * The staff side: a worker sees their own conversations with the people they may see
 * (`peopleVisibleTo`, decision 011), and sends only to people allocated to them. Opening a
 * conversation and sending are audited.
 *
 * Every send is counted first against the account's limit in the database (`RateLimit`, rule
 * `messageSend`), then written in one transaction that locks the conversation's row.
 */

type Client = Prisma.TransactionClient;

/** One message as a page shows it: the text is plain text. Instants as ISO strings. */
export type ShownMessage = { id: string; at: string; mine: boolean; text: string };

/** One conversation in the person's list. */
export type InboxEntry = { id: string; with: string; unread: number; lastAt: string | null; open: boolean };

const DAY_MS = 86_400_000;

// ───────────────────────────── The person ─────────────────────────────

/** The service's message settings and the person's band, for the person's pages. */
async function personSettings(client: Client, personId: string, now: Date) {
  const person = await client.person.findUnique({
    where: { id: personId },
    select: { kind: true, dateOfBirth: true, service: { select: { messagesDisappearAfterDays: true, messageRepliesUnder8: true, timeZone: true } } },
  });
  if (!person) throw new Response("Not found", { status: 404 });
  const band = bandOf(person, now, zoneOrDefault(person.service.timeZone));
  return {
    disappearAfterDays: person.service.messagesDisappearAfterDays,
    /** Under-8s read only, unless the service lets them reply. */
    bandMayReply: band !== "under-8" || person.service.messageRepliesUnder8,
  };
}

/**
 * The messages still in the person's view: not removed by them and, when the service sets a
 * period, not read (their own: written) longer ago than that.
 */
function inPersonView(disappearAfterDays: number | null, now: Date): Prisma.MessageWhereInput {
  if (!disappearAfterDays) return { hiddenForPersonAt: null };
  const cutoff = new Date(now.getTime() - disappearAfterDays * DAY_MS);
  return {
    hiddenForPersonAt: null,
    OR: [
      { authorStaffId: { not: null }, OR: [{ readAt: null }, { readAt: { gt: cutoff } }] },
      { authorPersonId: { not: null }, createdAt: { gt: cutoff } },
    ],
  };
}

/** Whether each worker is allocated to the person now (the conversation is open). */
async function openWith(client: Client, personId: string, staffIds: string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  const rows = await client.allocation.findMany({
    where: { personId, staffId: { in: staffIds }, endedAt: null, staff: { deactivatedAt: null } },
    select: { staffId: true },
  });
  return new Set(rows.map((r) => r.staffId));
}

/**
 * The person's conversations, newest first: who with, how many of the worker's messages they have
 * not opened, when the last message in their view was, and whether it is still open. A closed
 * conversation with nothing left in their view is not listed. Returns also the service's
 * disappearing period (days, or null) for the page to say.
 */
export async function loadInbox(viewer: PersonViewer, now: Date = new Date()): Promise<{ conversations: InboxEntry[]; disappearAfterDays: number | null }> {
  const client = db();
  const personId = viewer.person.id;
  const [settings, threads] = await Promise.all([
    personSettings(client, personId, now),
    client.messageThread.findMany({ where: { personId }, select: { id: true, staffId: true, staff: { select: { displayName: true } } } }),
  ]);
  if (threads.length === 0) return { conversations: [], disappearAfterDays: settings.disappearAfterDays };
  const threadId = { in: threads.map((t) => t.id) };
  const visible = inPersonView(settings.disappearAfterDays, now);
  const [latest, unread, open] = await Promise.all([
    client.message.groupBy({ by: ["threadId"], where: { threadId, ...visible }, _max: { createdAt: true } }),
    client.message.groupBy({
      by: ["threadId"],
      where: { threadId, authorStaffId: { not: null }, readAt: null, hiddenForPersonAt: null },
      _count: { _all: true },
    }),
    openWith(
      client,
      personId,
      threads.map((t) => t.staffId),
    ),
  ]);
  const lastAt = new Map(latest.map((l) => [l.threadId, l._max.createdAt]));
  const unreadBy = new Map(unread.map((u) => [u.threadId, u._count._all]));
  const conversations = threads
    .map((t) => ({
      id: t.id,
      with: t.staff.displayName,
      unread: unreadBy.get(t.id) ?? 0,
      lastAt: lastAt.get(t.id)?.toISOString() ?? null,
      open: open.has(t.staffId),
    }))
    .filter((c) => c.open || c.lastAt !== null)
    .sort((a, b) => (b.lastAt ?? "").localeCompare(a.lastAt ?? ""));
  return { conversations, disappearAfterDays: settings.disappearAfterDays };
}

/**
 * How many of the worker's messages the person has not opened yet, across their conversations
 * (the home page's count). Only their own conversations are counted.
 */
export async function unreadCount(personId: string): Promise<number> {
  return db().message.count({ where: { thread: { personId }, authorStaffId: { not: null }, readAt: null, hiddenForPersonAt: null } });
}

/**
 * That the conversation is the signed-in person's own; otherwise throws a 404 Response (an action
 * calls this before it reads its form, so a bad form about someone else's conversation answers 404
 * like any other request about it). Changes nothing.
 */
export async function requireOwnConversation(viewer: PersonViewer, threadId: string): Promise<void> {
  const thread = await db().messageThread.findFirst({ where: { id: threadId, personId: viewer.person.id }, select: { id: true } });
  if (!thread) throw new Response("Not found", { status: 404 });
}

/** The most messages a conversation page shows at once (the newest). */
export const CONVERSATION_LIMIT = 200;

/**
 * One of the person's own conversations, for reading: the messages in their view, oldest first
 * (the newest CONVERSATION_LIMIT), and whether and why not they may reply. Opening it marks the
 * worker's unopened messages as read now (the worker's read receipt; set once). Another person's
 * conversation, or an unknown id, throws a 404 Response.
 */
export async function loadOwnConversation(viewer: PersonViewer, threadId: string, now: Date = new Date()) {
  const client = db();
  const personId = viewer.person.id;
  const thread = await client.messageThread.findFirst({
    where: { id: threadId, personId },
    select: { id: true, staffId: true, repliesAllowed: true, staff: { select: { displayName: true } } },
  });
  if (!thread) throw new Response("Not found", { status: 404 });
  const settings = await personSettings(client, personId, now);
  // The read receipt first, so the view below (which may drop messages read long ago) counts them as read now.
  await client.message.updateMany({
    where: { threadId: thread.id, authorStaffId: { not: null }, readAt: null, hiddenForPersonAt: null },
    data: { readAt: now },
  });
  const [rows, open] = await Promise.all([
    client.message.findMany({
      where: { threadId: thread.id, ...inPersonView(settings.disappearAfterDays, now) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CONVERSATION_LIMIT,
      select: { id: true, createdAt: true, authorPersonId: true, bodyCipher: true, keyId: true },
    }),
    openWith(client, personId, [thread.staffId]),
  ]);
  const messages: ShownMessage[] = rows.reverse().map((m) => ({ id: m.id, at: m.createdAt.toISOString(), mine: m.authorPersonId !== null, text: open_(m) }));
  const refusal = replyRefusal({ open: open.has(thread.staffId), repliesAllowed: thread.repliesAllowed, bandMayReply: settings.bandMayReply });
  return { id: thread.id, with: thread.staff.displayName, messages, mayReply: refusal === null, refusal, disappearAfterDays: settings.disappearAfterDays };
}

function open_(m: { bodyCipher: Uint8Array; keyId: string }): string {
  return open(m.bodyCipher, m.keyId, "message");
}

/** Why the person may not reply, or null when they may. Closed first: it is the plainest reason. */
function replyRefusal(state: { open: boolean; repliesAllowed: boolean; bandMayReply: boolean }): ReplyRefusal | null {
  if (!state.open) return "closed";
  if (!state.bandMayReply) return "too-young";
  if (!state.repliesAllowed) return "replies-off";
  return null;
}

type ReplyOutcome = { ok: true; messageId: string } | { ok: false; refusal: ReplyRefusal };

/**
 * The person's reply in one of their own conversations. `body` is already checked by the form's
 * schema (words.ts `messageBody`). Refused, with nothing written, when the conversation is closed,
 * replies are off, the person is under 8 and the service keeps them read-only, or the account has
 * sent too many messages lately; a conversation not theirs throws a 404 Response. The checks are
 * made again inside the transaction, under the conversation's row lock, so a worker turning
 * replies off meanwhile wins.
 */
export async function replyAsPerson(viewer: PersonViewer, threadId: string, body: string, now: Date = new Date()): Promise<ReplyOutcome> {
  const personId = viewer.person.id;
  const check = async (client: Client) => {
    const thread = await client.messageThread.findFirst({ where: { id: threadId, personId }, select: { id: true, staffId: true, repliesAllowed: true } });
    if (!thread) throw new Response("Not found", { status: 404 });
    const [settings, open] = await Promise.all([personSettings(client, personId, now), openWith(client, personId, [thread.staffId])]);
    return replyRefusal({ open: open.has(thread.staffId), repliesAllowed: thread.repliesAllowed, bandMayReply: settings.bandMayReply });
  };
  const before = await check(db());
  if (before) return { ok: false, refusal: before };
  const limit = await reserveAttempt([messageSendLimit({ personId })], now);
  if (!limit.ok) return { ok: false, refusal: "too-many" };
  return db().$transaction(async (tx): Promise<ReplyOutcome> => {
    await lockThread(tx, threadId);
    const refusal = await check(tx);
    if (refusal) return { ok: false, refusal };
    const messageId = await insertMessage(tx, threadId, { personId }, body, now);
    return { ok: true, messageId };
  });
}

/**
 * Removes one message (`{ messageId }`) or every message of a conversation (`{ threadId }`) from the
 * person's own view; the worker's copy stays on the record. Removing what is already removed is
 * fine; a message or conversation that is not theirs throws a 404 Response and changes nothing.
 */
export async function removeFromView(viewer: PersonViewer, what: { messageId: string } | { threadId: string }, now: Date = new Date()): Promise<void> {
  const personId = viewer.person.id;
  const client = db();
  if ("messageId" in what) {
    const found = await client.message.findFirst({ where: { id: what.messageId, thread: { personId } }, select: { id: true } });
    if (!found) throw new Response("Not found", { status: 404 });
    await client.message.updateMany({ where: { id: found.id, hiddenForPersonAt: null }, data: { hiddenForPersonAt: now } });
    return;
  }
  const thread = await client.messageThread.findFirst({ where: { id: what.threadId, personId }, select: { id: true } });
  if (!thread) throw new Response("Not found", { status: 404 });
  await client.message.updateMany({ where: { threadId: thread.id, hiddenForPersonAt: null }, data: { hiddenForPersonAt: now } });
}

// ───────────────────────────── Staff ─────────────────────────────

/** Takes the conversation's row lock for the rest of the transaction. */
async function lockThread(tx: Client, threadId: string) {
  await tx.$queryRaw`SELECT "id" FROM "MessageThread" WHERE "id" = ${threadId} FOR UPDATE`;
}

async function insertMessage(tx: Client, threadId: string, author: { personId: string } | { staffId: string }, body: string, now: Date): Promise<string> {
  const sealed = seal(body, "message");
  const row = await tx.message.create({
    data: {
      threadId,
      ...("personId" in author ? { authorPersonId: author.personId } : { authorStaffId: author.staffId }),
      bodyCipher: sealed.cipher,
      keyId: sealed.keyId,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.messageThread.update({ where: { id: threadId }, data: { lastMessageAt: now } });
  return row.id;
}

/** A row of the worker's messages page. */
export type CaseloadConversation = {
  threadId: string;
  personId: string;
  name: string;
  /** The person's messages the worker has not opened. */
  unread: number;
  /** The last message is the person's: the worker owes a reply. */
  waiting: boolean;
  lastAt: string;
};

/**
 * The worker's messages page: their own conversations with the people they may see now
 * (decision 011: never anyone not on their caseload), newest first, with unread counts and
 * whether the person is waiting for a reply. `filter`: "unread", "waiting" or everything.
 */
export async function loadCaseloadMessages(viewer: StaffViewer, filter: "all" | "unread" | "waiting" = "all"): Promise<CaseloadConversation[]> {
  const client = db();
  const threads = await client.messageThread.findMany({
    where: { staffId: viewer.staff.id, person: { AND: [{ anonymisedAt: null }, peopleVisibleTo(viewer.staff)] } },
    orderBy: { lastMessageAt: "desc" },
    select: { id: true, lastMessageAt: true, person: { select: { id: true, firstName: true, lastName: true } } },
  });
  if (threads.length === 0) return [];
  const threadId = { in: threads.map((t) => t.id) };
  const [unread, fromPerson, fromStaff] = await Promise.all([
    client.message.groupBy({ by: ["threadId"], where: { threadId, authorPersonId: { not: null }, readAt: null }, _count: { _all: true } }),
    client.message.groupBy({ by: ["threadId"], where: { threadId, authorPersonId: { not: null } }, _max: { createdAt: true } }),
    client.message.groupBy({ by: ["threadId"], where: { threadId, authorStaffId: { not: null } }, _max: { createdAt: true } }),
  ]);
  const unreadBy = new Map(unread.map((u) => [u.threadId, u._count._all]));
  const personLast = new Map(fromPerson.map((l) => [l.threadId, l._max.createdAt]));
  const staffLast = new Map(fromStaff.map((l) => [l.threadId, l._max.createdAt]));
  const rows = threads.map((t) => {
    const theirs = personLast.get(t.id) ?? null;
    const mine = staffLast.get(t.id) ?? null;
    return {
      threadId: t.id,
      personId: t.person.id,
      name: `${t.person.firstName} ${t.person.lastName}`,
      unread: unreadBy.get(t.id) ?? 0,
      waiting: theirs !== null && (mine === null || theirs >= mine),
      lastAt: t.lastMessageAt.toISOString(),
    };
  });
  return rows.filter((r) => (filter === "unread" ? r.unread > 0 : filter === "waiting" ? r.waiting : true));
}

/** A message as the worker sees it: with its read receipt and, for their own, whether the person was notified. */
export type StaffShownMessage = ShownMessage & {
  /** When the other side first opened it, or null. */
  readAt: string | null;
  /** The person removed it from their own view. */
  removedByPerson: boolean;
  /** For the worker's own messages: "sent by e-mail", or why no notification was sent; null for the person's. */
  notification: { sent: true; channel: string | null } | { sent: false; reason: string | null } | null;
};

/**
 * The worker's conversation with one person, beside the person's record: the person is looked up
 * through the access policy first (404 for anyone the worker may not see), the look is audited
 * ("message.read"), and opening it marks the person's unopened messages as read by the worker.
 * Returns the person's name, the messages (oldest first, the newest CONVERSATION_LIMIT), whether
 * the worker may send (allocated to the person now), whether replies are on, and the service's
 * templates.
 */
export async function loadConversationForStaff(viewer: StaffViewer, personId: string, now: Date = new Date()) {
  const person = await findPersonForStaff(viewer, personId);
  const client = db();
  const thread = await client.messageThread.findUnique({
    where: { personId_staffId: { personId: person.id, staffId: viewer.staff.id } },
    select: { id: true, repliesAllowed: true },
  });
  await recordAudit({
    actor: { staffId: viewer.staff.id },
    subjectPersonId: person.id,
    action: "message.read",
    reasonCode: "casework",
    detail: { threadId: thread?.id ?? null },
  });
  if (thread) await client.message.updateMany({ where: { threadId: thread.id, authorPersonId: { not: null }, readAt: null }, data: { readAt: now } });
  const [rows, allocated, templates] = await Promise.all([
    thread
      ? client.message.findMany({
          where: { threadId: thread.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: CONVERSATION_LIMIT,
          select: {
            id: true,
            createdAt: true,
            authorStaffId: true,
            bodyCipher: true,
            keyId: true,
            readAt: true,
            hiddenForPersonAt: true,
            notifications: { orderBy: { createdAt: "desc" }, take: 1, select: { outcome: true, channel: true, reason: true } },
          },
        })
      : Promise.resolve([]),
    openWith(client, person.id, [viewer.staff.id]),
    listTemplates(viewer.staff.serviceId),
  ]);
  const messages: StaffShownMessage[] = rows.reverse().map((m) => {
    const n = m.notifications[0];
    return {
      id: m.id,
      at: m.createdAt.toISOString(),
      mine: m.authorStaffId !== null,
      text: open_(m),
      readAt: m.readAt?.toISOString() ?? null,
      removedByPerson: m.hiddenForPersonAt !== null,
      notification: m.authorStaffId === null ? null : n?.outcome === "SENT" ? { sent: true, channel: n.channel } : { sent: false, reason: n?.reason ?? null },
    };
  });
  return {
    person: { id: person.id, name: `${person.firstName} ${person.lastName}` },
    threadId: thread?.id ?? null,
    repliesAllowed: thread?.repliesAllowed ?? true,
    maySend: allocated.has(viewer.staff.id),
    messages,
    templates,
  };
}

type StaffSendOutcome = { ok: true; messageId: string; notification: NotifyResult } | { ok: false; refusal: "not-allocated" | "too-many" };

/**
 * A worker's message to a person allocated to them, starting their conversation if there is none
 * (one per worker and person: a unique index, so two first messages at once make one
 * conversation). `body` is checked by words.ts `messageBody`. A person the worker may not see
 * throws a 404 Response; one they see but are not allocated to (a case manager holding the family)
 * is refused. Audited ("message.send", ids only). After the message is committed, the person is
 * told "You have a new message" only on their safe channel inside their safe times
 * (notifyPerson); the attempt, sent or skipped, is recorded against the message for the worker.
 */
export async function sendAsStaff(viewer: StaffViewer, personId: string, body: string, now: Date = new Date()): Promise<StaffSendOutcome> {
  const person = await findPersonForStaff(viewer, personId);
  const staffId = viewer.staff.id;
  if (!(await openWith(db(), person.id, [staffId])).has(staffId)) return { ok: false, refusal: "not-allocated" };
  const limit = await reserveAttempt([messageSendLimit({ staffId })], now);
  if (!limit.ok) return { ok: false, refusal: "too-many" };
  const threadId = await conversationId(person.id, staffId, now);
  const sent = await db().$transaction(async (tx) => {
    await lockThread(tx, threadId);
    if (!(await openWith(tx, person.id, [staffId])).has(staffId)) return { ok: false as const, refusal: "not-allocated" as const };
    const messageId = await insertMessage(tx, threadId, { staffId }, body, now);
    await recordAudit({ actor: { staffId }, subjectPersonId: person.id, action: "message.send", reasonCode: "casework", detail: { threadId, messageId } }, tx);
    return { ok: true as const, messageId };
  });
  if (!sent.ok) return sent;
  const notification = await notifyPerson(person.id, "new-message", now, db(), { messageId: sent.messageId });
  return { ...sent, notification };
}

/** The id of the worker's conversation with the person, made if there is none (a race makes one). */
async function conversationId(personId: string, staffId: string, now: Date): Promise<string> {
  const where = { personId_staffId: { personId, staffId } };
  const existing = await db().messageThread.findUnique({ where, select: { id: true } });
  if (existing) return existing.id;
  try {
    return (await db().messageThread.create({ data: { personId, staffId, createdAt: now, lastMessageAt: now }, select: { id: true } })).id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db().messageThread.findUniqueOrThrow({ where, select: { id: true } })).id;
  }
}

/**
 * Turns the person's replies on or off in the worker's own conversation with them (404 for a
 * person the worker may not see; refused when there is no conversation yet or the worker is not
 * allocated). Audited ("message.replies").
 */
export async function setReplies(viewer: StaffViewer, personId: string, allowed: boolean): Promise<{ ok: boolean }> {
  const person = await findPersonForStaff(viewer, personId);
  const staffId = viewer.staff.id;
  if (!(await openWith(db(), person.id, [staffId])).has(staffId)) return { ok: false };
  return db().$transaction(async (tx) => {
    const { count } = await tx.messageThread.updateMany({ where: { personId: person.id, staffId }, data: { repliesAllowed: allowed } });
    if (count === 0) return { ok: false };
    await recordAudit({ actor: { staffId }, subjectPersonId: person.id, action: "message.replies", reasonCode: "casework", detail: { allowed } }, tx);
    return { ok: true };
  });
}

// ───────────────────────────── The service's templates and settings ─────────────────────────────

/** The service's templates in use, by title. */
export async function listTemplates(serviceId: string) {
  return db().messageTemplate.findMany({ where: { serviceId, archivedAt: null }, orderBy: { title: "asc" }, select: { id: true, title: true, body: true } });
}

/** One template of the service's in use, or null (another service's id is null too). */
export async function findTemplate(serviceId: string, templateId: string) {
  return db().messageTemplate.findFirst({ where: { id: templateId, serviceId, archivedAt: null }, select: { id: true, title: true, body: true } });
}

/**
 * Adds a template to the viewer's service (a manager or administrator; the route checks the role).
 * A title already in use (even by a withdrawn one) is refused: returns { ok: false }.
 */
export async function addTemplate(viewer: StaffViewer, input: { title: string; body: string }): Promise<{ ok: boolean }> {
  try {
    await db().$transaction(async (tx) => {
      const row = await tx.messageTemplate.create({ data: { serviceId: viewer.staff.serviceId, title: input.title, body: input.body }, select: { id: true } });
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, action: "message-template.create", reasonCode: "administration", detail: { templateId: row.id } },
        tx,
      );
    });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false };
    throw error;
  }
}

/** Withdraws one of the service's templates; false when it is not one of theirs in use. */
export async function archiveTemplate(viewer: StaffViewer, templateId: string, now: Date = new Date()): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.messageTemplate.updateMany({
      where: { id: templateId, serviceId: viewer.staff.serviceId, archivedAt: null },
      data: { archivedAt: now },
    });
    if (count === 0) return false;
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "message-template.archive", reasonCode: "administration", detail: { templateId } }, tx);
    return true;
  });
}

/** The service's message settings. */
export async function loadMessageSettings(serviceId: string) {
  return db().service.findUniqueOrThrow({ where: { id: serviceId }, select: { messagesDisappearAfterDays: true, messageRepliesUnder8: true } });
}

/** Saves the service's message settings (days 1–365 or null for never; the database checks it too). Audited. */
export async function saveMessageSettings(
  viewer: StaffViewer,
  input: { messagesDisappearAfterDays: number | null; messageRepliesUnder8: boolean },
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.service.update({ where: { id: viewer.staff.serviceId }, data: input });
    await recordAudit({ actor: { staffId: viewer.staff.id }, action: "service.messages.update", reasonCode: "administration" }, tx);
  });
}
