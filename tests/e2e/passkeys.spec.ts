import { expect, test, type Browser, type CDPSession, type Page } from "@playwright/test";
import { signInAs, signOut, virtualAuthenticator } from "./support";

/**
 * Passkeys with Chromium's virtual authenticator (a platform authenticator that verifies the user
 * at once). The first tests drive the JSON routes with the browser's own WebAuthn API, so they
 * depend only on the sign-in code page; the last one goes through the pages' passkey buttons.
 */

const NEUTRAL_NAME = "Appointments";
const REVEALING = /abuse|domestic|violen|refuge|survivor|perpetrat|victim|safety|waypoint/i;

async function storedCredentials(cdp: CDPSession, authenticatorId: string) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

/**
 * A worker issues a sign-in code for one of their people (another browser, as in the office),
 * and the person redeems it on the sign-in page. Returns the person's id and name, for checking
 * that nothing of them reaches the phone's passkey store.
 */
async function redeemNewCode(page: Page, browser: Browser, baseURL: string | undefined) {
  const office = await (await browser.newContext({ baseURL })).newPage();
  await signInAs(office, { staff: "Ruth Bennett" });
  // Someone no other browser test signs in as, so issuing a code (which ends their sessions) disturbs nothing.
  await office.goto("/staff?sort=name");
  const row = office.getByRole("row").filter({ hasText: "Adult survivor" }).filter({ hasNotText: "Alex Rivers" }).first();
  const record = row.getByRole("link").first();
  const name = ((await record.textContent()) ?? "").trim();
  const personId = /^\/staff\/people\/([^/]+)$/.exec((await record.getAttribute("href")) ?? "")?.[1] ?? "";
  expect(personId, "a person in the worker's caseload").not.toBe("");
  await record.click();
  await office.getByRole("link", { name: "Sign-in code" }).click();
  await office.getByRole("button", { name: "Issue a new code" }).click();
  const code = ((await office.locator(".sign-in-name").textContent()) ?? "").trim();
  await office.context().close();

  await page.goto("/sign-in");
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/set-up$/);
  return { personId, name };
}

type CeremonyResult = { status: number; body: { ok?: boolean; next?: string; error?: string } };

/**
 * What the passkey button does, written out with the browser's own API: ask for options, run the
 * ceremony on the (virtual) authenticator, send the answer back.
 */
