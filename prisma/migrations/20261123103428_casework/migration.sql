-- Casework: note kinds and when they happened, risk review interval, merged duplicate records,
-- and the same-worker reason sealed like all free text. (Dropping the plain reason column is safe
-- only because no release has written to it yet; later changes widen first, then narrow.)

-- CreateEnum
CREATE TYPE "NoteKind" AS ENUM ('NOTE', 'CONTACT', 'CONTACT_ATTEMPT');

-- AlterEnum
BEGIN;
CREATE TYPE "AlertKind_new" AS ENUM ('SAFETY_ANSWER', 'NOT_ME');
ALTER TABLE "Alert" ALTER COLUMN "kind" TYPE "AlertKind_new" USING ("kind"::text::"AlertKind_new");
ALTER TYPE "AlertKind" RENAME TO "AlertKind_old";
ALTER TYPE "AlertKind_new" RENAME TO "AlertKind";
DROP TYPE "public"."AlertKind_old";
COMMIT;

-- DropIndex
DROP INDEX "CaseNote_personId_createdAt_idx";

-- AlterTable
ALTER TABLE "Allocation" DROP COLUMN "sameWorkerReason",
ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "sameWorkerReasonCipher" BYTEA;

-- AlterTable
ALTER TABLE "CaseNote" ADD COLUMN     "kind" "NoteKind" NOT NULL DEFAULT 'NOTE',
ADD COLUMN     "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "mergedIntoId" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "riskReviewWeeks" INTEGER NOT NULL DEFAULT 8;

-- CreateIndex
CREATE INDEX "CaseNote_personId_occurredAt_idx" ON "CaseNote"("personId", "occurredAt");

-- CreateIndex
CREATE INDEX "Person_mergedIntoId_idx" ON "Person"("mergedIntoId");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A sealed value always travels with the id of the key that sealed it.
ALTER TABLE "Allocation"
  ADD CONSTRAINT "Allocation_reason_sealed_with_key" CHECK (("sameWorkerReasonCipher" IS NULL) = ("keyId" IS NULL));
