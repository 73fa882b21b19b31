import type { ReactNode } from "react";
import { FieldError } from "./field-error";

/**
 * Form controls with their label, hint and error wired together (aria-describedby, aria-invalid),
 * so a screen reader hears the error with the field. The server is the only validator: these
 * only show what it said, and put back what the person typed.
 */
type Common = { name: string; label: ReactNode; hint?: ReactNode; error?: string; id?: string };

function describedBy(id: string, hint: unknown, error: unknown) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="hint">
      {hint}
    </p>
  ) : null;
}

/** What ties a control to its field's label, hint and error. */
type ControlProps = { id: string; name: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/**
 * The frame of a one-control field: a div with the label, the hint, the control (`children`, given
 * the props that tie it to the label, hint and error) and the error after it.
 */
function Field({ name, label, hint, error, id = name, children }: Common & { children: (control: ControlProps) => ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** A one-line input (text, a date, a date and time, a number, an address) in its field. */
export function TextField({
  defaultValue,
  type = "text",
  autoComplete = "off",
  inputMode,
  maxLength,
  ...field
}: Common & {
  defaultValue?: string;
  type?: "text" | "date" | "datetime-local" | "number" | "url";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "email" | "url";
  maxLength?: number;
}) {
  return (
    <Field {...field}>
      {(control) => <input {...control} type={type} defaultValue={defaultValue} autoComplete={autoComplete} inputMode={inputMode} maxLength={maxLength} />}
    </Field>
  );
}

/** A text box of several lines in its field. */
export function TextArea({ defaultValue, rows = 5, maxLength, ...field }: Common & { defaultValue?: string; rows?: number; maxLength?: number }) {
  return <Field {...field}>{(control) => <textarea {...control} rows={rows} autoComplete="off" defaultValue={defaultValue} maxLength={maxLength} />}</Field>;
}

export type Option = { value: string; label: string };

/** A drop-down list in its field; `placeholder` adds an empty first choice. */
export function SelectField({ options, defaultValue, placeholder, ...field }: Common & { options: Option[]; defaultValue?: string; placeholder?: string }) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} defaultValue={defaultValue ?? ""}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Radio buttons or check boxes in a fieldset whose legend is the question. */
export function ChoiceGroup({
  name,
  label,
  hint,
  error,
  id = name,
  options,
  multiple = false,
  defaultValue,
  inline = false,
}: Common & { options: Option[]; multiple?: boolean; defaultValue?: string | string[]; inline?: boolean }) {
  const chosen = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <fieldset className="field choices" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend>{label}</legend>
      <Hint id={id} hint={hint} />
      <div className={inline ? "choices__list choices__list--inline" : "choices__list"}>
        {options.map((o) => (
          <label key={o.value} className="choice" htmlFor={`${id}-${o.value}`}>
            <input id={`${id}-${o.value}`} type={multiple ? "checkbox" : "radio"} name={name} value={o.value} defaultChecked={chosen.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** A message about the form as a whole, announced when it appears. */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="form-error">
      {message}
    </p>
  ) : null;
}

/**
 * What a taken submission did, said in a notice that is announced when it appears (a status, not
 * an alert: nothing went wrong). Nothing when there is no message.
 */
export function DoneNotice({ message }: { message?: string | null }) {
  return message ? (
    <p role="status" className="card notice">
      {message}
    </p>
  ) : null;
}

/** Options from a label map, in the map's order. */
export function optionsFrom<T extends string>(labels: Record<T, string>): Option[] {
  return Object.entries<string>(labels).map(([value, label]) => ({ value, label }));
}
