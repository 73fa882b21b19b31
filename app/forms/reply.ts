import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { FieldErrors, FormValues } from "./parse";
import { VERSION_FIELD, type StaleOutcome } from "./stale";

/**
 * The one reply a form's action sends back (decision 010: checked on the server, no client
 * library; decision 028 for the shape). Every form on every page answers with the same keys, so a
 * page reads it typed from its action (`useActionData<typeof action>()`) without declaring a type:
 * - `ok`: whether the submission was taken;
 * - `form`: which form on the page it answers (pages with several forms name them; otherwise null);
 * - `fields`: one message per field name, and one for the whole form under "form" (empty when ok);
 * - `values`: what the person sent, to put back on the page (null when there is nothing to restore);
 * - `done`: the words telling them it worked (null when refused or when the page says nothing).
 * A page's own extra facts (the other party of an allocation, possible duplicates) go in `more`
 * and are spread next to these keys.
 */
export type FormReply<Form extends string = never> = {
  ok: boolean;
  form: Form | null;
  fields: FieldErrors;
  values: FormValues | null;
  done: string | null;
};

type ReplyOptions<Form extends string, More extends object> = {
  /** Which form on the page this answers. */
  form?: Form;
  /** What the person sent, to show again. */
  values?: FormValues;
  /** The page's own extra facts, spread beside the common keys. */
  more?: More;
};

/**
 * A refused submission: the field messages (FieldErrors, "form" for the whole form), returned with
 * `data(…, { status })`: 400 unless given (409 for a stale write or a conflict, 404 for a thing not
 * found, 429 for a guessing limit).
 */
export function refused<const Form extends string = never, More extends object = Record<never, never>>(
  fields: FieldErrors,
  options: ReplyOptions<Form, More> & { status?: number } = {},
) {
  return data(replyOf(false, fields, null, options), { status: options.status ?? 400 });
}

/**
 * A save refused as stale (decision 024): someone saved the same document since this page was
 * loaded. What they typed is sent back as it was, under the version the page must now hold, so a
 * second press saves it over the current one knowingly; status 409.
 */
export function refusedAsStale(fields: FieldErrors, values: FormValues, version: number) {
  return refused(fields, { values: { ...values, [VERSION_FIELD]: String(version) }, status: 409 });
}

/**
 * The reply to a form that saves a document and then goes back to the page it came from: to
 * `next` (a redirect) when the save was taken; `refusedAsStale` when someone saved the same
 * document first; otherwise `refused` with the save's field messages and what was sent.
 */
export function replyToSave(result: { ok: true } | { ok: false; fields: FieldErrors } | StaleOutcome, values: FormValues, next: string) {
  if (result.ok) return redirect(next);
  if ("stale" in result) return refusedAsStale(result.fields, values, result.version);
  return refused(result.fields, { values });
}

/** A taken submission that stays on the page: `done` is what to tell the person (null for nothing), status 200. */
export function accepted<const Form extends string = never, More extends object = Record<never, never>>(
  done: string | null,
  options: ReplyOptions<Form, More> = {},
) {
  return data(replyOf(true, {}, done, options));
}

function replyOf<Form extends string, More extends object>(ok: boolean, fields: FieldErrors, done: string | null, options: ReplyOptions<Form, More>) {
  const reply: FormReply<Form> = { ok, form: options.form ?? null, fields, values: options.values ?? null, done };
  return Object.assign({}, options.more, reply);
}

/**
 * Which of a page's forms was sent, and the ids it carries, read with a zod discriminated union on
 * `intent` (one `z.object({ intent: z.literal("…"), … })` per form; each form's own fields are
 * still parsed by its schema with `parseForm`, for field messages). Returns the parsed value, or
 * null when the intent is missing or unknown or an id is malformed: only a hand-made request
 * sends that, and the page answers it with `refused` (400), never a 500.
 */
export function readIntent<S extends z.ZodType<{ intent: string }>>(schema: S, values: FormValues): z.output<S> | null {
  const parsed = schema.safeParse(values);
  return parsed.success ? parsed.data : null;
}

/** An id sent in a form (a row's id, as the database made it): non-empty, at most 64 characters. */
export const formId = z.string().trim().min(1).max(64);
