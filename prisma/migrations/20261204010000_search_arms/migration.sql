-- Search (issue 15, docs/decisions/013-search.md): each searched column now has one scan for the
-- whole query's conditions OR-ed (server/search/terms.ts, `candidates`): a BitmapOr of the trigram
-- index's scans, each row tested once. Priced at cpu_operator_cost 0.02, the generic plan read the
-- bench's 500 partnerships and 500 documents whole instead (three operators a row looked cheaper
-- than three index scans), testing every row on every search (~2,000 trigram computations more
-- per search measured). At 0.05 every such scan reads its index on both bench databases, with
-- room to spare; it still holds only while `search_run` plans the statement.
ALTER FUNCTION search_run(text, text, text[]) SET cpu_operator_cost = 0.05;
