-- Search (issue 15; docs/decisions/013-search.md): ranked, typo-tolerant matching of partial words
-- with pg_trgm's word similarity, on both engines (PGlite loads the extension: server/db/pglite.ts).
--
-- The extension lives in a schema of its own, not in the app's: a PostgreSQL restore replaces the
-- app's schema whole (DROP SCHEMA … CASCADE, server/db/backup-postgres.ts), which would take the
-- extension with it, and the tests keep one schema per file on one database, where an extension
-- created inside the first file's schema would vanish with it. Extensions belong to the database,
-- so IF NOT EXISTS makes a second schema's migration (or a database that already has it there) a
-- no-op. Prisma's migration lock serialises migrations across schemas of one database.
CREATE SCHEMA IF NOT EXISTS "extensions";
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA "extensions";

-- One GIN trigram index per searched column (the opclass qualified, as the app's search_path may
-- not hold the extension's schema). They serve ILIKE '%…%' and the word-similarity operators; they
-- are declared in schema.prisma too, so the drift check knows them.
CREATE INDEX "users_name_idx" ON "users" USING GIN ("name" "extensions".gin_trgm_ops);
CREATE INDEX "users_email_idx" ON "users" USING GIN ("email" "extensions".gin_trgm_ops);
CREATE INDEX "organizations_name_idx" ON "organizations" USING GIN ("name" "extensions".gin_trgm_ops);
CREATE INDEX "partnerships_name_idx" ON "partnerships" USING GIN ("name" "extensions".gin_trgm_ops);
CREATE INDEX "partnerships_slug_idx" ON "partnerships" USING GIN ("slug" "extensions".gin_trgm_ops);
CREATE INDEX "partnerships_summary_idx" ON "partnerships" USING GIN ("summary" "extensions".gin_trgm_ops);
CREATE INDEX "milestones_title_idx" ON "milestones" USING GIN ("title" "extensions".gin_trgm_ops);
CREATE INDEX "milestones_description_idx" ON "milestones" USING GIN ("description" "extensions".gin_trgm_ops);
CREATE INDEX "regulatory_checkpoints_regulator_idx" ON "regulatory_checkpoints" USING GIN ("regulator" "extensions".gin_trgm_ops);
CREATE INDEX "regulatory_checkpoints_requirement_idx" ON "regulatory_checkpoints" USING GIN ("requirement" "extensions".gin_trgm_ops);
CREATE INDEX "regulatory_checkpoints_conditions_idx" ON "regulatory_checkpoints" USING GIN ("conditions" "extensions".gin_trgm_ops);
CREATE INDEX "notes_body_idx" ON "notes" USING GIN ("body" "extensions".gin_trgm_ops);
CREATE INDEX "documents_fileName_idx" ON "documents" USING GIN ("fileName" "extensions".gin_trgm_ops);
