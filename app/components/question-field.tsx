import type { ReactNode } from "react";
import type { AgeBand } from "~/age-bands/age-band";
import { FACE_VALUES, FACE_WORDS } from "~/questionnaires/faces";
import type { ShownItem } from "~/questionnaires/shown";
import { FieldError } from "./field-error";

type Value = string | number | string[] | undefined;

const FACES = FACE_VALUES.map((value) => ({ value, words: FACE_WORDS[value] ?? "" }));

/** A face drawn in SVG (no emoji font needed): the mouth curves from a deep frown to a wide smile. */
export function Face({ value }: { value: number }) {
  const curve = [-9, -5, 0, 5, 9][value - 1] ?? 0;
  const fill = ["#f4c7c3", "#f9dcc4", "#f6efc6", "#d8eecb", "#bfe5c2"][value - 1] ?? "#eee";
  return (
    <svg viewBox="0 0 48 48" className="face" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill={fill} stroke="#1f2a33" strokeWidth="2" />
      <circle cx="17" cy="19" r="2.6" fill="#1f2a33" />
      <circle cx="31" cy="19" r="2.6" fill="#1f2a33" />
      <path d={`M14 ${32 - curve / 2} Q24 ${32 + curve} 34 ${32 - curve / 2}`} fill="none" stroke="#1f2a33" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The picture on an under-8's yes/no button: a tick or a cross in a soft circle, drawn in the
 * faces' style, so a child who cannot read yet answers from the picture (the word is under it).
 */
export function YesNoPicture({ value }: { value: "yes" | "no" }) {
  return (
    <svg viewBox="0 0 48 48" className="picture" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="22" fill={value === "yes" ? "#bfe5c2" : "#f4c7c3"} stroke="#1f2a33" strokeWidth="2" />
      {value === "yes" ? (
        <path d="M13 25 L21 33 L36 16" fill="none" stroke="#1f2a33" strokeWidth="4" strokeLinecap="round" strokeLinejoin="round" />
      ) : (
        <path d="M16 16 L32 32 M32 16 L16 32" fill="none" stroke="#1f2a33" strokeWidth="4" strokeLinecap="round" />
      )}
    </svg>
  );
}

function asList(value: Value): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}

/**
 * One question, in the control that fits its type: big radio buttons for yes/no and scales, faces
 * for children, boxes for text. Plain form controls, so every question works with JavaScript off
 * and with any assistive technology; the server checks every answer.
 */
export function QuestionField({
  item,
  value,
  error,
  band,
  conditionNote,
}: {
  item: ShownItem;
  value: Value;
  error?: string;
  band: AgeBand | null;
  /** Shown with JavaScript off for a follow-up question that applies only after some answers. */
  conditionNote?: string | null;
}) {
  const id = `q-${item.key}`;
  const describedBy = [item.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const help = item.help ? (
    <p id={`${id}-help`} className="hint">
      {item.help}
    </p>
  ) : null;
  const note = conditionNote ? <p className="hint condition-note">{conditionNote}</p> : null;
  const chosen = asList(value);
  const invalid = error ? true : undefined;
  // Under-8s are not asked to weigh up what is optional: every question of theirs may be skipped.
  const optional = item.required || band === "under-8" ? null : <span className="optional"> (optional)</span>;

  const choices = (options: { value: string; label: string }[], multiple: boolean, className: string) => (
    <fieldset className={`question ${className}`} aria-describedby={describedBy} aria-invalid={invalid}>
      <legend className="question__label">
        {item.label}
        {optional}
      </legend>
      {note}
      {help}
      <div className="question__options">
        {options.map((o) => (
          <label key={o.value} className="answer" htmlFor={`${id}-${o.value}`}>
            <input id={`${id}-${o.value}`} type={multiple ? "checkbox" : "radio"} name={item.key} value={o.value} defaultChecked={chosen.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );

  /** A question answered in one control of its own (a text box, a date input), labelled by the question. */
  const oneControl = (control: ReactNode) => (
    <div className="question">
      <label className="question__label" htmlFor={id}>
        {item.label}
        {optional}
      </label>
      {note}
      {help}
      {control}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );

  switch (item.type) {
    case "yes-no":
      // Under-8s: the same big, picture-led buttons as the faces, not small radio buttons with words.
      if (band === "under-8") {
        return (
          <fieldset className="question question--pictures" aria-describedby={describedBy} aria-invalid={invalid}>
            <legend className="question__label">{item.label}</legend>
            {note}
            {help}
            <div className="question__options">
              {(["yes", "no"] as const).map((answer) => (
                <label key={answer} className="picture-choice" htmlFor={`${id}-${answer}`}>
                  <input id={`${id}-${answer}`} type="radio" name={item.key} value={answer} defaultChecked={chosen.includes(answer)} />
                  <YesNoPicture value={answer} />
                  <span className="picture-choice__word">{answer === "yes" ? "Yes" : "No"}</span>
                </label>
              ))}
            </div>
            <FieldError id={`${id}-error`} message={error} />
          </fieldset>
        );
      }
      return choices(
        [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ],
        false,
        "question--yes-no",
      );
    case "single-choice":
      return choices(item.options, false, "question--choice");
    case "multiple-choice":
      return choices(item.options, true, "question--choice");
    case "scale-0-10":
    case "scale-1-5": {
      const [low, high] = item.type === "scale-0-10" ? [item.min ?? 0, item.max ?? 10] : [item.min ?? 1, item.max ?? 5];
      const steps = Array.from({ length: high - low + 1 }, (_, i) => String(low + i));
      return choices(
        steps.map((s) => ({ value: s, label: s })),
        false,
        "question--scale",
      );
    }
    case "faces":
      return (
        <fieldset
          className={`question question--faces${band === "under-8" ? " question--faces-big" : ""}`}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          <legend className="question__label">{item.label}</legend>
          {help}
          <div className="question__options">
            {FACES.map((f) => (
              <label key={f.value} className="face-choice" htmlFor={`${id}-${f.value}`}>
                <input id={`${id}-${f.value}`} type="radio" name={item.key} value={f.value} defaultChecked={chosen.includes(String(f.value))} />
                <Face value={f.value} />
                <span className="visually-hidden">{f.words}</span>
              </label>
            ))}
          </div>
          <FieldError id={`${id}-error`} message={error} />
        </fieldset>
      );
    case "long-text":
      return oneControl(
        <textarea
          id={id}
          name={item.key}
          rows={5}
          maxLength={item.maxLength ?? 4000}
          autoComplete="off"
          defaultValue={chosen[0] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />,
      );
    default: {
      const type = item.type === "date" ? "date" : "text";
      return oneControl(
        <input
          id={id}
          name={item.key}
          type={type}
          inputMode={item.type === "number" ? "decimal" : undefined}
          maxLength={item.type === "short-text" ? (item.maxLength ?? 200) : undefined}
          autoComplete="off"
          defaultValue={chosen[0] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />,
      );
    }
  }
}
