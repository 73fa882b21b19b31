import { FieldError } from "./field-error";

/** A 0–10 choice for one goal: big radio buttons, the ends named. */
export function GoalScale({ goalId, title, error }: { goalId: string; title: string; error?: string }) {
  const name = `goal-${goalId}`;
  return (
    <fieldset className="question question--scale" aria-describedby={error ? `${name}-error` : `${name}-help`} aria-invalid={error ? true : undefined}>
      <legend className="question__label">{title}</legend>
      <p id={`${name}-help`} className="hint">
        0 means not started, 10 means reached.
      </p>
      <div className="question__options">
        {Array.from({ length: 11 }, (_, n) => (
          <label key={n} className="answer" htmlFor={`${name}-${n}`}>
            <input id={`${name}-${n}`} type="radio" name={name} value={n} />
            <span>{n}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} message={error} />
    </fieldset>
  );
}
