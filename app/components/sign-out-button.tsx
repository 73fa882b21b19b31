import { Form } from "@remix-run/react";

/**
 * Signing out changes state, so it is a form post (and works without JavaScript). Like quick
 * exit, it replaces the whole document (`reloadDocument`: a plain browser post, not the client
 * router): a router navigation would keep the signed-in page's document, its inline data (first
 * name, appointments, the worker's name) and its script memory alive under the sign-in page, for
 * the next person holding the phone to find.
 */
export function SignOutButton() {
  return (
    <Form method="post" action="/sign-out" reloadDocument>
      <button type="submit" className="secondary">
        Sign out
      </button>
    </Form>
  );
}
