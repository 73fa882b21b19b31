import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordAudit } from "~/audit/audit.server";
import { requireStaff } from "~/auth/session.server";
import { reportCsv, reportCsvFilename } from "~/outcomes/csv.server";
import { checkFilters, filterValues, reportAccess, reportFor } from "~/outcomes/page.server";
import { resourceRoute } from "~/ops/resource-route.server";

/**
 * The outcome report as a CSV download, with the same filters, access and suppression as the
 * page (/staff/reports); bad filters answer 400 with the problems in plain text.
 */
async function handleLoader({ request }: LoaderFunctionArgs) {
  const viewer = await requireStaff(request, ["MANAGER", "CASE_MANAGER"]);
  const access = await reportAccess(viewer);
  const checked = checkFilters(filterValues(new URL(request.url).searchParams, access), access);
  if (!checked.ok) {
    return new Response(`The report could not be made:\n${Object.values(checked.errors).join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const report = await reportFor(access, checked.filters);
  await recordAudit({ actor: { staffId: viewer.staff.id }, action: "outcomes.report-csv", reasonCode: "monitoring", detail: { ...checked.filters } });
  return new Response(reportCsv(report), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportCsvFilename(report)}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const loader = resourceRoute(handleLoader);
