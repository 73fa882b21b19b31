import type { z } from "zod";
import { findPersonForStaff } from "~/auth/policy.server";
import { requireStaff, type StaffViewer } from "~/auth/session.server";
import { formValues, parseForm, type FieldErrors, type FormValues } from "~/forms/parse";
import { refused, replyToSave } from "~/forms/reply";
import type { StaleOutcome } from "~/forms/stale";

/**
 * The start of every form action on a person's record (/staff/people/:personId/…): the signed-in
 * worker or case manager, the person as the access policy lets them see it, and the form's values.
 * The form is read only after the record is known to be the viewer's, so someone else's record
 * answers 404 before anything it was sent is parsed (decision 011).
 *
 * @param request the action's request (its session cookie and form body)
 * @param personId the `:personId` of the URL (undefined reads as no one)
 * @returns `{ viewer, person, values }`: `person` is `findPersonForStaff`'s row (id, names, kind, family)
 * @throws Response 404 for a record the viewer may not see (or that does not exist); the session's
 *   own redirects and 404s for someone signed out or not a worker or case manager
 */
export async function readRecordForm(
  request: Request,
  personId: string | undefined,
): Promise<{ viewer: Awaited<ReturnType<typeof requireStaff>>; person: Awaited<ReturnType<typeof findPersonForStaff>>; values: FormValues }> {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const person = await findPersonForStaff(viewer, personId ?? "");
  return { viewer, person, values: formValues(await request.formData()) };
}

/**
 * The whole action of a form that saves one part of a person's record and then goes back to the
 * record (their details, safe contact, closing their involvement): `readRecordForm` first (404 for
 * someone else's record), then the form parsed with `schema`, then `save(viewer, personId, data)`.
 *
 * @returns a redirect to the record when the save is taken; otherwise the form reply with what was
 *   sent: 400 with the schema's or the save's field messages, 409 when someone saved first (decision 024)
 * @throws what `readRecordForm` throws
 */
export async function saveRecordForm<S extends z.ZodType>(
  request: Request,
  personId: string | undefined,
  schema: S,
  save: (viewer: StaffViewer, personId: string, data: z.output<S>) => Promise<{ ok: true } | { ok: false; fields: FieldErrors } | StaleOutcome>,
) {
  const { viewer, values } = await readRecordForm(request, personId);
  const parsed = parseForm(schema, values);
  if (!parsed.ok) return refused(parsed.fields, { values });
  return replyToSave(await save(viewer, personId ?? "", parsed.data), values, `/staff/people/${personId ?? ""}`);
}
