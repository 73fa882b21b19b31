/**
 * "Confirm it's you" (issue 14, Accounts): an open session alone cannot add a way to sign in,
 * issue codes or take an export out. Called through the real route modules on a fresh database.
 */
import { describe, expect, it } from "vitest";
import { createPerson } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorWithWorker } from "../../tests/support/worlds";
import { SoftAuthenticator } from "../../tests/support/soft-authenticator";
import { env } from "~/env.server";
import { action as registrationOptions } from "~/routes/passkeys.registration-options";
import { action as registration } from "~/routes/passkeys.registration";
import { action as confirmPasskey } from "~/routes/passkeys.confirm";
import { action as authenticationOptions } from "~/routes/passkeys.authentication-options";
import { action as authentication } from "~/routes/passkeys.authentication";
import { action as confirmPage, loader as confirmPageLoader } from "~/routes/_user.confirm";
import { action as issuePersonCode } from "~/routes/staff.people.$personId_.code";
import { loader as exportFile } from "~/routes/staff.people.$personId_.export_.$format";
import { hashPin } from "./pin.server";
import { handleNewSession } from "./session.server";
import { STEP_UP_MINUTES } from "./step-up.server";

const database = useAppDatabase();
const context = { clientAddress: "192.0.2.7" };
const PIN = "483920";

async function setting() {
  const prisma = database().prisma;
  const { person, worker } = await survivorWithWorker(prisma, { person: { safetyIntroSeenAt: new Date() }, allocated: true });
  await prisma.pinCredential.create({ data: { personId: person.id, signInName: "quiet-wren-41", hash: await hashPin(PIN) } });
  return { prisma, person, worker };
}

/** A session as a phone picked up while signed in has it: open, but nothing proven lately. */
async function bareSession(principal: { personId: string } | { staffId: string }) {
  return cookieOf(await handleNewSession(new Request("http://localhost/"), principal, "pin"));
}

function cookieOf(...setCookies: string[]) {
  return setCookies.map((c) => c.split(";")[0] ?? "").join("; ");
}

