import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

/**
 * The casework console as the people who use it: an administrator sets the service up, a case
 * manager opens a family of three and allocates its workers, and a worker works their caseload,
 * records contact and risk, exports a subject access file and closes a case. The names are made
 * up for these tests and do not collide with the demo service's generator.
 */
const FAMILY = { survivor: "Imogen Quartermaine", serviceUser: "Dorian Quartermaine", child: "Pip Quartermaine" };

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option });
}

/** A field's error message, as the page shows it under the field. */
function fieldError(page: Page, text: string) {
  return page.locator(".field-error", { hasText: text });
}

test("an administrator sets up areas, teams, staff and the service's settings", async ({ page }) => {
  await signInAs(page, { staff: "Helen Park" });

  await page.getByRole("link", { name: "Areas and teams" }).first().click();
  await page.getByLabel("New area").fill("East");
  await page.getByRole("button", { name: "Add the area" }).click();
  await expect(page.getByRole("status")).toHaveText("Area added.");
  // The page's data is read again after the action; a second post sent before that lands cancels the
  // reading, and a refused post (400) reads nothing, so wait for the new area before going on.
  await expect(page.getByRole("region", { name: "Areas" }).getByText("East")).toBeVisible();
  await page.getByLabel("New area").fill("East");
  await page.getByRole("button", { name: "Add the area" }).click();
  await expect(fieldError(page, "There is already an area with this name")).toBeVisible();
  await page.getByLabel("New team").fill("East team");
  await choose(page, "Its area (optional)", "East");
  await page.getByRole("button", { name: "Add the team" }).click();
  await expect(page.getByRole("status")).toHaveText("Team added.");
  await expect(page.getByText(/East team\s*· East/)).toBeVisible();

  // A worker moves to the new team.
  await page.getByRole("link", { name: "Staff accounts" }).first().click();
  await page.getByRole("link", { name: "Hannah Lowe" }).click();
  await choose(page, "Team", "East team");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/staff\/team$/);

  // Settings: a bad exit address is refused and nothing is saved; a good change is kept.
  await page.getByRole("link", { name: "Settings" }).first().click();
  await expectNoAxeViolations(page);
  const exit = page.getByLabel("Where quick exit goes");
  await exit.fill("http://example.org");
  await page.getByLabel("Report counts from 1 up to this number as “fewer than”").fill("2");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(fieldError(page, "Use an https:// address")).toBeVisible();
  await expect(fieldError(page, "Enter the small-number threshold as a whole number from 4 to 20")).toBeVisible();
  await page.goto("/staff/settings");
  await expect(page.getByLabel("Where quick exit goes")).toHaveValue("https://www.bbc.co.uk/weather");
  await page.getByLabel("Report counts from 1 up to this number as “fewer than”").fill("5");
  await choose(page, "Cover page at the site's address", "Allotment society: Millbrook Allotment Society");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");
  await expect(page.getByLabel("Report counts from 1 up to this number as “fewer than”")).toHaveValue("5");

  // The cover page wears the new theme, then goes back to the one the other tests expect.
  const cover = await page.context().newPage();
  await cover.goto("/");
  await expect(cover).toHaveTitle("Millbrook Allotment Society");
  await cover.close();
  await choose(page, "Cover page at the site's address", "Community centre: Riverside Community Centre");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText("Settings saved.");

  // Young people's check-in every 28 days is already there (and their exit form at closure, so
  // that rule cannot be added twice): add the check-in at closure too, then try it again.
  const addRule = async () => {
    await choose(page, "Questionnaire", "How I'm doing (young person)");
    await choose(page, "For", "Young person");
    await choose(page, "When", "When their involvement closes");
    await page.getByLabel("Due after how many days").fill("10");
    await page.getByRole("button", { name: "Add the rule" }).click();
  };
  await addRule();
  await expect(page.getByRole("status")).toHaveText("Rule added.");
  await addRule();
  await expect(fieldError(page, "There is already a rule for this questionnaire, for these people, at this time")).toBeVisible();
});

