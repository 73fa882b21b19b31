import { Form } from "@remix-run/react";

/** Signing out changes state, so it is a form post (and works without JavaScript). */
export function SignOutButton() {
  return (
    <Form method="post" action="/sign-out">
      <button type="submit" className="secondary">
        Sign out
      </button>
    </Form>
  );
}
