import { describe, expect, it } from "vitest";
import { alertingItems, checkAnswer, isShown, missingRequired, pagesFor, shownAnswers } from "./answers";
import { definitionSchema, type QuestionnaireItem } from "./definition-schema";
import { adultCheckin } from "./definitions/adult-checkin";
import { hbExit } from "./definitions/hb-exit";
import { ypExit } from "./definitions/yp-exit";
import { computeScore, scoreAnswers, scoreRange, storedScores } from "./scoring";

const checkin = definitionSchema.parse(adultCheckin);
const exitForm = definitionSchema.parse(ypExit);
const hb = definitionSchema.parse(hbExit);

function item(overrides: Partial<QuestionnaireItem> & Pick<QuestionnaireItem, "type">): QuestionnaireItem {
  return { key: "x", respondent: "person", label: "A question", required: false, ...overrides };
}

describe("checking one answer", () => {
  it("takes each type in its form shape and refuses what does not fit, with a message a person understands", () => {
    expect(checkAnswer(item({ type: "yes-no" }), "yes")).toEqual({ ok: true, value: "yes" });
    expect(checkAnswer(item({ type: "yes-no" }), true)).toEqual({ ok: true, value: "yes" });
    expect(checkAnswer(item({ type: "yes-no" }), "maybe")).toEqual({ ok: false, error: "Choose yes or no" });
    expect(checkAnswer(item({ type: "scale-0-10" }), "7")).toEqual({ ok: true, value: 7 });
    expect(checkAnswer(item({ type: "scale-0-10" }), "11")).toEqual({ ok: false, error: "Enter a whole number from 0 to 10" });
    expect(checkAnswer(item({ type: "scale-0-10" }), "6.5").ok).toBe(false);
    expect(checkAnswer(item({ type: "scale-0-10" }), "1e1").ok).toBe(false);
    expect(checkAnswer(item({ type: "faces" }), "0")).toEqual({ ok: false, error: "Pick one of the faces" });
    expect(checkAnswer(item({ type: "number", min: 0, max: 20 }), "2.5")).toEqual({ ok: true, value: 2.5 });
    expect(checkAnswer(item({ type: "date" }), "2026-02-30")).toEqual({ ok: false, error: "Enter a real date, like 2026-03-31" });
    expect(checkAnswer(item({ type: "date" }), "2026-02-28")).toEqual({ ok: true, value: "2026-02-28" });
    const choice = item({
      type: "multiple-choice",
      options: [
        { value: "a", label: "A" },
        { value: "b", label: "B" },
      ],
    });
    expect(checkAnswer(choice, ["b", "a", "b"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(checkAnswer(choice, ["c"]).ok).toBe(false);
    expect(checkAnswer(item({ type: "long-text", maxLength: 5 }), "  abc \r\n ")).toEqual({ ok: true, value: "abc" });
    expect(checkAnswer(item({ type: "long-text", maxLength: 5 }), "abcdef")).toEqual({ ok: false, error: "Use 5 characters or fewer (this has 6)" });
  });

  it("treats an empty box or nothing ticked as not answered, not as an error", () => {
    for (const type of ["yes-no", "scale-1-5", "short-text", "date"] as const) {
      expect(checkAnswer(item({ type }), "")).toEqual({ ok: true, value: null });
    }
    expect(checkAnswer(item({ type: "long-text" }), "   ")).toEqual({ ok: true, value: null });
  });
});

describe("what a reader sees", () => {
  it("shows a follow-up only when its condition holds, and drops an answer left behind when the condition changed", () => {
    const detail = checkin.sections[0]?.items.find((i) => i.key === "anything-new-detail");
    expect(detail && isShown(detail, { respondent: "person", band: null, answers: { "anything-new": "yes" } })).toBe(true);
    expect(detail && isShown(detail, { respondent: "person", band: null, answers: { "anything-new": "no" } })).toBe(false);
    const kept = shownAnswers(checkin, {
      respondent: "person",
      band: null,
      answers: { "anything-new": "no", "anything-new-detail": "left behind", "feel-well": 5 },
    });
    expect(kept).toEqual({ "anything-new": "no", "feel-well": 5 });
  });

  it("gives under-8s no box to type in, and the worker's items only to the worker", () => {
    const under8 = pagesFor(exitForm, "person", "under-8").flatMap((p) => p.items);
    expect(under8.some((i) => i.type === "long-text")).toBe(false);
    expect(under8.some((i) => i.respondent === "worker")).toBe(false);
    expect(
      pagesFor(exitForm, "person", "8-12")
        .flatMap((p) => p.items)
        .some((i) => i.key === "what-helped"),
    ).toBe(true);
    expect(
      pagesFor(exitForm, "worker", null)
        .flatMap((p) => p.items)
        .map((i) => i.key),
    ).toEqual([
      "witnessed-abuse",
      "direct-harm",
      "csc-involved",
      "support-safety",
      "support-family-relationships",
      "support-mental-health",
      "support-other-relationships",
    ]);
  });

  it("asks for required answers only where the item is shown", () => {
    const items = checkin.sections.flatMap((s) => s.items);
    expect(missingRequired(items, { respondent: "person", band: null, answers: {} })).toEqual({ "safe-at-home-now": "Answer this question to go on" });
    expect(missingRequired(items, { respondent: "person", band: null, answers: { "safe-at-home-now": "yes" } })).toEqual({});
  });

  it("names the items whose answers raise a safety alert", () => {
    expect(alertingItems(checkin, { "safe-at-home-now": "no", "anything-new": "no" })).toEqual(["safe-at-home-now"]);
    expect(alertingItems(checkin, { "safe-at-home-now": "yes", "anything-new": "yes" })).toEqual(["anything-new"]);
    expect(alertingItems(exitForm, { "safe-home": 1 })).toEqual(["safe-home"]);
    expect(alertingItems(exitForm, { "safe-home": 2 })).toEqual([]);
  });
});

describe("scoring", () => {
  it("sums the faces, prorates one skipped face, and names the band", () => {
    expect(scoreAnswers(exitForm, { "safe-home": 5, "safe-elsewhere": 4, worries: 4, "getting-on-family": 5, "getting-on-others": 3 })["how-i-feel"]).toEqual({
      value: 21,
      band: "Mostly good",
      answered: 5,
      of: 5,
    });
    // Four faces answered (sum 8): scaled to five items, 10, "Finding things hard".
    expect(scoreAnswers(exitForm, { "safe-home": 2, "safe-elsewhere": 2, worries: 2, "getting-on-family": 2 })["how-i-feel"]).toEqual({
      value: 10,
      band: "Finding things hard",
      answered: 4,
      of: 5,
    });
    // Two skipped is too many: no score rather than a guess.
    expect(scoreAnswers(exitForm, { "safe-home": 2, "safe-elsewhere": 2, worries: 2 })["how-i-feel"]).toBeUndefined();
  });

  it("counts yes as 1 and a choice by its option's score, and takes a mean", () => {
    const scores = scoreAnswers(hb, {
      "worker-aware-of-impact": "yes",
      "worker-understands-unacceptable": "no",
      "worker-controls-behaviour": "yes",
      "worker-takes-responsibility": "yes",
      "understand-impact": "strongly-agree",
      "behaviour-reduced": "agree",
      "relationship-partner-improved": "not-sure",
    });
    expect(scores["worker-agreed"]?.value).toBe(3);
    expect(scores["own-view"]).toEqual({ value: 4, band: null, answered: 3, of: 4 });
  });

  it("reverses a reversed item", () => {
    const items = new Map([
      ["a", item({ key: "a", type: "scale-1-5" })],
      ["b", item({ key: "b", type: "scale-1-5" })],
    ]);
    const score = computeScore({ key: "s", label: "S", method: "sum", items: ["a", "b"], reverse: ["b"], maxMissing: 0 }, items, { a: 5, b: 5 });
    expect(score?.value).toBe(6);
  });

  it("says how far a score can go, from the items it counts", () => {
    const items = new Map<string, QuestionnaireItem>([
      ["face", item({ key: "face", type: "faces" })],
      ["scale", item({ key: "scale", type: "scale-0-10", min: 2 })],
      ["yes", item({ key: "yes", type: "yes-no" })],
      [
        "choice",
        item({
          key: "choice",
          type: "single-choice",
          options: [
            { value: "a", label: "A", score: 3 },
            { value: "b", label: "B", score: -1 },
          ],
        }),
      ],
    ]);
    expect(scoreRange({ method: "sum", items: ["face", "scale", "yes", "choice"] }, items)).toEqual([1 + 2 + 0 - 1, 5 + 10 + 1 + 3]);
    expect(scoreRange({ method: "mean", items: ["face", "yes"] }, items)).toEqual([0.5, 3]);
    expect(
      scoreRange(
        exitForm.scores?.find((s) => s.key === "how-i-feel") ?? { method: "sum", items: [] },
        new Map(exitForm.sections.flatMap((s) => s.items).map((i) => [i.key, i])),
      ),
    ).toEqual([5, 25]);
  });

  it("reads scores back as stored, with their labels, passing over anything that is not one", () => {
    const stored = { calm: { value: 7, band: "Mostly good", answered: 2, of: 2 }, plain: { value: 3 }, junk: { value: "7" }, nothing: null };
    expect(storedScores(stored, [{ key: "calm", label: "Feeling calm" }])).toEqual([
      { key: "calm", label: "Feeling calm", value: 7, band: "Mostly good" },
      { key: "plain", label: "plain", value: 3, band: null },
    ]);
    expect(storedScores(null)).toEqual([]);
    expect(storedScores("not scores")).toEqual([]);
  });
});
