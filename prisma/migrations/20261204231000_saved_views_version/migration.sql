-- Saved views bump the content version (issue 14, goal 1; decision 011): the explorer and the
-- portfolio list a reader's saved views on every view, and now keep that list while the data is
-- unchanged (server/views/queries.ts, findViews) instead of reading it each time. Saving, sharing,
-- renaming or deleting a view is rare; the kept pages it throws away are recomputed once.
CREATE TRIGGER saved_views_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "saved_views" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
