/**
 * The service's settings: saves refused when stale (docs/decisions/024-stale-writes-refused.md),
 * numbers read one strict way, and a questionnaire rule that cannot be added twice.
 */
import { describe, expect, it } from "vitest";
import { parseForm } from "~/forms/parse";
import { STALE_MESSAGE } from "~/forms/stale";
import { createService, createStaff, enableQuestionnaires, publishDefinitions } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { staffViewer as viewerOf } from "../../tests/support/viewers";
import {
  addRule,
  loadQuestionnaireUse,
  loadSettings,
  questionnaireUseSchema,
  ruleSchema,
  saveQuestionnaireUse,
  saveSettings,
  settingsSchema,
} from "./settings.server";

const database = useAppDatabase();

async function admin() {
  const prisma = database().prisma;
  const service = await createService(prisma);
  const staff = await createStaff(prisma, { serviceId: service.id, role: "ADMIN" });
  return viewerOf(staff);
}

/** The settings form as the page sends it, drawn from what is stored now. */
async function settingsForm(serviceId: string, changes: Record<string, string>) {
  const stored = await loadSettings(serviceId);
  const form = Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "yes" : "") : String(v)]));
  return { ...form, ...changes };
}

describe("saving the settings", () => {
  it("a page drawn before another save is refused and changes nothing; told the version now, a second save goes through", async () => {
    const viewer = await admin();
    const serviceId = viewer.staff.serviceId;
    const older = await settingsForm(serviceId, {});
    const newer = await settingsForm(serviceId, { idleLockMinutes: "5" });
    expect(await saveSettings(viewer, settingsSchema.parse(newer))).toEqual({ ok: true });

    const refused = await saveSettings(viewer, settingsSchema.parse({ ...older, smallNumberThreshold: "9" }));
    expect(refused).toEqual({ ok: false, stale: true, fields: { form: STALE_MESSAGE }, version: 1 });
    expect(await loadSettings(serviceId)).toMatchObject({ idleLockMinutes: 5, smallNumberThreshold: 4, version: 1 });
    expect(await database().prisma.auditEvent.count({ where: { action: "service.settings.update" } })).toBe(1);

    expect(await saveSettings(viewer, settingsSchema.parse({ ...older, smallNumberThreshold: "9", version: "1" }))).toEqual({ ok: true });
    expect(await loadSettings(serviceId)).toMatchObject({ smallNumberThreshold: 9, version: 2 });
  });

  it("of saves sent at once from the same version, exactly one is kept", async () => {
    const viewer = await admin();
    const serviceId = viewer.staff.serviceId;
    const forms = await Promise.all(["3", "4", "5"].map((minutes) => settingsForm(serviceId, { idleLockMinutes: minutes })));
    const results = await Promise.all(forms.map((form) => saveSettings(viewer, settingsSchema.parse(form))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await loadSettings(serviceId)).version).toBe(1);
  });

  it("reads every number one strict way: blank is required, never 0, and the range is in the message", async () => {
    const viewer = await admin();
    const form = await settingsForm(viewer.staff.serviceId, {});
    for (const [value, message] of [
      ["", "Enter the service users' idle lock"],
      ["   ", "Enter the service users' idle lock"],
      ["1e1", "Enter the service users' idle lock as a whole number from 2 to 60"],
      ["0x10", "Enter the service users' idle lock as a whole number from 2 to 60"],
      ["+5", "Enter the service users' idle lock as a whole number from 2 to 60"],
      ["5.0", "Enter the service users' idle lock as a whole number from 2 to 60"],
      ["61", "Enter the service users' idle lock as a whole number from 2 to 60"],
    ]) {
      const parsed = parseForm(settingsSchema, { ...form, idleLockMinutes: value ?? "" });
      expect(parsed.ok ? "accepted" : parsed.fields.idleLockMinutes, JSON.stringify(value)).toBe(message);
    }
    const parsed = parseForm(settingsSchema, { ...form, idleLockMinutes: " 07 " });
    expect(parsed.ok && parsed.data.idleLockMinutes).toBe(7);
  });
});

