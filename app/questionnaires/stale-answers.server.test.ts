/**
 * Two tabs (or a phone and a laptop) filling in the same questionnaire: a page drawn before
 * another save of the answers is refused and writes nothing, instead of putting back blanks over
 * the newer answers (docs/decisions/024-stale-writes-refused.md).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { open } from "~/crypto/sealed.server";
import { STALE_ANSWERS_MESSAGE } from "~/forms/stale";
import type { Person } from "~/generated/prisma/client";
import { createAssignment, enableQuestionnaires, publishDefinitions } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { survivorInService } from "../../tests/support/worlds";
import { personViewer as viewerOf } from "../../tests/support/viewers";
import { CHANGED_SINCE_CHECKED, discardDraft, loadFilling, savePage, submit } from "./filling.server";

const database = useAppDatabase();
const prisma = () => database().prisma;
let survivor: Person;

beforeEach(async () => {
  const { service, person } = await survivorInService(prisma(), { person: { safetyIntroSeenAt: new Date() } });
  survivor = person;
  await publishDefinitions(prisma());
  await enableQuestionnaires(prisma(), service.id);
});

async function checkIn() {
  return createAssignment(prisma(), { personId: survivor.id, definitionKey: "adult-checkin", dueAt: new Date(Date.now() + 7 * 86_400_000) });
}

async function draftAnswers(assignmentId: string) {
  const draft = await prisma().questionnaireDraft.findUniqueOrThrow({ where: { assignmentId } });
  return JSON.parse(open(draft.answersCipher, draft.keyId, "draft")) as Record<string, unknown>;
}

async function versionOf(assignmentId: string, page: string | null = "0") {
  const view = await loadFilling(viewerOf(survivor), assignmentId, page);
  if (view.state !== "page" && view.state !== "check") throw new Error(`expected a page, got ${view.state}`);
  return view.version;
}

describe("answers saved from two tabs", () => {
  it("the older tab's save is refused and the newer answers stay; told the version now, saving again is its choice", async () => {
    const viewer = viewerOf(survivor);
    const assignment = await checkIn();
    // Both tabs open the first page before anything is saved.
    const older = await versionOf(assignment.id);
    const newer = await versionOf(assignment.id);
    expect(await savePage(viewer, assignment.id, 0, { "safe-at-home-now": "no", "feel-safe": "2" }, { move: "stay", version: newer })).toEqual({
      ok: true,
      nextPage: null,
    });
    // The old tab still shows blanks; one answer ticked there would send the blanks too.
    const refused = await savePage(viewer, assignment.id, 0, { "feel-well": "8" }, { move: "stay", version: older });
    expect(refused).toEqual({ ok: false, stale: true, errors: { form: STALE_ANSWERS_MESSAGE }, status: 409, version: 1 });
    expect(await draftAnswers(assignment.id)).toEqual({ "safe-at-home-now": "no", "feel-safe": 2 });
    // Pressing save again from that tab, after being told, is a choice: it goes through.
    expect(await savePage(viewer, assignment.id, 0, { "feel-well": "8" }, { move: "stay", version: 1 })).toEqual({ ok: true, nextPage: null });
    expect(await draftAnswers(assignment.id)).toEqual({ "feel-well": 8 });
    expect(await versionOf(assignment.id)).toBe(2);
  });

  it("of saves sent at once from the same page, exactly one is kept", async () => {
    const viewer = viewerOf(survivor);
    const assignment = await checkIn();
    const results = await Promise.all(["1", "2", "3"].map((n) => savePage(viewer, assignment.id, 0, { "feel-safe": n }, { move: "stay", version: 0 })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && "stale" in r)).toHaveLength(2);
    expect(await versionOf(assignment.id)).toBe(1);
  });

  it("a page drawn before the answers were discarded cannot quietly save them again", async () => {
    const viewer = viewerOf(survivor);
    const assignment = await checkIn();
    await savePage(viewer, assignment.id, 0, { "feel-safe": "2" }, { move: "stay", version: 0 });
    const drawn = await versionOf(assignment.id);
    expect(await discardDraft(viewer, assignment.id)).toBe(true);
    expect(await savePage(viewer, assignment.id, 0, { "feel-safe": "2" }, { move: "stay", version: drawn })).toMatchObject({ ok: false, stale: true });
    expect(await prisma().questionnaireDraft.count({ where: { assignmentId: assignment.id } })).toBe(0);
  });

  it("sending from a check page drawn before another save sends nothing and shows the newest answers to check", async () => {
    const viewer = viewerOf(survivor);
    const assignment = await checkIn();
    await savePage(
      viewer,
      assignment.id,
      0,
      { "safe-at-home-now": "yes", "feel-safe": "7", "feel-well": "6", "anything-new": "no" },
      { move: "check", version: 0 },
    );
    const checked = await versionOf(assignment.id, "check");
    await savePage(
      viewer,
      assignment.id,
      0,
      { "safe-at-home-now": "no", "feel-safe": "2", "feel-well": "6", "anything-new": "no" },
      { move: "check", version: checked },
    );
    expect(await submit(viewer, assignment.id, new Date(), checked)).toEqual({
      ok: false,
      page: "check",
      errors: { form: CHANGED_SINCE_CHECKED },
      status: 409,
    });
    expect(await prisma().questionnaireResponse.count({ where: { assignmentId: assignment.id } })).toBe(0);
    expect(await submit(viewer, assignment.id, new Date(), await versionOf(assignment.id, "check"))).toEqual({ ok: true, already: false });
  });
});
