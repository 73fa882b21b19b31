import { createHmac } from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { db } from "~/db.server";
import { bandOf } from "~/age-bands/age-band";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { definitionSchema } from "~/questionnaires/definition-schema";
import { builtInDefinitions } from "~/questionnaires/definitions/index";
import { addCalendarDays, startOfLocalDay, type LocalDate } from "~/time/calendar";

/**
 * The de-identified record-level export for evaluation partners: one row per person and stage
 * (their first intake form, their last exit form), for consented people only, in a period.
 *
 * De-identified, not anonymous: ids are pseudonyms (HMAC-SHA256 of the record's id under the
 * export key the manager gives, so the same key gives the same pseudonyms in every export and a
 * partner can link exports over time, and another key gives unlinkable ones); dates are months;
 * ages are bands; no name, no date of birth, no free text (written answers are never read). What
 * a partner may do with it is for the service's data-sharing agreement (research/domain.md §4).
 *
 * It streams: people are read in batches of `BATCH` by id, their forms and answers with them, and
 * each batch is written out, when the reader asks for it, before the next is read, so memory does
 * not grow with the service.
 */

const BATCH = 500;

type Client = PrismaClient | Prisma.TransactionClient;

/** The fixed columns, before one column per questionnaire item. */
const FIXED_COLUMNS = [
  ["person", "Pseudonym of the person (the same for every row of one person, and in every export with the same key)."],
  ["family", "Pseudonym of the family: people with the same value were supported as one family."],
  ["group", "adult-survivor, harmful-behaviour (a service user) or young-person."],
  ["area", "The area the family was supported in."],
  ["gender", "As recorded; blank if not recorded."],
  ["sexual_orientation", "As recorded; blank if not recorded."],
  ["ethnic_group", "Broad group as in the England and Wales census; blank if not recorded."],
  ["disability", "yes / no; blank if not recorded."],
  ["employment", "As recorded; blank if not recorded."],
  ["referral_source", "The person's referral source, else the family's."],
  ["age_band", "Young people only: under-8, 8-12 or 13-17 on the day support started."],
  ["support_started", "Month support started (YYYY-MM)."],
  ["support_ended", "Month support ended (YYYY-MM); blank while open."],
  ["stage", "intake (the person's first intake form) or exit (their last exit form)."],
  ["form", "The form's key, e.g. adult-intake."],
  ["form_version", "The form's version: items can differ between versions."],
  ["form_month", "Month the form was submitted, or the worker's part completed (YYYY-MM)."],
] as const;

type ItemColumn = { key: string; type: string; label: string; forms: string[]; respondent: string };

/** One column per structured item of the built-in intake and exit forms; written answers are never exported. */
function itemColumns(): ItemColumn[] {
  const columns = new Map<string, ItemColumn>();
  for (const input of builtInDefinitions) {
    const definition = definitionSchema.parse(input);
    if (definition.stage !== "INTAKE" && definition.stage !== "EXIT") continue;
    for (const item of definition.sections.flatMap((s) => s.items)) {
      if (item.type === "long-text" || item.type === "short-text") continue;
      const label = typeof item.label === "string" ? item.label : item.label.default;
      const found = columns.get(item.key);
      if (found) found.forms.push(definition.key);
      else columns.set(item.key, { key: item.key, type: item.type, label, forms: [definition.key], respondent: item.respondent });
    }
  }
  return [...columns.values()];
}

/** The data dictionary: every column with what it holds. */
export function recordsDictionary(): { column: string; meaning: string }[] {
  return [
    ...FIXED_COLUMNS.map(([column, meaning]) => ({ column, meaning })),
    ...itemColumns().map((c) => ({
      column: c.key,
      meaning: `${c.respondent === "worker" ? "Worker's answer" : "The person's answer"} (${c.type}${c.type === "date" ? ", as a month" : ""}) to "${c.label}" on ${c.forms.join(", ")}. Several choices are separated by ";".`,
    })),
  ];
}

export type RecordsRequest = { serviceId: string; zone: string; from: LocalDate; to: LocalDate; exportKey: string };

/** One row per person and form: the person's fields, then the form's, its answers gathered in one object. */
type FormRow = {
  id: string;
  familyId: string;
  kind: string;
  area: string;
  gender: string | null;
  orientation: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  employment: string | null;
  referral: string | null;
  dateOfBirth: Date | null;
  startedAt: Date;
  startedMonth: string;
  endedMonth: string | null;
  stage: string;
  key: string;
  version: number;
  formMonth: string;
  /** itemKey → a number, a month ("YYYY-MM") for a date, or the list of choices. */
  answers: Record<string, number | string | string[]>;
};

const GROUP: Record<string, string> = { ADULT_SURVIVOR: "adult-survivor", HARMFUL_BEHAVIOUR: "harmful-behaviour", YOUNG_PERSON: "young-person" };

/**
 * The export's rows, header first, as arrays of strings, one batch of `BATCH` people at a time.
 *
 * One statement per batch, keyset-paged by person id (no transaction or cursor held open while a
 * partner's download runs: the embedded database has one connection). Which forms are a person's
 * first intake and last exit is the database's own record of it, "OutcomeAnswers" (decision 038),
 * the same the report counts; months are computed by the database in the service's zone.
 * @param request a checked period and an export key of at least 16 characters (checked by the caller)
 */
