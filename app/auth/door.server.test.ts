/**
 * One way in (docs/decisions/032-one-way-in.md): only the service's configured sign-in path shows
 * sign-in to someone not signed in; every other portal address answers with the cover page. The
 * path is a setting only an administrator changes, checked by the form and by the database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as anyAddress from "~/routes/$";
import * as layout from "~/routes/_user";
import * as home from "~/routes/_user.home";
import * as signOut from "~/routes/sign-out";
import { parseForm } from "~/forms/parse";
import { loadSettings, saveSettings, settingsSchema } from "~/service/settings.server";
import { RESERVED_FIRST_SEGMENTS, signInPathProblem } from "~/auth/sign-in-path";
import { createService, createStaff } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { staffViewer } from "../../tests/support/viewers";
import { answerFrom } from "../../tests/support/route-answer";

const database = useAppDatabase();

type Handler = (args: { request: Request; params: Record<string, string>; context: { clientAddress: string } }) => unknown;

/** What a route handler answers a visitor with no session: "redirect:<to>", a status, or "data". */
async function answer(handler: Handler, url: string, method = "GET", body?: URLSearchParams) {
  const answered = await answerFrom(() =>
    handler({ request: new Request(`http://localhost${url}`, { method, body }), params: {}, context: { clientAddress: "192.0.2.9" } }),
  );
  if (answered.status >= 300 && answered.status < 400) return `redirect:${answered.location}`;
  return answered.status === 200 ? "data" : answered.status;
}

/** The settings form as an administrator's page sends it, drawn from what is stored now. */
async function form(serviceId: string, changes: Record<string, string>) {
  const stored = await loadSettings(serviceId);
  return { ...Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "yes" : "") : String(v)])), ...changes };
}

describe("the sign-in path's shape", () => {
  it("takes one neutral segment and refuses the app's own addresses, revealing words and odd shapes", () => {
    expect(signInPathProblem("/members")).toBeNull();
    expect(signInPathProblem("/sign-in")).toBeNull();
    for (const bad of ["/", "/ab", "members", "/Members", "/a/b", "/members/", "/home", "/staff", "/exit", "/my-safety", "/survivors", `/${"a".repeat(41)}`]) {
      expect(signInPathProblem(bad), bad).not.toBeNull();
    }
  });

  it("reserves the first segment of every route the app has", () => {
    const firstSegments = readdirSync(path.resolve("app/routes"))
      .filter((f) => /\.tsx?$/.test(f))
      // The first segment of the address: pathless layouts (`_user`) take none.
      .map(
        (f) =>
          f
            .replace(/\.tsx?$/, "")
            .split(".")
            .find((segment) => !segment.startsWith("_")) ?? "",
      )
      .filter((s) => s !== "" && !s.startsWith("$"))
      .map((s) => s.replace(/_$/, ""));
    expect(firstSegments.length).toBeGreaterThan(5);
    expect(firstSegments.filter((s) => !(RESERVED_FIRST_SEGMENTS as readonly string[]).includes(s))).toEqual([]);
  });
});

describe("one way in", () => {
  it("shows sign-in only at the configured path; an administrator moves it, audited; anywhere else a visitor gets the cover page", async () => {
    const prisma = database().prisma;
    const service = await createService(prisma);
    const admin = staffViewer(await createStaff(prisma, { serviceId: service.id, role: "ADMIN" }));
    const manager = staffViewer(await createStaff(prisma, { serviceId: service.id, role: "MANAGER" }));

    // The default way in.
    expect(await answer(anyAddress.loader, "/sign-in")).toBe("data");
    for (const url of ["/members", "/no/such/page"]) expect(await answer(anyAddress.loader, url), url).toBe("redirect:/");
    expect(await answer(layout.loader, "/home")).toBe("redirect:/");
    expect(await answer(home.loader, "/home")).toBe("redirect:/");

    // A manager may not move it; bad input is refused with a message; nothing is written.
    const parsed = parseForm(settingsSchema, await form(service.id, { signInPath: "/members" }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    expect(await saveSettings(manager, parsed.data)).toEqual({
      ok: false,
      stale: false,
      fields: { signInPath: "Only an administrator can change the sign-in address" },
    });
    const badShape = parseForm(settingsSchema, await form(service.id, { signInPath: "/home" }));
    expect(badShape.ok ? null : badShape.fields.signInPath).toMatch(/already a page/);
    expect((await loadSettings(service.id)).signInPath).toBe("/sign-in");

    // An administrator moves it (typed without the slash, in capitals: stored in its one shape).
    const moved = parseForm(settingsSchema, await form(service.id, { signInPath: " Members " }));
    if (!moved.ok) throw new Error(JSON.stringify(moved.fields));
    expect(await saveSettings(admin, moved.data)).toEqual({ ok: true });
    expect((await loadSettings(service.id)).signInPath).toBe("/members");
    expect(await prisma.auditEvent.count({ where: { action: "service.sign-in-path.update" } })).toBe(1);

    expect(await answer(anyAddress.loader, "/members")).toBe("data");
    expect(await answer(anyAddress.action, "/members", "POST", new URLSearchParams({ intent: "pin", signInName: "", pin: "" }))).toBe(400);
    // The old address is now an address like any other.
    expect(await answer(anyAddress.loader, "/sign-in")).toBe("redirect:/");
    expect(await answer(anyAddress.action, "/sign-in", "POST", new URLSearchParams({ intent: "pin" }))).toBe("redirect:/");
    // Signing out ends on the new way in.
    expect(await answer(signOut.action, "/sign-out", "POST")).toBe("redirect:/members");

    // Saving the same path again is not a move.
    const again = parseForm(settingsSchema, await form(service.id, {}));
    if (!again.ok) throw new Error(JSON.stringify(again.fields));
    expect(await saveSettings(admin, again.data)).toEqual({ ok: true });
    expect(await prisma.auditEvent.count({ where: { action: "service.sign-in-path.update" } })).toBe(1);
  });

  it("is kept in shape by the database too", async () => {
    const prisma = database().prisma;
    const service = await createService(prisma);
    await expect(prisma.service.update({ where: { id: service.id }, data: { signInPath: "/a/b" } })).rejects.toThrow();
    await expect(prisma.service.update({ where: { id: service.id }, data: { signInPath: "https://elsewhere.example" } })).rejects.toThrow();
  });
});
