-- A review is a sitting (issue 13, finding 4): keep each person's baseline across the change.
-- The last recorded visit starts the current sitting; the old "previous visit" is the previous one.
ALTER TABLE "dashboard_visits" ADD COLUMN "sittingStartedAt" TIMESTAMP(3);
UPDATE "dashboard_visits" SET "sittingStartedAt" = "lastVisitedAt";
ALTER TABLE "dashboard_visits" ALTER COLUMN "sittingStartedAt" SET NOT NULL;
ALTER TABLE "dashboard_visits" RENAME COLUMN "previousVisitAt" TO "previousSittingStartedAt";
