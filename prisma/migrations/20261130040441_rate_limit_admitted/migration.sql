-- AlterTable
ALTER TABLE "RateLimit" ADD COLUMN     "admitted" BOOLEAN NOT NULL DEFAULT false;
