/**
 * Nothing changes for the person using harmful behaviour when the survivor of his family is sent
 * messages (issue 11, decision 036): his home page and his messages pages are byte-identical before
 * and after her worker writes to her, she reads, replies and removes a message (status and HTML,
 * less the per-request nonce and the scripts, whose data is the loaders' and compared through the
 * same HTML). Whole documents come from Remix's request handler over the app's own server build
 * (as tests/frames/booking-no-tell.test.ts does), with real sessions on a fresh database.
 */
import { expect, it } from "vitest";
import { handleNewSession, requirePerson } from "../../app/auth/session.server";
import { loadInbox, loadOwnConversation, removeFromView, replyAsPerson, sendAsStaff } from "../../app/messages/messages.server";
import { allocate, createArea, createFamily, createPerson, createService, createStaff } from "../fixtures/factory";
import { useAppDatabase } from "../support/app-database";
import { useDocuments, withoutScripts } from "../support/documents";
import { staffViewer } from "../support/viewers";

const database = useAppDatabase();

const documents = useDocuments();

async function page(path: string, cookie: string) {
  const { status, html } = await documents(path, cookie);
  return { status, html: withoutScripts(html) };
}

it("keeps his home and messages pages the same while she is sent messages, reads, replies and removes one", async () => {
  const prisma = database().prisma;
  const service = await createService(prisma, { name: "Riverside" });
  const area = await createArea(prisma, { serviceId: service.id });
  const advocate = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  const behaviour = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "BEHAVIOUR_CHANGE_WORKER" });
  const family = await createFamily(prisma, { serviceId: service.id, areaId: area.id });
  const survivor = await createPerson(prisma, { family, kind: "ADULT_SURVIVOR", safetyIntroSeenAt: new Date() });
  const harmful = await createPerson(prisma, { family, kind: "HARMFUL_BEHAVIOUR", safetyIntroSeenAt: new Date() });
  await allocate(prisma, { personId: survivor.id, staffId: advocate.id });
  await allocate(prisma, { personId: harmful.id, staffId: behaviour.id });
  // He has a conversation of his own, with one unread message.
  expect((await sendAsStaff(staffViewer(behaviour), harmful.id, "Session notes are ready")).ok).toBe(true);
  const cookieOf = async (personId: string) =>
    (await handleNewSession(new Request("http://localhost/"), { personId }, "pin", { proven: true })).split(";")[0] ?? "";
  const his = await cookieOf(harmful.id);
  const hisThread = (await prisma.messageThread.findFirstOrThrow({ where: { personId: harmful.id }, select: { id: true } })).id;
  const paths = ["/home", "/messages"];
  const before = await Promise.all(paths.map((p) => page(p, his)));

  const her = await requirePerson(new Request("http://localhost/", { headers: { Cookie: await cookieOf(survivor.id) } }));
  expect((await sendAsStaff(staffViewer(advocate), survivor.id, "Please call me when it is safe")).ok).toBe(true);
  expect((await sendAsStaff(staffViewer(advocate), survivor.id, "Your appointment has moved")).ok).toBe(true);
  const thread = (await loadInbox(her)).conversations[0]?.id ?? "";
  const read = await loadOwnConversation(her, thread);
  expect((await replyAsPerson(her, thread, "Thank you")).ok).toBe(true);
  await removeFromView(her, { messageId: read.messages[0]?.id ?? "" });

  const after = await Promise.all(paths.map((p) => page(p, his)));
  for (const [i, path] of paths.entries()) {
    expect(after[i]?.status, path).toBe(200);
    expect(after[i]?.html, path).toBe(before[i]?.html);
    for (const word of [survivor.firstName, survivor.id, advocate.displayName, "Please call me"]) expect(after[i]?.html, path).not.toContain(word);
  }
  expect(before[0]?.html).toContain("1 new message.");
  // His own conversation page last (opening it reads his message): nothing of hers there either.
  const own = await page(`/messages/${hisThread}`, his);
  expect(own.status).toBe(200);
  for (const word of [survivor.firstName, advocate.displayName, "Please call me", "Thank you"]) expect(own.html).not.toContain(word);
}, 120_000);
