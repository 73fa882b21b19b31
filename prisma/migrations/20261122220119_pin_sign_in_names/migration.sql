-- PinCredential had no rows before this migration (PIN sign-in arrives with it), so the new
-- NOT NULL column needs no default.
-- AlterTable
ALTER TABLE "EnrolmentCode" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PinCredential" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "signInName" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "PinCredential_signInName_key" ON "PinCredential"("signInName");
