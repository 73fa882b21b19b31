/**
 * Staff codes reach only the member of staff (issue 14, "An administrator can become any worker";
 * docs/decisions/021-staff-codes-reach-only-the-staff-member.md). E-mail goes through a real SMTP
 * server started here (smtp-server); the team page is called through its route module.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createService, createStaff } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { answerFrom } from "../../tests/support/route-answer";
import { startSmtpForApp } from "../../tests/support/smtp";
import { completeEnrolment, redeemEnrolmentCode } from "~/auth/enrolment.server";
import { handleNewSession, getViewer } from "~/auth/session.server";
import { action as teamAction } from "~/routes/staff.team";
import { staffCodeNotices } from "./team.server";

const database = useAppDatabase();
const context = { clientAddress: "192.0.2.9" };
/** Any staff code in a page or mail: 8 characters of the code alphabet, as XXXX-XXXX. */
const CODE = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

let restore: (() => Promise<void>) | undefined;
afterEach(async () => {
  await restore?.();
  restore = undefined;
});

/** Runs the test with e-mail configured to the SMTP server in the test. */
async function withMail() {
  const smtp = await startSmtpForApp();
  restore = smtp.close;
  return smtp;
}

async function setting() {
  const prisma = database().prisma;
  const service = await createService(prisma);
  const admin = await createStaff(prisma, { serviceId: service.id, role: "ADMIN" });
  const secondAdmin = await createStaff(prisma, { serviceId: service.id, role: "ADMIN" });
  const worker = await createStaff(prisma, { serviceId: service.id, role: "WORKER", specialism: "ADULT_SURVIVOR_ADVOCATE" });
  return { prisma, admin, secondAdmin, worker };
}

/** An administrator's session that has just proved it is them (step-up is tested elsewhere). */
async function proven(staffId: string) {
  return (await handleNewSession(new Request("http://localhost/"), { staffId }, "passkey", { proven: true })).split(";")[0] ?? "";
}

async function team(cookie: string, form: Record<string, string>) {
  const answer = await answerFrom(() =>
    teamAction({
      request: new Request("http://localhost/staff/team", { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form) }),
      params: {},
      context,
    }),
  );
  return { status: answer.status, body: answer.body };
}

describe("a new code for a member of staff, with e-mail configured", () => {
  it("goes to the staff member's work address only: the administrator's page never holds it", async () => {
    const smtp = await withMail();
    const { admin, worker } = await setting();
    const answer = await team(await proven(admin.id), { intent: "code", staffId: worker.id });
    expect(answer.status).toBe(200);
    expect(answer.body).not.toMatch(CODE);
    expect(JSON.parse(answer.body)).toMatchObject({ outcome: { kind: "sent" } });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual([worker.email]);
    expect(mail?.from).toBe("no-reply@portal.example.org");
    const code = CODE.exec(mail?.raw ?? "")?.[0];
    if (!code) throw new Error("no code in the mail");
    // It is the worker's code, and it works once.
    const redeemed = await redeemEnrolmentCode(code, "192.0.2.10");
    expect(redeemed).toMatchObject({ ok: true, principal: { staffId: worker.id } });
  });

  it("a new member of staff's invitation goes by e-mail too", async () => {
    const smtp = await withMail();
    const { admin } = await setting();
    const answer = await team(await proven(admin.id), {
      intent: "invite",
      displayName: "Ada Lane",
      email: "ada.lane@service.example",
      role: "MANAGER",
      specialism: "",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).not.toMatch(CODE);
    expect(smtp.received.map((m) => m.to)).toEqual([["ada.lane@service.example"]]);
    expect(smtp.received[0]?.raw).toMatch(CODE);
  });
});

describe("a new code for a member of staff, without e-mail", () => {
  it("is not shown to the administrator who asked, who cannot release it either; a second administrator can", async () => {
    const { prisma, admin, secondAdmin, worker } = await setting();
    const asker = await proven(admin.id);
    const asked = await team(asker, { intent: "code", staffId: worker.id });
    expect(asked.status).toBe(200);
    expect(asked.body).not.toMatch(CODE);
    expect(JSON.parse(asked.body)).toMatchObject({ outcome: { kind: "requested" } });
    expect(await prisma.enrolmentCode.count()).toBe(0);

    const request = await prisma.staffCodeRequest.findFirstOrThrow({ where: { staffId: worker.id } });
    const selfRelease = await team(asker, { intent: "release", requestId: request.id });
    expect(selfRelease.status).toBe(404);
    expect(selfRelease.body).not.toMatch(CODE);
    expect(await prisma.enrolmentCode.count()).toBe(0);

    // The database keeps the rule whatever the code does.
    await expect(prisma.staffCodeRequest.update({ where: { id: request.id }, data: { releasedById: admin.id, releasedAt: new Date() } })).rejects.toThrow();
    await expect(prisma.staffCodeRequest.update({ where: { id: request.id }, data: { releasedById: worker.id, releasedAt: new Date() } })).rejects.toThrow();

    const released = await team(await proven(secondAdmin.id), { intent: "release", requestId: request.id });
    expect(released.status).toBe(200);
    const code = CODE.exec(released.body)?.[0];
    if (!code) throw new Error("no code for the second administrator");
    expect(await redeemEnrolmentCode(code, "192.0.2.10")).toMatchObject({ ok: true, principal: { staffId: worker.id } });
    // Released once only.
    expect((await team(await proven(secondAdmin.id), { intent: "release", requestId: request.id })).status).toBe(404);
    expect(await prisma.auditEvent.count({ where: { action: { in: ["staff-code.request", "staff-code.release"] } } })).toBe(2);
  });

  it("an administrator asking for their own code has it released by another administrator, not themselves", async () => {
    const { prisma, admin, secondAdmin } = await setting();
    const mine = await proven(admin.id);
    await team(mine, { intent: "code", staffId: admin.id });
    const request = await prisma.staffCodeRequest.findFirstOrThrow({ where: { staffId: admin.id } });
    expect((await team(mine, { intent: "release", requestId: request.id })).status).toBe(404);
    expect((await team(await proven(secondAdmin.id), { intent: "release", requestId: request.id })).status).toBe(200);
  });
});

describe("the member of staff is told", () => {
  it("on their next sign-in, which codes were made for them, by whom, and whether they were used", async () => {
    const smtp = await withMail();
    const { admin, worker } = await setting();
    await proven(worker.id); // an earlier sign-in
    await new Promise((resolve) => setTimeout(resolve, 5));
    await team(await proven(admin.id), { intent: "code", staffId: worker.id });
    const code = CODE.exec(smtp.received[0]?.raw ?? "")?.[0] ?? "";
    const redeemed = await redeemEnrolmentCode(code, "192.0.2.10");
    expect(redeemed).toMatchObject({ ok: true });
    // Enrolment finishes when the passkey is saved, which marks the code used.
    const issued = await database().prisma.enrolmentCode.findFirstOrThrow({ where: { staffId: worker.id } });
    expect(await completeEnrolment(issued.id)).toBe(true);

    const cookie = await proven(worker.id);
    const viewer = await getViewer(new Request("http://localhost/staff", { headers: { Cookie: cookie } }));
    if (viewer?.type !== "staff") throw new Error("not signed in");
    const notices = await staffCodeNotices(viewer);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ by: admin.displayName });
    expect(notices[0]?.usedAt).not.toBeNull();
  });
});
