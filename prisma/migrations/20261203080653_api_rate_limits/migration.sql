-- CreateTable
CREATE TABLE "api_rate_limits" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "api_rate_limits_pkey" PRIMARY KEY ("key")
);

-- Every /api/v1 request updates one or two of these rows (count + 1): room on each page keeps the
-- updates HOT (no new index entries, no page splits). No bump_content_version trigger: a counter is
-- never shown on a kept page, and bumping on every request would throw away every kept page
-- (tests/db/data-versions.test.ts lists the table as left out).
ALTER TABLE "api_rate_limits" SET (fillfactor = 70);
