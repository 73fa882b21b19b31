import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { answerColumns, checkAnswer, type AnswerSet } from "~/questionnaires/answers";
import { publishedDefinition, type PublishedDefinition } from "~/questionnaires/registry.server";
import { scoreAnswers } from "~/questionnaires/scoring";
import { dateColumn, isLocalDate, startOfLocalDay } from "~/time/calendar";

/**
 * Importing a service's historical intake and exit forms (docs/outcomes.md, "Importing past
 * records"), so its past years count in the outcome report. The file is checked as a whole first;
 * one bad row refuses the whole file, every bad row named with its problem, and nothing is written.
 * Then everything is written in one transaction.
 *
 * Each imported person is a new, closed record in a new family (the family reference must not be
 * in use): past cases are not merged into live ones. They hold no name ("Imported" and the family
 * reference), no date of birth (an age band is enough for reports), and no free text.
 *
 * One row per person and form: the fixed columns below, then one column per item of the form,
 * named by the item's key (the same names as the record-level export), holding the answer as
 * the form would store it: "yes"/"no", an option's value, a number, or several values joined by ";".
 */

/** The columns that describe the person, not the form: every row of one person must agree on them. */
const PERSON_COLUMNS = [
  "group",
  "area",
  "gender",
  "ethnic_group",
  "disability",
  "employment",
  "referral_source",
  "consent",
  "support_started",
  "support_ended",
] as const;

export const IMPORT_COLUMNS = ["family", "person", ...PERSON_COLUMNS, "stage", "form", "form_date"] as const;

/** The most rows one file may hold: a larger history is imported in several files. */
export const MAX_IMPORT_ROWS = 20_000;

const GROUPS = { "adult-survivor": "ADULT_SURVIVOR", "harmful-behaviour": "HARMFUL_BEHAVIOUR", "young-person": "YOUNG_PERSON" } as const;
const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.union([z.literal(""), z.enum(values)], { error: `${what} must be blank or one of ${values.join(", ")}` });
const day = (what: string) => z.string().refine(isLocalDate, { message: `${what} must be a date written 2021-04-30` });

const rowSchema = z.object({
  family: z.string().trim().min(1, "family (a reference) is missing").max(40, "family is longer than 40 characters"),
  person: z.string().trim().min(1, "person (an id within the file) is missing").max(40, "person is longer than 40 characters"),
  group: z.enum(["adult-survivor", "harmful-behaviour", "young-person"], { error: "group must be adult-survivor, harmful-behaviour or young-person" }),
  area: z.string().trim().min(1, "area is missing"),
  gender: optionalEnum(["FEMALE", "MALE", "NON_BINARY", "OTHER", "PREFER_NOT_TO_SAY"], "gender"),
  ethnic_group: optionalEnum(["WHITE", "MIXED", "ASIAN", "BLACK", "OTHER", "PREFER_NOT_TO_SAY"], "ethnic_group"),
  disability: z.enum(["", "yes", "no"], { error: "disability must be blank, yes or no" }),
  employment: optionalEnum(["FULL_TIME", "PART_TIME", "UNEMPLOYED", "STUDENT", "NOT_SEEKING_WORK", "OTHER"], "employment"),
  referral_source: optionalEnum(["CHILDRENS_SOCIAL_CARE", "POLICE", "HEALTH", "EDUCATION", "SELF_REFERRAL", "OTHER_DA_SERVICE", "OTHER"], "referral_source"),
  consent: z.enum(["yes", "no"], { error: "consent must be yes or no" }),
  support_started: day("support_started"),
  support_ended: day("support_ended"),
  stage: z.enum(["intake", "exit"], { error: "stage must be intake or exit" }),
  form: z.string().trim().min(1, "form is missing"),
  form_date: day("form_date"),
});

export type ImportProblem = { row: number; problem: string };
export type ImportResult = { ok: true; people: number; forms: number; answers: number } | { ok: false; problems: ImportProblem[] };

type Checked = z.output<typeof rowSchema> & { line: number; answers: AnswerSet; definition: PublishedDefinition };

/**
 * Checks and imports a CSV file of historical forms into a service, all or nothing.
 *
 * @param csv the file's text (UTF-8, header row, comma-separated)
 * @returns counts written, or every problem found (row numbers count the header as row 1); nothing is written then
 */
