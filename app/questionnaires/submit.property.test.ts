/**
 * The questionnaire form's real route action, fed random form bodies by fast-check, with a real
 * session cookie. Whatever is sent:
 * - the action answers with a Response (never throws anything else, never a 500), with a status in
 *   {200, 302, 400, 404, 409};
 * - a refused request writes nothing for the assignment (draft bytes, status, response, answers,
 *   alerts). The one 400 that does write is the one the product asks for: "next" or "check" with a
 *   required answer missing saves what was given and stays on the page ("Nothing lost");
 * - a response, when there is one, holds every answer of the draft it was sent from, in one piece.
 *
 * One database for the property; each run gets fresh assignments.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { handleNewSession } from "~/auth/session.server";
import { open } from "~/crypto/sealed.server";
import { ageBand, type AgeBand } from "~/age-bands/age-band";
import { VERSION_FIELD } from "~/forms/stale";
import { DEFAULT_TIME_ZONE } from "~/time/zone";
import type { Person } from "~/generated/prisma/client";
import { action } from "~/routes/_user.forms.$assignmentId";
import { allocate, createAssignment, createPerson, dateOfBirthForAge } from "../../tests/fixtures/factory";
import { useAppDatabase } from "../../tests/support/app-database";
import { personViewer } from "../../tests/support/viewers";
import { familyInService, workerIn } from "../../tests/support/worlds";
import { answerFromColumns, checkAnswer, pagesFor, shownAnswers, type AnswerSet } from "./answers";
import type { QuestionnaireDefinitionData, QuestionnaireItem } from "./definition-schema";
import { builtIn } from "./registry.server";
import { savePage, submit } from "./filling.server";

const database = useAppDatabase();
const prisma = () => database().prisma;

const RUNS = 60;
const STATUSES = [200, 302, 400, 404, 409];
const MISSING_MESSAGES = new Set(["Answer this question to go on", "Pick a face"]);
const INTENTS = ["save", "next", "back", "later", "check", "submit"] as const;

type Persona = "survivor" | "child";
const DEFINITIONS: Record<Persona, string[]> = {
  survivor: ["adult-checkin", "adult-intake", "adult-exit"],
  child: ["yp-checkin", "yp-exit"],
};

const definitionData = new Map(builtIn().map((d) => [d.data.key, d.data]));
function dataOf(key: string): QuestionnaireDefinitionData {
  const data = definitionData.get(key);
  if (!data) throw new Error(`no built-in ${key}`);
  return data;
}
/** The child is 10 for the whole run: the 8–12 pages. */
const CHILD_AGE = 10;
const bandOf = (persona: Persona): AgeBand | null =>
  persona === "child" ? ageBand(dateOfBirthForAge(CHILD_AGE, new Date()), new Date(), DEFAULT_TIME_ZONE) : null;
const pagesOf = (persona: Persona, key: string) => pagesFor(dataOf(key), "person", bandOf(persona));
const ALL_ITEM_KEYS = [...new Set([...definitionData.values()].flatMap((d) => d.sections.flatMap((s) => s.items.map((i) => i.key))))];

// ───────────────────────────── Generators ─────────────────────────────

type FieldValue = string | string[];

function validValue(item: QuestionnaireItem): fc.Arbitrary<FieldValue> {
  switch (item.type) {
    case "yes-no":
      return fc.constantFrom("yes", "no");
    case "single-choice":
      return fc.constantFrom(...(item.options ?? []).map((o) => o.value));
    case "multiple-choice":
      return fc.subarray(
        (item.options ?? []).map((o) => o.value),
        { minLength: 1 },
      );
    case "date":
      return fc.constantFrom("2026-03-31", "2025-12-01");
    case "short-text":
    case "long-text":
      return fc.oneof(fc.constantFrom("a few words", "  padded  ", "line one\r\nline two"), fc.string({ minLength: 1, maxLength: 30 }));
    default: {
      const min = item.min ?? (item.type === "scale-0-10" ? 0 : 1);
      const max = item.max ?? (item.type === "scale-0-10" ? 10 : 5);
      return fc.integer({ min, max }).map(String);
    }
  }
}

const longString = fc
  .tuple(fc.constantFrom(199, 200, 201, 1999, 2000, 2001, 3999, 4000, 4001, 30_000), fc.constantFrom("x", "é", "😀", " "))
  .map(([length, unit]) => unit.repeat(length));

const anyValue: fc.Arbitrary<FieldValue> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("", " ", "yes", "no", "YES", "yes ", "5.0", "1e1", "+5", "-0", "\u0000", "agree", "strongly-agree", "high", "2026-02-30"),
  longString,
  fc.array(fc.oneof(fc.constantFrom("yes", "no", "3", "agree"), fc.string({ maxLength: 5 })), { minLength: 0, maxLength: 3 }),
);

