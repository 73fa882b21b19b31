/**
 * Messages against a real database (PGlite by default; PostgreSQL with TEST_DATABASE_URL): one
 * world built once, each test with a family and workers of its own so that tests do not meet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabase } from "~/db.server";
import type { Family, Person, StaffMember } from "~/generated/prisma/client";
import { loadPersonHome } from "~/home/home.server";
import { allocate, createArea, createFamily, createPerson, createService, createStaff, dateOfBirthForAge } from "../../tests/fixtures/factory";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { expectNotFound, personViewer, staffViewer } from "../../tests/support/viewers";
import {
  addTemplate,
  archiveTemplate,
  listTemplates,
  loadCaseloadMessages,
  loadConversationForStaff,
  loadInbox,
  loadOwnConversation,
  removeFromView,
  replyAsPerson,
  sendAsStaff,
  setReplies,
  unreadCount,
} from "./messages.server";
import { MAX_MESSAGE_CHARACTERS, messageBody } from "./words";

let database: TestDatabase;
let serviceId: string;
let areaId: string;

const NOW = new Date("2027-03-01T10:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase({ kind: "external", prisma: database.prisma, close: database.close });
  serviceId = (await createService(database.prisma, { name: "Riverside" })).id;
  areaId = (await createArea(database.prisma, { serviceId })).id;
}, 120_000);

afterAll(async () => {
  setDatabase(undefined);
  await database?.close();
});

type World = {
  family: Family;
  survivor: Person;
  harmful: Person;
  child: Person;
  advocate: StaffMember;
  bcw: StaffMember;
  kidsWorker: StaffMember;
  holder: StaffMember;
};

/** A family of three held by a case manager, each member with a worker of their own. */
async function world(childAge = 10): Promise<World> {
  const prisma = database.prisma;
  const holder = await createStaff(prisma, { serviceId, role: "CASE_MANAGER" });
  const family = await createFamily(prisma, { serviceId, areaId, caseManagerId: holder.id });
  const advocate = await createStaff(prisma, { serviceId, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const bcw = await createStaff(prisma, { serviceId, role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER" });
  const kidsWorker = await createStaff(prisma, { serviceId, role: "WORKER", specialism: "CHILDRENS_CASEWORKER" });
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR" });
  const harmful = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR" });
  const child = await createPerson(prisma, { family, kind: "YOUNG_PERSON", dateOfBirth: dateOfBirthForAge(childAge, NOW) });
  await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
  await allocate(prisma, { personId: harmful.id, staffId: bcw.id });
  await allocate(prisma, { personId: child.id, staffId: kidsWorker.id });
  return { family, survivor, harmful, child, advocate, bcw, kidsWorker, holder };
}

async function send(staff: StaffMember, person: Person, text: string, at = NOW) {
  const sent = await sendAsStaff(staffViewer(staff), person.id, text, at);
  if (!sent.ok) throw new Error(`not sent: ${sent.refusal}`);
  return sent;
}

/** Everything the person's own pages read, for comparing before and after something happens elsewhere. */
async function whatTheySee(person: Person, at = NOW) {
  const viewer = personViewer(person);
  return { inbox: await loadInbox(viewer, at), home: await loadPersonHome(person.id, at), unread: await unreadCount(person.id) };
}

describe("messages", () => {
  it("a worker's message reaches the survivor's inbox as unread; opening it sets the read time the worker sees; her reply waits for the worker", async () => {
    const w = await world();
    await send(w.advocate, w.survivor, "Hello, is Thursday still good? https://example.org/a?b=<c>");
    const inbox = await loadInbox(personViewer(w.survivor), later(1));
    expect(inbox.conversations).toEqual([expect.objectContaining({ with: w.advocate.displayName, unread: 1, open: true })]);
    expect((await loadPersonHome(w.survivor.id, later(1))).unreadMessages).toBe(1);

    const threadId = inbox.conversations[0]?.id ?? "";
    const seen = await loadOwnConversation(personViewer(w.survivor), threadId, later(2));
    expect(seen.messages.map((m) => [m.mine, m.text])).toEqual([[false, "Hello, is Thursday still good? https://example.org/a?b=<c>"]]);
    expect(seen.mayReply).toBe(true);
    expect(await unreadCount(w.survivor.id)).toBe(0);

    // The read time is the first opening, and stays so.
    await loadOwnConversation(personViewer(w.survivor), threadId, later(30));
    const workerView = await loadConversationForStaff(staffViewer(w.advocate), w.survivor.id, later(31));
    expect(workerView.messages[0]?.readAt).toBe(later(2).toISOString());

    expect(await replyAsPerson(personViewer(w.survivor), threadId, "Yes, thank you", later(40))).toEqual({ ok: true, messageId: expect.any(String) });
    const caseload = await loadCaseloadMessages(staffViewer(w.advocate));
    expect(caseload).toEqual([expect.objectContaining({ personId: w.survivor.id, unread: 1, waiting: true })]);
    expect(await loadCaseloadMessages(staffViewer(w.advocate), "waiting")).toHaveLength(1);
    // Opening the conversation reads her reply; answering it ends the wait.
    const opened = await loadConversationForStaff(staffViewer(w.advocate), w.survivor.id, later(41));
    expect(opened.messages.map((m) => [m.mine, m.text])).toEqual([
      [true, "Hello, is Thursday still good? https://example.org/a?b=<c>"],
      [false, "Yes, thank you"],
    ]);
    expect(await loadCaseloadMessages(staffViewer(w.advocate), "unread")).toEqual([]);
    await send(w.advocate, w.survivor, "See you then", later(42));
    expect(await loadCaseloadMessages(staffViewer(w.advocate), "waiting")).toEqual([]);
    // Reading and sending are audited for staff.
    const audit = await database.prisma.auditEvent.findMany({ where: { actorStaffId: w.advocate.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["message.read", "message.read", "message.send", "message.send"]);
  });

  it("one conversation per worker and person, however many messages", async () => {
    const w = await world();
    await Promise.all([send(w.advocate, w.survivor, "One"), send(w.advocate, w.survivor, "Two")]);
    expect(await database.prisma.messageThread.count({ where: { personId: w.survivor.id } })).toBe(1);
    expect(await database.prisma.message.count({ where: { thread: { personId: w.survivor.id } } })).toBe(2);
  });

  it("what is sent to the survivor changes nothing the person using harmful behaviour or the child can see", async () => {
    const w = await world();
    await send(w.bcw, w.harmful, "Session notes are ready");
    const before = { harmful: await whatTheySee(w.harmful), child: await whatTheySee(w.child) };
    await send(w.advocate, w.survivor, "A message for her only");
    const thread = (await loadInbox(personViewer(w.survivor))).conversations[0]?.id ?? "";
    await replyAsPerson(personViewer(w.survivor), thread, "Her reply", later(1));
    expect({ harmful: await whatTheySee(w.harmful), child: await whatTheySee(w.child) }).toEqual(before);
    // And her conversation answers him 404 everywhere, by id.
    await expectNotFound(loadOwnConversation(personViewer(w.harmful), thread));
    await expectNotFound(replyAsPerson(personViewer(w.harmful), thread, "Let me in"));
    await expectNotFound(removeFromView(personViewer(w.harmful), { threadId: thread }));
    const herMessage = await database.prisma.message.findFirstOrThrow({ where: { threadId: thread }, select: { id: true } });
    await expectNotFound(removeFromView(personViewer(w.harmful), { messageId: herMessage.id }));
    expect(await database.prisma.message.count({ where: { threadId: thread } })).toBe(2);
    expect(await database.prisma.message.count({ where: { threadId: thread, hiddenForPersonAt: { not: null } } })).toBe(0);
  });

  it("a child's messages are never visible to either parent's account", async () => {
    const w = await world();
    const before = { survivor: await whatTheySee(w.survivor), harmful: await whatTheySee(w.harmful) };
    await send(w.kidsWorker, w.child, "Hi! Well done today.");
    const thread = (await loadInbox(personViewer(w.child))).conversations[0]?.id ?? "";
    expect(thread).not.toBe("");
    expect({ survivor: await whatTheySee(w.survivor), harmful: await whatTheySee(w.harmful) }).toEqual(before);
    for (const parent of [w.survivor, w.harmful]) {
      await expectNotFound(loadOwnConversation(personViewer(parent), thread));
      await expectNotFound(replyAsPerson(personViewer(parent), thread, "What did they say?"));
    }
  });

  it("a worker not allocated to a child never sees the child's messages; the case manager reads them but sends only when allocated", async () => {
    const w = await world();
    await send(w.kidsWorker, w.child, "Hi! See you at school on Monday.");
    await expectNotFound(loadConversationForStaff(staffViewer(w.advocate), w.child.id));
    await expectNotFound(sendAsStaff(staffViewer(w.advocate), w.child.id, "Hello"));
    await expectNotFound(loadConversationForStaff(staffViewer(w.bcw), w.child.id));
    expect(await loadCaseloadMessages(staffViewer(w.advocate))).toEqual([]);
    const holder = await loadConversationForStaff(staffViewer(w.holder), w.child.id);
    expect(holder.maySend).toBe(false);
    expect(await sendAsStaff(staffViewer(w.holder), w.child.id, "Hello")).toEqual({ ok: false, refusal: "not-allocated" });
    expect(await database.prisma.message.count({ where: { thread: { personId: w.child.id } } })).toBe(1);
  });

  it("replies off, and a closed conversation, refuse the person's reply and write nothing; the history stays", async () => {
    const w = await world();
    await send(w.advocate, w.survivor, "Please call me when it is safe");
    const thread = (await loadInbox(personViewer(w.survivor))).conversations[0]?.id ?? "";
    expect(await setReplies(staffViewer(w.advocate), w.survivor.id, false)).toEqual({ ok: true });
    expect(await replyAsPerson(personViewer(w.survivor), thread, "ok")).toEqual({ ok: false, refusal: "replies-off" });
    expect((await loadOwnConversation(personViewer(w.survivor), thread)).refusal).toBe("replies-off");
    await setReplies(staffViewer(w.advocate), w.survivor.id, true);

    await database.prisma.allocation.updateMany({ where: { personId: w.survivor.id, staffId: w.advocate.id }, data: { endedAt: later(5) } });
    expect(await replyAsPerson(personViewer(w.survivor), thread, "ok", later(10))).toEqual({ ok: false, refusal: "closed" });
    const after = await loadOwnConversation(personViewer(w.survivor), thread, later(10));
    expect(after).toMatchObject({ mayReply: false, refusal: "closed" });
    expect(after.messages).toHaveLength(1);
    expect((await loadInbox(personViewer(w.survivor), later(10))).conversations).toEqual([expect.objectContaining({ open: false })]);
    // The worker no longer sees her at all (decision 011); nothing was written.
    await expectNotFound(sendAsStaff(staffViewer(w.advocate), w.survivor.id, "Still there?", later(11)));
    expect(await database.prisma.message.count({ where: { threadId: thread } })).toBe(1);
  });

  it("under-8s read only unless the service turns replies on for them", async () => {
    const w = await world(6);
    await send(w.kidsWorker, w.child, "Hello! See you soon.");
    const thread = (await loadInbox(personViewer(w.child))).conversations[0]?.id ?? "";
    expect((await loadOwnConversation(personViewer(w.child), thread)).refusal).toBe("too-young");
    expect(await replyAsPerson(personViewer(w.child), thread, "hi")).toEqual({ ok: false, refusal: "too-young" });
    await database.prisma.service.update({ where: { id: serviceId }, data: { messageRepliesUnder8: true } });
    try {
      expect(await replyAsPerson(personViewer(w.child), thread, "hi")).toEqual({ ok: true, messageId: expect.any(String) });
    } finally {
      await database.prisma.service.update({ where: { id: serviceId }, data: { messageRepliesUnder8: false } });
    }
  });

  it("removed from her view: one message, then the whole conversation; the worker's copy stays, marked", async () => {
    const w = await world();
    await send(w.advocate, w.survivor, "First", NOW);
    await send(w.advocate, w.survivor, "Second", later(1));
    const thread = (await loadInbox(personViewer(w.survivor), later(2))).conversations[0]?.id ?? "";
    const [first] = (await loadOwnConversation(personViewer(w.survivor), thread, later(2))).messages;
    await removeFromView(personViewer(w.survivor), { messageId: first?.id ?? "" }, later(3));
    expect((await loadOwnConversation(personViewer(w.survivor), thread, later(4))).messages.map((m) => m.text)).toEqual(["Second"]);
    await removeFromView(personViewer(w.survivor), { threadId: thread }, later(5));
    expect((await loadOwnConversation(personViewer(w.survivor), thread, later(6))).messages).toEqual([]);
    const worker = await loadConversationForStaff(staffViewer(w.advocate), w.survivor.id, later(7));
    expect(worker.messages.map((m) => [m.text, m.removedByPerson])).toEqual([
      ["First", true],
      ["Second", true],
    ]);
    // A new message shows again; the removed ones never do.
    await send(w.advocate, w.survivor, "Third", later(8));
    expect((await loadOwnConversation(personViewer(w.survivor), thread, later(9))).messages.map((m) => m.text)).toEqual(["Third"]);
  });

  it("read messages leave her view after the service's period; unread ones stay; the record keeps all", async () => {
    const prisma = database.prisma;
    const { person: survivor, worker: advocate } = await survivorWithWorker(prisma, { service: { messagesDisappearAfterDays: 7 }, allocated: true });
    const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
    await send(advocate, survivor, "Read long ago", day(0));
    const thread = (await loadInbox(personViewer(survivor), day(0))).conversations[0]?.id ?? "";
    await loadOwnConversation(personViewer(survivor), thread, day(1));
    await replyAsPerson(personViewer(survivor), thread, "My old reply", day(1));
    await send(advocate, survivor, "Not opened yet", day(2));
    const view = await loadInbox(personViewer(survivor), day(9));
    expect(view.disappearAfterDays).toBe(7);
    expect(view.conversations[0]?.unread).toBe(1);
    // The list is read from the inbox without opening: the unread one is all that is left.
    const rows = await prisma.message.count({ where: { threadId: thread } });
    expect(rows).toBe(3);
    const opened = await loadOwnConversation(personViewer(survivor), thread, day(9));
    expect(opened.messages.map((m) => m.text)).toEqual(["Not opened yet"]);
    expect((await loadConversationForStaff(staffViewer(advocate), survivor.id, day(9))).messages).toHaveLength(3);
  });

  it("a dump of the Message table shows no message text", async () => {
    const w = await world();
    const secret = "Meet at the library side door at 3 — bring the blue folder";
    await send(w.advocate, w.survivor, secret);
    const rows = await database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Message"`);
    const dump = JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v));
    expect(rows.length).toBeGreaterThan(0);
    expect(dump).not.toContain("library side door");
    expect(dump).not.toContain("blue folder");
    const text = await database.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT encode("bodyCipher", 'escape') AS t FROM "Message"`);
    expect(text.some((r) => r.t.includes("library"))).toBe(false);
  });

  it("a per-account limit on sending, counted in the database: the 31st message in ten minutes is refused and not written", async () => {
    const w = await world();
    const results = await Promise.all(Array.from({ length: 31 }, (_, i) => sendAsStaff(staffViewer(w.advocate), w.survivor.id, `Message ${i}`, NOW)));
    expect(results.filter((r) => r.ok)).toHaveLength(30);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: "too-many" }]);
    expect(await database.prisma.message.count({ where: { thread: { personId: w.survivor.id } } })).toBe(30);
    // Ten minutes on, the lock has lifted.
    expect((await sendAsStaff(staffViewer(w.advocate), w.survivor.id, "Later", later(11))).ok).toBe(true);
  }, 60_000);

  it("the database refuses a message with two authors or none", async () => {
    const w = await world();
    await send(w.advocate, w.survivor, "x");
    const thread = await database.prisma.messageThread.findFirstOrThrow({ where: { personId: w.survivor.id } });
    const base = { threadId: thread.id, bodyCipher: new Uint8Array(40), keyId: "k" };
    await expect(database.prisma.message.create({ data: { ...base, authorPersonId: w.survivor.id, authorStaffId: w.advocate.id } })).rejects.toThrow();
    await expect(database.prisma.message.create({ data: base })).rejects.toThrow();
  });

  it("templates belong to one service; a title is used once; a withdrawn one is no longer offered", async () => {
    const w = await world();
    const manager = await createStaff(database.prisma, { serviceId, role: "MANAGER" });
    const before = (await listTemplates(serviceId)).length;
    expect(await addTemplate(staffViewer(manager), { title: "Moved", body: "Your appointment has moved" })).toEqual({ ok: true });
    expect(await addTemplate(staffViewer(manager), { title: "Moved", body: "Again" })).toEqual({ ok: false });
    const templates = await listTemplates(serviceId);
    expect(templates).toHaveLength(before + 1);
    const otherService = await createService(database.prisma);
    const elsewhere = await createStaff(database.prisma, { serviceId: otherService.id, role: "MANAGER" });
    const id = templates.find((t) => t.title === "Moved")?.id ?? "";
    expect(await archiveTemplate(staffViewer(elsewhere), id)).toBe(false);
    expect((await loadConversationForStaff(staffViewer(w.advocate), w.survivor.id)).templates.map((t) => t.title)).toContain("Moved");
    expect(await archiveTemplate(staffViewer(manager), id)).toBe(true);
    expect((await listTemplates(serviceId)).map((t) => t.title)).not.toContain("Moved");
  });
});

describe("a message's text", () => {
  it("refuses empty, whitespace-only, over-long and malformed text; keeps the rest as typed, trimmed", () => {
    expect(messageBody.safeParse("").success).toBe(false);
    expect(messageBody.safeParse(" \n\t \r\n ").success).toBe(false);
    expect(messageBody.safeParse(undefined).success).toBe(false);
    expect(messageBody.safeParse(["a", "b"]).success).toBe(false);
    expect(messageBody.safeParse("a".repeat(MAX_MESSAGE_CHARACTERS + 1)).success).toBe(false);
    expect(messageBody.safeParse("bad \u0000 byte").success).toBe(false);
    expect(messageBody.parse("🙂".repeat(MAX_MESSAGE_CHARACTERS))).toHaveLength(MAX_MESSAGE_CHARACTERS * 2);
    expect(messageBody.parse("  <b>Hi</b>\r\nline two  ")).toBe("<b>Hi</b>\nline two");
  });
});
