import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import type { HitRow } from './hit';

/**
 * Runs the one search statement through `search_run` (migration 20261203123500_search_prepared):
 * prepared once per database session under a name taken from its text, then executed with this
 * search's values, on the plan kept from the first time. Planning the ~200–400-node statement cost
 * 6–25 ms on PostgreSQL and 15–55 ms on PGlite on every search, whatever it matched
 * (docs/decisions/013-search.md). The statement's text depends only on the shape of the search (how
 * many words, which kinds the reader searches, how many deals a partner sees), never on its values,
 * so a session keeps a handful of plans.
 *
 * The values travel as text and become the prepared statement's parameters as constants would
 * (PREPARE infers each parameter's type from the statement; SQL's EXECUTE takes them as literals).
 *
 * `search_run` plans with a higher operator cost (migration 20261203184002_search_plans): priced
 * as cheap as an integer comparison, a trigram similarity made a whole-table scan of a small table
 * (the bench's 500 documents) look cheaper than its trigram index, on every search.
 */
export async function runPrepared(statement: Prisma.Sql): Promise<HitRow[]> {
  const name = `search_${createHash('sha256').update(statement.text).digest('hex').slice(0, 32)}`;
  const args = statement.values.map((value) => {
    if (value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`search values are strings, numbers or booleans; got ${typeof value}`);
  });
  return db.$queryRaw<HitRow[]>`SELECT * FROM search_run(${name}, ${statement.text}, ${args}::text[])`;
}
