import { redirect } from "@remix-run/node";
import { signInPath } from "./door.server";
import { listRecentSignIns, pinSetAt, reportNotMe, signOutEverywhere } from "./account.server";
import { listPasskeys, removePasskey } from "./passkeys.server";
import { endSession, principalOf, type Viewer } from "./session.server";

/** What both account pages (people's and staff's) show: sign-ins, and every way to sign in with when it was added. */
export async function loadAccount(viewer: Viewer) {
  const principal = principalOf(viewer);
  const [signIns, passkeys, pin] = await Promise.all([listRecentSignIns(principal, viewer.sessionId), listPasskeys(principal), pinSetAt(principal)]);
  return {
    signIns,
    pinSetAt: pin?.toISOString() ?? null,
    passkeys: passkeys.map((p) => ({
      id: p.id,
      label: p.label,
      createdAt: p.createdAt.toISOString(),
      lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

/** The account pages' form actions: remove a passkey, sign out everywhere, "this wasn't me". */
export async function handleAccountAction(request: Request, viewer: Viewer) {
  const form = await request.formData();
  const intent = form.get("intent");
  const principal = principalOf(viewer);
  if (intent === "remove-passkey") {
    const removed = await removePasskey(principal, String(form.get("passkeyId") ?? ""));
    if (!removed) throw new Response("Not found", { status: 404 });
    return Response.json({ removed: true });
  }
  if (intent === "not-me") {
    await reportNotMe(principal);
    const setCookie = await endSession(request, "NOT_ME");
    return redirect("/signed-out?reason=not-me", { headers: { "Set-Cookie": setCookie } });
  }
  if (intent === "everywhere") {
    await signOutEverywhere(principal);
    const setCookie = await endSession(request, "SIGNED_OUT_EVERYWHERE");
    return redirect(await signInPath(), { headers: { "Set-Cookie": setCookie } });
  }
  return Response.json({ error: "Choose what to do." }, { status: 400 });
}
