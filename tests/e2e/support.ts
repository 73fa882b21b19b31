import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The neutral site quick exit goes to. The test machine has no internet, so it is answered here. */
export const NEUTRAL_SITE = /^https:\/\/www\.bbc\.co\.uk\/weather/;

export async function answerNeutralSite(page: Page) {
  await page.route(NEUTRAL_SITE, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weather</title><p>Sunny spells</p>" }),
  );
}

/**
 * Signs in through the demo sign-in page, choosing the option whose text matches. A service user
 * who has not yet seen the page about leaving quickly is shown it first; unless `stopAtIntro`,
 * it is accepted here so the test starts from the home page.
 */
export async function signInAs(
  page: Page,
  who: { person: RegExp } | { staff: RegExp },
  options: { stopAtIntro?: boolean; nth?: number } = {},
) {
  await page.goto("/demo-sign-in");
  const [selectLabel, button, pattern] =
    "person" in who
      ? ["A person in a family", "Sign in as this person", who.person]
      : ["A member of staff", "Sign in as this member of staff", who.staff];
  const select = page.getByLabel(selectLabel);
  const option = select.locator("option").filter({ hasText: pattern }).nth(options.nth ?? 0);
  const value = await option.getAttribute("value");
  expect(value, `a demo option matching ${pattern}`).toBeTruthy();
  await select.selectOption(value ?? "");
  await page.getByRole("button", { name: button }).click();
  if ("person" in who) {
    await expect(page).toHaveURL(/\/(start|home)$/);
    if (!options.stopAtIntro && page.url().endsWith("/start")) {
      await page.getByRole("button", { name: /continue|let's go|^OK$/i }).click();
      await expect(page).toHaveURL(/\/home$/);
    }
  }
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
