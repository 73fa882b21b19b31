-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "reminderClaimedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "reminderLeadMinutes" INTEGER NOT NULL DEFAULT 1440;

-- A reminder lead time within sense: 0 (off) up to a week.
ALTER TABLE "Service"
  ADD CONSTRAINT "Service_reminder_lead" CHECK ("reminderLeadMinutes" BETWEEN 0 AND 10080);
