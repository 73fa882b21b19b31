-- CreateEnum
CREATE TYPE "AvailabilityExceptionKind" AS ENUM ('LEAVE', 'BANK_HOLIDAY', 'OTHER');

-- CreateEnum
CREATE TYPE "NotificationOutcome" AS ENUM ('SENT', 'SKIPPED');

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "bookedById" TEXT,
ADD COLUMN     "ruleId" TEXT,
ADD COLUMN     "statusSetAt" TIMESTAMP(3),
ADD COLUMN     "statusSetById" TEXT,
ADD COLUMN     "venueId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AvailabilitySlot" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "venueId" TEXT;

-- AlterTable
ALTER TABLE "SafeContactPreference" ADD COLUMN     "calendarFile" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "calendarWithAddress" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "emailCipher" BYTEA,
ADD COLUMN     "phoneCipher" BYTEA,
ADD COLUMN     "safeWindowsCipher" BYTEA;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "bookingHorizonDays" INTEGER NOT NULL DEFAULT 28,
ADD COLUMN     "cancelWindowMinutes" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "familyBufferMinutes" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "familyRuleForYoungPeople" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "selfBooking13to17" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "selfBooking8to12" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Venue" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "serviceId" TEXT NOT NULL,
    "publicName" TEXT NOT NULL,
    "address" TEXT,
    "showAddress" BOOLEAN NOT NULL DEFAULT true,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Venue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityRule" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "staffId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "sessionMinutes" INTEGER NOT NULL,
    "mode" "AppointmentMode" NOT NULL DEFAULT 'IN_PERSON',
    "venueId" TEXT,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "AvailabilityRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AvailabilityException" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "staffId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "kind" "AvailabilityExceptionKind" NOT NULL DEFAULT 'OTHER',

    CONSTRAINT "AvailabilityException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationRecord" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "personId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "channel" "ContactChannel",
    "transport" TEXT,
    "outcome" "NotificationOutcome" NOT NULL,
    "reason" TEXT,
    "outboxText" TEXT,

    CONSTRAINT "NotificationRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Venue_serviceId_publicName_key" ON "Venue"("serviceId", "publicName");

-- CreateIndex
CREATE INDEX "AvailabilityRule_staffId_archivedAt_idx" ON "AvailabilityRule"("staffId", "archivedAt");

-- CreateIndex
CREATE INDEX "AvailabilityRule_venueId_idx" ON "AvailabilityRule"("venueId");

-- CreateIndex
CREATE INDEX "AvailabilityException_staffId_startsAt_idx" ON "AvailabilityException"("staffId", "startsAt");

-- CreateIndex
CREATE INDEX "NotificationRecord_personId_createdAt_idx" ON "NotificationRecord"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "Appointment_ruleId_idx" ON "Appointment"("ruleId");

