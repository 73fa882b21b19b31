-- Stale writes refused: a version on every document two requests can edit, raised by each save
-- and compared in the save's own UPDATE (docs/decisions/024-stale-writes-refused.md). Additive:
-- an older app version ignores the columns.
ALTER TABLE "Service" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Person" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SafeContactPreference" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "QuestionnaireAssignment" ADD COLUMN "draftVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "workerVersion" INTEGER NOT NULL DEFAULT 0;

-- One rule per questionnaire, kind of person and trigger. Copies added before this constraint
-- are removed first, keeping the oldest (assignments they made keep existing; their rule link is
-- set to null by the foreign key).
DELETE FROM "QuestionnaireRule" r
 USING "QuestionnaireRule" older
 WHERE r."serviceId" = older."serviceId" AND r."definitionId" = older."definitionId"
   AND r."personKind" = older."personKind" AND r."trigger" = older."trigger"
   AND (older."createdAt", older."id") < (r."createdAt", r."id");

CREATE UNIQUE INDEX "QuestionnaireRule_serviceId_definitionId_personKind_trigger_key" ON "QuestionnaireRule"("serviceId", "definitionId", "personKind", "trigger");
