import { expect, test, type Page } from "@playwright/test";
import { addCalendarDays, isoWeekday, todayIn } from "../../app/time/calendar";
import { DEFAULT_TIME_ZONE } from "../../app/time/zone";
import { signInAs } from "./support";

/**
 * Booking on a phone-sized screen (decision 034): the demo's featured survivor books, sees it on her
 * home page, cancels and books again, with JavaScript off and on; her worker sets weekly times and
 * time away, and marks yesterday's session attended. Kept to three tests: each costs seconds.
 */
const PHONE = { width: 360, height: 740 };

async function bookFirstFreeTime(page: Page): Promise<string> {
  await page.getByRole("link", { name: "Choose a time" }).click();
  await page.locator('a[href^="/appointments/new?time="]').first().click();
  await expect(page.getByRole("heading", { name: "Is this right?" })).toBeVisible();
  await page.getByRole("button", { name: "Book this time" }).click();
  await expect(page.getByRole("status")).toContainText("Booked.");
  // "Tuesday 2 December at 09:00, in person with …": the day and time as every page shows them.
  const line = (await page.locator("main section.card p").first().textContent()) ?? "";
  return line.split(",")[0] ?? "";
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled, viewport: PHONE });

    test("a survivor books a time, sees it on her home page, cancels it and books again", async ({ page }) => {
      await signInAs(page, { person: "alex-rivers-0001" });
      await page.getByRole("link", { name: "Appointments", exact: true }).click();
      const when = await bookFirstFreeTime(page);
      expect(when).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ at \d{1,2}:\d{2}$/);

      await page.getByRole("link", { name: "Home", exact: true }).click();
      await expect(page.getByRole("region", { name: "Coming up" })).toContainText(when);

      await page.getByRole("link", { name: "See or change your appointments" }).click();
      await page.getByRole("link", { name: new RegExp(`^${when}`) }).click();
      await page.getByRole("button", { name: "Cancel this appointment" }).click();
      await expect(page.getByRole("status")).toHaveText("Cancelled. Your worker will see this.");
      await page.getByRole("link", { name: "Your appointments" }).click();
      await expect(page.getByRole("region", { name: "Coming up" })).not.toContainText(when);

      await bookFirstFreeTime(page);
      if (javaScriptEnabled) {
        // Nothing wider than the phone: no sideways scrolling.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      }
    });
  });
}

test.describe("the worker's week", () => {
  test.use({ viewport: PHONE });

  test("a worker sets weekly times and time away, and marks yesterday's session attended", async ({ page }) => {
    const today = todayIn(DEFAULT_TIME_ZONE);
    let saturday = addCalendarDays(today, 1);
    while (isoWeekday(saturday) !== 6) saturday = addCalendarDays(saturday, 1);

    await signInAs(page, { staff: "Ruth Bennett" });
    await page.getByRole("link", { name: "Your week" }).click();
    await page.getByLabel("Day", { exact: true }).selectOption({ label: "Saturday" });
    await page.getByLabel("From", { exact: true }).fill("10:00");
    await page.getByLabel("Until", { exact: true }).fill("12:00");
    await page.getByLabel("Where (in person)").first().selectOption({ index: 1 });
    await page.getByRole("button", { name: "Add weekly times" }).click();
    await expect(page.getByRole("status")).toHaveText("Weekly times added.");
    await expect(page.getByRole("region", { name: "Weekly times" })).toContainText("Saturdays 10:00–12:00");

    await page.getByLabel("Away from").fill(`${saturday}T09:00`);
    await page.getByLabel("Back at").fill(`${saturday}T11:00`);
    await page.getByRole("button", { name: "Add time away" }).click();
    await expect(page.getByRole("status")).toHaveText("Time away added. Free sessions in it are withdrawn.");
    await page.goto(`/staff/week?day=${saturday}`);
    const day = page.getByRole("region", { name: /^Saturday/ });
    await expect(day).toContainText("Withdrawn (time away)");
    await expect(day).toContainText("Free");

    await page.goto(`/staff/week?day=${addCalendarDays(today, -1)}`);
    const session = page.getByRole("listitem").filter({ hasText: "Alex Rivers" }).filter({ hasText: "Booked" });
    await session.getByRole("button", { name: "Attended" }).click();
    await expect(page.getByRole("status")).toHaveText("Marked attended.");
    await expect(page.getByRole("listitem").filter({ hasText: "Alex Rivers" }).filter({ hasText: "Attended" }).first()).toBeVisible();
  });
});