function post(path: string, cookie: string, body?: BodyInit, contentType = "application/json") {
  return new Request(`${env().WAYPOINT_ORIGIN}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": contentType, "User-Agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile" },
    body,
  });
}

async function outcome(promise: Promise<unknown>): Promise<Response> {
  try {
    const value = await promise;
    if (value instanceof Response) return value;
    return Response.json(value);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The options cookie and the options, for a session allowed to add a passkey. */
async function addPasskey(cookie: string, authenticator = new SoftAuthenticator()) {
  const started = await outcome(registrationOptions({ request: post("/passkeys/registration-options", cookie, "{}"), params: {}, context }));
  if (started.status !== 200) return { started, finished: null };
  const { options } = (await started.json()) as { options: Parameters<SoftAuthenticator["register"]>[0] };
  const challenge = started.headers.get("Set-Cookie") ?? "";
  const finished = await outcome(
    registration({
      request: post("/passkeys/registration", `${cookie}; ${cookieOf(challenge)}`, JSON.stringify(authenticator.register(options))),
      params: {},
      context,
    }),
  );
  return { started, finished };
}

async function confirmWithPin(cookie: string, pin: string, next = "/account") {
  return outcome(
    confirmPage({ request: post("/confirm", cookie, new URLSearchParams({ pin, next }), "application/x-www-form-urlencoded"), params: {}, context }),
  );
}

describe("adding a passkey from a signed-in session", () => {
  it("is refused from a bare open session: the person is sent to confirm it's them, and nothing is saved", async () => {
    const { prisma, person } = await setting();
    const cookie = await bareSession({ personId: person.id });
    const { started } = await addPasskey(cookie);
    expect(started.status).toBe(403);
    expect(await started.json()).toMatchObject({ confirm: "/confirm?next=%2Faccount" });
    // The finishing route refuses too, whatever body it is sent.
    const finished = await outcome(registration({ request: post("/passkeys/registration", cookie, "{}"), params: {}, context }));
    expect(finished.status).toBe(403);
    expect(await prisma.passkey.count()).toBe(0);
    expect(await prisma.alert.count()).toBe(0);
  });

  it("works within five minutes of the PIN, alerts the person's worker and shows on the account page", async () => {
    const { prisma, person } = await setting();
    const cookie = await bareSession({ personId: person.id });
    const confirmed = await confirmWithPin(cookie, PIN);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe("/account");

    const { finished } = await addPasskey(cookie);
    expect(finished?.status).toBe(200);
    expect(await prisma.passkey.count({ where: { personId: person.id } })).toBe(1);
    // The worker's alert, as "this wasn't me" raises one, and the audit trail.
    expect(await prisma.alert.findMany({ where: { personId: person.id }, select: { kind: true } })).toEqual([{ kind: "NEW_SIGN_IN_METHOD" }]);
    expect(await prisma.auditEvent.count({ where: { action: "account.new-sign-in-method", subjectPersonId: person.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "account.confirmed", subjectPersonId: person.id } })).toBe(1);

    const { loadAccount } = await import("./account-actions.server");
    const { getViewer } = await import("./session.server");
    const viewer = await getViewer(new Request("http://localhost/account", { headers: { Cookie: cookie } }));
    if (!viewer) throw new Error("signed out");
    const account = await loadAccount(viewer);
    expect(account.passkeys).toHaveLength(1);
    expect(account.pinSetAt).not.toBeNull();
  });

  it("is refused again once the proof is older than the window", async () => {
    const { prisma, person } = await setting();
    const cookie = await bareSession({ personId: person.id });
    await confirmWithPin(cookie, PIN);
    await prisma.session.updateMany({ data: { reauthenticatedAt: new Date(Date.now() - (STEP_UP_MINUTES * 60 + 5) * 1000) } });
    const { started } = await addPasskey(cookie);
    expect(started.status).toBe(403);
  });

  it("a wrong PIN proves nothing and counts against the same limits as signing in", async () => {
    const { prisma, person } = await setting();
    const cookie = await bareSession({ personId: person.id });
    const refused = await confirmWithPin(cookie, "000001");
    expect(refused.status).toBe(400);
    expect(await prisma.session.count({ where: { reauthenticatedAt: { not: null } } })).toBe(0);
    expect(await prisma.rateLimit.count({ where: { failures: { gte: 1 } } })).toBeGreaterThanOrEqual(1);
    expect((await addPasskey(cookie)).started.status).toBe(403);
  });

  it("sends the person back only to a page of their own part of the site", async () => {
    const { person } = await setting();
    const cookie = await bareSession({ personId: person.id });
    for (const next of ["//evil.example/", "https://evil.example/", "/staff/team", "/\\evil.example"]) {
      const page = await outcome(
        confirmPageLoader({
          request: new Request(`http://localhost/confirm?next=${encodeURIComponent(next)}`, { headers: { Cookie: cookie } }),
          params: {},
          context,
        }),
      );
      expect(((await page.json()) as { next: string }).next).toBe("/account");
    }
    const confirmed = await confirmWithPin(cookie, PIN, "//evil.example/");
    expect(confirmed.headers.get("Location")).toBe("/account");
  });

  it("a passkey sign-in counts as proof, and a passkey confirms a bare session; another account's passkey does not", async () => {
    const { prisma, person, worker } = await setting();
    const authenticator = new SoftAuthenticator();
    // Set up the passkey once, properly (PIN first).
    const first = await bareSession({ personId: person.id });
    await confirmWithPin(first, PIN);
    expect((await addPasskey(first, authenticator)).finished?.status).toBe(200);

    // Signing in with it starts a session that may add another passkey at once.
    const optionsAnswer = await outcome(authenticationOptions({ request: post("/passkeys/authentication-options", "", "{}"), params: {}, context }));
    const { options } = (await optionsAnswer.json()) as { options: Parameters<SoftAuthenticator["authenticate"]>[0] };
    const signedIn = await outcome(
      authentication({
        request: post("/passkeys/authentication", cookieOf(optionsAnswer.headers.get("Set-Cookie") ?? ""), JSON.stringify(authenticator.authenticate(options))),
        params: {},
        context,
      }),
    );
    expect(signedIn.status).toBe(200);
    const session = signedIn.headers.getSetCookie().find((c) => c.startsWith("__session") || c.includes("sid")) ?? "";
    expect((await addPasskey(cookieOf(session))).started.status).toBe(200);

    // A bare session confirmed with the passkey.
    const bare = await bareSession({ personId: person.id });
    const confirmOptions = await outcome(authenticationOptions({ request: post("/passkeys/authentication-options", "", "{}"), params: {}, context }));
    const { options: again } = (await confirmOptions.json()) as { options: Parameters<SoftAuthenticator["authenticate"]>[0] };
    const confirmed = await outcome(
      confirmPasskey({
        request: post(
          `/passkeys/confirm?next=${encodeURIComponent("/account")}`,
          `${bare}; ${cookieOf(confirmOptions.headers.get("Set-Cookie") ?? "")}`,
          JSON.stringify(authenticator.authenticate(again)),
        ),
        params: {},
        context,
      }),
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ ok: true, next: "/account" });
    expect((await addPasskey(bare)).started.status).toBe(200);

    // The person's passkey does not confirm the worker's session on the same device.
    const staffSession = await bareSession({ staffId: worker.id });
    const staffOptions = await outcome(authenticationOptions({ request: post("/passkeys/authentication-options", "", "{}"), params: {}, context }));
    const { options: third } = (await staffOptions.json()) as { options: Parameters<SoftAuthenticator["authenticate"]>[0] };
    const refused = await outcome(
      confirmPasskey({
        request: post(
          "/passkeys/confirm",
          `${staffSession}; ${cookieOf(staffOptions.headers.get("Set-Cookie") ?? "")}`,
          JSON.stringify(authenticator.authenticate(third)),
        ),
        params: {},
        context,
      }),
    );
    expect(refused.status).toBe(400);
    expect(await prisma.session.count({ where: { staffId: worker.id, reauthenticatedAt: { not: null } } })).toBe(0);
  });
});