test("a case manager opens a family of three, checks for duplicates, allocates workers and records what keeps them safe", async ({ page }) => {
  await signInAs(page, { staff: "Grace Okafor" });
  await page.getByRole("link", { name: "Open a family" }).click();
  await page.getByRole("button", { name: "Open the family" }).click();
  await expect(fieldError(page, "Choose the area")).toBeVisible();
  await choose(page, "Area", "North");
  await choose(page, "Where the referral came from", "Police");
  await page.getByRole("button", { name: "Open the family" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Family F-\d{4}$/);
  const familyUrl = page.url();

  const addPerson = async (kind: string, name: string, extra: (page: Page) => Promise<void> = async () => {}) => {
    await page.goto(`${familyUrl}/add`);
    await page.getByRole("radio", { name: kind, exact: true }).check();
    const [first, last] = name.split(" ");
    await page.getByLabel("First name").fill(first ?? "");
    await page.getByLabel("Last name").fill(last ?? "");
    await page.getByRole("radio", { name: "Yes", exact: true }).first().check();
    await extra(page);
    await page.getByRole("button", { name: "Add to the family" }).click();
  };
  await addPerson("Adult survivor", FAMILY.survivor);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FAMILY.survivor);
  const survivorUrl = page.url();
  await addPerson("Service user (behaviour change)", FAMILY.serviceUser);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FAMILY.serviceUser);
  const serviceUserUrl = page.url();
  // A child needs a date of birth: the form says so and keeps what was typed.
  await addPerson("Young person", FAMILY.child);
  await expect(fieldError(page, "Enter the child's date of birth")).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue("Pip");
  await page.getByLabel("Date of birth").fill(`${new Date().getUTCFullYear() - 9}-01-15`);
  await page.getByRole("button", { name: "Add to the family" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FAMILY.child);
  const childUrl = page.url();

  // The same survivor entered twice is caught, and nothing is added until checked.
  await addPerson("Adult survivor", FAMILY.survivor);
  await expect(page.getByRole("heading", { name: "Already on record?" })).toBeVisible();
  await expect(page.getByRole("link", { name: "open their record" })).toBeVisible();
  await page.goto(familyUrl);
  await expect(page.getByRole("link", { name: FAMILY.survivor })).toHaveCount(1);

  // Workers: the usual specialism for each; the same worker for both parties needs a reason.
  const allocate = async (url: string, worker: string) => {
    await page.goto(`${url}/allocate`);
    await page.getByRole("radio", { name: new RegExp(`^${worker} ·`) }).check();
    await page.getByRole("button", { name: "Allocate" }).click();
  };
  await allocate(survivorUrl, "Ruth Bennett");
  await expect(page).toHaveURL(survivorUrl);
  await allocate(serviceUserUrl, "Owen Price");
  await allocate(childUrl, "Tom Fletcher");
  await allocate(serviceUserUrl, "Ruth Bennett");
  await expect(page.getByRole("alert").filter({ hasText: "already supports" })).toContainText(FAMILY.survivor);
  await page.getByRole("radio", { name: /^Ruth Bennett ·/ }).check();
  await page.getByLabel("Why the same worker supports both").fill("Only advocate in the North this month; reviewed weekly with the team lead.");
  await page.getByRole("button", { name: "Allocate" }).click();
  await expect(page).toHaveURL(serviceUserUrl);
  await expect(page.getByText("Same worker as the other party: Only advocate in the North")).toBeVisible();

  // Safe-contact preferences: a channel cannot be both safe and forbidden.
  await page.goto(`${survivorUrl}/contact`);
  await page.getByLabel("When it is safe to contact them").fill("Weekday mornings before 11");
  await page.getByRole("group", { name: "Safe ways to contact them" }).getByLabel("Phone call").check();
  await page.getByRole("group", { name: "Never contact them by" }).getByLabel("Phone call").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(fieldError(page, "A way of contacting them cannot be both safe and not to be used")).toBeVisible();
  await page.getByRole("group", { name: "Never contact them by" }).getByLabel("Phone call").uncheck();
  await page.getByRole("group", { name: "Never contact them by" }).getByLabel("Text message").check();
  await page.getByLabel("Code word").fill("kingfisher");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(survivorUrl);
  await expect(page.getByText("Weekday mornings before 11")).toBeVisible();
  await page.getByText("Show the code word").click();
  await expect(page.getByText("kingfisher")).toBeVisible();

  // Risk at intake: the review falls due eight weeks later unless a date is given.
  await page.goto(`${survivorUrl}/risk`);
  await page.getByRole("radio", { name: "Medium" }).check();
  await page.getByLabel("Why this level").fill("Checklist 11 ticks; recent separation; threats by text.");
  await page.getByRole("button", { name: "Record the assessment" }).click();
  await expect(page).toHaveURL(survivorUrl);
  await expect(page.getByRole("region", { name: "Risk" })).toContainText("Medium at intake");

  // The family side by side: every member, their workers, and the shared worker flagged.
  await page.goto(familyUrl);
  await expectNoAxeViolations(page);
  for (const name of Object.values(FAMILY)) await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Ruth Bennett supports both");
  await expect(page.getByText("Checklist 11 ticks")).toHaveCount(0);
});

