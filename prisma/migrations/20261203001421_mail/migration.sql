-- CreateEnum
CREATE TYPE "SubscriptionKind" AS ENUM ('DIGEST', 'EXPORT');

-- CreateEnum
CREATE TYPE "SubscriptionCadence" AS ENUM ('DAILY', 'WEEKLY', 'MONTHLY');

-- CreateEnum
CREATE TYPE "MailState" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'KEPT');

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SubscriptionKind" NOT NULL,
    "cadence" "SubscriptionCadence" NOT NULL DEFAULT 'WEEKLY',
    "day" INTEGER NOT NULL DEFAULT 1,
    "localTime" TEXT NOT NULL DEFAULT '08:00',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "partnershipId" TEXT,
    "savedViewId" TEXT,
    "format" TEXT NOT NULL DEFAULT 'csv',
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastSentAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_mails" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "subscriptionId" TEXT,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "state" "MailState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "outbox_mails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_attachments" (
    "id" TEXT NOT NULL,
    "mailId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "outbox_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subscriptions_nextRunAt_idx" ON "subscriptions"("nextRunAt");

-- CreateIndex
CREATE INDEX "subscriptions_userId_idx" ON "subscriptions"("userId");

-- CreateIndex
CREATE INDEX "outbox_mails_createdAt_idx" ON "outbox_mails"("createdAt");

-- CreateIndex
CREATE INDEX "outbox_mails_subscriptionId_createdAt_idx" ON "outbox_mails"("subscriptionId", "createdAt");

-- CreateIndex
CREATE INDEX "outbox_attachments_mailId_idx" ON "outbox_attachments"("mailId");

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_savedViewId_fkey" FOREIGN KEY ("savedViewId") REFERENCES "saved_views"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbox_attachments" ADD CONSTRAINT "outbox_attachments_mailId_fkey" FOREIGN KEY ("mailId") REFERENCES "outbox_mails"("id") ON DELETE CASCADE ON UPDATE CASCADE;
