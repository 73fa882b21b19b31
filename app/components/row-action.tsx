import { Form } from "@remix-run/react";

/**
 * A one-button form that acts on one row of a list: withdraw this questionnaire, close this goal,
 * remove this passkey. It posts `intent` and the row's id under `name` to the page's own action,
 * and works with JavaScript off. A screen reader hears the button's label followed by `about`
 * ("Withdraw Check-in"), so a list of identical buttons is still told apart (WCAG 2.4.6).
 *
 * @param props.intent the action's intent, as the route's zod union parses it
 * @param props.name the form field that carries the row's id (e.g. "assignmentId")
 * @param props.value the row's id
 * @param props.label the visible words on the button
 * @param props.about words heard after the label, naming the row; shown to nobody
 * @param props.primary a filled button for the row's main action (default: the secondary style)
 * @param props.className the form's class (default "inline-form", beside the row's text; "" for none)
 */
export function RowAction(props: { intent: string; name: string; value: string; label: string; about: string; primary?: boolean; className?: string }) {
  return (
    <Form method="post" className={props.className === undefined ? "inline-form" : props.className || undefined}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name={props.name} value={props.value} />
      <button type="submit" className={props.primary ? undefined : "secondary"}>
        {props.label}
        <span className="visually-hidden"> {props.about}</span>
      </button>
    </Form>
  );
}
