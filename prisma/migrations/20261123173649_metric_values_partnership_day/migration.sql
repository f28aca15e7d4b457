-- CreateIndex
CREATE INDEX "metric_values_partnershipId_day_idx" ON "metric_values"("partnershipId", "day");
