import { peopleVisibleTo } from "~/auth/policy.server";
import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { env } from "~/env.server";

/**
 * The development outbox: what would have been sent to the people this member of staff may see,
 * newest first. Outside development there is none: 404.
 */
export async function devOutbox(viewer: StaffViewer, take = 50) {
  if (env().NODE_ENV !== "development") throw new Response("Not found", { status: 404 });
  const rows = await db().notificationRecord.findMany({
    where: { transport: "outbox", person: peopleVisibleTo(viewer.staff) },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, createdAt: true, channel: true, outboxText: true, person: { select: { firstName: true, lastName: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    channel: r.channel,
    text: r.outboxText ?? "",
    to: `${r.person.firstName} ${r.person.lastName}`,
  }));
}
