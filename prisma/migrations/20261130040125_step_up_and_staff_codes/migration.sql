-- AlterEnum
ALTER TYPE "AlertKind" ADD VALUE 'NEW_SIGN_IN_METHOD';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "reauthenticatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "StaffCodeRequest" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "staffId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "releasedById" TEXT,
    "releasedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "StaffCodeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffCodeRequest_staffId_idx" ON "StaffCodeRequest"("staffId");

-- AddForeignKey
ALTER TABLE "StaffCodeRequest" ADD CONSTRAINT "StaffCodeRequest_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffCodeRequest" ADD CONSTRAINT "StaffCodeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "StaffMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffCodeRequest" ADD CONSTRAINT "StaffCodeRequest_releasedById_fkey" FOREIGN KEY ("releasedById") REFERENCES "StaffMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Four eyes, kept by the database (decision 021): the administrator who asked for a staff code
-- never releases it, nobody releases their own, and a request is released or cancelled, not both.
ALTER TABLE "StaffCodeRequest" ADD CONSTRAINT "StaffCodeRequest_release_by_another"
  CHECK ("releasedById" IS NULL OR ("releasedById" <> "requestedById" AND "releasedById" <> "staffId"));
ALTER TABLE "StaffCodeRequest" ADD CONSTRAINT "StaffCodeRequest_released_or_cancelled"
  CHECK (NOT ("releasedAt" IS NOT NULL AND "cancelledAt" IS NOT NULL));
-- At most one open request per member of staff.
CREATE UNIQUE INDEX "StaffCodeRequest_one_open_per_staff" ON "StaffCodeRequest"("staffId")
  WHERE "releasedAt" IS NULL AND "cancelledAt" IS NULL;
