-- Outcome reports are for whole reporting years, which never overlap, so no two reports can be
-- subtracted to give away a small group (docs/decisions/041-views-that-cannot-be-subtracted.md).
-- The month each year starts in: 4, the UK financial year (April to March), unless a service says otherwise.
ALTER TABLE "Service" ADD COLUMN "reportingYearStartMonth" INTEGER NOT NULL DEFAULT 4;
ALTER TABLE "Service" ADD CONSTRAINT "Service_reportingYearStartMonth_check" CHECK ("reportingYearStartMonth" BETWEEN 1 AND 12);
