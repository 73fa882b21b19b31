-- Integrity rules that Prisma's schema language cannot express. Prisma's diff ignores CHECK
-- constraints, functions and triggers, so `tsx scripts/migrate.ts create` leaves them alone; they
-- live only here. Keep them in step with the comments in prisma/schema.prisma.

-- 1. Exactly one owner. A passkey, a session or an enrolment code belongs to one person or to one
--    staff member, never both and never neither (schema.prisma, "Accounts"). num_nonnulls counts the
--    arguments that are not null.
ALTER TABLE "Passkey"
  ADD CONSTRAINT "Passkey_exactly_one_owner" CHECK (num_nonnulls("personId", "staffId") = 1);

ALTER TABLE "Session"
  ADD CONSTRAINT "Session_exactly_one_owner" CHECK (num_nonnulls("personId", "staffId") = 1);

ALTER TABLE "EnrolmentCode"
  ADD CONSTRAINT "EnrolmentCode_exactly_one_owner" CHECK (num_nonnulls("personId", "staffId") = 1);

-- A message has exactly one author: the person or the worker. Staff who wrote messages cannot be
-- deleted (`onDelete: Restrict`): they are deactivated, so the history stays intact.
ALTER TABLE "Message"
  ADD CONSTRAINT "Message_exactly_one_author" CHECK (num_nonnulls("authorPersonId", "authorStaffId") = 1);

-- 2. The audit log is append-only. Rows are inserted and read; any UPDATE or DELETE, from the app
--    or from a cascade, is refused with an error that says why. (TRUNCATE does not fire row
--    triggers and stays possible for the database owner.)
CREATE FUNCTION waypoint_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % of audit event % is not allowed', TG_OP, OLD."id"
    USING HINT = 'Record a new audit event instead of changing or removing one.';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION waypoint_audit_append_only();
