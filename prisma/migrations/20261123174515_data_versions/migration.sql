-- CreateTable
CREATE TABLE "data_versions" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_versions_pkey" PRIMARY KEY ("name")
);

-- The metrics data version: any change to what a metrics answer is made of (values, targets, the
-- metric and region lists, a partnership's slug or name) bumps it in the same transaction.
INSERT INTO "data_versions" ("name") VALUES ('metrics');

CREATE FUNCTION bump_metrics_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_versions" SET "version" = "version" + 1, "changedAt" = CURRENT_TIMESTAMP WHERE "name" = 'metrics';
  RETURN NULL;
END $$;

CREATE TRIGGER metric_values_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metric_values"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_metrics_version();
CREATE TRIGGER metric_targets_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metric_targets"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_metrics_version();
CREATE TRIGGER metrics_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metrics"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_metrics_version();
CREATE TRIGGER regions_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "regions"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_metrics_version();
CREATE TRIGGER partnerships_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnerships"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_metrics_version();
