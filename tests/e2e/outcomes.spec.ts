import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

/**
 * The outcome report as its readers use it: a manager filters by area and reporting year, reads a chart and
 * its table, and downloads the CSV; a case manager sees their own area only. Who else gets a 404 is
 * the authorization matrix's (tests/access/authorization-matrix.test.ts).
 */
test("a manager reads the outcome report for an area and a period, and downloads it", async ({ page }) => {
  await signInAs(page, { staff: "Martin Cole" });
  await page.getByRole("link", { name: "Outcome report" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Outcome report" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How many people have been supported" })).toBeVisible();

  // A view that could be subtracted from two others: 400, said in words, the form kept as sent.
  await page.getByLabel("Referred by").selectOption({ label: "Police" });
  await page.getByLabel("Children's age at the start").selectOption({ label: "8-12" });
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose a referral source or a children's age band, not both");
  await expect(page.getByLabel("Referred by")).toHaveValue("POLICE");

  await page.getByLabel("Referred by").selectOption({ label: "Any referral source" });
  await page.getByLabel("Children's age at the start").selectOption({ label: "Any age" });
  await page.getByLabel("Area").selectOption({ label: "North" });
  await page.getByLabel("Reporting year").selectOption({ label: "2025–26" });
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/area=.*year=2025|year=2025.*area=/);
  const section = page.getByRole("region", { name: "Who are the adult victim-survivors?" });
  await expect(section.getByRole("img", { name: "Who are the adult victim-survivors?" })).toBeVisible();
  await expect(section.getByRole("rowheader", { name: "are from a Black, Asian, mixed or other minority ethnic group" })).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the report as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^outcomes-2025-04-01-to-2026-03-31\.csv$/);
});

test("a case manager's report is of their own area only", async ({ page }) => {
  await signInAs(page, { staff: "Grace Okafor" });
  await page.getByRole("link", { name: "Outcome report" }).first().click();
  await expect(page.getByText(/Area\s*North/)).toBeVisible();
  await expect(page.getByLabel("Area")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Records for evaluation" })).toHaveCount(0);
});
