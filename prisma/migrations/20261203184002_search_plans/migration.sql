-- CreateIndex
CREATE INDEX "partnership_parties_organizationId_idx" ON "partnership_parties"("organizationId");

-- Search (issue 15, docs/decisions/013-search.md): `search_run` plans the search statement as
-- costly as its operators are. The planner prices any operator at cpu_operator_cost (0.0025), but a
-- trigram similarity is a function call costing microseconds per row (several times that on
-- PGlite's WebAssembly). Planned generically (it cannot know how many rows a trigram condition
-- keeps), a table of a few pages then looked cheaper to scan whole, computing the similarity of
-- every row on every search, than to ask its trigram index: the bench's 500 documents (17 pages),
-- ~10 ms of each search on PGlite, whatever the query. At 0.02 the index wins there; joins and the
-- other parts keep their plans. Not `enable_seqscan = off`: PostgreSQL before 18 prices a disabled
-- scan at 1e10, which hides every other difference between plans and turns on JIT compilation
-- (a second a search measured on the PostgreSQL 15 bench). Set on the function, so it holds only
-- while the search statement is planned (first use in a session, or again after DDL).
ALTER FUNCTION search_run(text, text, text[]) SET cpu_operator_cost = 0.02;
