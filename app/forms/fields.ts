import { z } from "zod";
import { calendarDate, dateColumn, isLocalDate } from "~/time/calendar";

/**
 * Field types shared by the forms' schemas. HTML forms send strings: an empty box is "", an
 * unticked box is absent, several ticked boxes are a list.
 */

/** Trimmed text; required unless `optional`, then "" becomes undefined. */
export function text(options: { max: number; min?: number; required?: string }) {
  return z
    .string({ message: options.required ?? "Enter a value" })
    .trim()
    .min(options.min ?? 1, options.required ?? "Enter a value")
    .max(options.max, `Use ${options.max} characters or fewer`);
}

export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));
}

/** A choice that may be left empty: "" (nothing chosen) becomes undefined. */
export function optionalChoice<T extends z.ZodEnum<Record<string, string>>>(schema: T) {
  return z
    .union([z.literal(""), schema])
    .optional()
    .transform((v): z.output<T> | undefined => (v === "" || v === undefined ? undefined : v));
}

/** Check boxes: none, one or several values, each from the enum. */
export function choices<T extends z.ZodEnum<Record<string, string>>>(schema: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(schema));
}

/** "yes" / "no" radio buttons. */
export function yesNo(message: string) {
  return z.enum(["yes", "no"], { message }).transform((v) => v === "yes");
}

export function optionalYesNo(message: string) {
  return z
    .union([z.literal(""), z.enum(["yes", "no"], { message })], { message })
    .optional()
    .transform((v) => (v === "yes" ? true : v === "no" ? false : undefined));
}

/** A ticked box (sent as "on" or "yes") is true; absent is false. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "yes" || v === "true");

/** A calendar date from `<input type="date">` (YYYY-MM-DD), as midnight UTC. */
export function date(options: { required?: string; notFuture?: boolean; earliest?: string } = {}) {
  return (
    z
      .string({ message: options.required ?? "Enter a date" })
      .trim()
      .min(1, options.required ?? "Enter a date")
      // A real calendar day ("2026-02-30" is refused, not read as 2 March), kept as a date column keeps it.
      .refine(isLocalDate, "Enter a real date, like 2026-03-31")
      .transform(dateColumn)
      .refine((d) => !options.notFuture || d.getTime() <= Date.now(), "The date cannot be in the future")
      .refine((d) => !options.earliest || d >= new Date(`${options.earliest}T00:00:00Z`), `The date cannot be before ${options.earliest ?? ""}`)
  );
}

export function optionalDate(options: { notFuture?: boolean } = {}) {
  return z
    .union([z.literal(""), date(options)])
    .optional()
    .transform((v) => (v instanceof Date ? v : undefined));
}

const DIGITS = /^[0-9]+$/;

/**
 * The one way a number typed into a form is read: plain decimal digits (ASCII 0–9, nothing else:
 * no sign, no decimal point, no exponent, no "0x", no digits from other scripts), surrounding
 * spaces ignored. Blank is not a number: it is `null`, never 0 (`Number("")` and `Number(" ")` are
 * 0, which is how a blank "due after" became "due at once"). Anything else is `NaN`.
 *
 * @param raw the field as sent, or undefined when absent
 * @returns the integer, `null` for blank or absent, `NaN` for anything that is not plain digits
 *   (or has more than 15 digits, past which a double is no longer exact)
 */
export function readWholeNumber(raw: string | undefined | null): number | null {
  const trimmed = (raw ?? "").trim();
  if (trimmed === "") return null;
  if (!DIGITS.test(trimmed) || trimmed.length > 15) return Number.NaN;
  return Number(trimmed);
}

function wholeNumberIn(min: number, max: number, label: string) {
  const range = `Enter ${label} as a whole number from ${min} to ${max}`;
  // NaN (anything but plain digits) is refused by z.number itself: it gets the same message.
  return z.number({ message: range }).refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, range);
}

/**
 * A whole number typed into a box, required, within `min`…`max` inclusive. Blank or spaces say
 * "Enter …" (never 0); anything but plain digits, or out of range, gives the range in the message.
 */
export function wholeNumber(min: number, max: number, label: string) {
  return z
    .string({ message: `Enter ${label}` })
    .transform((v, ctx) => {
      const n = readWholeNumber(v);
      if (n === null) {
        ctx.addIssue({ code: "custom", message: `Enter ${label}` });
        return z.NEVER;
      }
      return n;
    })
    .pipe(wholeNumberIn(min, max, label));
}

/** The same, for a box that may be left empty: blank (or absent) is `undefined`, "not given", never 0. */
export function optionalWholeNumber(min: number, max: number, label: string) {
  return z
    .string()
    .optional()
    .transform((v) => readWholeNumber(v) ?? undefined)
    .pipe(wholeNumberIn(min, max, label).optional());
}

/** Dates as the forms show them back: YYYY-MM-DD. */
export function isoDay(date: Date | string | null | undefined): string {
  if (!date) return "";
  return calendarDate(typeof date === "string" ? new Date(date) : date);
}
