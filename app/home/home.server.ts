import { db } from "~/db.server";
import { unreadCount } from "~/messages/messages.server";

/**
 * What a service user sees first. Every query is scoped by the signed-in person's id and nothing
 * else, so nothing about another family member can reach this page.
 */
export async function loadPersonHome(personId: string, now: Date = new Date()) {
  const [appointments, unreadMessages, dueQuestionnaires, openGoals] = await Promise.all([
    db().appointment.findMany({
      where: { personId, status: "BOOKED", startsAt: { gte: now } },
      orderBy: { startsAt: "asc" },
      take: 3,
      select: { id: true, startsAt: true, mode: true, venue: true, staff: { select: { displayName: true } } },
    }),
    unreadCount(personId),
    db().questionnaireAssignment.findMany({
      where: { personId, status: { in: ["ASSIGNED", "IN_PROGRESS"] } },
      orderBy: { dueAt: "asc" },
      select: { id: true, dueAt: true, stage: true, status: true, definition: { select: { title: true } } },
    }),
    db().goal.count({ where: { personId, closedAt: null } }),
  ]);
  return {
    appointments: appointments.map((a) => ({
      id: a.id,
      startsAt: a.startsAt.toISOString(),
      mode: a.mode,
      venue: a.venue,
      with: a.staff.displayName,
    })),
    unreadMessages,
    dueQuestionnaires: dueQuestionnaires.map((q) => ({
      id: q.id,
      title: q.definition.title,
      dueAt: q.dueAt.toISOString(),
      overdue: q.dueAt < now,
      started: q.status === "IN_PROGRESS",
    })),
    openGoals,
  };
}
