import { valueOf, type FieldErrors, type FormValues } from "./parse";

/** A form reply (app/forms/reply.ts) as a page reads it from its action; nothing before a submission. */
type ReplyOnPage = { form?: string | null; fields: FieldErrors; values?: FormValues | null } | null | undefined;

/**
 * One form of a page, drawn from the page's reply (`useActionData<typeof action>()`):
 * - `errors`: the server's messages for this form (none when the reply answers another form);
 * - `values`: what the person sent to this form, to put back (undefined when there is nothing);
 * - `field(name, fallback)`: the props a control of the form takes (`name`; `defaultValue`, what
 *   was sent or else `fallback`, such as the saved value; `error`, its message).
 * `form` names the form on a page of several, one of the names its action's replies give (so a
 * misspelt name fails the typecheck); leave it out on a page of one.
 */
export function formOnPage<R extends ReplyOnPage>(reply: R, form?: NonNullable<NonNullable<R>["form"]>) {
  const mine = reply && (form === undefined || reply.form === form) ? reply : undefined;
  const errors: FieldErrors = mine?.fields ?? {};
  const values = mine?.values ?? undefined;
  return {
    errors,
    values,
    field: (name: string, fallback?: string) => ({ name, defaultValue: valueOf(values, name) ?? fallback, error: errors[name] }),
  };
}