async function ceremony(page: Page, kind: "registration" | "authentication"): Promise<CeremonyResult> {
  return page.evaluate(async (which) => {
    const toBytes = (text: string) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
    const toText = (buffer: ArrayBuffer | null) =>
      buffer === null
        ? undefined
        : btoa(String.fromCharCode(...new Uint8Array(buffer)))
            .replace(/\+/g, "-")
            .replace(/\//g, "_")
            .replace(/=+$/, "");
    const post = async (url: string, body: unknown) => {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    };
    const start = await post(`/passkeys/${which}-options`, {});
    if (start.status !== 200) return start;
    const o = start.body.options;
    if (which === "registration") {
      const credential = await navigator.credentials.create({
        publicKey: {
          ...o,
          challenge: toBytes(o.challenge),
          user: { ...o.user, id: toBytes(o.user.id) },
          excludeCredentials: (o.excludeCredentials ?? []).map((c: { id: string }) => ({ ...c, id: toBytes(c.id) })),
        },
      });
      if (!(credential instanceof PublicKeyCredential) || !(credential.response instanceof AuthenticatorAttestationResponse)) {
        throw new Error("no credential");
      }
      return post("/passkeys/registration", {
        id: credential.id,
        rawId: toText(credential.rawId),
        type: credential.type,
        clientExtensionResults: {},
        response: {
          clientDataJSON: toText(credential.response.clientDataJSON),
          attestationObject: toText(credential.response.attestationObject),
          transports: credential.response.getTransports(),
        },
      });
    }
    const assertion = await navigator.credentials.get({
      publicKey: { ...o, challenge: toBytes(o.challenge), allowCredentials: [] },
    });
    if (!(assertion instanceof PublicKeyCredential) || !(assertion.response instanceof AuthenticatorAssertionResponse)) {
      throw new Error("no assertion");
    }
    return post("/passkeys/authentication", {
      id: assertion.id,
      rawId: toText(assertion.rawId),
      type: assertion.type,
      clientExtensionResults: {},
      response: {
        clientDataJSON: toText(assertion.response.clientDataJSON),
        authenticatorData: toText(assertion.response.authenticatorData),
        signature: toText(assertion.response.signature),
        userHandle: toText(assertion.response.userHandle),
      },
    });
  }, kind);
}

test("the passkey routes answer JSON to POST only", async ({ request }) => {
  for (const path of ["registration-options", "registration", "authentication-options", "authentication"]) {
    const response = await request.get(`/passkeys/${path}`);
    expect(response.status(), path).toBe(405);
    expect(response.headers()["cache-control"]).toBe("no-store");
  }
  // Nobody enrolling and nobody signed in: no registration options.
  const refused = await request.post("/passkeys/registration-options", { data: {} });
  expect(refused.status()).toBe(401);
  // Usernameless sign-in options name no account.
  const options = await request.post("/passkeys/authentication-options", { data: {} });
  expect(options.status()).toBe(200);
  expect(options.headers()["cache-control"]).toBe("no-store");
  const body: unknown = await options.json();
  expect(body).toMatchObject({ ok: true, options: { rpId: "localhost", userVerification: "required" } });
  expect(JSON.stringify(body)).not.toMatch(/allowCredentials":\[\{/);
});

test("a person enrols a passkey with a code, and it signs them in; the phone keeps nothing about them", async ({ page, browser, baseURL }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const { personId, name } = await redeemNewCode(page, browser, baseURL);

  const made = await ceremony(page, "registration");
  expect(made).toEqual({ status: 200, body: { ok: true, next: "/home" } });
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "sid")?.httpOnly).toBe(true);
  expect(cookies.find((c) => c.name === "enrol")).toBeUndefined();
  expect(cookies.find((c) => c.name === "challenge")).toBeUndefined();
  await page.goto("/home");
  await expect(page).toHaveURL(/\/(start|home)$/);

  // What the phone's passkey manager would show: the neutral name, and a handle that is not the id.
  const [credential, ...others] = await storedCredentials(cdp, authenticatorId);
  expect(others).toHaveLength(0);
  expect(credential?.isResidentCredential).toBe(true);
  expect(credential?.rpId).toBe("localhost");
  const handle = Buffer.from(credential?.userHandle ?? "", "base64");
  expect(handle.length).toBe(16);
  expect(handle.toString("utf8")).not.toContain(personId);
  expect(credential?.userHandle).not.toContain(personId);
  for (const shown of [credential?.userName, credential?.userDisplayName]) {
    if (shown === undefined) continue;
    expect(shown).toBe(NEUTRAL_NAME);
    for (const part of name.split(" ")) expect(shown).not.toContain(part);
    expect(shown).not.toMatch(REVEALING);
  }

  // A session begun with a code has proved nothing: adding another passkey asks to confirm first,
  // which the new passkey does (through the page's own button).
  expect((await ceremony(page, "registration")).status).toBe(403);
  await page.goto("/confirm?next=/account");
  // A first sign-in shows the page about leaving quickly before anything else.
  if (page.url().endsWith("/start")) {
    await page.getByRole("button", { name: /continue|let's go|^OK$/i }).click();
    // Wait for the page to be accepted: a navigation started before the post lands cancels it.
    await expect(page).toHaveURL(/\/home$/);
    await page.goto("/confirm?next=/account");
  }
  await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(page).toHaveURL(/^[a-z]+:\/\/[^/]+\/account$/);
  // A second passkey on the same device is then refused by the device itself (excludeCredentials).
  const again = await ceremony(page, "registration").catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  expect(JSON.stringify(again)).toMatch(/InvalidStateError|already|excluded/i);

  // Signed out, the passkey alone signs the person back in: nothing typed, nothing shown.
  await page.goto("/home");
  await signOut(page);
  const signedIn = await ceremony(page, "authentication");
  expect(signedIn).toEqual({ status: 200, body: { ok: true, next: "/home" } });
  await page.goto("/home");
  await expect(page).toHaveURL(/\/(start|home)$/);
  const [afterUse] = await storedCredentials(cdp, authenticatorId);
  expect(afterUse?.signCount).toBeGreaterThan(credential?.signCount ?? 0);
});

test("a signed-in person adds a passkey and goes back to their account page", async ({ page }) => {
  await virtualAuthenticator(page);
  await signInAs(page, { person: "jenna-begum-0004" });
  const made = await ceremony(page, "registration");
  expect(made).toEqual({ status: 200, body: { ok: true, next: "/account" } });
});

test("an open session alone cannot add a passkey: the person confirms with their PIN first, then sees it listed", async ({ page, browser, baseURL }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  // A session begun with a code and a new PIN: signed in, but nothing proved since (as a phone
  // picked up later would be). The JSON route refuses it outright.
  await redeemNewCode(page, browser, baseURL);
  await page.getByLabel("PIN", { exact: true }).fill("739154");
  await page.getByLabel("The same PIN again").fill("739154");
  await page.getByRole("button", { name: "Use this PIN" }).click();
  await page.getByRole("link", { name: "Continue" }).click();
  if (page.url().endsWith("/start")) await page.getByRole("button", { name: /continue|let's go|^OK$/i }).click();
  await expect(page).toHaveURL(/\/home$/);
  const refused = await ceremony(page, "registration");
  expect(refused.status).toBe(403);
  expect(await storedCredentials(cdp, authenticatorId)).toHaveLength(0);

  // Through the page: the button leads to "Confirm it's you", which returns to the account page.
  await page.goto("/account");
  await page.getByRole("button", { name: "Add a passkey on this device" }).click();
  await expect(page).toHaveURL(/\/confirm\?next=%2Faccount$/);
  await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Exit/ }).first()).toBeVisible();
  await page.getByLabel("PIN", { exact: true }).fill("000000");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page.getByText("That PIN is not right")).toBeVisible();
  await page.getByLabel("PIN", { exact: true }).fill("739154");
  await page.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("button", { name: "Add a passkey on this device" }).click();
  await expect(page.getByText(/, added /)).toBeVisible();
  expect(await storedCredentials(cdp, authenticatorId)).toHaveLength(1);
  await expect(page.getByText(/Your PIN, set /)).toBeVisible();
});

