import { expect, test, type Page, type Request } from "@playwright/test";
import { answerNeutralSite, expectNoAxeViolations, NEUTRAL_SITE, signInAs, signOut } from "./support";

/**
 * Questionnaires as people fill them in: on a small phone with JavaScript off, as a six-year-old
 * with faces, leaving in the middle and coming back, and the worker's side of the same record.
 */
const PHONE = { width: 360, height: 740 };

/**
 * Waits until the page is hydrated (root.tsx marks "app-hydrated"): the home page's links and a
 * post before hydration load whole documents, and an answer given on the server's HTML before the
 * app is live sends no background save.
 */
async function pageIsLive(page: Page) {
  await page.waitForFunction(() => performance.getEntriesByName("app-hydrated").length > 0);
}

async function assignAs(page: Page, staff: "Ruth Bennett" | "Tom Fletcher" | "Owen Price", person: string, questionnaire: string) {
  await signInAs(page, { staff });
  await page.getByRole("link", { name: person }).click();
  await page.getByLabel("Assign a questionnaire").selectOption({ label: questionnaire });
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toHaveText("Questionnaire assigned.");
  // The form posted to the record's index route, which Remix marks with "?index".
  const recordUrl = page.url().replace(/\?.*$/, "");
  await signOut(page);
  return recordUrl;
}

