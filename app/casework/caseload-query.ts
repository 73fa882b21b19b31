import { z } from "zod";
import { PersonKind } from "~/generated/prisma/enums";

/**
 * How a caseload is sorted and filtered: query parameters, so the page works as links with
 * JavaScript off and a view can be bookmarked on a staff device. Shared by the caseload's domain
 * code and its table.
 */
export const SORTS = ["attention", "name", "next", "contact", "review"] as const;
export const SHOWS = ["all", "attention", "alerts", "overdue", "unread", "review", "closing"] as const;

export const caseloadQuerySchema = z.object({
  sort: z.enum(SORTS).catch("attention"),
  show: z.enum(SHOWS).catch("all"),
  kind: z.enum(PersonKind).optional().catch(undefined),
});
export type CaseloadQuery = z.output<typeof caseloadQuerySchema>;

export function readCaseloadQuery(url: URL): CaseloadQuery {
  return caseloadQuerySchema.parse({
    sort: url.searchParams.get("sort") ?? undefined,
    show: url.searchParams.get("show") ?? undefined,
    kind: url.searchParams.get("kind") || undefined,
  });
}