/** Text around an item's limit, in characters that take one, two (an emoji) or no (spaces, trimmed) units. */
function textAroundLimit(item: QuestionnaireItem): fc.Arbitrary<FieldValue> {
  const limit = item.maxLength ?? (item.type === "short-text" ? 200 : 4000);
  return fc
    .tuple(fc.constantFrom(limit - 1, limit, limit + 1, 30_000), fc.constantFrom("x", "é", "😀", " ", "a\r\n"))
    .map(([length, unit]) => unit.repeat(length));
}

function valueFor(item: QuestionnaireItem): fc.Arbitrary<FieldValue> {
  const text = item.type === "short-text" || item.type === "long-text";
  return fc.oneof({ weight: 6, arbitrary: validValue(item) }, { weight: text ? 2 : 0, arbitrary: textAroundLimit(item) }, { weight: 1, arbitrary: anyValue });
}

const madeUpKey = fc.oneof(
  fc.constantFrom("no-such-item", "__proto__", "constructor", "toString", "hasOwnProperty", "goto", "confirm", "intent2", "page "),
  fc.constantFrom(...ALL_ITEM_KEYS),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/**
 * Which version of the answers the step says it was drawn from (docs/decisions/024-stale-writes-refused.md):
 * the current one, as a page open in one tab sends; an older one, as a second tab would; none; or junk.
 */
type VersionSent = "current" | "stale" | "missing" | "junk";
type Step = { intent: FieldValue | null; page: FieldValue | null; fields: [string, FieldValue][]; version: VersionSent };

function stepFor(persona: Persona, key: string): fc.Arbitrary<Step> {
  const pages = pagesOf(persona, key);
  const pageIndex = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: pages.length - 1 }) }, { weight: 1, arbitrary: fc.constant(pages.length) });
  return pageIndex.chain((index) => {
    const items = pages[index]?.items ?? [];
    const pageItems = (value: (item: QuestionnaireItem) => fc.Arbitrary<FieldValue>) =>
      fc
        .tuple(...items.map((item) => fc.option(value(item), { freq: 3 }).map((v): [string, FieldValue] | null => (v === null ? null : [item.key, v]))))
        .map((pairs) => pairs.filter((f): f is [string, FieldValue] => f !== null));
    // A quarter of the steps are what a browser sends: this page's items, answered, some left empty.
    const clean: fc.Arbitrary<Step> = fc.record({
      intent: fc.constantFrom<FieldValue | null>("save", "next", "check", "later"),
      page: fc.constant<FieldValue | null>(String(index)),
      fields: items.length > 0 ? pageItems(validValue) : fc.constant<[string, FieldValue][]>([]),
      version: fc.constant<VersionSent>("current"),
    });
    const wild: fc.Arbitrary<Step> = fc.record({
      intent: fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom<FieldValue | null>(...INTENTS) },
        { weight: 1, arbitrary: fc.constantFrom<FieldValue | null>(null, "", "SUBMIT", ["next", "submit"]) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }).filter((s) => s !== "discard") },
      ),
      page: fc.oneof(
        { weight: 8, arbitrary: fc.constant<FieldValue | null>(String(index)) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<FieldValue | null>(null, "", "-1", "abc", "1.5", "1e0", " 0", "0x1", "99999999999999999999", "Infinity", ["0", "1"]),
        },
      ),
      fields: fc
        .tuple(
          items.length > 0 ? pageItems(valueFor) : fc.constant<[string, FieldValue][]>([]),
          fc.oneof(
            { weight: 5, arbitrary: fc.constant<[string, FieldValue][]>([]) },
            { weight: 1, arbitrary: fc.array(fc.tuple(madeUpKey, anyValue), { minLength: 1, maxLength: 3 }) },
          ),
        )
        .map(([own, extra]): [string, FieldValue][] => [...own, ...extra]),
      version: fc.oneof(
        { weight: 8, arbitrary: fc.constant<VersionSent>("current") },
        { weight: 1, arbitrary: fc.constantFrom<VersionSent>("stale", "missing", "junk") },
      ),
    });
    return fc.oneof({ weight: 1, arbitrary: clean }, { weight: 3, arbitrary: wild });
  });
}

