import { expect, test, type Page } from "@playwright/test";
import { DEMO_PIN, signInAs, signOut } from "./support";

async function signInWithPin(page: Page, signInName: string, pin: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Sign-in name", { exact: true }).fill(signInName);
  await page.getByLabel("PIN", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a worker's code lets a person set a PIN, and the PIN signs them in", async ({ page, browser, baseURL }) => {
    // The worker issues the code (in their own browser).
    const office = await (await browser.newContext({ baseURL, javaScriptEnabled: true })).newPage();
    await signInAs(office, { staff: "Ruth Bennett" });
    // Not Alex Rivers, whom other tests sign in as (a new code removes the PIN they have), and not
    // the first other survivor, whom the passkey tests give a code.
    await office.goto("/staff?sort=name");
    const row = office.getByRole("row").filter({ hasText: "Adult survivor" }).filter({ hasNotText: "Alex Rivers" }).nth(1);
    await row.getByRole("link").first().click();
    await office.getByRole("link", { name: "Sign-in code" }).click();
    await office.getByRole("button", { name: "Issue a new code" }).click();
    const code = (await office.locator(".sign-in-name").textContent())?.trim() ?? "";
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    await office.close();

    // The person redeems it on their phone, with no JavaScript.
    await page.goto("/sign-in");
    await page.getByLabel("Code", { exact: true }).fill(code.toLowerCase());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/set-up$/);
    await page.getByLabel("PIN", { exact: true }).fill("12345");
    await page.getByLabel("The same PIN again").fill("12345");
    await page.getByRole("button", { name: "Use this PIN" }).click();
    await expect(page.getByText("Use at least 6 characters")).toBeVisible();
    await page.getByLabel("PIN", { exact: true }).fill("739154");
    await page.getByLabel("The same PIN again").fill("739154");
    await page.getByRole("button", { name: "Use this PIN" }).click();
    const signInName = (await page.locator(".sign-in-name").textContent())?.trim() ?? "";
    expect(signInName).toMatch(/^[a-z]+(-[a-z]+){3}$/);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/(start|home)$/);

    // The code is spent; the PIN works on its own.
    await signOut(page);
    await page.getByLabel("Code", { exact: true }).fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("alert")).toContainText("That code did not work");
    await signInWithPin(page, signInName, "739154");
    await expect(page).toHaveURL(/\/(start|home)$/);
  });

  test("a wrong PIN is refused with a clear message that does not say whether the name exists", async ({ page }) => {
    await signInWithPin(page, "sam-rivers-0001", "000000");
    const real = await page.getByRole("alert").textContent();
    await signInWithPin(page, "no-such-name-00", "000000");
    const unknown = await page.getByRole("alert").textContent();
    expect(real).toBe(unknown);
    expect(real).toContain("don't match");
  });
});

test("five wrong PINs lock the sign-in name for 15 minutes", async ({ browser }) => {
  // A client of its own (through the trusted proxy), so the lock does not touch other tests.
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const page = await context.newPage();
  for (let i = 0; i < 5; i++) {
    await signInWithPin(page, "zoe-rivers-0001", `00000${i}`);
    await expect(page.getByRole("alert")).toContainText("don't match");
  }
  await signInWithPin(page, "zoe-rivers-0001", DEMO_PIN);
  await expect(page.getByRole("alert")).toContainText("Too many tries");
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test("a person sees their sign-ins and can say one wasn't them", async ({ page, browser, baseURL }) => {
  await signInWithPin(page, "leo-rivers-0001", DEMO_PIN);
  await expect(page).toHaveURL(/\/(start|home)$/);
  if (page.url().endsWith("/start")) await page.getByRole("button", { name: /let's go/i }).click();
  await expect(page).toHaveURL(/\/home$/);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "When you signed in" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "with a PIN" }).filter({ hasText: "(this one)" })).toBeVisible();

  await page.getByRole("button", { name: "This wasn't me" }).click();
  await expect(page).toHaveURL(/\/signed-out\?reason=not-me$/);
  await expect(page.getByText("your PIN and passkeys no longer work")).toBeVisible();
  // Signed out, any portal address shows the cover page (decision 032).
  await page.goto("/home");
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
  await signInWithPin(page, "leo-rivers-0001", DEMO_PIN);
  await expect(page.getByRole("alert")).toContainText("don't match");

  // Leo's worker sees an alert on their caseload.
  const office = await (await browser.newContext({ baseURL, javaScriptEnabled: true })).newPage();
  await signInAs(office, { staff: "Tom Fletcher" });
  const row = office.getByRole("row").filter({ hasText: "Leo Rivers" });
  await expect(row).toContainText("Did not recognise a sign-in");
  await office.close();
});