describe("staff actions that give a way in or take data out", () => {
  it("issuing a person's code needs a recent proof; someone else's record still answers 404", async () => {
    const { prisma, person, worker } = await setting();
    const cookie = await bareSession({ staffId: worker.id });
    const request = () => post(`/staff/people/${person.id}/code`, cookie, new URLSearchParams(), "application/x-www-form-urlencoded");
    const refused = await outcome(issuePersonCode({ request: request(), params: { personId: person.id }, context }));
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe(`/staff/confirm?next=${encodeURIComponent(`/staff/people/${person.id}/code`)}`);
    expect(await prisma.enrolmentCode.count()).toBe(0);

    const stranger = await createPerson(prisma, { family: await prisma.family.findFirstOrThrow(), kind: "HARMFUL_BEHAVIOUR" });
    expect((await outcome(issuePersonCode({ request: request(), params: { personId: stranger.id }, context }))).status).toBe(404);

    await prisma.session.updateMany({ where: { staffId: worker.id }, data: { reauthenticatedAt: new Date() } });
    const issued = await outcome(issuePersonCode({ request: request(), params: { personId: person.id }, context }));
    expect(issued.status).toBe(200);
    expect(await prisma.enrolmentCode.count({ where: { personId: person.id } })).toBe(1);
  });

  it("downloading a subject access export needs a recent proof, and returns to the export page", async () => {
    const { prisma, person, worker } = await setting();
    const cookie = await bareSession({ staffId: worker.id });
    const request = () => new Request(`http://localhost/staff/people/${person.id}/export/json`, { headers: { Cookie: cookie } });
    const refused = await outcome(exportFile({ request: request(), params: { personId: person.id, format: "json" }, context }));
    expect(refused.status).toBe(302);
    expect(refused.headers.get("Location")).toBe(`/staff/confirm?next=${encodeURIComponent(`/staff/people/${person.id}/export`)}`);
    expect(await prisma.auditEvent.count({ where: { action: { contains: "subject-access" } } })).toBe(0);

    await prisma.session.updateMany({ where: { staffId: worker.id }, data: { reauthenticatedAt: new Date() } });
    const file = await outcome(exportFile({ request: request(), params: { personId: person.id, format: "json" }, context }));
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toMatch(/^attachment/);
  });
});
