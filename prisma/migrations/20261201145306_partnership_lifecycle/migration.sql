-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('TECHNOLOGY', 'PAYMENTS', 'BANK', 'CARD_NETWORK', 'MERCHANT', 'TRANSPORT', 'OTHER');

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "country" TEXT,
ADD COLUMN     "kind" "OrganizationKind" NOT NULL DEFAULT 'OTHER';

-- AlterTable
ALTER TABLE "partnerships" ADD COLUMN     "signedOn" DATE,
ADD COLUMN     "stageChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "stage_changes" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "fromStage" "PartnershipStage",
    "toStage" "PartnershipStage" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "stage_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stage_changes_partnershipId_changedAt_idx" ON "stage_changes"("partnershipId", "changedAt");

-- AddForeignKey
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_changes" ADD CONSTRAINT "stage_changes_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing partnerships: the stage they are in began when they were opened (the best known
-- date), recorded as the first row of their stage history.
UPDATE "partnerships" SET "stageChangedAt" = "openedOn"::timestamp;
INSERT INTO "stage_changes" ("id", "partnershipId", "fromStage", "toStage", "changedAt", "actorId", "actorLabel", "reason")
SELECT gen_random_uuid()::text, "id", NULL, "stage", "openedOn"::timestamp, NULL, 'system', 'Stage when stage history began'
FROM "partnerships";
