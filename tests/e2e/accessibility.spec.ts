import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

test.describe("every page passes an axe check", () => {
  for (const path of ["/", "/sign-in", "/demo-sign-in", "/privacy-tips", "/signed-out"]) {
    test(`signed out: ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  const people = [
    { name: "adult survivor", person: /^Alex Rivers/ },
    { name: "person using harmful behaviour", person: /^Sam Rivers/ },
    { name: "young person under 8", person: /^Mia Rivers/ },
    { name: "young person aged 8 to 12", person: /^Leo Rivers/ },
    { name: "young person aged 13 to 17", person: /^Zoe Rivers/ },
  ];
  for (const { name, person } of people) {
    test(`home of a ${name}`, async ({ page }) => {
      await signInAs(page, { person }, { stopAtIntro: true });
      await expect(page).toHaveURL(/\/start$/);
      await expectNoAxeViolations(page);
      await page.getByRole("button").filter({ hasText: /continue|let's go|^OK$/i }).click();
      await expect(page).toHaveURL(/\/home$/);
      await expectNoAxeViolations(page);
    });
  }

  for (const role of ["Worker", "Case manager", "Manager", "Administrator"]) {
    test(`staff overview of a ${role.toLowerCase()}`, async ({ page }) => {
      await signInAs(page, { staff: new RegExp(`\\(${role}\\)`) });
      await expect(page).toHaveURL(/\/staff$/);
      await expectNoAxeViolations(page);
    });
  }
});
