import { deleteRows, type RegisterPart } from "~/person-data/rules";

/**
 * Booking's part of the person-data register (app/person-data/register.server.ts): the times a
 * worker offers, and a person's appointments.
 */
export const bookingData = {
  AvailabilitySlot: {
    holds: "nothing",
    note: "A worker's offered time and venue. A booking copies what it needs into the Appointment, which is the person's.",
  },
  Appointment: {
    holds: { by: "person", columns: { personId: "the person booked" } },
    merge: { action: "move", run: (tx, { keepId, duplicateId }) => tx.appointment.updateMany({ where: { personId: duplicateId }, data: { personId: keepId } }) },
    retention: { action: "delete", countAs: "appointments", rows: deleteRows((c) => c.appointment, (personId) => ({ personId })) },
    subjectAccess: {
      action: "include",
      section: "appointments",
      fields: { startsAt: "When", endsAt: "When", mode: "How", venue: "Where", staffId: "With", status: "Status", cancelledBy: "Status" },
    },
    timeline: { action: "show", kinds: ["appointment"] },
  },
} satisfies RegisterPart<"AvailabilitySlot" | "Appointment">;
