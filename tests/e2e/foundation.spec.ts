import { expect, test } from "@playwright/test";
import { answerNeutralSite, NEUTRAL_SITE, signInAs, signOut } from "./support";

const PORTAL_WORDS = /waypoint|abuse|domestic|portal|survivor|perpetrator|violence|refuge|safety/i;

test("the cover page shows neutral content and runs no script", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle("Riverside Community Centre");
  expect(await page.locator("script").count()).toBe(0);
  const html = await page.content();
  expect(html).not.toMatch(PORTAL_WORDS);
});

test("a survivor signs in with their demo sign-in name and PIN and sees only their own home", async ({ page }) => {
  await signInAs(page, { person: "alex-rivers-0001" });
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, \S+/);
  await expect(page.getByRole("link", { name: /exit this page quickly/i }).first()).toBeVisible();
  // The page title is the person's neutral title, not the service's name.
  await expect(page).toHaveTitle(/^(Appointments|Notes|Home|Calendar|Reminders)$/);
  // A fresh load of the page, so the document holds only what this page sent.
  await page.goto("/home");
  expect(await page.content()).not.toMatch(/abuse|domestic|perpetrator|survivor|waypoint/i);
});

test("exit ends the session and leaves for the neutral site", async ({ page, context }) => {
  await answerNeutralSite(page);
  await signInAs(page, { person: "alex-rivers-0001" });
  await expect(page).toHaveURL(/\/home$/);
  const before = (await context.cookies()).find((c) => c.name === "sid");
  expect(before?.httpOnly).toBe(true);

  await page.getByRole("link", { name: "Exit this page quickly (emergency exit)" }).click();
  await expect(page).toHaveURL(NEUTRAL_SITE);
  expect((await context.cookies()).find((c) => c.name === "sid")).toBeUndefined();

  // The old session is over on the server too: going back in shows the cover page (decision 032).
  await page.goto("/home");
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
});

test("the exit response ends the session with the headers that stop the browser keeping the page", async ({ request }) => {
  const response = await request.get("/exit", { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()["location"]).toMatch(NEUTRAL_SITE);
  expect(response.headers()["clear-site-data"]).toBe('"cache", "cookies", "storage"');
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("each staff role lands on its own overview", async ({ page }) => {
  await signInAs(page, { staff: "Ruth Bennett" });
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByRole("heading", { name: /^My people \(\d+\)$/ })).toBeVisible();

  await signOut(page);
  await signInAs(page, { staff: "Martin Cole" });
  await expect(page.getByRole("heading", { name: "The service today" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /My people/ })).toHaveCount(0);

  await signOut(page);
  await signInAs(page, { staff: "Helen Park" });
  await expect(page.getByRole("heading", { name: /^Staff \(\d+\)$/ })).toBeVisible();
});

test("a service user asking for a staff page gets 404", async ({ page }) => {
  await signInAs(page, { person: "sam-rivers-0001" });
  const response = await page.goto("/staff");
  expect(response?.status()).toBe(404);
});

test("documents carry the security headers", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("healthz reports the database reachable", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
