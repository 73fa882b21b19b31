import { describe, expect, it } from "vitest";
import { formOnPage } from "./on-page";
import { firstValues } from "./parse";
import type { FormReply } from "./reply";

const refusedRule: FormReply<"rule" | "settings"> = {
  ok: false,
  form: "rule",
  fields: { dueAfterDays: "Enter a whole number" },
  values: { dueAfterDays: "x", key: ["a", "b"] },
  done: null,
};

describe("one form of a page, drawn from the page's reply", () => {
  it("puts back what was sent to that form, with its message, and otherwise the fallback", () => {
    const rule = formOnPage(refusedRule, "rule");
    expect(rule.field("dueAfterDays", "7")).toEqual({ name: "dueAfterDays", defaultValue: "x", error: "Enter a whole number" });
    expect(rule.field("key")).toEqual({ name: "key", defaultValue: "a", error: undefined });
    expect(rule.field("intervalDays", "3")).toEqual({ name: "intervalDays", defaultValue: "3", error: undefined });
  });

  it("gives another form of the page nothing of the reply, and a page with no reply yet only its fallbacks", () => {
    const settings = formOnPage(refusedRule, "settings");
    expect(settings.errors).toEqual({});
    expect(settings.values).toBeUndefined();
    expect(settings.field("dueAfterDays", "7")).toEqual({ name: "dueAfterDays", defaultValue: "7", error: undefined });
    expect(formOnPage(undefined).field("name", "Riverside")).toEqual({ name: "name", defaultValue: "Riverside", error: undefined });
  });

  it("reads the reply of a page of one form without naming it", () => {
    expect(formOnPage(refusedRule).errors).toEqual({ dueAfterDays: "Enter a whole number" });
  });
});

describe("a whole form put back at once", () => {
  it("takes each value as one string, a list's first item", () => {
    expect(firstValues({ firstName: "Maria", gender: ["FEMALE", "OTHER"], disability: "" })).toEqual({ firstName: "Maria", gender: "FEMALE", disability: "" });
    expect(firstValues(null)).toEqual({});
  });
});
