import { expect, test, type Page } from "@playwright/test";
import { answerNeutralSite, NEUTRAL_SITE, signInAs } from "./support";

const SURVIVOR = { person: "alex-rivers-0001" };
/** The cover page at the site's root: where any portal address sends someone not signed in. */
const COVER = /^http:\/\/localhost:\d+\/$/;

async function firstName(page: Page) {
  const h1 = page.getByRole("heading", { level: 1 });
  await expect(h1).toHaveText(/^Hello/);
  const heading = await h1.textContent();
  const name = heading
    ?.replace(/^Hello,?\s*/, "")
    .replace(/!$/, "")
    .trim();
  expect(name, "the home page greets the person by name").toBeTruthy();
  return name ?? "";
}

test.describe("quick exit", () => {
  test.beforeEach(async ({ page }) => {
    await answerNeutralSite(page);
  });

  test("the Exit button hides the page and leaves for the neutral site", async ({ page, context }) => {
    await signInAs(page, SURVIVOR);
    const exit = page.getByRole("link", { name: "Exit this page quickly (emergency exit)" });
    await expect(exit).toBeVisible();
    const before = (await context.cookies()).find((c) => c.name === "sid")?.value;
    expect(before).toBeTruthy();
    await exit.click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    const after = (await context.cookies()).find((c) => c.name === "sid")?.value;
    expect(after).not.toBe(before);
  });

  test("the skip link is the first thing a keyboard reaches, and it exits", async ({ page }) => {
    await signInAs(page, SURVIVOR);
    await page.goto("/home");
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    await expect(focused).toHaveText("Exit this page quickly");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(NEUTRAL_SITE);
  });

  test("Shift pressed three times exits", async ({ page }) => {
    await signInAs(page, SURVIVOR);
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(NEUTRAL_SITE);
  });

  test("Shift used for capitals while typing does not exit", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Sign-in name", { exact: true }).focus();
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift+A");
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("Back after exit shows nothing personal", async ({ page }) => {
    await signInAs(page, SURVIVOR);
    const name = await firstName(page);
    await page.getByRole("link", { name: "Privacy tips" }).click();
    await expect(page).toHaveURL(/\/privacy-tips$/);
    await page.goto("/home");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

    await page.getByRole("link", { name: "Exit this page quickly (emergency exit)" }).click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    await page.goBack();
    await page.goBack();
    // Not the sign-in page either, whose words tell whoever holds the phone what was open: the cover page.
    await expect(page).toHaveURL(COVER);
    expect(await page.content()).not.toContain(name);
    expect(await page.content()).not.toMatch(/sign in|privacy tips|exit/i);
  });

  test("signing in again after exit works", async ({ page }) => {
    await signInAs(page, SURVIVOR);
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(NEUTRAL_SITE);
    await signInAs(page, SURVIVOR);
    await expect(page).toHaveURL(/\/home$/);
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the exit control is a link through the server that ends the session", async ({ page, context }) => {
    await answerNeutralSite(page);
    await signInAs(page, SURVIVOR);
    expect(await page.locator("script").count()).toBeGreaterThan(0); // present, but not run
    await page.getByRole("link", { name: "Exit this page quickly (emergency exit)" }).click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    expect((await context.cookies()).find((c) => c.name === "sid")).toBeUndefined();
    await page.goto("/home");
    await expect(page).toHaveURL(COVER);
  });
});

test("a first sign-in shows how to leave quickly, once", async ({ page }) => {
  // A person no other test signs in as, so this is their first time.
  await signInAs(page, { person: "kwame-barker-0003" }, { stopAtIntro: true });
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("heading", { name: "Leaving this site quickly" })).toBeVisible();
  await expect(page.getByText(/does not erase your browsing history/)).toBeVisible();
  // Nothing else of the portal is reachable until it has been read.
  await page.goto("/home");
  await expect(page).toHaveURL(/\/start$/);
  await page.getByRole("button", { name: "I understand, continue" }).click();
  await expect(page).toHaveURL(/\/home$/);
});

test("young people get their own wording", async ({ page }) => {
  await signInAs(page, { person: "isla-holmes-0030" }, { stopAtIntro: true });
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole("link", { name: /^Leave now/ })).toBeVisible();
  await expect(page.getByText(/If you need to leave fast|Want to stop\?/)).toBeVisible();
});

test("an idle page hides itself and the session locks", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, SURVIVOR);
  const name = await firstName(page);
  await page.clock.fastForward("10:05");
  await expect(page).toHaveURL(/\/signed-out$/);
  expect(await page.content()).not.toContain(name);
  await page.goto("/home");
  await expect(page).toHaveURL(COVER);
});

test("the cover page carries no portal words, scripts or portal styles", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto("/");
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.content()).not.toMatch(/waypoint|abuse|domestic|portal|survivor|perpetrator|exit|safety/i);
  expect(requests.filter((url) => url.endsWith(".js"))).toEqual([]);
});
