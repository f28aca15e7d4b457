-- CreateEnum
CREATE TYPE "ApprovalKind" AS ENUM ('ROLLOUT_LIVE', 'PARTNERSHIP_SIGNED');

-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'PARTNER';

-- AlterTable
ALTER TABLE "metrics" ADD COLUMN     "confidentialByDefault" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sharedByDefault" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "milestones" ADD COLUMN     "sharedWithPartners" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "notes" ADD COLUMN     "sharedWithPartners" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "regulatory_checkpoints" ADD COLUMN     "sharedWithPartners" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "organizationId" TEXT;

-- CreateTable
CREATE TABLE "partnership_metric_policies" (
    "partnershipId" TEXT NOT NULL,
    "metricId" INTEGER NOT NULL,
    "sharedWithPartners" BOOLEAN NOT NULL,
    "confidential" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "partnership_metric_policies_pkey" PRIMARY KEY ("partnershipId","metricId")
);

-- CreateTable
CREATE TABLE "confidential_access" (
    "role" "Role" NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "confidential_access_pkey" PRIMARY KEY ("role")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL,
    "kind" "ApprovalKind" NOT NULL,
    "state" "ApprovalState" NOT NULL DEFAULT 'PENDING',
    "partnershipId" TEXT NOT NULL,
    "rolloutId" TEXT,
    "input" JSONB NOT NULL,
    "requestNote" TEXT,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tokenHash_key" ON "invitations"("tokenHash");

-- CreateIndex
CREATE INDEX "invitations_email_idx" ON "invitations"("email");

-- CreateIndex
CREATE INDEX "invitations_organizationId_createdAt_idx" ON "invitations"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "approval_requests_state_requestedAt_idx" ON "approval_requests"("state", "requestedAt");

-- CreateIndex
CREATE INDEX "approval_requests_partnershipId_state_idx" ON "approval_requests"("partnershipId", "state");

-- CreateIndex
CREATE INDEX "approval_requests_rolloutId_state_idx" ON "approval_requests"("rolloutId", "state");

-- CreateIndex
CREATE INDEX "users_organizationId_idx" ON "users"("organizationId");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partnership_metric_policies" ADD CONSTRAINT "partnership_metric_policies_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partnership_metric_policies" ADD CONSTRAINT "partnership_metric_policies_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "metrics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_rolloutId_fkey" FOREIGN KEY ("rolloutId") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A partner user belongs to one organization; nobody else does (issue 17).
ALTER TABLE "users" ADD CONSTRAINT "users_partner_organization" CHECK (("role"::text = 'PARTNER') = ("organizationId" IS NOT NULL));

-- One pending approval per move: a second request for the same rollout or signing waits for the first.
CREATE UNIQUE INDEX "approval_requests_one_pending" ON "approval_requests" ("partnershipId", "kind", COALESCE("rolloutId", '')) WHERE "state" = 'PENDING';

-- The standard catalogue's defaults: payment volume is confidential; the others are shown to partners.
UPDATE "metrics" SET "confidentialByDefault" = true WHERE "key" = 'payment_volume';
UPDATE "metrics" SET "sharedByDefault" = true WHERE "key" IN ('cards_added', 'active_cards', 'transactions');

-- Kept pages (decision 011) show approvals and what is shared or confidential: their changes bump the content version.
CREATE TRIGGER approval_requests_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "approval_requests" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER partnership_metric_policies_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnership_metric_policies" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER confidential_access_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "confidential_access" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
