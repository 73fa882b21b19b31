-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "hiddenForPersonAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NotificationRecord" ADD COLUMN     "messageId" TEXT;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "messageRepliesUnder8" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "messagesDisappearAfterDays" INTEGER;

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "serviceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_serviceId_title_key" ON "MessageTemplate"("serviceId", "title");

-- One conversation per worker and person: join any duplicates into the oldest first (as a merge does).
UPDATE "Message" m SET "threadId" = keep."id"
  FROM "MessageThread" t
  JOIN LATERAL (
    SELECT k."id" FROM "MessageThread" k
    WHERE k."personId" = t."personId" AND k."staffId" = t."staffId"
    ORDER BY k."createdAt", k."id" LIMIT 1
  ) keep ON true
  WHERE m."threadId" = t."id" AND keep."id" <> t."id";
UPDATE "MessageThread" t SET "lastMessageAt" = latest."at"
  FROM (SELECT "threadId", max("createdAt") AS "at" FROM "Message" GROUP BY "threadId") latest
  WHERE latest."threadId" = t."id" AND latest."at" > t."lastMessageAt";
DELETE FROM "MessageThread" t
  WHERE EXISTS (
    SELECT 1 FROM "MessageThread" k
    WHERE k."personId" = t."personId" AND k."staffId" = t."staffId"
      AND (k."createdAt", k."id") < (t."createdAt", t."id")
  );

-- CreateIndex
CREATE UNIQUE INDEX "MessageThread_personId_staffId_key" ON "MessageThread"("personId", "staffId");

-- CreateIndex
CREATE INDEX "NotificationRecord_messageId_idx" ON "NotificationRecord"("messageId");

-- AddForeignKey
ALTER TABLE "NotificationRecord" ADD CONSTRAINT "NotificationRecord_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Prisma's diff ignores CHECK constraints, so they live only here.
-- A message has exactly one author: the person or the worker.
ALTER TABLE "Message"
  ADD CONSTRAINT "Message_one_author" CHECK (("authorPersonId" IS NULL) <> ("authorStaffId" IS NULL)),
  -- At most 4,000 characters of at most 4 bytes each, plus the seal's 29-byte header (app/crypto).
  ADD CONSTRAINT "Message_body_size" CHECK (octet_length("bodyCipher") BETWEEN 30 AND 16029);

-- A template has a title and words within the length of a message.
ALTER TABLE "MessageTemplate"
  ADD CONSTRAINT "MessageTemplate_lengths" CHECK (char_length(btrim("title")) BETWEEN 1 AND 80 AND char_length(btrim("body")) BETWEEN 1 AND 4000);

-- Disappearing messages after a day up to a year, or never (null).
ALTER TABLE "Service"
  ADD CONSTRAINT "Service_messages_disappear" CHECK ("messagesDisappearAfterDays" IS NULL OR "messagesDisappearAfterDays" BETWEEN 1 AND 365);
