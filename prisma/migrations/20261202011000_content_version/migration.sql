-- The content data version (issue 14): pages computed from the deal data (the portfolio, a
-- partnership's dashboard, "since your last review") are kept in each app process while this
-- counter is unchanged. Any change to a table they may read bumps it in the same transaction, by a
-- statement trigger, so a reader that sees the new version also sees the new rows, on any number of
-- app instances. tests/db/data-versions.test.ts fails when a table is neither bumping nor listed
-- there as left out (sessions, tokens, rate limits, visits: none of them is shown on those pages).
--
-- Versions are now microseconds of the clock (at least the old value + 1): a value names one state
-- of the data even across a restore from backup, which brings back an older value.
CREATE OR REPLACE FUNCTION bump_metrics_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_versions"
    SET "version" = GREATEST("version" + 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint), "changedAt" = CURRENT_TIMESTAMP
    WHERE "name" = 'metrics';
  RETURN NULL;
END $$;

INSERT INTO "data_versions" ("name") VALUES ('content');

CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_versions"
    SET "version" = GREATEST("version" + 1, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint), "changedAt" = CURRENT_TIMESTAMP
    WHERE "name" = 'content';
  RETURN NULL;
END $$;

CREATE TRIGGER users_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER organizations_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organizations" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER partnerships_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnerships" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER stage_changes_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_changes" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER partnership_parties_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnership_parties" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER milestones_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "milestones" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER milestone_dependencies_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "milestone_dependencies" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER regulatory_checkpoints_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "regulatory_checkpoints" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER regions_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "regions" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER rollouts_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rollouts" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER rollout_checkpoint_gates_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rollout_checkpoint_gates" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER rollout_milestone_gates_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "rollout_milestone_gates" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER metrics_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metrics" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER metric_values_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metric_values" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER metric_targets_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "metric_targets" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER audit_events_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
