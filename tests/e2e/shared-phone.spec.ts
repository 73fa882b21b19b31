/**
 * The shared phone and the cheap phone (issue 13): what the device keeps after a service user
 * leaves, how soon quick exit works on a slow phone, what a screen reader hears, and the youngest
 * users' pages on a small screen. Screenshots of each age band's pages at 360 px are written when
 * WAYPOINT_SHOTS names a folder (for a person to look at; nothing compares them).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { answerNeutralSite, expectNoAxeViolations, NEUTRAL_SITE, signInAs, signOut } from "./support";

const SURVIVOR = { person: "alex-rivers-0001" };
/** The cover page at the site's root. */
const COVER = /^http:\/\/localhost:\d+\/$/;
const SHOTS = process.env.WAYPOINT_SHOTS;

async function greetedName(page: Page) {
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toHaveText(/^Hello/);
  const heading = (await h1.textContent()) ?? "";
  const name = heading
    .replace(/^Hello,?\s*/, "")
    .replace(/!$/, "")
    .trim();
  expect(name, "the home page greets the person by name").toBeTruthy();
  return name;
}

/** Every file under `dir` whose bytes hold `text` (as UTF-8 or UTF-16, as Chromium stores strings). */
function filesHolding(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le")];
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile() && needles.some((n) => readFileSync(file).includes(n))) found.push(path.relative(dir, file));
    }
  };
  walk(dir);
  return found;
}