/** A page's answers as the domain takes them, every required item answered validly. */
function validPage(persona: Persona, key: string, pageIndex: number): fc.Arbitrary<Record<string, FieldValue>> {
  const items = pagesOf(persona, key)[pageIndex]?.items ?? [];
  return fc
    .tuple(
      ...items.map((item) =>
        item.required
          ? validValue(item).map((v) => [item.key, v] as const)
          : fc.option(validValue(item)).map((v) => (v === null ? null : ([item.key, v] as const))),
      ),
    )
    .map((pairs) => Object.fromEntries(pairs.filter((p) => p !== null)));
}

type Start = "fresh" | "partial" | "complete" | "submitted" | "closed";
type Run = { persona: Persona; key: string; start: Start; seed: Record<string, FieldValue>[]; target: "own" | "other"; steps: Step[] };

const runArbitrary: fc.Arbitrary<Run> = fc
  .constantFrom<Persona>("survivor", "survivor", "child")
  .chain((persona) => fc.record({ persona: fc.constant(persona), key: fc.constantFrom(...DEFINITIONS[persona]) }))
  .chain(({ persona, key }) =>
    fc.record({
      persona: fc.constant(persona),
      key: fc.constant(key),
      start: fc.constantFrom<Start>("fresh", "fresh", "partial", "partial", "complete", "complete", "complete", "submitted", "closed"),
      seed: fc.tuple(...pagesOf(persona, key).map((_, index) => validPage(persona, key, index))),
      target: fc.oneof({ weight: 9, arbitrary: fc.constant<"own" | "other">("own") }, { weight: 1, arbitrary: fc.constant<"own" | "other">("other") }),
      steps: fc.array(stepFor(persona, key), { minLength: 1, maxLength: 3 }),
    }),
  );

// ───────────────────────────── What the database holds ─────────────────────────────

async function snapshot(assignmentId: string) {
  const assignment = await prisma().questionnaireAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
  const draft = await prisma().questionnaireDraft.findUnique({ where: { assignmentId } });
  const response = await prisma().questionnaireResponse.findUnique({ where: { assignmentId } });
  const answers = await prisma().answer.findMany({ where: { response: { assignmentId } }, orderBy: { itemKey: "asc" } });
  const alerts = await prisma().alert.findMany({ where: { assignmentId } });
  return {
    status: assignment.status,
    assignmentUpdatedAt: assignment.updatedAt.toISOString(),
    draft: draft && {
      pageIndex: draft.pageIndex,
      keyId: draft.keyId,
      updatedAt: draft.updatedAt.toISOString(),
      bytes: Buffer.from(draft.answersCipher).toString("hex"),
    },
    response: response && { ...response, scores: JSON.stringify(response.scores) },
    answers: answers.map((a) => ({ ...a, textCipher: a.textCipher && Buffer.from(a.textCipher).toString("hex") })),
    alerts,
    responseCount: await prisma().questionnaireResponse.count({ where: { assignmentId } }),
    personAlertCount: await prisma().alert.count({ where: { personId: assignment.personId } }),
  };
}

