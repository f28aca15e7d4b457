-- AlterTable
ALTER TABLE "milestones" ADD COLUMN     "deletedAt" TIMESTAMP(3);