test("a passkey the server does not know gives the same message as any failed sign-in", async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  // A credential for this site that the server never registered.
  await cdp.send("WebAuthn.addCredential", {
    authenticatorId,
    credential: {
      credentialId: Buffer.from("not-a-registered-passkey").toString("base64"),
      isResidentCredential: true,
      rpId: "localhost",
      privateKey: await newPrivateKey(),
      userHandle: Buffer.from("someone").toString("base64"),
      signCount: 0,
    },
  });
  await page.goto("/sign-in");
  const result = await ceremony(page, "authentication");
  expect(result.status).toBe(400);
  expect(result.body.error).toMatch(/did not sign you in/);
  expect((await page.context().cookies()).find((c) => c.name === "sid")).toBeUndefined();
});

test.describe("through the pages' passkey buttons", () => {
  test("set-up makes a passkey, and sign-in uses it", async ({ page, browser, baseURL }) => {
    await virtualAuthenticator(page);
    await redeemNewCode(page, browser, baseURL);
    await page.getByRole("button", { name: "Use a passkey on this device" }).click();
    await expect(page).toHaveURL(/\/(start|home)$/);

    await page.goto("/home");
    await signOut(page);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await expect(page).toHaveURL(/\/(start|home)$/);
  });

  test("a device without passkeys is told to use a PIN", async ({ page }) => {
    // No WebAuthn at all, as on an old browser.
    await page.addInitScript(() => {
      Object.defineProperty(window, "PublicKeyCredential", { value: undefined, configurable: true });
    });
    await page.goto("/sign-in");
    const button = page.getByRole("button", { name: "Sign in with a passkey" });
    await expect(button).toBeDisabled();
    await expect(page.getByRole("alert")).toHaveText("This device can't use passkeys; use a PIN instead");
  });
});

/** A P-256 private key in PKCS#8, base64, as WebAuthn.addCredential wants it. */
async function newPrivateKey() {
  const { generateKeyPairSync } = await import("node:crypto");
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
}
