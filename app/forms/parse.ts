import type { z } from "zod";

/**
 * One zod schema per form, checked on the server (docs/decisions/010-forms-checked-on-the-server-without-a-client-library.md).
 * A failed form comes back with one message per field, keyed by the field's name, and the values
 * the person typed, so the page shows them again and nothing they wrote is lost.
 */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors; values: FormValues };

/** FormData as a plain object: a name sent once is a string, a name sent several times (check boxes) a list. */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData | FormValues): Parsed<z.output<S>> {
  const values = formData instanceof FormData ? formValues(formData) : formData;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: fieldErrors(result.error.issues), values };
}

/** The first message for each field; a message about the whole form goes under "form". */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const name = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    fields[name] ??= issue.message;
  }
  return fields;
}

/** A value as one string (a list takes its first item), for putting back into a text input. */
export function valueOf(values: FormValues | null | undefined, name: string): string | undefined {
  const value = values?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A value as a list, for putting back into check boxes. */
export function listOf(values: FormValues | null | undefined, name: string): string[] | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : value === "" ? [] : [value];
}

/** What a domain change returns: done (with anything the page needs), or field messages to show. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; fields: FieldErrors };
