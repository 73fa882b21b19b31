import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInAs } from "./support";

/**
 * Nothing the server answers to a signed-out visitor carries the portal's words: not the pages,
 * not the route table Remix's lazy route discovery serves at /__manifest, not the names of the
 * script and style files the sign-in page loads, not a header.
 */
const PORTAL_WORDS =
  /abuse|domestic|violen|refuge|perpetrat|victim|survivor|harm|safety|waypoint|\bdv\b|idva|staff|_user|forms|goals|families|people|audit|casework/i;

async function fetchText(request: APIRequestContext, url: string) {
  const response = await request.get(url, { maxRedirects: 0 });
  return { status: response.status(), headers: JSON.stringify(response.headers()), body: await response.text() };
}

test.describe("a signed-out visitor", () => {
  test("gets no portal words from the pages before signing in, the files they load, or /__manifest", async ({ request }) => {
    const signIn = await fetchText(request, "/sign-in");
    expect(signIn.status).toBe(200);
    const version = /"version":\s*"([0-9a-f]+)"/.exec(signIn.body)?.[1];
    expect(version, "the sign-in page carries the route table's version").toBeTruthy();

    const files = [...signIn.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"|import\("(\/assets\/[^"]+)"\)/g)].map((m) => m[1] ?? m[2] ?? "");
    expect(files.length, "the sign-in page loads scripts and styles").toBeGreaterThan(3);
    const inline = signIn.body.match(/window\.__remixManifest = (\{.*?\});/s)?.[1] ?? "";
    expect(inline, "the sign-in page carries its part of the route table").not.toBe("");
    expect(inline).not.toMatch(PORTAL_WORDS);
    for (const file of files) expect(file).not.toMatch(PORTAL_WORDS);

    // Discovery for the console's pages and a service user's: answered with nothing of them.
    const asked = ["/staff", "/staff/people/x", "/staff/audit", "/home", "/forms/x", "/goals", "/account"];
    const manifest = await fetchText(request, `/__manifest?${asked.map((p) => `p=${encodeURIComponent(p)}`).join("&")}&version=${version}`);
    expect(manifest.status).toBe(200);
    expect(manifest.body).not.toMatch(PORTAL_WORDS);
    expect(manifest.headers).toContain("no-store");
    // The whole table Remix writes as a file beside the scripts is not served.
    expect((await request.get(`/assets/manifest-${version}.js`, { maxRedirects: 0 })).status()).not.toBe(200);

    for (const url of ["/", "/sign-in", "/set-up", "/signed-out", "/privacy-tips", "/robots.txt", "/no/such/page", "/staff/no/such/page", ...files]) {
      const answer = await fetchText(request, url);
      expect(answer.headers, url).not.toMatch(PORTAL_WORDS);
      // Scripts are code: only their names are checked above. Documents and styles are read whole.
      if (!url.endsWith(".js"))
        expect(answer.body.replace(/window\.__remixRouteModules = [^;]*;/, ""), url).not.toMatch(
          /abuse|domestic|violen|refuge|perpetrat|victim|survivor|safety|waypoint|idva|staff/i,
        );
    }
  });

  test("once signed in, discovery answers the routes of that person's own view, and navigation works", async ({ page }) => {
    await signInAs(page, { person: "alex-rivers-0001" });
    const version = await page.evaluate(() => (window as unknown as { __remixManifest: { version: string } }).__remixManifest.version);
    const answer = await page.evaluate(async (v) => (await fetch(`/__manifest?p=/account&p=/staff/audit&version=${v}`)).text(), version);
    expect(answer).toContain("routes/_user.account");
    expect(answer).not.toMatch(/staff/i);
    await page.getByRole("link", { name: "Your sign-ins" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your sign-ins");
  });
});
