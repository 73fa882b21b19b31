-- A version on each member of staff, raised by every change an administrator saves: a change
-- from a page drawn before another one is refused (docs/decisions/024-stale-writes-refused.md).
ALTER TABLE "StaffMember" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
