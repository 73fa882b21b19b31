-- A service's own time zone for calendar days. Nullable and additive: a null means the default zone
-- (app/time/zone.ts), so existing services keep today's behaviour and an older app version that does
-- not know the column still runs against this schema.

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "timeZone" TEXT;