describe("questionnaire rules", () => {
  const rule = { key: "adult-checkin", personKind: "ADULT_SURVIVOR", trigger: "RECURRING", intervalDays: "14", dueAfterDays: "7" };

  it("a blank or spaced-out 'due after' is refused as required, never taken as 0", () => {
    for (const blank of ["", "  ", "\t"]) {
      const parsed = parseForm(ruleSchema, { ...rule, dueAfterDays: blank });
      expect(parsed.ok ? "accepted" : parsed.fields.dueAfterDays).toBe("Enter the days until it is due");
    }
    const repeating = parseForm(ruleSchema, { ...rule, intervalDays: " " });
    expect(repeating.ok ? "accepted" : repeating.fields.intervalDays).toBe("Say how often, in days");
    const once = parseForm(ruleSchema, { ...rule, trigger: "AT_INTAKE", intervalDays: "" });
    expect(once.ok && once.data).toMatchObject({ intervalDays: undefined, dueAfterDays: 7 });
    const zero = parseForm(ruleSchema, { ...rule, dueAfterDays: "0" });
    expect(zero.ok && zero.data.dueAfterDays).toBe(0);
  });

  it("the same rule cannot be added twice, even by two pages at once: the database refuses the copy", async () => {
    const viewer = await admin();
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    await enableQuestionnaires(prisma, viewer.staff.serviceId);
    const input = ruleSchema.parse(rule);
    expect(await addRule(viewer, input)).toEqual({ ok: true });
    expect(await addRule(viewer, input)).toEqual({ ok: false, fields: { key: expect.stringMatching(/already a rule for this questionnaire/) } });
    const racing = await Promise.all([
      addRule(viewer, ruleSchema.parse({ ...rule, trigger: "AT_INTAKE" })),
      addRule(viewer, ruleSchema.parse({ ...rule, trigger: "AT_INTAKE" })),
    ]);
    expect(racing.filter((r) => r.ok)).toHaveLength(1);
    expect(await prisma.questionnaireRule.count()).toBe(2);
    expect(await prisma.auditEvent.count({ where: { action: "service.rule.create" } })).toBe(2);
    // Another trigger or another kind of person is another rule.
    expect(await addRule(viewer, ruleSchema.parse({ ...rule, trigger: "AT_CLOSURE" }))).toEqual({ ok: true });
  });
});

describe("the questionnaires in use", () => {
  /** The keys switched on now. */
  async function onNow(serviceId: string) {
    return (await loadQuestionnaireUse(serviceId)).definitions.filter((d) => d.enabled).map((d) => d.key);
  }

  it("a list saved from a page drawn before another save is refused and changes nothing: an old tab cannot put back what someone switched off", async () => {
    const viewer = await admin();
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const serviceId = viewer.staff.serviceId;
    const all = (await loadQuestionnaireUse(serviceId)).definitions.map((d) => d.key);
    const [kept, dropped] = all;
    if (!kept || !dropped) throw new Error("the test needs two published questionnaires");
    expect(await saveQuestionnaireUse(viewer, [kept, dropped], 0)).toEqual({ ok: true });

    // Two pages drawn now (version 1). One switches `dropped` off.
    const drawn = (await loadQuestionnaireUse(serviceId)).questionnaireUseVersion;
    expect(drawn).toBe(1);
    expect(await saveQuestionnaireUse(viewer, [kept], drawn)).toEqual({ ok: true });
    // The other, still showing both ticked, saves its whole list: refused, and `dropped` stays off.
    expect(await saveQuestionnaireUse(viewer, [kept, dropped], drawn)).toEqual({ ok: false, stale: true, fields: { form: STALE_MESSAGE }, version: 2 });
    expect(await onNow(serviceId)).toEqual([kept]);
    expect(await prisma.auditEvent.count({ where: { action: "service.questionnaires.update" } })).toBe(2);
  });

  it("of two lists sent at once from the same page, exactly one is kept", async () => {
    const viewer = await admin();
    const prisma = database().prisma;
    await publishDefinitions(prisma);
    const serviceId = viewer.staff.serviceId;
    const [first, second] = (await loadQuestionnaireUse(serviceId)).definitions.map((d) => d.key);
    if (!first || !second) throw new Error("the test needs two published questionnaires");
    const outcomes = await Promise.all([saveQuestionnaireUse(viewer, [first], 0), saveQuestionnaireUse(viewer, [second], 0)]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect((await onNow(serviceId)).length).toBe(1);
  });

  it("a list that does not say which version of the page it was drawn from is refused as bad input", () => {
    expect(parseForm(questionnaireUseSchema, { keys: "adult-checkin" }).ok).toBe(false);
    expect(parseForm(questionnaireUseSchema, { keys: "adult-checkin", version: "0" }).ok).toBe(true);
  });
});
