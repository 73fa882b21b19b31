-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "staffSessionHours" INTEGER NOT NULL DEFAULT 10;
