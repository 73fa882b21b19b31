import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs, signOut } from "./support";

/**
 * Saving answers when things go wrong: two tabs on the same questionnaire, and a background save
 * that fails (docs/decisions/024-stale-writes-refused.md). Each test gives Alex Rivers a new
 * "Looking back" of her own, so it does not touch what other tests left behind.
 */
const PHONE = { width: 360, height: 740 };

async function formLinks(page: Page) {
  return page.locator("a[href^='/forms/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

/** Assigns Alex a new "Looking back" through Ruth Bennett's console; returns its address. */
async function newLookingBack(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, { person: "alex-rivers-0001" });
  const before = new Set(await formLinks(page));
  await signOut(page);
  await signInAs(page, { staff: "Ruth Bennett" });
  await page.getByRole("link", { name: "Alex Rivers" }).click();
  await page.getByLabel("Assign a questionnaire").selectOption({ label: "Looking back" });
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toHaveText("Questionnaire assigned.");
  await signOut(page);
  await signInAs(page, { person: "alex-rivers-0001" });
  const added = (await formLinks(page)).filter((href) => !before.has(href));
  await context.close();
  expect(added).toHaveLength(1);
  return (added[0] ?? "").replace(/\?.*$/, "");
}

async function openAsAlex(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signInAs(page, { person: "alex-rivers-0001" });
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Right now");
  return page;
}

const safeNow = (page: Page) => page.getByRole("group", { name: /Do you feel safe at home right now/ });
const saveState = (page: Page) => page.locator(".save-state");

test("a page open in an older tab cannot put its blanks back over newer answers: it says so and keeps what was chosen", async ({ browser }) => {
  const url = await newLookingBack(browser);
  // The old tab (a laptop left open) and the new one (her phone) both show the first page, blank.
  const older = await openAsAlex(browser, url);
  const newer = await openAsAlex(browser, url);

  await safeNow(newer).getByRole("radio", { name: "Yes" }).check();
  await expect(saveState(newer)).toHaveText(/Saved at/);

  // In the old tab, still blank, she answers the same question otherwise: it must not replace the newer answer.
  const overwrite = older.waitForResponse((r) => r.url().endsWith("/save") && r.request().method() === "POST");
  await safeNow(older).getByRole("radio", { name: "No" }).check();
  expect((await overwrite).status()).toBe(409);
  await expect(older.getByRole("alert")).toContainText("Your answers were changed in another window or on another device");
  await expect(saveState(older)).toHaveText("Not saved yet");
  // What she chose there is still on the page, and the page is still the questionnaire.
  await expect(safeNow(older).getByRole("radio", { name: "No" })).toBeChecked();
  await expect(older.getByRole("heading", { level: 1 })).toHaveText("Right now");

  // The newer answer is what the server holds.
  await newer.reload();
  await expect(safeNow(newer).getByRole("radio", { name: "Yes" })).toBeChecked();

  // Pressing "Save and finish later" in the old tab, now that she has been told, is her choice.
  await safeNow(older).getByRole("radio", { name: "Yes" }).check();
  await older.getByRole("button", { name: "Save and finish later" }).click();
  await expect(older).toHaveURL(/\/home$/);
  await older.context().close();
  await newer.context().close();
});

test("a background save that fails leaves the page in place, says the answer is not saved yet, and tries again", async ({ browser }) => {
  const url = await newLookingBack(browser);
  const page = await openAsAlex(browser, url);
  // The database is down for the first two attempts: one answers 500, the other never arrives.
  let attempts = 0;
  await page.route("**/forms/*/save", async (route) => {
    attempts += 1;
    if (attempts === 1) await route.fulfill({ status: 500, contentType: "text/plain", body: "Unexpected Server Error" });
    else if (attempts === 2) await route.abort("connectionreset");
    else await route.continue();
  });
  await safeNow(page).getByRole("radio", { name: "Yes" }).check();
  await expect(saveState(page)).toHaveText("Your last answer is not saved yet. Trying again…");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Right now");
  await expect(page.getByRole("link", { name: "Exit this page quickly (emergency exit)" })).toBeVisible();
  // Backoff: 1 s, then 2 s; the third attempt reaches the server.
  await expect(saveState(page)).toHaveText(/Saved at/, { timeout: 15_000 });
  expect(attempts).toBe(3);
  await expect(safeNow(page).getByRole("radio", { name: "Yes" })).toBeChecked();

  // It is in the database: a fresh page shows it.
  await page.unrouteAll();
  await page.reload();
  await expect(safeNow(page).getByRole("radio", { name: "Yes" })).toBeChecked();
  await page.context().close();
});
