-- AlterTable
ALTER TABLE "users" ADD COLUMN     "lastSignInAt" TIMESTAMP(3),
ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: the last successful sign-in the audit trail remembers (sessions end at sign-out).
UPDATE "users" u SET "lastSignInAt" = a.last
FROM (SELECT "entityId", max("occurredAt") AS last FROM "audit_events"
      WHERE "action" = 'signin.succeeded' AND "entityType" = 'User' GROUP BY "entityId") a
WHERE a."entityId" = u."id";
