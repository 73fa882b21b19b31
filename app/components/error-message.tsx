import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

/**
 * The words of an error page, the same in every frame: what happened in plain language, and never
 * anything from the error itself (a status text or message could carry a name, an id or a path).
 * `error` is what `useRouteError()` returned: a thrown `Response` (404, 400, 405, 413…) or anything
 * else a loader or action threw (shown as "Something went wrong").
 */
export function ErrorMessage({ error, homeHref }: { error: unknown; homeHref: string }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const words =
    status === 404
      ? { heading: "Page not found", text: "There is nothing at this address." }
      : status >= 400 && status < 500
        ? { heading: "That did not work", text: "Please go back and try again." }
        : { heading: "Something went wrong", text: "Please try again in a moment." };
  return (
    <main>
      <h1>{words.heading}</h1>
      <p>{words.text}</p>
      <p>
        <a href={homeHref}>Go to the home page</a>
      </p>
    </main>
  );
}

/**
 * The error boundary of every page inside the service user's layout. It sits on the page's own
 * route, not on the layout's, so the layout still draws its frame with its data around it: after
 * an action fails, Remix runs only the loaders *above* the boundary, so a boundary on the layout
 * itself would have lost the person's title, wording and navigation
 * (`getLoaderMatchesUntilBoundary` in @remix-run/router). `tests/frames/error-pages.test.ts`
 * checks that every page route exports one.
 */
export function ServiceUserPageError() {
  return <ErrorMessage error={useRouteError()} homeHref="/home" />;
}

/** The same for every page inside the staff console's layout. */
export function StaffPageError() {
  return <ErrorMessage error={useRouteError()} homeHref="/staff" />;
}
