import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

/**
 * The outcome report as its readers use it: a manager filters by area and period, reads a chart and
 * its table, and downloads the CSV; a case manager sees their own area only. Who else gets a 404 is
 * the authorization matrix's (tests/access/authorization-matrix.test.ts).
 */
test("a manager reads the outcome report for an area and a period, and downloads it", async ({ page }) => {
  await signInAs(page, { staff: "Martin Cole" });
  await page.getByRole("link", { name: "Outcome report" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcome report" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How many people have been supported" })).toBeVisible();

  // A bad period: 400, said in words, the form kept as sent.
  await page.getByLabel("From").fill("2026-06-01");
  await page.getByLabel("To").fill("2026-01-01");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("alert")).toContainText("The end date must be on or after the start date.");
  await expect(page.getByLabel("From")).toHaveValue("2026-06-01");

  await page.getByLabel("Area").selectOption({ label: "North" });
  await page.getByLabel("From").fill("2024-12-01");
  await page.getByLabel("To").fill("2026-11-30");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/area=/);
  const section = page.getByRole("region", { name: "Who are the adult victim-survivors?" });
  await expect(section.getByRole("img", { name: "Who are the adult victim-survivors?" })).toBeVisible();
  await expect(section.getByRole("rowheader", { name: "are from a Black, Asian, mixed or other minority ethnic group" })).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the report as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^outcomes-2024-12-01-to-2026-11-30\.csv$/);
});

test("a case manager's report is of their own area only", async ({ page }) => {
  await signInAs(page, { staff: "Grace Okafor" });
  await page.getByRole("link", { name: "Outcome report" }).first().click();
  await expect(page.getByText(/Area\s*North/)).toBeVisible();
  await expect(page.getByLabel("Area")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Records for evaluation" })).toHaveCount(0);
});