test.describe("on a phone with JavaScript off", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("a survivor completes a check-in, and saying she is not safe reaches her worker's caseload at once", async ({ page, browser }) => {
    await signInAs(page, { person: "alex-rivers-0001" });
    await page.getByRole("link", { name: /Check-in/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("How things are");
    // Nothing chosen for the required question: the page says so and nothing is sent.
    await page.getByRole("button", { name: "Save and check my answers" }).click();
    await expect(page.getByText("Answer this question to go on")).toBeVisible();
    const safe = page.getByRole("group", { name: /Do you feel safe at home right now/ });
    await safe.getByRole("radio", { name: "No" }).check();
    await page
      .getByRole("group", { name: /How safe do you feel today/ })
      .getByRole("radio", { name: "3", exact: true })
      .check();
    await page
      .getByRole("group", { name: /How well do you feel/ })
      .getByRole("radio", { name: "4", exact: true })
      .check();
    await page
      .getByRole("group", { name: /Has anything happened/ })
      .getByRole("radio", { name: "No" })
      .check();
    await page.getByRole("button", { name: "Save and check my answers" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
    await expect(page.getByText("Do you feel safe at home right now?")).toBeVisible();
    const formUrl = page.url().replace(/\?.*$/, "");
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
    // Calm help, and never a word that anyone was told.
    await expect(page.getByText("If you are in danger, call 999.")).toBeVisible();
    await expect(page.locator("main")).not.toContainText(/alert|worker has been told|notified/i);
    // The same form sent again (a double tap on a slow phone) is taken as already sent.
    const again = await page.request.post(formUrl, { form: { intent: "submit" }, maxRedirects: 0 });
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toBe(new URL(formUrl).pathname);

    const staff = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await signInAs(staff, { staff: "Ruth Bennett" });
    const row = staff.locator("table.caseload tbody tr").filter({ hasText: "Alex Rivers" });
    await expect(row).toContainText("Safety answer to check");
    await row.getByRole("link", { name: "Alex Rivers" }).click();
    await expect(staff.getByRole("region", { name: "Check first" })).toContainText("Do you feel safe at home right now?");
    await staff.getByRole("link", { name: "See the answers" }).click();
    await expect(staff.getByText("How safe do you feel today?")).toBeVisible();
    await staff.close();
  });

  test("a young person under 8 answers the faces exit form with nothing to type", async ({ page, browser }) => {
    const staff = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
    await assignAs(staff, "Tom Fletcher", "Mia Rivers", "Looking back");
    await staff.close();

    await signInAs(page, { person: "mia-rivers-0001" });
    await page.getByRole("link", { name: "Looking back" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Me");
    await expect(page.locator("textarea, input[type=text]")).toHaveCount(0);
    for (const question of ["At home, I feel…", "At school, I feel…", "My worries make me feel…", "With my family, I feel…", "With my friends, I feel…"]) {
      await page.getByRole("group", { name: question }).getByRole("radio", { name: "Happy face", exact: true }).check();
    }
    await page.getByRole("group", { name: "Can you talk to a grown-up?" }).getByRole("radio", { name: "Yes" }).check();
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("All done?");
    await expect(page.getByText("Happy face").first()).toBeVisible();
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
  });
});

test("someone who presses quick exit halfway through signs in again and carries on with their answers intact", async ({ page, browser }) => {
  const staff = await (await browser.newContext()).newPage();
  await assignAs(staff, "Ruth Bennett", "Alex Rivers", "Getting started");
  await staff.close();

  await page.setViewportSize(PHONE);
  await answerNeutralSite(page);
  await signInAs(page, { person: "alex-rivers-0001" });
  await page.getByRole("link", { name: "Getting started" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Right now");
  await page
    .getByRole("group", { name: /Do you feel safe at home right now/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What would help");
  await pageIsLive(page);
  // Two answers on the second page, each saved as it is given (the page says so), then leave.
  await page
    .getByRole("group", { name: /help with staying safe/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await page
    .getByRole("group", { name: /help with housing/ })
    .getByRole("radio", { name: "No" })
    .check();
  await expect(page.getByRole("status").filter({ hasText: /^Saved at/ })).toBeVisible();
  await page.getByRole("link", { name: "Exit this page quickly (emergency exit)" }).click();
  await expect(page).toHaveURL(NEUTRAL_SITE);

  await signInAs(page, { person: "alex-rivers-0001" });
  await page.getByRole("link", { name: "Carry on: Getting started" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What would help");
  await expect(page.getByRole("group", { name: /help with staying safe/ }).getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(page.getByRole("group", { name: /help with housing/ }).getByRole("radio", { name: "No" })).toBeChecked();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("group", { name: /Do you feel safe at home right now/ }).getByRole("radio", { name: "Yes" })).toBeChecked();
});

test("an answer saved in the background never lands after the page that followed it", async ({ page, browser }) => {
  const staff = await (await browser.newContext()).newPage();
  await assignAs(staff, "Ruth Bennett", "Alex Rivers", "Looking back");
  await staff.close();

  await page.setViewportSize(PHONE);
  await answerNeutralSite(page);
  await signInAs(page, { person: "alex-rivers-0001" });
  await page.getByRole("link", { name: "Looking back" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Right now");
  // The link may load the page as a whole document (its route not yet discovered): the background
  // save exists only once the page is live, so wait for that before answering.
  await pageIsLive(page);
  // A slow phone signal: the answer's background save takes a while to reach the server.
  const isBackgroundSave = (request: Request) => request.method() === "POST" && /intent(=|"\r\n\r\n)save/.test(request.postData() ?? "");
  let slowed = 0;
  await page.route("**/forms/**", async (route) => {
    if (isBackgroundSave(route.request()) && slowed++ === 0) await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const saving = page.waitForRequest(isBackgroundSave);
  const saved = page.waitForResponse((response) => isBackgroundSave(response.request()));
  await page
    .getByRole("group", { name: /Do you feel safe at home right now/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await saving;
  // "Save and continue" pressed while that save is still on its way.
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The last three months");
  await saved;
  expect(slowed).toBe(1);
  await page.getByRole("link", { name: "Exit this page quickly (emergency exit)" }).click();
  await expect(page).toHaveURL(NEUTRAL_SITE);

  // Coming back resumes where she got to, with the answer she gave.
  await signInAs(page, { person: "alex-rivers-0001" });
  await page.getByRole("link", { name: "Carry on: Looking back" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The last three months");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("group", { name: /Do you feel safe at home right now/ }).getByRole("radio", { name: "Yes" })).toBeChecked();
});

test("a behaviour-change worker records their assessment on a service user's exit form before he has sent his part", async ({ page }) => {
  await signInAs(page, { staff: "Owen Price" });
  await page.getByRole("link", { name: "Sam Rivers" }).click();
  await page.getByLabel("Assign a questionnaire").selectOption({ label: "Looking back" });
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByRole("status")).toHaveText("Questionnaire assigned.");
  // The form posted to the record's index route, which Remix marks with "?index".
  const recordUrl = page.url().replace(/\?.*$/, "");
  await page
    .getByRole("region", { name: "Questionnaires" })
    .getByRole("listitem")
    .filter({ hasText: "Looking back" })
    .getByRole("link", { name: "Your part" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Looking back: your part");
  await expectNoAxeViolations(page);
  const answer = async (question: RegExp, value: string) =>
    page.getByRole("group", { name: question }).getByRole("radio", { name: value, exact: true }).check();
  await answer(/aware of the impact/, "Yes");
  await answer(/understand that their behaviour was unacceptable/, "Yes");
  await answer(/able to control their behaviour/, "No");
  await answer(/take responsibility/, "Yes");
  await answer(/Risk level at the start/, "Medium");
  await answer(/Risk level at the end/, "Standard");
  await answer(/At the start of support, was the service user using physical abuse/, "Yes");
  await answer(/At the end of support, is the service user using physical abuse/, "No");
  await page.getByRole("button", { name: "Save and complete" }).click();
  await expect(page).toHaveURL(recordUrl);
  const given = page.getByRole("region", { name: "Questionnaires" }).getByRole("listitem").filter({ hasText: "not sent back yet" });
  await expect(given).toContainText("Caseworker agreed: aware, understands, in control, responsible (0–4): 3");
  await given.getByRole("link", { name: "Looking back" }).click();
  await expect(page.getByText("not sent by them yet")).toBeVisible();
  await expect(page.getByText(/worker's part completed/)).toBeVisible();

  // His own view of the same form shows none of the worker's questions.
  await signOut(page);
  await signInAs(page, { person: "sam-rivers-0001" });
  await page.getByRole("link", { name: "Looking back" }).click();
  await expect(page.locator("main")).not.toContainText(/service user|Risk level|physical abuse/i);
});
