import { describe, expect, it } from "vitest";
import { definitionSchema, type QuestionnaireDefinitionData, type QuestionnaireItem } from "../definition-schema";
import { builtInDefinitions, matchedPairs } from "./index";

const parsed = builtInDefinitions.map((d) => definitionSchema.parse(d));
const byKey = new Map(parsed.map((d) => [d.key, d]));

function items(definition: QuestionnaireDefinitionData): QuestionnaireItem[] {
  return definition.sections.flatMap((s) => s.items);
}

function item(definitionKey: string, itemKey: string): QuestionnaireItem | undefined {
  const definition = byKey.get(definitionKey);
  return definition ? items(definition).find((i) => i.key === itemKey) : undefined;
}

/** Every string a reader of the item could see, in any age band. */
function wordingOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(wordingOf);
  return [];
}

function personFacingWording(definition: QuestionnaireDefinitionData): string[] {
  const texts = [definition.title];
  for (const section of definition.sections) {
    const personItems = section.items.filter((i) => i.respondent === "person");
    if (personItems.length > 0) texts.push(...wordingOf(section.title));
    for (const i of personItems) texts.push(...wordingOf(i.label), ...wordingOf(i.help), ...wordingOf(i.options));
  }
  return texts;
}

/** Versions raised when the worker's record for outcome reports was added (docs/outcomes.md). */
const VERSIONS: Record<string, number> = { "adult-intake": 3, "adult-exit": 3, "hb-intake": 2, "hb-exit": 3, "yp-intake": 3, "yp-exit": 3 };

