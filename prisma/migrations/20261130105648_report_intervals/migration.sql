-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "reportIntervals" BOOLEAN NOT NULL DEFAULT false;
