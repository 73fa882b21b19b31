import { resourceRoute } from "~/ops/resource-route.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { requirePerson } from "~/auth/session.server";
import { readWholeNumber } from "~/forms/fields";
import { formValues } from "~/forms/parse";
import type { AutosaveReply } from "~/questionnaires/autosave";
import { savePage } from "~/questionnaires/filling.server";

/**
 * A questionnaire page's answers saved in the background (app/questionnaires/autosave.ts). A
 * resource route: it answers JSON and never a page, so the page that sent it stays as it is
 * whatever happens. The same checks as the page's own "Save" (only the person's own
 * questionnaire; another's is 404), and the page must say which version of the answers it holds.
 */
async function handleAction({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePerson(request);
  const values = formValues(await request.formData());
  const page = readWholeNumber(typeof values.page === "string" ? values.page : undefined);
  const version = readWholeNumber(typeof values.version === "string" ? values.version : undefined);
  const answers = Object.fromEntries(Object.entries(values).filter(([key]) => key !== "intent" && key !== "page" && key !== "version"));
  // A page that cannot say its version (-1 never matches) is treated as stale, never as current.
  const expected = version === null || Number.isNaN(version) ? -1 : version;
  const result = await savePage(viewer, params.assignmentId ?? "", page === null || Number.isNaN(page) ? -1 : page, answers, {
    move: "stay",
    version: expected,
  });
  if (result.ok) return Response.json({ saved: new Date().toISOString(), version: expected + 1 } satisfies AutosaveReply);
  if ("stale" in result) return Response.json({ errors: result.errors, stale: true, version: result.version } satisfies AutosaveReply, { status: 409 });
  return Response.json({ errors: result.errors } satisfies AutosaveReply, { status: result.status });
}

export const action = resourceRoute(handleAction);
