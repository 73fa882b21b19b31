import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations, signInAs } from "./support";

/**
 * Messages on a phone-sized screen (issue 11, decision 036): Ruth Bennett writes to a survivor on
 * her caseload; the survivor sees the unread count on her home page, reads, replies and removes
 * the message from her view; Ruth sees the reply, the time it was read, and the message on the
 * record's timeline. Once with JavaScript off for both (the worker signs in with a passkey, which
 * needs it, then carries on without) and once with it on.
 *
 * A manager adds a template on Message settings and Ruth starts a message from it (not sent).
 *
 * This file's own demo people (decision 029): Leanne Porter (F-0007) without JavaScript and Beth
 * Bailey (F-0011) with it, both Ruth's. No other test writes to them.
 */
const PHONE = { width: 360, height: 740 };

async function newPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: PHONE });
  return context.newPage();
}

/**
 * Ruth, signed in: a passkey needs JavaScript, so she signs in with it and, for a run without
 * JavaScript, carries on in a context without it holding the same session cookie.
 */
async function ruthPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const signingIn = await newPage(browser, true);
  await signInAs(signingIn, { staff: "Ruth Bennett" });
  if (javaScriptEnabled) return signingIn;
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE, storageState: await signingIn.context().storageState() });
  await signingIn.context().close();
  return context.newPage();
}

async function openConversationAsRuth(page: Page, name: string) {
  await page.goto("/staff");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await page.getByRole("navigation", { name: "Record actions" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Messages with ${name}`);
}

for (const { javaScriptEnabled, name, signIn } of [
  { javaScriptEnabled: false, name: "Leanne Porter", signIn: "leanne-porter-0007" },
  { javaScriptEnabled: true, name: "Beth Bailey", signIn: "beth-bailey-0011" },
]) {
  test(`a worker and a survivor write to each other ${javaScriptEnabled ? "with" : "without"} JavaScript, on phones`, async ({ browser }) => {
    const text = `Please call me when it is safe. Details: https://example.org/help?x=<b>${javaScriptEnabled ? "1" : "2"}</b>`;
    const reply = `Thank you, I will call on Thursday (${javaScriptEnabled ? "js" : "no js"})`;

    // The worker writes.
    const ruth = await ruthPage(browser, javaScriptEnabled);
    await openConversationAsRuth(ruth, name);
    await ruth.getByLabel("Message", { exact: true }).fill(text);
    await ruth.getByRole("button", { name: "Send", exact: true }).click();
    await expect(ruth.getByRole("status")).toContainText("Sent.");
    await expect(ruth.getByRole("region", { name: "Your conversation" })).toContainText("Not read yet");

    // She sees one new message on her home page, reads it as plain text, replies and removes it.
    const her = await newPage(browser, javaScriptEnabled);
    await signInAs(her, { person: signIn });
    await expect(her.getByRole("region", { name: "Messages" })).toContainText("1 new message.");
    await her.getByRole("link", { name: "Read your messages" }).click();
    await expect(her.getByRole("heading", { level: 1 })).toHaveText("Messages");
    await expect(her.getByRole("listitem").filter({ hasText: "Ruth Bennett" })).toContainText("1 new");
    await her.getByRole("link", { name: "Messages with Ruth Bennett" }).click();
    const conversation = her.getByRole("region", { name: "Messages" });
    await expect(conversation).toContainText(text);
    // Nothing she was sent is markup or a link: the address and the tags are text.
    await expect(conversation.getByRole("link")).toHaveCount(0);
    await expect(conversation.locator("b")).toHaveCount(0);
    await expect(her.getByText("copy it into your browser")).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(her);

    await her.getByLabel("Your reply").fill("   ");
    await her.getByRole("button", { name: "Send", exact: true }).click();
    await expect(her.getByText("Write a message")).toBeVisible();
    await her.getByLabel("Your reply").fill(reply);
    await her.getByRole("button", { name: "Send", exact: true }).click();
    await expect(her.getByRole("status")).toHaveText("Sent.");
    await expect(conversation).toContainText(reply);

    await conversation.getByRole("listitem").filter({ hasText: text }).getByRole("button", { name: "Remove from my view" }).click();
    await expect(her.getByRole("status")).toHaveText("Removed from your view. Your worker still has it on your record.");
    await expect(her.getByRole("region", { name: "Messages" })).not.toContainText("Please call me when it is safe");
    await expect(her.getByRole("region", { name: "Messages" })).toContainText(reply);
    await her.getByRole("link", { name: "Home", exact: true }).click();
    await expect(her.getByRole("region", { name: "Messages" })).toContainText("No new messages.");
    if (javaScriptEnabled) expect(await her.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    // The worker sees her waiting, her reply, when she read the message, and both on the timeline.
    await ruth.getByRole("link", { name: "Messages", exact: true }).first().click();
    await ruth.getByRole("link", { name: "Waiting for your reply" }).click();
    await expect(ruth.getByRole("row").filter({ hasText: name })).toContainText("Yes");
    await ruth.getByRole("link", { name, exact: true }).click();
    const thread = ruth.getByRole("region", { name: "Your conversation" });
    await expect(thread).toContainText(reply);
    const sent = thread.getByRole("listitem").filter({ hasText: "Please call me when it is safe" });
    await expect(sent).toContainText(/Read \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
    await expect(sent).toContainText("Removed from their view (kept on the record)");
    if (javaScriptEnabled) await expectNoAxeViolations(ruth);
    await ruth.getByRole("link", { name: "Back to the record" }).click();
    const timeline = ruth.getByRole("region", { name: "Timeline" });
    await expect(timeline).toContainText(`Message to ${name.split(" ")[0]}`);
    await expect(timeline).toContainText(reply);
  });
}

test("a manager adds a template, and a worker starts a message from it", async ({ browser }) => {
  const manager = await newPage(browser, true);
  await signInAs(manager, { staff: "Martin Cole" });
  await manager.getByRole("link", { name: "Message settings" }).click();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText("Message settings");
  await manager.getByLabel("Title (workers choose by it)").fill("Please call");
  await manager.getByLabel("Words", { exact: true }).fill("Please call me when it is safe to talk.");
  await manager.getByRole("button", { name: "Add template" }).click();
  await expect(manager.getByRole("status")).toHaveText("Template added.");
  await expect(manager.getByRole("region", { name: "Templates" })).toContainText("Please call me when it is safe to talk.");
  await manager.getByLabel("Days after a person reads a message before it leaves their view").fill("0");
  await manager.getByRole("button", { name: "Save", exact: true }).click();
  await expect(manager.getByText("Enter a number of days from 1 to 365, or leave it empty")).toBeVisible();
  await expectNoAxeViolations(manager);

  const ruth = await newPage(browser, true);
  await signInAs(ruth, { staff: "Ruth Bennett" });
  await openConversationAsRuth(ruth, "Leanne Porter");
  await ruth.getByLabel("Start from a template").selectOption({ label: "Please call" });
  await ruth.getByRole("button", { name: "Use this template" }).click();
  await expect(ruth.getByLabel("Message", { exact: true })).toHaveValue("Please call me when it is safe to talk.");
  await ruth.getByRole("link", { name: "All your conversations" }).click();
  await expect(ruth.getByRole("row").filter({ hasText: "Leanne Porter" })).toBeVisible();
  await expectNoAxeViolations(ruth);
});