describe("built-in questionnaire definitions", () => {
  it("all parse with the definition schema", () => {
    for (const definition of builtInDefinitions) {
      const result = definitionSchema.safeParse(definition);
      expect(result.error?.issues ?? [], definition.key).toEqual([]);
    }
  });

  it("has the expected set, at their current versions", () => {
    expect(parsed.map((d) => `${d.key}@${d.version}`).sort()).toEqual(
      ["adult-checkin", "adult-exit", "adult-intake", "hb-exit", "hb-intake", "hb-reflection", "yp-checkin", "yp-exit", "yp-intake"].map(
        (k) => `${k}@${VERSIONS[k] ?? 2}`,
      ),
    );
  });

  it("has unique keys, and unique (key, version) pairs", () => {
    const keys = parsed.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    const pairs = parsed.map((d) => `${d.key}@${d.version}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("gives each definition the audience and stage its key implies", () => {
    const audience = { adult: "ADULT_SURVIVOR", hb: "HARMFUL_BEHAVIOUR", yp: "YOUNG_PERSON" } as const;
    for (const d of parsed) {
      const prefix = d.key.split("-")[0];
      expect(prefix === "adult" || prefix === "hb" || prefix === "yp", d.key).toBe(true);
      if (prefix === "adult" || prefix === "hb" || prefix === "yp") expect(d.audience, d.key).toBe(audience[prefix]);
    }
    expect(
      parsed
        .filter((d) => d.stage === "INTAKE")
        .map((d) => d.key)
        .sort(),
    ).toEqual(["adult-intake", "hb-intake", "yp-intake"]);
    expect(
      parsed
        .filter((d) => d.stage === "EXIT")
        .map((d) => d.key)
        .sort(),
    ).toEqual(["adult-exit", "hb-exit", "yp-exit"]);
  });

  it("matches intake and exit items by key, with the same type and options", () => {
    for (const pair of matchedPairs) {
      for (const key of pair.items) {
        const atIntake = item(pair.intake, key);
        const atExit = item(pair.exit, key);
        expect(atIntake, `${pair.intake} lacks ${key}`).toBeDefined();
        expect(atExit, `${pair.exit} lacks ${key}`).toBeDefined();
        expect(atExit?.type, key).toBe(atIntake?.type);
        expect(atExit?.respondent, key).toBe(atIntake?.respondent);
        expect(
          atExit?.options?.map((o) => o.value),
          key,
        ).toEqual(atIntake?.options?.map((o) => o.value));
      }
    }
  });

  it("asks the adult-intake abuse types, needs and feelings the outcome report counts", () => {
    for (const key of [
      "need-safety",
      "need-children-parenting",
      "need-housing",
      "need-mental-health",
      "need-finances",
      "need-social-support",
      "abuse-physical",
      "abuse-sexual",
      "abuse-harassment-stalking",
      "abuse-jealous-controlling",
    ]) {
      expect(item("adult-intake", key)?.type, key).toBe("yes-no");
    }
    for (const key of ["feel-safe", "feel-well", "feel-confident", "feel-optimistic"]) {
      expect(item("adult-intake", key)?.type, key).toBe("scale-0-10");
    }
    expect(item("adult-intake", "quality-of-life")?.type).toBe("scale-1-5");
    for (const key of ["felt-safer", "wellbeing-improved", "more-confident", "quality-of-life-improved", "more-optimistic"]) {
      expect(item("adult-exit", key)?.type, key).toBe("single-choice");
    }
  });

  it("raises an alert when an adult does not feel safe at home, or a check-in reports something new", () => {
    for (const key of ["adult-intake", "adult-checkin", "adult-exit"]) {
      expect(item(key, "safe-at-home-now")?.alertIf?.in, key).toEqual(["no"]);
    }
    expect(item("adult-checkin", "anything-new")?.alertIf?.in).toEqual(["yes"]);
    expect(item("adult-checkin", "anything-new-detail")?.showIf).toEqual({ item: "anything-new", in: ["yes"] });
  });

  it("puts the caseworker's assessment on hb-exit and the young people's forms as worker items", () => {
    for (const key of [
      "worker-aware-of-impact",
      "worker-understands-unacceptable",
      "worker-controls-behaviour",
      "worker-takes-responsibility",
      "risk-level-intake",
      "risk-level-exit",
      "physical-abuse-intake",
      "physical-abuse-exit",
    ]) {
      expect(item("hb-exit", key)?.respondent, key).toBe("worker");
    }
    expect(item("hb-exit", "risk-level-exit")?.options?.map((o) => o.value)).toEqual(["standard", "medium", "high"]);
    for (const key of ["understand-impact", "behaviour-reduced", "relationship-partner-improved", "relationship-children-improved"]) {
      expect(item("hb-exit", key)?.respondent, key).toBe("person");
    }
    for (const d of ["yp-intake", "yp-exit"]) {
      for (const key of ["witnessed-abuse", "direct-harm", "csc-involved"]) expect(item(d, key)?.respondent, `${d} ${key}`).toBe("worker");
    }
  });

  it("never calls anyone a perpetrator or an abuser", () => {
    for (const d of parsed) {
      const all = JSON.stringify(d).toLowerCase();
      expect(all, d.key).not.toMatch(/perpetrat|abuser/);
    }
  });

  it("words everything a service user sees on hb-* neutrally", () => {
    for (const d of parsed.filter((x) => x.audience === "HARMFUL_BEHAVIOUR")) {
      for (const text of personFacingWording(d)) {
        expect(text.toLowerCase(), `${d.key}: ${text}`).not.toMatch(/perpetrat|abuse|abusive|violen|offend/);
      }
    }
  });

  it("gives young people wording for every age band, and faces for their feelings", () => {
    for (const d of parsed.filter((x) => x.audience === "YOUNG_PERSON")) {
      for (const i of items(d).filter((x) => x.respondent === "person")) {
        expect(typeof i.label, `${d.key} ${i.key}`).toBe("object");
        if (typeof i.label === "object") {
          // A band the item is not shown to needs no wording of its own.
          const bands = i.ageBands ?? ["under-8", "8-12", "13-17"];
          expect(Object.keys(i.label).sort(), `${d.key} ${i.key}`).toEqual(["default", ...bands].sort());
          // Under-8s get very few, short words.
          if (bands.includes("under-8")) expect(i.label["under-8"]?.split(/\s+/).length ?? 99, `${d.key} ${i.key}`).toBeLessThanOrEqual(7);
        }
      }
      for (const key of ["safe-home", "safe-elsewhere", "worries", "getting-on-family", "getting-on-others"]) {
        expect(item(d.key, key)?.type, `${d.key} ${key}`).toBe("faces");
      }
    }
  });

  it("never asks an under-8 to type, never requires a young person to type, and says text is optional", () => {
    for (const d of parsed.filter((x) => x.audience === "YOUNG_PERSON")) {
      for (const i of items(d).filter(
        (x) => x.respondent === "person" && (x.type === "short-text" || x.type === "long-text" || x.type === "number" || x.type === "date"),
      )) {
        expect(i.required, `${d.key} ${i.key}`).toBe(false);
        expect(i.help, `${d.key} ${i.key}`).toBeDefined();
        expect(i.ageBands ?? [], `${d.key} ${i.key} is shown to under-8s`).not.toContain("under-8");
        expect(i.ageBands, `${d.key} ${i.key} is shown to under-8s`).toBeDefined();
      }
    }
  });

  it("scores the feelings the person's record charts, under the same keys at intake, check-in and exit", () => {
    const scoreKeys = (key: string) => (byKey.get(key)?.scores ?? []).map((s) => s.key);
    for (const key of ["adult-intake", "adult-exit"])
      expect(scoreKeys(key)).toEqual(expect.arrayContaining(["feel-safe", "feel-well", "feelings", "quality-of-life"]));
    expect(scoreKeys("adult-checkin")).toEqual(["feel-safe", "feel-well"]);
    for (const key of ["yp-intake", "yp-checkin", "yp-exit"]) expect(scoreKeys(key)).toEqual(["how-i-feel", "safe-home"]);
    expect(scoreKeys("hb-exit")).toEqual(["own-view", "worker-agreed"]);
  });

  it("keeps choice values and keys in the stable lower-case form", () => {
    for (const d of parsed) {
      expect(d.key).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      for (const i of items(d)) expect(i.key).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    }
  });
});
