import { findPersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { formValues, type FormValues } from "~/forms/parse";

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
