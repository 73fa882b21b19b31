import type { StaffViewer } from "~/auth/session.server";
import { db } from "~/db.server";
import { addCalendarDays, calendarDate, localDaysBetween, startOfLocalDay, type LocalDate } from "~/time/calendar";
import { scheduleOf } from "./sessions.server";
import { overlaps } from "./slots";

/**
 * Engagement data for the outcome reports (issue 10): sessions offered, booked, attended, missed and
 * cancelled, per person and per worker, and the days from referral to the first attended session,
 * for a date range (calendar days in the service's zone, both ends included) and optionally an area.
 *
 * Raw counts, for the reports module to aggregate and suppress (PRODUCT.md: small numbers are never
 * shown as they are); nothing here is a page. Managers only: the rows name people by id, never by
 * name, and no case content is read.
 */

export type EngagementCounts = { offered: number; booked: number; attended: number; missed: number; cancelled: number };

export type Engagement = {
  from: LocalDate;
  to: LocalDate;
  areaId: string | null;
  /** Per worker: `offered` counts every session their availability gave in the range (booked or not, less time away). */
  byWorker: ({ staffId: string } & EngagementCounts)[];
  /** Per person: their appointments in the range (`offered` is 0: sessions are offered to everyone allocated). */
  byPerson: ({ personId: string } & Omit<EngagementCounts, "offered">)[];
  /** Days from the family's referral to each person's first attended session, for people whose first attended session falls in the range. */
  referralToFirstAttended: { personId: string; days: number }[];
};

const zero = (): Omit<EngagementCounts, "offered"> => ({ booked: 0, attended: 0, missed: 0, cancelled: 0 });

/**
 * The engagement figures for `from`…`to` (local days, "YYYY-MM-DD") in the viewer's service,
 * optionally one area's families. @throws Response 404 for anyone but a manager, or an area of
 * another service.
 */
export async function engagement(viewer: StaffViewer, range: { from: LocalDate; to: LocalDate; areaId?: string | null }): Promise<Engagement> {
  if (viewer.staff.role !== "MANAGER") throw new Response("Not found", { status: 404 });
  const client = db();
  const serviceId = viewer.staff.serviceId;
  const zone = viewer.staff.timeZone;
  const areaId = range.areaId ?? null;
  if (areaId && (await client.area.count({ where: { id: areaId, serviceId } })) === 0) throw new Response("Not found", { status: 404 });
  const start = startOfLocalDay(range.from, zone);
  const end = startOfLocalDay(addCalendarDays(range.to, 1), zone);
  const personWhere = { serviceId, ...(areaId ? { family: { areaId } } : {}) };

  const appointments = await client.appointment.findMany({
    where: { person: personWhere, startsAt: { gte: start, lt: end } },
    select: { personId: true, staffId: true, status: true },
  });
  const byWorker = new Map<string, EngagementCounts>();
  const byPerson = new Map<string, Omit<EngagementCounts, "offered">>();
  for (const a of appointments) {
    const w = byWorker.get(a.staffId) ?? { offered: 0, ...zero() };
    const p = byPerson.get(a.personId) ?? zero();
    for (const counts of [w, p]) {
      counts.booked += 1;
      if (a.status === "ATTENDED") counts.attended += 1;
      if (a.status === "MISSED") counts.missed += 1;
      if (a.status === "CANCELLED") counts.cancelled += 1;
    }
    byWorker.set(a.staffId, w);
    byPerson.set(a.personId, p);
  }

  // Sessions offered: each worker's schedule in the range, less time away. With an area, the workers
  // of that area's teams (and anyone who saw its people in the range).
  const workers = await client.staffMember.findMany({
    where: { serviceId, role: { in: ["WORKER", "CASE_MANAGER"] }, ...(areaId ? { OR: [{ team: { areaId } }, { id: { in: [...byWorker.keys()] } }] } : {}) },
    select: { id: true },
  });
  const schedule = await scheduleOf(
    client,
    workers.map((w) => w.id),
    start,
    end,
    zone,
  );
  for (const s of schedule.sessions) {
    if ((schedule.exceptions.get(s.staffId) ?? []).some((e) => overlaps(e, s))) continue;
    const w = byWorker.get(s.staffId) ?? { offered: 0, ...zero() };
    w.offered += 1;
    byWorker.set(s.staffId, w);
  }

  // Referral to first attended: the first attended session ever, counted when it falls in the range.
  const firsts = await client.appointment.groupBy({
    by: ["personId"],
    where: { person: personWhere, status: "ATTENDED" },
    _min: { startsAt: true },
  });
  const inRange = firsts.filter((f) => f._min.startsAt && f._min.startsAt >= start && f._min.startsAt < end);
  const referrals = new Map(
    (
      await client.person.findMany({ where: { id: { in: inRange.map((f) => f.personId) } }, select: { id: true, family: { select: { referralDate: true } } } })
    ).map((p) => [p.id, p.family.referralDate]),
  );
  const referralToFirstAttended = inRange.flatMap((f) => {
    const referral = referrals.get(f.personId);
    const first = f._min.startsAt;
    if (!referral || !first) return [];
    // Calendar days in the service's zone, from the referral day (a calendar day) to the session's day.
    const days = localDaysBetween(startOfLocalDay(calendarDate(referral), zone), first, zone);
    return [{ personId: f.personId, days }];
  });

  return {
    from: range.from,
    to: range.to,
    areaId,
    byWorker: [...byWorker.entries()].map(([staffId, counts]) => ({ staffId, ...counts })).sort((a, b) => a.staffId.localeCompare(b.staffId)),
    byPerson: [...byPerson.entries()].map(([personId, counts]) => ({ personId, ...counts })).sort((a, b) => a.personId.localeCompare(b.personId)),
    referralToFirstAttended: referralToFirstAttended.sort((a, b) => a.personId.localeCompare(b.personId)),
  };
}