-- CreateIndex
CREATE INDEX "Appointment_venueId_startsAt_idx" ON "Appointment"("venueId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_bookedById_idx" ON "Appointment"("bookedById");

-- CreateIndex
CREATE INDEX "Appointment_statusSetById_idx" ON "Appointment"("statusSetById");

-- CreateIndex
CREATE INDEX "AvailabilitySlot_venueId_idx" ON "AvailabilitySlot"("venueId");

-- AddForeignKey
ALTER TABLE "Venue" ADD CONSTRAINT "Venue_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityRule" ADD CONSTRAINT "AvailabilityRule_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityRule" ADD CONSTRAINT "AvailabilityRule_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilitySlot" ADD CONSTRAINT "AvailabilitySlot_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvailabilityException" ADD CONSTRAINT "AvailabilityException_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AvailabilityRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_statusSetById_fkey" FOREIGN KEY ("statusSetById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRecord" ADD CONSTRAINT "NotificationRecord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── Booking invariants (docs/decisions/034-booking.md) ─────────────
-- Prisma's diff ignores CHECK and exclusion constraints, so they live only here. `btree_gist` lets an
-- exclusion constraint compare a text column with `=` beside a range with `&&`; PGlite ships it as
-- a contrib extension (app/db/pglite-options.server.ts), PostgreSQL as a contrib module.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One booking per slot, and a worker is never booked twice at once: two live (not cancelled)
-- appointments of one worker may not overlap. Ranges are half-open, so 10:00–11:00 and 11:00–12:00
-- may both be booked. The losing insert of a race fails with SQLSTATE 23P01.
ALTER TABLE "Appointment"
  ADD CONSTRAINT "Appointment_no_overlap_for_worker"
  EXCLUDE USING gist ("staffId" WITH =, tsrange("startsAt", "endsAt") WITH &&) WHERE ("status" <> 'CANCELLED');

-- Nor is one person: two live appointments of one person may not overlap.
ALTER TABLE "Appointment"
  ADD CONSTRAINT "Appointment_no_overlap_for_person"
  EXCLUDE USING gist ("personId" WITH =, tsrange("startsAt", "endsAt") WITH &&) WHERE ("status" <> 'CANCELLED');

-- Rows from before this migration: a cancelled appointment with no word for who cancelled it was
-- cancelled by staff (only staff could); a live one names nobody.
UPDATE "Appointment" SET "cancelledBy" = 'worker' WHERE "status" = 'CANCELLED' AND "cancelledBy" IS NULL;
UPDATE "Appointment" SET "cancelledBy" = NULL WHERE "status" <> 'CANCELLED';

-- A session has a length, and is no longer than a day; who cancelled is one of two words, and only
-- a cancelled appointment names one.
ALTER TABLE "Appointment"
  ADD CONSTRAINT "Appointment_length" CHECK ("endsAt" > "startsAt" AND "endsAt" - "startsAt" <= interval '1 day'),
  ADD CONSTRAINT "Appointment_cancelled_by" CHECK (("status" = 'CANCELLED') = ("cancelledBy" IS NOT NULL) AND ("cancelledBy" IS NULL OR "cancelledBy" IN ('person', 'worker')));

-- One-off slots: a length up to a day, and one worker's live slots never overlap.
ALTER TABLE "AvailabilitySlot"
  ADD CONSTRAINT "AvailabilitySlot_length" CHECK ("endsAt" > "startsAt" AND "endsAt" - "startsAt" <= interval '1 day'),
  ADD CONSTRAINT "AvailabilitySlot_no_overlap"
  EXCLUDE USING gist ("staffId" WITH =, tsrange("startsAt", "endsAt") WITH &&) WHERE ("archivedAt" IS NULL);

-- Weekly rules: a real weekday and a window inside one day that holds at least one session; one
-- worker's live rules never overlap (same weekday, crossing times, crossing dates; no end date is
-- an unbounded range).
ALTER TABLE "AvailabilityRule"
  ADD CONSTRAINT "AvailabilityRule_weekday" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "AvailabilityRule_window" CHECK ("startMinute" >= 0 AND "endMinute" <= 1440 AND "startMinute" < "endMinute"),
  ADD CONSTRAINT "AvailabilityRule_session" CHECK ("sessionMinutes" BETWEEN 5 AND 480 AND "sessionMinutes" <= "endMinute" - "startMinute"),
  ADD CONSTRAINT "AvailabilityRule_dates" CHECK ("validUntil" IS NULL OR "validUntil" >= "validFrom"),
  ADD CONSTRAINT "AvailabilityRule_no_overlap"
  EXCLUDE USING gist (
    "staffId" WITH =,
    "weekday" WITH =,
    int4range("startMinute", "endMinute") WITH &&,
    daterange("validFrom", "validUntil", '[]') WITH &&
  ) WHERE ("archivedAt" IS NULL);

-- Exceptions: a real span, at most a year.
ALTER TABLE "AvailabilityException"
  ADD CONSTRAINT "AvailabilityException_length" CHECK ("endsAt" > "startsAt" AND "endsAt" - "startsAt" <= interval '366 days');

-- Service booking settings stay within sense.
ALTER TABLE "Service"
  ADD CONSTRAINT "Service_booking_settings" CHECK (
    "familyBufferMinutes" BETWEEN 0 AND 1440 AND "cancelWindowMinutes" BETWEEN 0 AND 10080 AND "bookingHorizonDays" BETWEEN 1 AND 366
  );

-- A notification is sent, or skipped with a reason.
ALTER TABLE "NotificationRecord"
  ADD CONSTRAINT "NotificationRecord_reason" CHECK (("outcome" = 'SKIPPED') = ("reason" IS NOT NULL));
