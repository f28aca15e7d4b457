-- Search (issue 15, docs/decisions/013-search.md): the one search statement is planned once per
-- session and shape, not on every search. `search_run` prepares `statement` under `name` in this
-- session when it is not prepared yet (PREPARE: the session's plan cache), then executes it with
-- `args` (each a text literal, coerced to the parameter's type as a constant would be). The plan is
-- the generic one: every value of the statement reaches its conditions through a sub-select, so a
-- plan for the values at hand would be the same plan, planned again (6–55 ms a search measured).
-- `name` is derived from the statement's text by the caller (server/search/prepared.ts), so one
-- name never stands for two statements. A kept plan holds ~4 MB: a session keeps the 8 prepared
-- last (a shape is how many words, which kinds the reader searches), the older ones are dropped.
CREATE FUNCTION search_run(name text, statement text, args text[])
RETURNS TABLE (kind text, id text, title text, tiebreak text, score float8, detail text, info jsonb)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  old text;
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_prepared_statements p WHERE p.name = search_run.name) THEN
    FOR old IN SELECT p.name FROM pg_catalog.pg_prepared_statements p WHERE p.name LIKE 'search\_%'
               ORDER BY p.prepare_time DESC OFFSET 7 LOOP
      EXECUTE format('DEALLOCATE %I', old);
    END LOOP;
    EXECUTE format('PREPARE %I AS %s', search_run.name, search_run.statement);
  END IF;
  RETURN QUERY EXECUTE format('EXECUTE %I%s', search_run.name,
    CASE WHEN cardinality(search_run.args) > 0
      THEN '(' || (SELECT string_agg(quote_nullable(a), ', ' ORDER BY i) FROM unnest(search_run.args) WITH ORDINALITY AS u(a, i)) || ')'
      ELSE '' END);
END
$$;
