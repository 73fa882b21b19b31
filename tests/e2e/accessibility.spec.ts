import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

test.describe("every page passes an axe check", () => {
  for (const path of ["/", "/sign-in", "/privacy-tips", "/signed-out"]) {
    test(`signed out: ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  const people = [
    { name: "adult survivor", person: "alex-rivers-0001" },
    { name: "person using harmful behaviour", person: "sam-rivers-0001" },
    { name: "young person under 8", person: "mia-rivers-0001" },
    { name: "young person aged 8 to 12", person: "leo-rivers-0001" },
    { name: "young person aged 13 to 17", person: "zoe-rivers-0001" },
  ];
  for (const { name, person } of people) {
    test(`home of a ${name}`, async ({ page }) => {
      await signInAs(page, { person }, { stopAtIntro: true });
      await expect(page).toHaveURL(/\/start$/);
      await expectNoAxeViolations(page);
      await page
        .getByRole("button")
        .filter({ hasText: /continue|let's go|^OK$/i })
        .click();
      await expect(page).toHaveURL(/\/home$/);
      await expectNoAxeViolations(page);
    });
  }

  for (const { name, person } of [people[0], people[2]].flatMap((p) => (p ? [p] : []))) {
    test(`a questionnaire page of a ${name}`, async ({ page }) => {
      await signInAs(page, { person });
      await page.locator("a[href^='/forms/']").first().click();
      await expect(page.locator("form.questionnaire")).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }

  const staff = [
    { role: "worker", name: "Ruth Bennett" },
    { role: "case manager", name: "Grace Okafor" },
    { role: "manager", name: "Martin Cole" },
    { role: "administrator", name: "Helen Park" },
  ] as const;
  for (const { role, name } of staff) {
    test(`staff overview of a ${role}`, async ({ page }) => {
      await signInAs(page, { staff: name });
      await expect(page).toHaveURL(/\/staff$/);
      await expectNoAxeViolations(page);
    });
  }
});