async function draftOf(assignmentId: string): Promise<AnswerSet> {
  const draft = await prisma().questionnaireDraft.findUnique({ where: { assignmentId } });
  if (!draft) return {};
  const parsed: unknown = JSON.parse(open(draft.answersCipher, draft.keyId, "draft"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("a draft that is not an object");
  const answers: AnswerSet = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === "number" || typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"))) answers[key] = value;
    else throw new Error(`a draft answer that is not an answer: ${key}`);
  }
  return answers;
}

/** The person's stored answers, as values (text opened). */
async function storedPersonAnswers(assignmentId: string, data: QuestionnaireDefinitionData): Promise<AnswerSet> {
  const items = new Map(data.sections.flatMap((s) => s.items).map((i) => [i.key, i]));
  const rows = await prisma().answer.findMany({ where: { response: { assignmentId }, answeredBy: "PERSON" } });
  const set: AnswerSet = {};
  for (const row of rows) {
    const value = answerFromColumns(items.get(row.itemKey), { ...row, text: row.textCipher && row.keyId ? open(row.textCipher, row.keyId, "answer") : null });
    if (value !== null) set[row.itemKey] = value;
  }
  return set;
}

function sorted(set: AnswerSet): [string, AnswerSet[string]][] {
  return Object.entries(set).sort(([a], [b]) => a.localeCompare(b));
}

// ───────────────────────────── The property ─────────────────────────────

describe("the questionnaire form's action, fed random forms", () => {
  it("answers with an expected Response, writes nothing when it refuses, and stores a response whole", async () => {
    const { service, family } = await familyInService(prisma(), { questionnaires: true });
    const people: Record<Persona, Person> = {
      survivor: await createPerson(prisma(), { family, kind: "ADULT_SURVIVOR", safetyIntroSeenAt: new Date() }),
      child: await createPerson(prisma(), {
        family,
        kind: "YOUNG_PERSON",
        dateOfBirth: dateOfBirthForAge(CHILD_AGE, new Date()),
        safetyIntroSeenAt: new Date(),
      }),
    };
    const worker = await workerIn(prisma(), service.id, "ADULT_SURVIVOR_ADVOCATE");
    await allocate(prisma(), { personId: people.survivor.id, staffId: worker.id });
    const cookie = async (person: Person) => (await handleNewSession(new Request("http://localhost/"), { personId: person.id }, "pin")).split(";")[0] ?? "";
    const cookies: Record<Persona, string> = { survivor: await cookie(people.survivor), child: await cookie(people.child) };
    const seen = { statuses: new Map<number, number>(), submitted: 0, savedButStayed: 0 };

    await fc.assert(
      fc.asyncProperty(runArbitrary, async (run) => {
        const person = people[run.persona];
        const data = dataOf(run.key);
        const band = bandOf(run.persona);
        const dueAt = new Date(Date.now() + 7 * 86_400_000);
        const own = await createAssignment(prisma(), { personId: person.id, definitionKey: run.key, dueAt });
        // Someone else's questionnaire (the other member of the family), reached with this person's cookie.
        const otherPerson = run.persona === "survivor" ? people.child : people.survivor;
        const other = await createAssignment(prisma(), {
          personId: otherPerson.id,
          definitionKey: DEFINITIONS[run.persona === "survivor" ? "child" : "survivor"][0] ?? "",
          dueAt,
        });
        const viewer = personViewer(person);
        if (run.start !== "fresh") {
          const pages = run.start === "partial" || run.start === "closed" ? run.seed.slice(0, 1) : run.seed;
          for (const [index, form] of pages.entries()) {
            const saved = await savePage(viewer, own.id, index, form, { move: "stay" });
            if (!saved.ok) throw new Error(`seeding page ${index}: ${JSON.stringify(saved.errors)}`);
          }
        }
        if (run.start === "submitted") {
          const sent = await submit(viewer, own.id);
          if (!sent.ok) throw new Error(`seeding a submission: ${JSON.stringify(sent)}`);
        }
        if (run.start === "closed") await prisma().questionnaireAssignment.update({ where: { id: own.id }, data: { status: "CLOSED", closedAt: new Date() } });
        const target = run.target === "own" ? own.id : other.id;
        let sentAnswers: AnswerSet | null = run.start === "submitted" ? await storedPersonAnswers(own.id, data) : null;

        for (const step of run.steps) {
          const before = await snapshot(target);
          const draftBefore = await draftOf(target);
          const body = new URLSearchParams();
          const add = (name: string, value: FieldValue) => (Array.isArray(value) ? value : [value]).forEach((v) => body.append(name, v));
          if (step.intent !== null) add("intent", step.intent);
          if (step.page !== null) add("page", step.page);
          for (const [name, value] of step.fields) add(name, value);
          const current = (await prisma().questionnaireAssignment.findUnique({ where: { id: target }, select: { draftVersion: true } }))?.draftVersion ?? 0;
          if (step.version === "current") add(VERSION_FIELD, String(current));
          if (step.version === "stale") add(VERSION_FIELD, String(current > 0 ? current - 1 : current + 1));
          if (step.version === "junk") add(VERSION_FIELD, "abc");
          const request = new Request(`http://localhost/forms/${target}`, {
            method: "POST",
            headers: { Cookie: cookies[run.persona], "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" },
            body,
          });

          let outcome: unknown;
          try {
            outcome = await action({ request, params: { assignmentId: target }, context: { clientAddress: "192.0.2.1" } });
          } catch (thrown) {
            if (!(thrown instanceof Response))
              throw new Error(`the action threw ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`);
            outcome = thrown;
          }
          if (!(outcome instanceof Response)) throw new Error(`the action returned something that is not a Response: ${String(outcome)}`);
          const status = outcome.status;
          seen.statuses.set(status, (seen.statuses.get(status) ?? 0) + 1);
          expect(STATUSES, `status ${status}`).toContain(status);
          const location = outcome.headers.get("Location");
          expect(location ?? "", "never sent to sign in: the session is real").not.toMatch(/sign-in/);
          const json: unknown = outcome.headers.get("Content-Type")?.includes("application/json") ? await outcome.json() : null;
          const errors: Record<string, unknown> =
            typeof json === "object" && json !== null && "errors" in json && typeof json.errors === "object" && json.errors !== null ? { ...json.errors } : {};
          const after = await snapshot(target);
          const intent = typeof step.intent === "string" ? step.intent : "";

          if (run.target === "other") {
            // Someone else's questionnaire answers exactly as one that does not exist would.
            const nowhere = new Request("http://localhost/forms/no-such-assignment", {
              method: "POST",
              headers: { Cookie: cookies[run.persona], "User-Agent": "Mozilla/5.0 (Linux; Android 14; Mobile)" },
              body,
            });
            let missing: unknown;
            try {
              missing = await action({ request: nowhere, params: { assignmentId: "no-such-assignment" }, context: { clientAddress: "192.0.2.1" } });
            } catch (thrown) {
              missing = thrown;
            }
            if (!(missing instanceof Response)) throw new Error("the action did not answer with a Response for an unknown id");
            expect(status).toBe(missing.status);
            expect(json === null ? null : JSON.stringify(json)).toBe(
              missing.headers.get("Content-Type")?.includes("application/json") ? JSON.stringify(await missing.json()) : null,
            );
            expect([400, 404]).toContain(status);
          }
          if (status === 404 || status === 409) {
            expect(after).toEqual(before);
          } else if (status === 400) {
            const savedButStayed =
              (intent === "next" || intent === "check") &&
              Object.keys(errors).length > 0 &&
              Object.entries(errors).every(([key, message]) => key !== "form" && typeof message === "string" && MISSING_MESSAGES.has(message));
            if (savedButStayed) {
              // Saved what was given, stayed on the page: nothing sent, nothing else changed.
              seen.savedButStayed += 1;
              expect(after.status).toBe("IN_PROGRESS");
              expect(after.draft).not.toBeNull();
              expect({ response: after.response, answers: after.answers }).toEqual({ response: before.response, answers: before.answers });
              for (const key of Object.keys(errors)) expect(data.sections.flatMap((s) => s.items).find((i) => i.key === key)?.required, key).toBe(true);
            } else {
              expect(after).toEqual(before);
            }
          } else if (intent === "submit") {
            expect(status).toBe(302);
            if (location?.includes("missing=1")) {
              expect(after).toEqual(before);
            } else if (before.status === "SUBMITTED") {
              // Already sent: nothing more.
              expect(after).toEqual(before);
            } else {
              // Sent now: everything the draft held, in one piece.
              seen.submitted += 1;
              expect(after.status).toBe("SUBMITTED");
              expect(after.draft).toBeNull();
              expect(after.response?.submittedAt).toBeInstanceOf(Date);
              const expected = shownAnswers(data, { respondent: "person", band, answers: draftBefore });
              expect(after.answers.filter((a) => a.answeredBy === "PERSON")).toHaveLength(Object.keys(expected).length);
              sentAnswers = await storedPersonAnswers(target, data);
              expect(sorted(sentAnswers)).toEqual(sorted(expected));
            }
          } else {
            // A page saved (200 for "save", a redirect for the others): only the draft and alerts move.
            expect([200, 302]).toContain(status);
            expect(after.status).toBe("IN_PROGRESS");
            expect(after.draft).not.toBeNull();
            expect({ response: after.response, answers: after.answers }).toEqual({ response: before.response, answers: before.answers });
          }

          // Always: one response at most, holding what was sent and nothing else; a draft holds
          // only answers that fit items this person sees now.
          expect(after.responseCount).toBeLessThanOrEqual(1);
          expect(after.alerts.length).toBeLessThanOrEqual(1);
          if (run.target === "own") {
            if (sentAnswers !== null) {
              expect(after.status).toBe("SUBMITTED");
              expect(sorted(await storedPersonAnswers(target, data))).toEqual(sorted(sentAnswers));
            } else {
              expect(after.responseCount).toBe(0);
            }
            if (after.draft) {
              // A withdrawn questionnaire keeps what was saved; a sent one has no draft left.
              expect(["IN_PROGRESS", "CLOSED"]).toContain(after.status);
              const draft = await draftOf(target);
              expect(draft).toEqual(shownAnswers(data, { respondent: "person", band, answers: draft }));
              const items = new Map(
                pagesOf(run.persona, run.key)
                  .flatMap((p) => p.items)
                  .map((i) => [i.key, i]),
              );
              for (const [key, value] of Object.entries(draft)) {
                const item = items.get(key);
                expect(item, `draft holds "${key}", not an item of this person's pages`).toBeDefined();
                if (item) expect(checkAnswer(item, value), key).toEqual({ ok: true, value });
              }
            }
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The runs reached the interesting places, not only refusals.
    expect(seen.submitted, JSON.stringify({ ...seen, statuses: [...seen.statuses] })).toBeGreaterThan(0);
    expect(seen.statuses.get(302) ?? 0).toBeGreaterThan(0);
    expect(seen.statuses.get(400) ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
