import type { Client } from "~/person-data/rules";
import { deletePersonRows, deleteRows, type RegisterPart } from "~/person-data/rules";

/**
 * Messages' part of the person-data register (app/person-data/register.server.ts): a person's
 * conversations with their workers.
 */
export const messageData = {
  MessageThread: {
    holds: { by: "person", columns: { personId: "the person in the conversation (the other side is one worker)" } },
    merge: {
      action: "de-duplicate",
      note: "One conversation per worker: a conversation with a worker the record kept already talks to joins that one.",
      run: (tx, { keepId, duplicateId }) => mergeThreads(tx, duplicateId, keepId),
    },
    retention: {
      action: "delete",
      countAs: "messageThreads",
      rows: deletePersonRows((c) => c.messageThread),
    },
    subjectAccess: { action: "include", section: "messages", fields: { staffId: "With", createdAt: "From" } },
    timeline: { action: "hide", note: "A conversation is shown through its messages." },
  },
  Message: {
    holds: {
      by: "person",
      columns: { authorPersonId: "the person who wrote it (null for a worker's message)" },
      parent: "MessageThread",
    },
    merge: {
      action: "move",
      note: "Messages move with their conversation; what the duplicate wrote is then credited to the record kept.",
      run: (tx, { keepId, duplicateId }) => tx.message.updateMany({ where: { authorPersonId: duplicateId }, data: { authorPersonId: keepId } }),
    },
    retention: {
      action: "delete",
      countAs: "messages",
      cascadesFrom: "MessageThread",
      // Their own threads hold the worker's messages too; `authorPersonId` catches anything the person
      // wrote that a thread of theirs does not hold (there should be none: a thread has one person).
      rows: deleteRows(
        (c) => c.message,
        (personId) => ({ OR: [{ thread: { personId } }, { authorPersonId: personId }] }),
      ),
    },
    subjectAccess: {
      action: "include",
      section: "messages",
      fields: { createdAt: "When", authorPersonId: "From", authorStaffId: "From", bodyCipher: "Text" },
      review: "when the text mentions a family member or a relationship word",
    },
    timeline: { action: "show", kinds: ["message"] },
  },
  MessageTemplate: {
    holds: "nothing",
    note: "Words the service keeps for messages its workers send often; a message made from one is sealed and held as any other.",
  },
} satisfies RegisterPart<"MessageThread" | "Message" | "MessageTemplate">;

/**
 * The duplicate's conversations move to the kept record. A conversation with a worker the kept
 * record already talks to joins that one, so the person sees one conversation per worker.
 */
async function mergeThreads(tx: Client, duplicateId: string, keepId: string) {
  const threadsOf = (personId: string) => tx.messageThread.findMany({ where: { personId }, select: { id: true, staffId: true, lastMessageAt: true } });
  const keptByWorker = new Map((await threadsOf(keepId)).map((t) => [t.staffId, t]));
  for (const thread of await threadsOf(duplicateId)) {
    const into = keptByWorker.get(thread.staffId);
    if (!into) {
      await tx.messageThread.update({ where: { id: thread.id }, data: { personId: keepId } });
      continue;
    }
    await tx.message.updateMany({ where: { threadId: thread.id }, data: { threadId: into.id } });
    if (thread.lastMessageAt > into.lastMessageAt) await tx.messageThread.update({ where: { id: into.id }, data: { lastMessageAt: thread.lastMessageAt } });
    await tx.messageThread.delete({ where: { id: thread.id } });
  }
}
