-- A version on the service's list of questionnaires in use, raised by every save of the list: a
-- list saved from a page drawn before another save is refused (docs/decisions/024-stale-writes-refused.md).
ALTER TABLE "Service" ADD COLUMN "questionnaireUseVersion" INTEGER NOT NULL DEFAULT 0;
