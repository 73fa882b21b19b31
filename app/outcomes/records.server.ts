import { createHmac } from "node:crypto";
import { stringify } from "csv-stringify";
import { db } from "~/db.server";
import { bandOf } from "~/families/age-band";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { definitionSchema } from "~/questionnaires/definition-schema";
import { builtInDefinitions } from "~/questionnaires/definitions/index";
import { addCalendarDays, localDateOf, startOfLocalDay, type LocalDate } from "~/time/calendar";

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
 * each batch is written out before the next is read, so memory does not grow with the service.
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

type PersonRow = {
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
  endedAt: Date | null;
};

type FormRow = { personId: string; stage: string; key: string; version: number; at: Date; itemKey: string | null; numberValue: number | null; choiceValues: string[] | null; dateValue: Date | null };

const GROUP: Record<string, string> = { ADULT_SURVIVOR: "adult-survivor", HARMFUL_BEHAVIOUR: "harmful-behaviour", YOUNG_PERSON: "young-person" };

/**
 * The export's rows, header first, as arrays of strings, batch by batch.
 * @param request a checked period and an export key of at least 16 characters (checked by the caller)
 */
export async function* recordRows(request: RecordsRequest, client: Client = db()): AsyncGenerator<string[]> {
  const items = itemColumns();
  yield [...FIXED_COLUMNS.map(([c]) => c), ...items.map((i) => i.key)];
  const pseudonym = (kind: string, id: string) => createHmac("sha256", request.exportKey).update(`${kind}:${id}`).digest("hex").slice(0, 20);
  const month = (at: Date | null) => (at ? localDateOf(at, request.zone).slice(0, 7) : "");
  const fromAt = startOfLocalDay(request.from, request.zone).toISOString();
  const toAt = startOfLocalDay(addCalendarDays(request.to, 1), request.zone).toISOString();
  let after = "";
  for (;;) {
    const people = await client.$queryRawUnsafe<PersonRow[]>(
      `SELECT p.id, p."familyId", p.kind::text AS kind, a.name AS area, p.gender::text AS gender,
         p."sexualOrientation"::text AS orientation, p."ethnicityGroup"::text AS ethnicity, p.disability,
         p.employment::text AS employment, COALESCE(p."referralSource", f."referralSource")::text AS referral,
         p."dateOfBirth", p."involvementStartedAt" AS "startedAt", p."involvementEndedAt" AS "endedAt"
       FROM "Person" p JOIN "Family" f ON f.id = p."familyId" JOIN "Area" a ON a.id = f."areaId"
       WHERE p."serviceId" = $1 AND p."mergedIntoId" IS NULL AND p."consentMonitoring"
         AND p."involvementStartedAt" < $3::timestamp
         AND (p."involvementEndedAt" IS NULL OR p."involvementEndedAt" >= $2::timestamp)
         AND p.id > $4
       ORDER BY p.id LIMIT ${BATCH}`,
      request.serviceId,
      fromAt,
      toAt,
      after,
    );
    if (people.length === 0) return;
    after = people[people.length - 1]?.id ?? after;
    const forms = await client.$queryRawUnsafe<FormRow[]>(
      `WITH r AS (
         SELECT DISTINCT ON (q."personId", q.stage) q.id, q."personId", q.stage::text AS stage, q."definitionId",
           COALESCE(q."submittedAt", q."workerCompletedAt") AS at
         FROM "QuestionnaireResponse" q
         WHERE q."personId" = ANY($1::text[]) AND q.stage IN ('INTAKE', 'EXIT')
           AND (q."submittedAt" IS NOT NULL OR q."workerCompletedAt" IS NOT NULL)
         ORDER BY q."personId", q.stage,
           CASE WHEN q.stage = 'INTAKE' THEN COALESCE(q."submittedAt", q."workerCompletedAt") END ASC,
           COALESCE(q."submittedAt", q."workerCompletedAt") DESC
       )
       SELECT r."personId", r.stage, d.key, d.version, r.at, a."itemKey", a."numberValue", a."choiceValues", a."dateValue"
       FROM r JOIN "QuestionnaireDefinition" d ON d.id = r."definitionId"
       LEFT JOIN "Answer" a ON a."responseId" = r.id AND a."textCipher" IS NULL
       ORDER BY r."personId", r.stage`,
      people.map((p) => p.id),
    );
    const byPerson = new Map<string, Map<string, { key: string; version: number; at: Date; answers: Map<string, string> }>>();
    for (const f of forms) {
      const stages = byPerson.get(f.personId) ?? new Map();
      byPerson.set(f.personId, stages);
      const form = stages.get(f.stage) ?? { key: f.key, version: f.version, at: f.at, answers: new Map<string, string>() };
      stages.set(f.stage, form);
      if (f.itemKey) {
        const value = f.numberValue !== null ? String(f.numberValue) : f.dateValue ? month(f.dateValue) : (f.choiceValues ?? []).join(";");
        form.answers.set(f.itemKey, value);
      }
    }
    for (const p of people) {
      const band = bandOf({ kind: p.kind, dateOfBirth: p.dateOfBirth }, p.startedAt, request.zone) ?? "";
      const fixed = [
        pseudonym("person", p.id),
        pseudonym("family", p.familyId),
        GROUP[p.kind] ?? p.kind,
        p.area,
        p.gender ?? "",
        p.orientation ?? "",
        p.ethnicity ?? "",
        p.disability === null ? "" : p.disability ? "yes" : "no",
        p.employment ?? "",
        p.referral ?? "",
        band,
        month(p.startedAt),
        month(p.endedAt),
      ];
      for (const stage of ["INTAKE", "EXIT"]) {
        const form = byPerson.get(p.id)?.get(stage);
        if (!form) continue;
        yield [...fixed, stage.toLowerCase(), form.key, String(form.version), month(form.at), ...items.map((i) => form.answers.get(i.key) ?? "")];
      }
    }
  }
}

/**
 * The export as a stream of CSV text, for a Response body.
 * @returns a web ReadableStream of UTF-8 bytes; the database is read as the stream is pulled
 */
export function recordsCsvStream(request: RecordsRequest, client: Client = db()): ReadableStream<Uint8Array> {
  const rows = recordRows(request, client);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const batch: string[][] = [];
      // A few hundred rows per chunk: small enough to stream, large enough not to crawl.
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(await csvText(batch)));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

function csvText(rows: string[][]): Promise<string> {
  return new Promise((resolve, reject) => stringify(rows, (error, output) => (error ? reject(error) : resolve(output))));
}
