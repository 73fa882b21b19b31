import { resourceRoute } from "~/ops/resource-route.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { findPersonForStaff } from "~/auth/policy.server";
import { requireStaff } from "~/auth/session.server";
import { requireRecentProof } from "~/auth/step-up.server";
import { buildSubjectAccessExport } from "~/casework/subject-access/export.server";
import { subjectAccessFilename, subjectAccessHtml, subjectAccessJson } from "~/casework/subject-access/files";

/**
 * The subject access files: /json (for programs) and /html (to read and print), as downloads.
 * For the person's allocated worker or the case manager holding their family; anyone else gets
 * a 404. Each download is audited as a subject-access export, and needs the member of staff to
 * have confirmed it's them in the last few minutes (app/auth/step-up.server.ts).
 */
async function handleLoader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["WORKER", "CASE_MANAGER"]);
  const format = params.format;
  // Checked before the record is read, so a mistyped link neither reads nor audits anything.
  if (format !== "json" && format !== "html") throw new Response("Not found", { status: 404 });
  // Someone else's record answers 404 first; then the file leaves only after "Confirm it's you",
  // which returns to the export page (a download is not a page to come back to).
  const person = await findPersonForStaff(viewer, params.personId ?? "");
  await requireRecentProof(request, viewer, `/staff/people/${person.id}/export`);
  const exported = await buildSubjectAccessExport(viewer, params.personId ?? "");
  return new Response(format === "json" ? subjectAccessJson(exported) : subjectAccessHtml(exported), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${subjectAccessFilename(exported, format)}"`,
      // Should a browser ever show the file rather than save it: no script, no requests, its own styles only.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const loader = resourceRoute(handleLoader);
