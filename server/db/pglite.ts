import 'server-only';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The one way to open a PGlite instance. Search (issue 15) indexes text with the `pg_trgm` extension
 * (docs/decisions/013-search.md); PGlite ships it as a bundle that each instance must load itself.
 * A data directory whose migrations created the extension cannot even take an INSERT into an
 * indexed table without it ("could not access file pg_trgm"), so every instance loads it: the app,
 * the schema engine's shadow database, backups, tests and the bench. tests/unit/pglite-open.test.ts
 * finds any other `PGlite.create` on disk and fails.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

export function createPglite(options: Omit<PGliteOptions, 'extensions'> = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: PGLITE_EXTENSIONS });
}
