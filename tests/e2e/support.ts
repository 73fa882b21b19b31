import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type CDPSession, type Page } from "@playwright/test";

/** The neutral site quick exit goes to. The test machine has no internet, so it is answered here. */
export const NEUTRAL_SITE = /^https:\/\/www\.bbc\.co\.uk\/weather/;

export async function answerNeutralSite(page: Page) {
  await page.route(NEUTRAL_SITE, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weather</title><p>Sunny spells</p>" }));
}

/** The demo seed's shared PIN (prisma/demo-credentials.ts), and the staff's demo codes it prints. */
export const DEMO_PIN = "246810";
const STAFF_CODES = {
  "Ruth Bennett": "2AS5-U69X",
  "Tom Fletcher": "7RP6-TJ9Z",
  "Owen Price": "VCK6-G5S8",
  "Grace Okafor": "6U9Z-AQ6G",
  "Martin Cole": "SZ4Q-DQM2",
  "Helen Park": "H6VH-Q942",
} as const;
export type DemoStaff = keyof typeof STAFF_CODES;

type StoredCredential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  privateKey: string;
  userHandle?: string;
  signCount: number;
};
// A staff member enrols a passkey with their demo code once (the code then stops working), and
// later tests put the same passkey into a new virtual authenticator. The passkeys are kept in a
// file beside this run's database, not in the worker's memory: Playwright starts a new worker
// after a failed test, and a passkey kept only in memory was lost with the old one, so one failure
// used to fail every later staff sign-in (docs/decisions/029-browser-tests-keep-their-data-apart.md).
// scripts/e2e-server.mjs removes the folder when the run ends.
const passkeyFile = path.resolve(".cache/e2e", process.env.WAYPOINT_E2E_NAME ?? "default", "staff-passkeys.json");

function storedPasskeys(): Partial<Record<DemoStaff, StoredCredential>> {
  try {
    return JSON.parse(readFileSync(passkeyFile, "utf8"));
  } catch {
    return {};
  }
}

function keepPasskey(staff: DemoStaff, credential: StoredCredential) {
  mkdirSync(path.dirname(passkeyFile), { recursive: true });
  const next = `${passkeyFile}.${process.pid}`;
  writeFileSync(next, JSON.stringify({ ...storedPasskeys(), [staff]: credential }));
  renameSync(next, passkeyFile);
}

// Chromium allows one internal authenticator per page: signing in again on the same page reuses it.
const authenticators = new WeakMap<Page, { cdp: CDPSession; authenticatorId: string }>();

/** Chromium's virtual platform authenticator for this page: it verifies the user at once. */
export async function virtualAuthenticator(page: Page) {
  const existing = authenticators.get(page);
  if (existing) {
    await existing.cdp.send("WebAuthn.clearCredentials", { authenticatorId: existing.authenticatorId });
    return existing;
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  authenticators.set(page, { cdp, authenticatorId });
  return { cdp, authenticatorId };
}

/**
 * Signs in as a demo person with their sign-in name and the demo PIN (works with JavaScript
 * off), or as a member of staff with a passkey on Chromium's virtual authenticator. A service
 * user who has not yet seen the page about leaving quickly is shown it first; unless
 * `stopAtIntro`, it is accepted here so the test starts from the home page.
 */
export async function signInAs(page: Page, who: { person: string } | { staff: DemoStaff }, options: { stopAtIntro?: boolean } = {}) {
  if ("person" in who) {
    await page.goto("/sign-in");
    await page.getByLabel("Sign-in name", { exact: true }).fill(who.person);
    await page.getByLabel("PIN", { exact: true }).fill(DEMO_PIN);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    try {
      await expect(page).toHaveURL(/\/(start|home)$/);
    } catch {
      // Say why, rather than only that the page did not change.
      throw new Error(`Sign-in as ${who.person} refused: ${(await page.getByRole("alert").allTextContents()).join(" ")}`);
    }
    if (!options.stopAtIntro && page.url().endsWith("/start")) {
      await page.getByRole("button", { name: /continue|let's go|^OK$/i }).click();
      await expect(page).toHaveURL(/\/home$/);
    }
    await expectRendered(page);
    return;
  }
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const known = storedPasskeys()[who.staff];
  if (known) {
    await cdp.send("WebAuthn.addCredential", { authenticatorId, credential: known });
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  } else {
    await page.goto("/sign-in");
    await page.getByLabel("Code", { exact: true }).fill(STAFF_CODES[who.staff]);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/set-up$/);
    await page.getByRole("button", { name: "Use a passkey on this device" }).click();
    await expect(page).toHaveURL(/\/staff$/);
    // Kept at once: the code is spent, so a failure from here on must not lose the passkey.
    await keepCurrentPasskey(cdp, authenticatorId, who.staff);
    // A session begun with a code has proved nothing yet: confirm with the new passkey, as staff
    // must before issuing codes or exports (app/auth/step-up.server.ts).
    await page.goto("/staff/confirm?next=/staff");
    await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  }
  // The path itself, not a `next=/staff` in the confirm page's query.
  await expect(page).toHaveURL(/^[a-z]+:\/\/[^/]+\/staff$/);
  await expectRendered(page);
  // Keep the authenticator's copy, whose signature counter has moved on.
  await keepCurrentPasskey(cdp, authenticatorId, who.staff);
}

async function keepCurrentPasskey(cdp: CDPSession, authenticatorId: string, staff: DemoStaff) {
  const [credential] = (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
  if (!credential) throw new Error(`No passkey stored for ${staff}`);
  keepPasskey(staff, credential);
}

/**
 * Waits until the page a sign-in led to has replaced the sign-in page on screen. The client
 * router moves the address bar before it renders the new page, so a test that reads the page as
 * soon as the address changes can read the sign-in page instead (CI once took "Sign in" for a
 * person's first name that way).
 */
async function expectRendered(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/^(Sign in|Confirm it.s you|Set up)/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs out with the page's own button and waits until sign-in shows, so the next step starts signed out. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
