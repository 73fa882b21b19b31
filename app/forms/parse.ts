import type { z } from "zod";

/**
 * One zod schema per form, checked on the server (docs/decisions/010-forms-checked-on-the-server-without-a-client-library.md).
 * A failed form comes back with one message per field, keyed by the field's name, and the values
 * the person typed, so the page shows them again and nothing they wrote is lost.
 */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors; values: FormValues };

/**
 * FormData as a plain object: a name sent once is a string, a name sent several times (check boxes)
 * a list; files (never sent by Waypoint's forms) are left out. One pass over the entries: asking
 * `getAll` for each name scans every entry again, and a 1 MiB form of 120,000 different names then
 * held the server's one thread for two minutes, for anyone, signed in or not.
 */
export function formValues(formData: FormData): FormValues {
  const lists = new Map<string, string[]>();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const list = lists.get(key);
    if (list) list.push(value);
    else lists.set(key, [value]);
  }
  // fromEntries defines own properties, so a field named "__proto__" is only a field.
  return Object.fromEntries([...lists].map(([key, all]) => [key, all.length > 1 ? all : (all[0] ?? "")]));
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

/** Every value as one string (a list gives its first item), for putting a whole form back at once. */
export function firstValues(values: FormValues | null | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(values ?? {}).map((name) => [name, valueOf(values, name)]));
}

/** A value as a list, for putting back into check boxes. */
export function listOf(values: FormValues | null | undefined, name: string): string[] | undefined {
  const value = values?.[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : value === "" ? [] : [value];
}

/** What a domain change returns: done (with anything the page needs), or field messages to show. */
export type Outcome<T extends object = object> = ({ ok: true } & T) | { ok: false; fields: FieldErrors };
