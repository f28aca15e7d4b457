-- CreateIndex
CREATE INDEX "regulatory_checkpoints_regulator_value_idx" ON "regulatory_checkpoints"("regulator");

-- CreateIndex
CREATE INDEX "regulatory_checkpoints_requirement_value_idx" ON "regulatory_checkpoints"("requirement");
