import { z } from "zod";
import { recordAudit } from "~/audit/audit.server";
import type { StaffViewer } from "~/auth/session.server";
import { isUniqueViolation, refusingStale, staleWrite } from "~/db/conflicts.server";
import { db } from "~/db.server";
import { checkbox, wholeNumber } from "~/forms/fields";
import { versionField } from "~/forms/stale";
import { bookingRuleSelect } from "./sessions.server";

/**
 * The service's venues and booking settings, for its administrator (docs/decisions/034-booking.md).
 * A venue is never deleted: archiving stops new availability there and keeps past appointments.
 */

function requireAdmin(viewer: StaffViewer) {
  if (viewer.staff.role !== "ADMIN") throw new Response("Not found", { status: 404 });
}

export const venueSchema = z.object({
  publicName: z
    .string({ message: "Enter the name people see" })
    .trim()
    .min(2, "Enter the name people see, like Library, room 2")
    .max(80, "Keep the name under 80 characters"),
  address: z
    .string()
    .trim()
    .max(300, "Keep the address under 300 characters")
    .optional()
    .transform((v) => (v ? v : null)),
  showAddress: checkbox,
  version: versionField,
});

export const newVenueSchema = venueSchema.omit({ version: true });

/** Venues of the admin's service, live first. */
export async function loadVenues(viewer: StaffViewer) {
  requireAdmin(viewer);
  const [venues, settings] = await Promise.all([
    db().venue.findMany({
      where: { serviceId: viewer.staff.serviceId },
      orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { publicName: "asc" }],
      select: { id: true, publicName: true, address: true, showAddress: true, archivedAt: true, version: true },
    }),
    db().service.findUniqueOrThrow({
      where: { id: viewer.staff.serviceId },
      select: { version: true, ...bookingRuleSelect, reminderLeadMinutes: true },
    }),
  ]);
  return { venues: venues.map((v) => ({ ...v, archivedAt: v.archivedAt?.toISOString() ?? null })), settings };
}

type Result = { ok: true } | { ok: false; fields: Record<string, string>; version?: number; stale?: true };

/** Adds a venue. A second venue with the same public name is refused with a message. */
export async function addVenue(viewer: StaffViewer, input: z.output<typeof newVenueSchema>): Promise<Result> {
  requireAdmin(viewer);
  try {
    await db().$transaction(async (tx) => {
      const venue = await tx.venue.create({ data: { serviceId: viewer.staff.serviceId, ...input }, select: { id: true } });
      await recordAudit({ actor: { staffId: viewer.staff.id }, action: "venue.create", reasonCode: "administration", detail: { venueId: venue.id } }, tx);
    });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fields: { publicName: "There is already a venue with this name" } };
    throw error;
  }
}

/** Saves a venue at the version the page was drawn from; archives or restores it with `archive`. @throws Response 404 for another service's venue. */
export async function saveVenue(
  viewer: StaffViewer,
  venueId: string,
  input: z.output<typeof venueSchema>,
  archive?: boolean,
  now: Date = new Date(),
): Promise<Result> {
  requireAdmin(viewer);
  const exists = await db().venue.count({ where: { id: venueId, serviceId: viewer.staff.serviceId } });
  if (exists === 0) throw new Response("Not found", { status: 404 });
  const { version, ...changes } = input;
  try {
    return await refusingStale(() =>
      db().$transaction(async (tx) => {
        const { count } = await tx.venue.updateMany({
          where: { id: venueId, serviceId: viewer.staff.serviceId, version },
          data: { ...changes, ...(archive === undefined ? {} : { archivedAt: archive ? now : null }), version: { increment: 1 } },
        });
        if (count === 0) await staleWrite(async () => (await tx.venue.findUnique({ where: { id: venueId }, select: { version: true } }))?.version ?? null);
        await recordAudit(
          { actor: { staffId: viewer.staff.id }, action: "venue.update", reasonCode: "administration", detail: { venueId, archived: archive ?? null } },
          tx,
        );
        return { ok: true as const };
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, fields: { publicName: "There is already a venue with this name" } };
    throw error;
  }
}

export const bookingSettingsSchema = z.object({
  familyBufferMinutes: wholeNumber(0, 1440, "the time kept between family members"),
  cancelWindowMinutes: wholeNumber(0, 10080, "how late people may cancel online"),
  bookingHorizonDays: wholeNumber(1, 366, "how far ahead people may book"),
  reminderLeadMinutes: wholeNumber(0, 10080, "how long before a session people are reminded"),
  selfBooking8to12: checkbox,
  selfBooking13to17: checkbox,
  familyRuleForYoungPeople: checkbox,
  version: versionField,
});

/** Saves the service's booking settings at the version the page was drawn from. */
export async function saveBookingSettings(viewer: StaffViewer, input: z.output<typeof bookingSettingsSchema>) {
  requireAdmin(viewer);
  const { version, ...changes } = input;
  const serviceId = viewer.staff.serviceId;
  return refusingStale(() =>
    db().$transaction(async (tx) => {
      const { count } = await tx.service.updateMany({ where: { id: serviceId, version }, data: { ...changes, version: { increment: 1 } } });
      if (count === 0) await staleWrite(async () => (await tx.service.findUnique({ where: { id: serviceId }, select: { version: true } }))?.version ?? null);
      await recordAudit(
        { actor: { staffId: viewer.staff.id }, action: "service.settings.update", reasonCode: "administration", detail: { part: "booking" } },
        tx,
      );
      return { ok: true as const };
    }),
  );
}
