-- CreateIndex
CREATE INDEX "metric_values_partnershipId_metricId_regionId_day_idx" ON "metric_values"("partnershipId", "metricId", "regionId", "day");
