/**
 * The booking part of `npm run bench` (docs/decisions/034-booking.md): the people and times it
 * needs, written into the demo service before the server starts.
 *
 * - A worker with a year of weekly availability (Monday to Friday, 09:00–17:00 in hours, from a year
 *   ago to a year ahead) and 500 appointments over that year, and a person of theirs whose free
 *   times are listed (`/appointments/new`): the slot-listing figure.
 * - A second worker with half-hour sessions on weekdays 08:00–18:00, and 20 people of theirs, one
 *   per booking client: the throughput figure, with the double bookings counted afterwards.
 */
import type { PrismaClient } from "../app/generated/prisma/client";
import { addCalendarDays, atLocalTime, dateColumn, isoWeekday, localDateOf } from "../app/time/calendar";
import { DEFAULT_TIME_ZONE } from "../app/time/zone";
import { benchPeople } from "./demo-people";

export type BookingBench = {
  /** The person whose free times are listed (their worker holds a year of availability and 500 appointments). */
  listerSessionId: string;
  clientSessionIds: string[];
  throughputWorkerId: string;
  appointments: number;
};

export const BOOKING_CLIENTS = 20;
const YEAR_APPOINTMENTS = 500;

export async function prepareBookingBench(prisma: PrismaClient, now: Date = new Date()): Promise<BookingBench> {
  const zone = DEFAULT_TIME_ZONE;
  const { serviceId, worker, survivor, session: benchSession } = await benchPeople(prisma, now);
  const venue = await prisma.venue.findFirstOrThrow({ where: { serviceId }, select: { id: true, publicName: true } });
  const today = localDateOf(now, zone);
  const yearAgo = addCalendarDays(today, -365);
  const yearAhead = addCalendarDays(today, 365);

  let made = 0;
  const people = async (n: number, staffId: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      made += 1;
      ids.push(await survivor({ reference: `B-${String(made).padStart(4, "0")}`, lastName: `Person ${i}`, referralDate: yearAgo, staffIds: [staffId] }));
    }
    return ids;
  };
  const session = (personId: string) => benchSession({ personId }, 12);

  // ── A year of weekly availability and 500 appointments ──
  const busy = await worker("Bench Year Worker");
  await prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5].map((weekday) => ({
      staffId: busy,
      weekday,
      startMinute: 540,
      endMinute: 1020,
      sessionMinutes: 60,
      mode: "IN_PERSON" as const,
      venueId: venue.id,
      validFrom: dateColumn(yearAgo),
      validUntil: dateColumn(yearAhead),
    })),
  });
  const yearPeople = await people(50, busy);
  const rows = [];
  // Weekdays from a year ago, at 09:00, 11:00, 13:00 and 15:00 in turn, each person in turn: 500
  // sessions spread over the year before and after today, none overlapping for the worker or a person.
  let day = yearAgo;
  for (let i = 0; rows.length < YEAR_APPOINTMENTS; i++) {
    while (isoWeekday(day) > 5) day = addCalendarDays(day, 1);
    const startsAt = atLocalTime(day, 9 + 2 * (i % 4), 0, zone);
    const personId = yearPeople[i % yearPeople.length] ?? "";
    rows.push({
      personId,
      staffId: busy,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      mode: "IN_PERSON" as const,
      venueId: venue.id,
      venue: venue.publicName,
      status: startsAt < now ? ("ATTENDED" as const) : ("BOOKED" as const),
    });
    if (i % 4 === 3) day = addCalendarDays(day, 3);
  }
  await prisma.appointment.createMany({ data: rows });
  const lister = (await people(1, busy))[0] ?? "";

  // ── Twenty people booking one worker's half-hour sessions ──
  const open = await worker("Bench Throughput Worker");
  await prisma.availabilityRule.createMany({
    data: [1, 2, 3, 4, 5].map((weekday) => ({
      staffId: open,
      weekday,
      startMinute: 480,
      endMinute: 1080,
      sessionMinutes: 30,
      mode: "PHONE" as const,
      validFrom: dateColumn(today),
    })),
  });
  const clients = await people(BOOKING_CLIENTS, open);
  return {
    listerSessionId: await session(lister),
    clientSessionIds: await Promise.all(clients.map(session)),
    throughputWorkerId: open,
    appointments: rows.length,
  };
}

/** Live appointments of one worker that overlap another of theirs (the database should make this 0). */
export async function doubleBookings(prisma: PrismaClient, staffId: string): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Appointment" a JOIN "Appointment" b
      ON a."staffId" = b."staffId" AND a."id" < b."id" AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
     WHERE a."staffId" = ${staffId} AND a."status" <> 'CANCELLED' AND b."status" <> 'CANCELLED'`;
  return rows[0]?.n ?? 0;
}
