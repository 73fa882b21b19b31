-- Questionnaires: recurring assignments that cannot be made twice, responses whose worker part may
-- come first, alerts raised once per questionnaire as soon as the answer is saved, who rated a goal,
-- and each definition's stage as a column.

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "assignmentId" TEXT,
ADD COLUMN     "itemKeys" TEXT[];

-- AlterTable
ALTER TABLE "GoalRating" ADD COLUMN     "ratedBy" "Respondent" NOT NULL DEFAULT 'PERSON';

-- AlterTable
ALTER TABLE "QuestionnaireAssignment" ADD COLUMN     "occurrence" INTEGER;

-- AlterTable
-- Widened by hand: filled from each published definition's own JSON, then made required, so a
-- database that already holds definitions migrates too.
ALTER TABLE "QuestionnaireDefinition" ADD COLUMN     "stage" "QuestionnaireStage";
UPDATE "QuestionnaireDefinition" SET "stage" = ("definition"->>'stage')::"QuestionnaireStage";
ALTER TABLE "QuestionnaireDefinition" ALTER COLUMN "stage" SET NOT NULL;

-- AlterTable
ALTER TABLE "QuestionnaireResponse" ADD COLUMN     "ageBand" TEXT,
ALTER COLUMN "submittedAt" DROP NOT NULL,
ALTER COLUMN "submittedAt" DROP DEFAULT;

-- CreateIndex
CREATE UNIQUE INDEX "Alert_assignmentId_key" ON "Alert"("assignmentId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireAssignment_ruleId_personId_occurrence_key" ON "QuestionnaireAssignment"("ruleId", "personId", "occurrence");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "QuestionnaireAssignment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