test("a worker sees what needs attention first, records contact, exports a subject access file and closes a case", async ({ page }) => {
  await signInAs(page, { staff: "Ruth Bennett" });
  await expect(page.getByRole("heading", { name: /^My people \(\d+\)$/ })).toBeVisible();
  await expectNoAxeViolations(page);
  // The open safety alert from the demo comes first.
  const rows = page.locator("table.caseload tbody tr");
  await expect(rows.first()).toContainText("Safety answer to check");
  await page.getByRole("link", { name: /^Safety alerts \(\d+\)$/ }).click();
  await expect(rows).not.toHaveCount(0);
  for (const row of await rows.all()) await expect(row).toContainText(/Safety answer to check|Did not recognise a sign-in/);
  await page.getByRole("link", { name: /^Everyone/ }).click();

  // The survivor the case manager allocated is on the caseload, with no contact yet.
  await page.getByRole("link", { name: FAMILY.survivor }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FAMILY.survivor);
  await expectNoAxeViolations(page);
  const recordUrl = page.url();
  await page.getByLabel("Kind of note").selectOption({ label: "Contact (call, visit or meeting)" });
  await page.getByLabel("Note", { exact: true }).fill("Called at the agreed time; Dorian had been outside the house on Sunday.");
  await page.getByRole("button", { name: "Add the note" }).click();
  await expect(page.getByRole("status")).toHaveText("Note added.");
  await expect(page.getByText("Called at the agreed time")).toBeVisible();

  // Subject access: her own record, with the passage naming someone else flagged for review.
  await page.getByRole("link", { name: "Subject access export" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Subject access");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /JSON/ }).click();
  const file = await (await download).path();
  const json = JSON.parse(await readFile(file, "utf8"));
  const text = JSON.stringify(json);
  expect(text).toContain("Called at the agreed time");
  expect(text).toContain("kingfisher");
  expect(text).not.toContain(FAMILY.child);
  expect(json.review.count).toBeGreaterThan(0);
  expect(JSON.stringify(json.review.passages)).toContain("Dorian");
  expect((await download).suggestedFilename()).not.toMatch(/imogen|quartermaine/i);

  // Closing: the reason and date, exit questionnaires assigned, and she stays on the caseload as closing.
  await page.goto(`${recordUrl}/close`);
  await page.getByLabel("Why it is closing").selectOption({ label: "Support completed" });
  await page.getByRole("button", { name: "Close their involvement" }).click();
  await expect(page).toHaveURL(recordUrl);
  await expect(page.getByText(/closed \d+ \w+ \d{4} \(support completed\)/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Questionnaires" })).toContainText("Looking back");
  await page.goto("/staff?show=closing");
  await expect(page.getByRole("link", { name: FAMILY.survivor })).toBeVisible();
});