export async function importHistoricalForms(serviceId: string, zone: string, csv: string): Promise<ImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    return {
      ok: false,
      problems: [{ row: 0, problem: `The file is not CSV this import can read: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: 0, problem: "The file has no rows under its header." }] };
  if (records.length > MAX_IMPORT_ROWS)
    return { ok: false, problems: [{ row: 0, problem: `The file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.` }] };

  const problems: ImportProblem[] = [];
  const header = Object.keys(records[0] ?? {});
  for (const column of IMPORT_COLUMNS) if (!header.includes(column)) problems.push({ row: 1, problem: `The column "${column}" is missing.` });
  if (problems.length > 0) return { ok: false, problems };

  const [areas, enabled, families] = await Promise.all([
    db().area.findMany({ where: { serviceId }, select: { id: true, name: true } }),
    db().questionnaireDefinition.findMany({
      where: { stage: { in: ["INTAKE", "EXIT"] } },
      select: { id: true, key: true, version: true },
      orderBy: { version: "desc" },
    }),
    db().family.findMany({ where: { serviceId }, select: { reference: true } }),
  ]);
  const takenReferences = new Set(families.map((f) => f.reference));
  const areaByName = new Map(areas.map((a) => [a.name.toLowerCase(), a.id]));
  const latest = new Map<string, string>();
  for (const d of enabled) if (!latest.has(d.key)) latest.set(d.key, d.id);

  const checked: Checked[] = [];
  for (const [index, record] of records.entries()) {
    const line = index + 2;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: line, problem: issue.message });
      continue;
    }
    const row = parsed.data;
    const rowProblems: string[] = [];
    if (!areaByName.has(row.area.toLowerCase())) rowProblems.push(`area "${row.area}" is not one of the service's areas`);
    if (takenReferences.has(row.family)) rowProblems.push(`family "${row.family}" is already in use in Waypoint; give past families their own references`);
    if (row.support_ended < row.support_started) rowProblems.push("support_ended is before support_started");
    const definitionId = latest.get(row.form);
    if (!definitionId) {
      rowProblems.push(`form "${row.form}" is not an intake or exit form Waypoint knows`);
      problems.push(...rowProblems.map((problem) => ({ row: line, problem })));
      continue;
    }
    const definition = await publishedDefinition(definitionId);
    const group = GROUPS[row.group];
    if (definition.data.stage !== row.stage.toUpperCase()) rowProblems.push(`form "${row.form}" is not an ${row.stage} form`);
    if (definition.data.audience && definition.data.audience !== group) rowProblems.push(`form "${row.form}" is not for the group ${row.group}`);
    const answers: AnswerSet = {};
    for (const [column, raw] of Object.entries(record)) {
      if ((IMPORT_COLUMNS as readonly string[]).includes(column) || raw === "") continue;
      const item = definition.items.get(column);
      if (!item) {
        rowProblems.push(`column "${column}" is not a question on ${row.form}`);
        continue;
      }
      if (item.type === "long-text" || item.type === "short-text") {
        rowProblems.push(`column "${column}" is a written answer, which is not imported`);
        continue;
      }
      const value = item.type === "multiple-choice" ? raw.split(";").map((v) => v.trim()) : raw;
      const answer = checkAnswer(item, value);
      if (!answer.ok) rowProblems.push(`${column}: ${answer.error}`);
      else if (answer.value !== null) answers[column] = answer.value;
    }
    problems.push(...rowProblems.map((problem) => ({ row: line, problem })));
    if (rowProblems.length === 0) checked.push({ ...row, line, answers, definition });
  }

  // Rows of one person must agree about the person, and hold at most one form of each stage.
  const byPerson = new Map<string, Checked[]>();
  for (const row of checked) byPerson.set(`${row.family}\u0000${row.person}`, [...(byPerson.get(`${row.family}\u0000${row.person}`) ?? []), row]);
  for (const rows of byPerson.values()) {
    const [first, ...rest] = rows;
    if (!first) continue;
    for (const other of rest) {
      for (const field of PERSON_COLUMNS)
        if (other[field] !== first[field]) problems.push({ row: other.line, problem: `${field} differs from row ${first.line} for the same person` });
      if (other.stage === first.stage || rest.some((r) => r !== other && r.stage === other.stage))
        problems.push({ row: other.line, problem: `a second ${other.stage} form for the same person` });
    }
  }
  const areaOfFamily = new Map<string, { area: string; line: number }>();
  for (const row of checked) {
    const seen = areaOfFamily.get(row.family);
    if (seen && seen.area !== row.area) problems.push({ row: row.line, problem: `family "${row.family}" is in another area on row ${seen.line}` });
    else if (!seen) areaOfFamily.set(row.family, { area: row.area, line: row.line });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };

  // Everything checked: write it all, or (on any database error) nothing.
  const familyRows: Prisma.FamilyCreateManyInput[] = [];
  const personRows: Prisma.PersonCreateManyInput[] = [];
  const assignmentRows: Prisma.QuestionnaireAssignmentCreateManyInput[] = [];
  const responseRows: Prisma.QuestionnaireResponseCreateManyInput[] = [];
  const answerRows: Prisma.AnswerCreateManyInput[] = [];
  const familyIds = new Map<string, string>();
  for (const rows of byPerson.values()) {
    const first = rows[0];
    if (!first) continue;
    const started = startOfLocalDay(first.support_started, zone);
    const ended = startOfLocalDay(first.support_ended, zone);
    let familyId = familyIds.get(first.family);
    if (!familyId) {
      familyId = newId();
      familyIds.set(first.family, familyId);
      familyRows.push({
        id: familyId,
        serviceId,
        areaId: areaByName.get(first.area.toLowerCase()) ?? "",
        reference: first.family,
        referralSource: first.referral_source || "OTHER",
        referralDate: dateColumn(first.support_started),
        openedAt: started,
        closedAt: ended,
      });
    }
    const personId = newId();
    personRows.push({
      id: personId,
      serviceId,
      familyId,
      kind: GROUPS[first.group],
      firstName: "Imported",
      lastName: first.family,
      gender: first.gender || null,
      ethnicityGroup: first.ethnic_group || null,
      disability: first.disability === "" ? null : first.disability === "yes",
      employment: first.employment || null,
      referralSource: first.referral_source || null,
      consentMonitoring: first.consent === "yes",
      consentRecordedAt: first.consent === "yes" ? started : null,
      involvementStartedAt: started,
      involvementEndedAt: ended,
      closureReason: "OTHER",
    });
    for (const row of rows) {
      const at = startOfLocalDay(row.form_date, zone);
      const assignmentId = newId();
      const responseId = newId();
      assignmentRows.push({
        id: assignmentId,
        personId,
        definitionId: row.definition.id,
        stage: row.definition.data.stage,
        dueAt: at,
        status: "SUBMITTED",
        createdAt: at,
      });
      const workerAnswered = Object.keys(row.answers).some((k) => row.definition.items.get(k)?.respondent === "worker");
      const personAnswered = Object.keys(row.answers).some((k) => row.definition.items.get(k)?.respondent !== "worker");
      responseRows.push({
        id: responseId,
        assignmentId,
        personId,
        definitionId: row.definition.id,
        stage: row.definition.data.stage,
        submittedAt: personAnswered || !workerAnswered ? at : null,
        workerCompletedAt: workerAnswered ? at : null,
        scores: scoreAnswers(row.definition.data, row.answers),
      });
      for (const [itemKey, value] of Object.entries(row.answers)) {
        const item = row.definition.items.get(itemKey);
        if (!item) continue;
        const { text: _text, ...columns } = answerColumns(item, value);
        answerRows.push({ responseId, itemKey, answeredBy: item.respondent === "worker" ? "WORKER" : "PERSON", ...columns });
      }
    }
  }
  await db().$transaction(
    async (tx) => {
      await tx.family.createMany({ data: familyRows });
      await tx.person.createMany({ data: personRows });
      await tx.questionnaireAssignment.createMany({ data: assignmentRows });
      await tx.questionnaireResponse.createMany({ data: responseRows });
      if (answerRows.length > 0) await tx.answer.createMany({ data: answerRows });
    },
    { timeout: 120_000 },
  );
  return { ok: true, people: personRows.length, forms: responseRows.length, answers: answerRows.length };
}

function newId(): string {
  return randomUUID().replaceAll("-", "");
}