test("signing out replaces the whole document: nothing of the signed-in page stays in it or behind Back", async ({ page }) => {
  await signInAs(page, SURVIVOR);
  const name = await greetedName(page);
  await signOut(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  expect(await page.content()).not.toContain(name);
  // Nor in script memory: the router's state is the sign-in page's own.
  expect(await page.evaluate(() => JSON.stringify(Reflect.get(window, "__remixContext") ?? null))).not.toContain(name);
  await page.goBack();
  await expect(page).toHaveURL(COVER);
  expect(await page.content()).not.toContain(name);
});

test("what a service user typed is not in the browser's profile after she signs out and closes the browser", async ({}, testInfo) => {
  const profile = mkdtempSync(path.join(os.tmpdir(), "waypoint-profile-"));
  const typed = `Zebra crossing ${Date.now()}`;
  try {
    const { launchOptions, baseURL } = testInfo.project.use;
    const context = await chromium.launchPersistentContext(profile, { ...launchOptions, headless: true, baseURL });
    const page = context.pages()[0] ?? (await context.newPage());
    // Not Alex (decision 029): her check-in is sent by questionnaires.spec.ts before this file
    // runs. Zoe's current check-in is open in every demo (the featured family's always are), and
    // no other test saves answers to it; a person from another family has one only on some days.
    await signInAs(page, { person: "zoe-rivers-0001" });
    await page.getByRole("link", { name: /How I'm doing/ }).click();
    await page.getByLabel(/anything else you would like your worker to know/).fill(typed);
    await expect(page.getByText(/^Saved at/)).toBeVisible();
    // Away from the page, as a person does, then signed out and the browser closed.
    await page.getByRole("link", { name: "Home" }).click();
    await expect(page).toHaveURL(/\/home$/);
    await signOut(page);
    await context.close();
    expect(filesHolding(profile, typed)).toEqual([]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test("documents and scripts are sent compressed", async ({ request }) => {
  const document = await request.get("/sign-in", { headers: { "Accept-Encoding": "gzip, deflate, br" } });
  expect(document.headers()["content-encoding"]).toBe("br");
  expect(document.headers()["vary"]).toMatch(/Accept-Encoding/i);
  const script = /<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/.exec(await document.text())?.[1];
  expect(script).toBeTruthy();
  const asset = await request.get(script ?? "", { headers: { "Accept-Encoding": "gzip" } });
  expect(asset.headers()["content-encoding"]).toBe("gzip");
  expect(asset.headers()["cache-control"]).toMatch(/immutable/);
});

test("quick exit works before the app's scripts arrive, and a screen reader hears each Shift press and the reset", async ({ page }) => {
  await answerNeutralSite(page);
  // The app's scripts never arrive: only the header's own inline script runs.
  await page.route("**/assets/*.js", (route) => route.abort());
  await page.goto("/sign-in");
  const spoken = page.locator("[data-quick-exit-status]");
  await expect(spoken).toHaveAttribute("aria-live", "polite");
  await page.keyboard.press("Shift");
  await expect(spoken).toHaveText("Shift, press 2 more times to exit.");
  await page.keyboard.press("Shift");
  await expect(spoken).toHaveText("Shift, press 1 more time to exit.");
  await page.keyboard.press("x");
  await expect(spoken).toHaveText("Exit shortcut reset. Press Shift 3 times to exit.");
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
  await expect(page).toHaveURL(NEUTRAL_SITE);
});

const BANDS = [
  { band: "adult", person: "alex-rivers-0001", exit: "Exit", nav: ["Home", "Appointments", "Messages", "Your sign-ins", "Privacy tips"] },
  { band: "harmful-behaviour", person: "sam-rivers-0001", exit: "Exit", nav: ["Home", "Appointments", "Messages", "Your sign-ins", "Privacy tips"] },
  {
    band: "under-8",
    person: "mia-rivers-0001",
    exit: "Leave now",
    nav: ["Home", "When we meet", "Messages", "Times you came in", "Tips"],
    twoMore: "Press Shift 2 more times to go.",
  },
  { band: "8-12", person: "kai-holmes-0030", exit: "Leave now", nav: ["Home", "When we meet", "Messages", "When you signed in", "Keeping it private"] },
  { band: "13-17", person: "zoe-rivers-0001", exit: "Leave now", nav: ["Home", "Appointments", "Messages", "Your sign-ins", "Privacy tips"] },
] as const;

/**
 * Phone screens: 360 and 320 px wide, and 360 px with large text (a phone's font size at 200 %,
 * as Android's text scaling and Chrome's text zoom do: the text grows, the page stays as wide).
 */
const SCREENS = [
  { width: 360, largeText: false },
  { width: 320, largeText: false },
  { width: 360, largeText: true },
] as const;

for (const who of BANDS) {
  test(`${who.band}: every page in the band's words, inside the frame, at 320 and 360 px and 200 % zoom`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await signInAs(page, { person: who.person });
    const pages = ["/home", "/appointments", "/messages", "/privacy-tips", "/account"];
    const form = await page
      .locator("a[href^='/forms/']")
      .first()
      .getAttribute("href", { timeout: 1_000 })
      .catch(() => null);
    if (form) pages.push(form.replace(/\?.*$/, ""));
    // A conversation, where the demo gives the person one (Alex, Sam, Mia).
    await page.goto("/messages");
    const conversation = await page
      .locator("main a[href^='/messages/']")
      .first()
      .getAttribute("href", { timeout: 1_000 })
      .catch(() => null);
    if (conversation) pages.push(conversation);
    for (const url of pages) {
      await page.goto(url);
      // The frame on every page: the exit control in the band's words, the navigation, sign-out.
      await expect(page.getByRole("link", { name: `${who.exit} this page quickly (emergency exit)`, exact: true })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link")).toHaveText([...who.nav]);
      await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
      if (who.band !== "adult" && who.band !== "harmful-behaviour") await expect(page.locator("main")).not.toContainText(/\bExit\b|Signing in|Staying private/);
      // The sign-ins page's panels, too: the two younger bands are not spoken to in an adult's words.
      if (who.band === "under-8" || who.band === "8-12")
        await expect(page.locator("main")).not.toContainText(/Ways to sign in|switch off your PIN|on every device/);
      for (const { width, largeText } of SCREENS) {
        await page.setViewportSize({ width, height: 780 });
        await page.evaluate((large) => (document.documentElement.style.fontSize = large ? "200%" : ""), largeText);
        const screen = `${width} px${largeText ? " with large text" : ""}`;
        if (SHOTS && width === 360) {
          mkdirSync(SHOTS, { recursive: true });
          const name = `${who.band}${url.replace(/\//g, "-").replace(/-[a-z0-9]{20,}$/, "-form")}${largeText ? "-large-text" : ""}.png`;
          await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${url} at ${screen} scrolls sideways`).toBeLessThanOrEqual(0);
        if (width !== 360 || largeText) await expectNoAxeViolations(page);
      }
      await page.evaluate(() => (document.documentElement.style.fontSize = ""));
      await page.setViewportSize({ width: 360, height: 780 });
    }
    if ("twoMore" in who) {
      await page.goto("/home");
      await page.keyboard.press("Shift");
      await expect(page.locator("[data-quick-exit-status]")).toHaveText(who.twoMore);
    }
  });
}

test("under-8: the five faces sit in one row at 320 and 360 px, each a big target, and yes/no are picture buttons", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await signInAs(page, { person: "mia-rivers-0001" });
  await page.locator("a[href^='/forms/']").first().click();
  const faces = page.locator("fieldset.question--faces").first().locator("label.face-choice");
  await expect(faces).toHaveCount(5);
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 780 });
    const boxes = await faces.evaluateAll((labels) =>
      labels.map((l) => l.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), width: r.width, height: r.height })),
    );
    expect(new Set(boxes.map((b) => b.top)).size, `faces in one row at ${width} px`).toBe(1);
    for (const box of boxes) expect(Math.min(box.width, box.height), `a face's target at ${width} px`).toBeGreaterThanOrEqual(44);
  }
  const yesNo = page.locator("fieldset.question--pictures").first();
  await expect(yesNo.locator("svg.picture")).toHaveCount(2);
  await expect(yesNo.locator("label.picture-choice")).toHaveText(["Yes", "No"]);
  const yes = await yesNo.locator("label.picture-choice").first().boundingBox();
  expect(Math.min(yes?.width ?? 0, yes?.height ?? 0)).toBeGreaterThanOrEqual(88);
  await yesNo.getByText("Yes").click();
  await expect(yesNo.getByRole("radio", { name: "Yes" })).toBeChecked();
});