export async function* recordBatches(request: RecordsRequest, client: Client = db()): AsyncGenerator<string[][]> {
  const items = itemColumns();
  yield [[...FIXED_COLUMNS.map(([c]) => c), ...items.map((i) => i.key)]];
  const pseudonym = (kind: string, id: string) => createHmac("sha256", request.exportKey).update(`${kind}:${id}`).digest("hex").slice(0, 20);
  const fromAt = startOfLocalDay(request.from, request.zone).toISOString();
  const toAt = startOfLocalDay(addCalendarDays(request.to, 1), request.zone).toISOString();
  const value = (v: number | string | string[] | undefined) => (v === undefined ? "" : Array.isArray(v) ? v.join(";") : String(v));
  let after = "";
  for (;;) {
    const forms = await client.$queryRawUnsafe<FormRow[]>(
      `WITH people AS (
         SELECT p.id, p."familyId", p.kind::text AS kind, a.name AS area, p.gender::text AS gender,
           p."sexualOrientation"::text AS orientation, p."ethnicityGroup"::text AS ethnicity, p.disability,
           p.employment::text AS employment, COALESCE(p."referralSource", f."referralSource")::text AS referral,
           p."dateOfBirth", p."involvementStartedAt" AS "startedAt",
           to_char(p."involvementStartedAt" AT TIME ZONE 'UTC' AT TIME ZONE $5, 'YYYY-MM') AS "startedMonth",
           to_char(p."involvementEndedAt" AT TIME ZONE 'UTC' AT TIME ZONE $5, 'YYYY-MM') AS "endedMonth",
           o."intakeResponseId", o."exitResponseId"
         FROM "Person" p JOIN "Family" f ON f.id = p."familyId" JOIN "Area" a ON a.id = f."areaId"
           JOIN "OutcomeAnswers" o ON o."personId" = p.id
         WHERE p."serviceId" = $1 AND p."mergedIntoId" IS NULL AND p."consentMonitoring"
           AND p."involvementStartedAt" < $3::timestamp
           AND (p."involvementEndedAt" IS NULL OR p."involvementEndedAt" >= $2::timestamp)
           AND (o."intakeResponseId" IS NOT NULL OR o."exitResponseId" IS NOT NULL)
           -- The page's start on both sides of the join, so each batch seeks instead of scanning
           -- from the first person (which made the whole export grow with the square of its size).
           AND p.id > $4 AND o."personId" > $4
         ORDER BY p.id LIMIT ${BATCH}
       )
       SELECT people.*, s.stage, d.key, d.version,
         to_char(COALESCE(q."submittedAt", q."workerCompletedAt") AT TIME ZONE 'UTC' AT TIME ZONE $5, 'YYYY-MM') AS "formMonth",
         (SELECT COALESCE(jsonb_object_agg(a."itemKey",
             CASE WHEN a."numberValue" IS NOT NULL THEN to_jsonb(a."numberValue")
                  WHEN a."dateValue" IS NOT NULL THEN to_jsonb(to_char(a."dateValue", 'YYYY-MM'))
                  ELSE to_jsonb(a."choiceValues") END), '{}'::jsonb)
          FROM "Answer" a WHERE a."responseId" = q.id AND a."textCipher" IS NULL) AS answers
       FROM people
         CROSS JOIN LATERAL (VALUES (1, 'INTAKE', people."intakeResponseId"), (2, 'EXIT', people."exitResponseId")) AS s(n, stage, response)
         JOIN "QuestionnaireResponse" q ON q.id = s.response
         JOIN "QuestionnaireDefinition" d ON d.id = q."definitionId"
       ORDER BY people.id, s.n`,
      request.serviceId,
      fromAt,
      toAt,
      after,
      request.zone,
    );
    if (forms.length === 0) return;
    after = forms[forms.length - 1]?.id ?? after;
    let fixed: string[] = [];
    let fixedOf = "";
    const rows: string[][] = [];
    for (const f of forms) {
      if (fixedOf !== f.id) {
        fixedOf = f.id;
        const band = bandOf({ kind: f.kind, dateOfBirth: f.dateOfBirth }, f.startedAt, request.zone) ?? "";
        fixed = [
          pseudonym("person", f.id),
          pseudonym("family", f.familyId),
          GROUP[f.kind] ?? f.kind,
          f.area,
          f.gender ?? "",
          f.orientation ?? "",
          f.ethnicity ?? "",
          f.disability === null ? "" : f.disability ? "yes" : "no",
          f.employment ?? "",
          f.referral ?? "",
          band,
          f.startedMonth,
          f.endedMonth ?? "",
        ];
      }
      rows.push([...fixed, f.stage.toLowerCase(), f.key, String(f.version), f.formMonth, ...items.map((i) => value(f.answers[i.key]))]);
    }
    yield rows;
  }
}

/**
 * The export as a stream of CSV text, for a Response body.
 * @returns a web ReadableStream of UTF-8 bytes; the database is read as the stream is pulled
 */
export function recordsCsvStream(request: RecordsRequest, client: Client = db()): ReadableStream<Uint8Array> {
  const batches = recordBatches(request, client);
  const encoder = new TextEncoder();
  // One batch of people per chunk, read only when the reader asks for more: what is held at any
  // time is one batch, whatever the size of the service (bench/outcomes.ts measures it).
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(stringify(next.value)));
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
