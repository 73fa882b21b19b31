import { deletePersonRows, movePersonRows, type Client, type RegisterPart } from "~/person-data/rules";

/**
 * Booking's part of the person-data register (app/person-data/register.server.ts): the service's
 * venues, the times a worker offers, a person's appointments and the record of notifications
 * about them.
 */
export const bookingData = {
  Venue: {
    holds: "nothing",
    note: "The service's own places (a public name, an address, whether it may be shown). An appointment names its venue; the venue holds nothing about anyone.",
  },
  AvailabilityRule: {
    holds: "nothing",
    note: "A worker's weekly offered times. A booking copies what it needs into the Appointment, which is the person's.",
  },
  AvailabilitySlot: {
    holds: "nothing",
    note: "A worker's one-off offered time and venue. A booking copies what it needs into the Appointment, which is the person's.",
  },
  AvailabilityException: {
    holds: "nothing",
    note: "A worker's time away (leave, a bank holiday): the worker's, not any person's.",
  },
  Appointment: {
    holds: { by: "person", columns: { personId: "the person booked" } },
    merge: {
      action: "move",
      note: "The duplicate's appointments move to the record kept; one that overlaps a live appointment the record kept already holds is cancelled first (by the worker), since one person is never booked twice at once.",
      run: (tx, { keepId, duplicateId, now }) => moveAppointments(tx, duplicateId, keepId, now),
    },
    retention: {
      action: "delete",
      countAs: "appointments",
      rows: deletePersonRows((c) => c.appointment),
    },
    subjectAccess: {
      action: "include",
      section: "appointments",
      fields: { startsAt: "When", endsAt: "When", mode: "How", venue: "Where", staffId: "With", status: "Status", cancelledBy: "Status" },
    },
    timeline: { action: "show", kinds: ["appointment"] },
  },
  NotificationRecord: {
    holds: { by: "person", columns: { personId: "the person a notification was for" } },
    merge: {
      action: "move",
      run: movePersonRows((tx) => tx.notificationRecord),
    },
    retention: {
      action: "delete",
      countAs: "notificationRecords",
      rows: deletePersonRows((c) => c.notificationRecord),
    },
    subjectAccess: {
      action: "leave-out",
      note: 'A log that an update was sent or skipped, on which channel and why; it holds no content (every notification says only "You have an appointment update"). The appointments it was about are in the file.',
    },
    timeline: { action: "hide", note: "Shown to the worker beside the person's appointments, not as events of the record." },
  },
} satisfies RegisterPart<"Venue" | "AvailabilityRule" | "AvailabilitySlot" | "AvailabilityException" | "Appointment" | "NotificationRecord">;

/**
 * Moves the duplicate's appointments to the record kept, inside the merge's transaction. The
 * database refuses two live appointments of one person that overlap (Appointment_no_overlap_for_person),
 * so a live appointment of the duplicate that overlaps one the record kept holds is cancelled
 * first, as if by the worker: it was the same session booked twice under two records.
 */
async function moveAppointments(tx: Client, duplicateId: string, keepId: string, now: Date) {
  const kept = await tx.appointment.findMany({ where: { personId: keepId, status: { not: "CANCELLED" } }, select: { startsAt: true, endsAt: true } });
  if (kept.length > 0) {
    await tx.appointment.updateMany({
      where: {
        personId: duplicateId,
        status: { not: "CANCELLED" },
        OR: kept.map((k) => ({ startsAt: { lt: k.endsAt }, endsAt: { gt: k.startsAt } })),
      },
      data: { status: "CANCELLED", cancelledBy: "worker", cancelledAt: now },
    });
  }
  await tx.appointment.updateMany({ where: { personId: duplicateId }, data: { personId: keepId } });
}
