/**
 * Bad input to the message forms, through the routes' own actions with real sessions (issue 11,
 * "Bad input"): empty, whitespace-only, over-long and malformed messages; replying where replies
 * are off; ids of someone else's conversation or message in the URL or in the form body. Each is
 * answered with a clear status (400, 409 or 404) and nothing is written.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { action as personAction } from "../../app/routes/_user.messages.$threadId";
import { action as staffAction } from "../../app/routes/staff.people.$personId_.messages";
import { useAppDatabase } from "../support/app-database";
import { answerFrom } from "../support/route-answer";
import { twoFamilies, type TwoFamilies } from "../support/worlds";

const database = useAppDatabase();
let world: TwoFamilies;

beforeEach(async () => {
  world = await twoFamilies(database().prisma);
});

function post(cookie: string | null, body: Record<string, string>) {
  const headers = new Headers({ "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" });
  if (cookie) headers.set("Cookie", cookie);
  return new Request("http://localhost/messages/x", { method: "POST", headers, body: new URLSearchParams(body) });
}

const context = { clientAddress: "192.0.2.1" };

async function asSurvivor(threadId: string, body: Record<string, string>) {
  return answerFrom(() => personAction({ request: post(world.cookies.survivor, body), params: { threadId }, context }));
}

async function asWorker(personId: string, body: Record<string, string>) {
  return answerFrom(() => staffAction({ request: post(world.cookies.worker, body), params: { personId }, context }));
}

/** Every message and what the person sees of it, to check that a refusal wrote nothing. */
const snapshot = () =>
  database().prisma.message.findMany({ orderBy: { id: "asc" }, select: { id: true, threadId: true, hiddenForPersonAt: true, readAt: true } });

describe("the person's conversation form", () => {
  it("refuses empty, whitespace-only, over-long, malformed and unknown-intent posts with 400 and writes nothing", async () => {
    const before = await snapshot();
    const bodies: Record<string, string>[] = [
      { intent: "reply", body: "" },
      { intent: "reply", body: " \n\t " },
      { intent: "reply", body: "x".repeat(4001) },
      { intent: "reply", body: "a\u0000b" },
      { intent: "reply" },
      { intent: "shout", body: "hi" },
      { intent: "remove" },
      {},
    ];
    for (const body of bodies) {
      const answer = await asSurvivor(world.threads.own, body);
      expect(answer.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another family's message id in the form body, and for another family's conversation in the URL", async () => {
    const before = await snapshot();
    const theirs = await database().prisma.message.findFirstOrThrow({ where: { threadId: world.threads.other }, select: { id: true } });
    expect((await asSurvivor(world.threads.own, { intent: "remove", messageId: theirs.id })).status).toBe(404);
    expect((await asSurvivor(world.threads.other, { intent: "reply", body: "hello" })).status).toBe(404);
    expect((await asSurvivor(world.threads.other, { intent: "remove-all" })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a reply where replies are off with 409, and takes one where they are on", async () => {
    await database().prisma.messageThread.update({ where: { id: world.threads.own }, data: { repliesAllowed: false } });
    const before = await snapshot();
    const refused = await asSurvivor(world.threads.own, { intent: "reply", body: "Can I reply?" });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain("Replies are turned off");
    expect(await snapshot()).toEqual(before);
    await database().prisma.messageThread.update({ where: { id: world.threads.own }, data: { repliesAllowed: true } });
    expect((await asSurvivor(world.threads.own, { intent: "reply", body: "Can I reply?" })).status).toBe(200);
    expect(await database().prisma.message.count({ where: { threadId: world.threads.own } })).toBe(
      before.filter((m) => m.threadId === world.threads.own).length + 1,
    );
  });
});

describe("the person using harmful behaviour in the same family", () => {
  it("cannot reach the survivor's conversation by its id in the URL, nor her message by its id in his own conversation's form", async () => {
    const prisma = database().prisma;
    const changeWorker = await prisma.staffMember.create({
      data: {
        serviceId: world.own.harmful.serviceId,
        displayName: "Quinn Changeworker",
        email: "quinn@service.example",
        role: "WORKER",
        specialism: "BEHAVIOUR_CHANGE_WORKER",
      },
    });
    await prisma.allocation.create({ data: { personId: world.own.harmful.id, staffId: changeWorker.id } });
    const his = await prisma.messageThread.create({ data: { personId: world.own.harmful.id, staffId: changeWorker.id } });
    const hers = await prisma.message.findFirstOrThrow({ where: { threadId: world.threads.own }, select: { id: true } });
    const before = await snapshot();
    const asHim = (threadId: string, body: Record<string, string>) =>
      answerFrom(() => personAction({ request: post(world.cookies["harmful-behaviour"], body), params: { threadId }, context }));
    const bodies: Record<string, string>[] = [{ intent: "reply", body: "hello" }, { intent: "remove-all" }, { intent: "remove", messageId: hers.id }];
    for (const body of bodies) {
      expect((await asHim(world.threads.own, body)).status).toBe(404);
    }
    expect((await asHim(his.id, { intent: "remove", messageId: hers.id })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the worker's conversation form", () => {
  it("refuses bad messages with 400, another family's person with 404, and sends a good one", async () => {
    const before = await snapshot();
    const bodies: Record<string, string>[] = [
      { intent: "send", body: "   " },
      { intent: "send", body: "x".repeat(4001) },
      { intent: "replies", allowed: "maybe" },
      { intent: "nothing" },
    ];
    for (const body of bodies) {
      expect((await asWorker(world.own.survivor.id, body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await asWorker(world.other.survivor.id, { intent: "send", body: "hello" })).status).toBe(404);
    expect((await asWorker(world.own.harmful.id, { intent: "send", body: "hello" })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const sent = await asWorker(world.own.survivor.id, { intent: "send", body: "See you Thursday" });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain("No notification was sent");
  });
});
