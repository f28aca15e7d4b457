import 'server-only';
import path from 'node:path';

/**
 * Which database Accord talks to, read from the environment in one place
 * (docs/decisions/001-database.md):
 * - DATABASE_URL unset            -> embedded PGlite in ./data/pglite (ACCORD_DATA_DIR overrides ./data)
 * - DATABASE_URL=memory://        -> PGlite in memory (tests)
 * - DATABASE_URL=postgres(ql)://  -> a PostgreSQL server; `?schema=name` selects a schema
 */
export type DatabaseConfig =
  // `startFrom`: an in-memory database that begins as a copy of a dump (tests reuse one migrated,
  // seeded database instead of building it again in every file).
  | { engine: 'pglite'; dataDir: string | null; startFrom?: Blob }
  | { engine: 'postgresql'; connectionString: string; schema: string | null };

export type DatabaseEngine = DatabaseConfig['engine'];

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError';
}

export function readDatabaseConfig(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    // turbopackIgnore: the data directory is runtime state, not a file to trace into the build.
    const base = env.ACCORD_DATA_DIR
      ? path.resolve(/*turbopackIgnore: true*/ env.ACCORD_DATA_DIR)
      : path.join(/*turbopackIgnore: true*/ process.cwd(), 'data');
    return { engine: 'pglite', dataDir: path.join(/*turbopackIgnore: true*/ base, 'pglite') };
  }
  if (url === 'memory://' || url === 'pglite://memory') return { engine: 'pglite', dataDir: null };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseConfigError('DATABASE_URL is not a valid postgres:// URL.');
    }
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new DatabaseConfigError(
        `DATABASE_URL schema "${schema}" must be lower-case letters, digits and underscores.`,
      );
    }
    parsed.searchParams.delete('schema');
    return { engine: 'postgresql', connectionString: parsed.toString(), schema };
  }
  throw new DatabaseConfigError(
    'DATABASE_URL must be unset (embedded database), memory:// or a postgres:// URL.',
  );
}

/** A description safe to print: never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.engine === 'pglite') {
    return config.dataDir ? `embedded PGlite at ${config.dataDir}` : 'embedded PGlite in memory';
  }
  const u = new URL(config.connectionString);
  const schema = config.schema ? ` (schema ${config.schema})` : '';
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}${schema}`;
}
