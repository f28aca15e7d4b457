import 'server-only';
import path from 'node:path';

/**
 * Which database Accord talks to, read from the environment in one place
 * (docs/decisions/001-database.md):
 * - DATABASE_URL unset            -> embedded PGlite in ./data/pglite (ACCORD_DATA_DIR overrides ./data)
 * - DATABASE_URL=memory://        -> PGlite in memory (tests)
 * - DATABASE_URL=postgres(ql)://  -> a PostgreSQL server; `?schema=name` selects a schema
 * ACCORD_EMBEDDED_SOCKET is set by scripts/serve-cluster.mjs for its app processes only: the embedded
 * database, served by the cluster's database process on a socket in that directory.
 */
export type DatabaseConfig =
  // `startFrom`: an in-memory database that begins as a copy of a dump (tests reuse one migrated,
  // seeded database instead of building it again in every file).
  // `socketDir`: the app process of a several-process deployment reaches the data directory through
  // the process that holds it, on a Unix socket (docs/decisions/029-embedded-database-host.md).
  | { engine: 'pglite'; dataDir: string | null; startFrom?: Uint8Array; socketDir?: string }
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
    const dataDir = path.join(/*turbopackIgnore: true*/ base, 'pglite');
    const socketDir = env.ACCORD_EMBEDDED_SOCKET?.trim();
    if (!socketDir) return { engine: 'pglite', dataDir };
    if (!path.isAbsolute(socketDir)) throw new DatabaseConfigError('ACCORD_EMBEDDED_SOCKET must be an absolute directory (scripts/serve-cluster.mjs sets it; leave it unset).');
    return { engine: 'pglite', dataDir, socketDir };
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
    if (!config.dataDir) return 'embedded PGlite in memory';
    return config.socketDir ? `embedded PGlite at ${config.dataDir} (served by the database process)` : `embedded PGlite at ${config.dataDir}`;
  }
  const u = new URL(config.connectionString);
  const schema = config.schema ? ` (schema ${config.schema})` : '';
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}${schema}`;
}

/**
 * Where a `pg` client connects, for the engines reached over the wire: a PostgreSQL server, or the
 * embedded database served by its own process. Null where the app holds PGlite itself.
 */
export function wireConnection(config: DatabaseConfig): { connectionString: string; schema: string | null } | null {
  if (config.engine === 'postgresql') return { connectionString: config.connectionString, schema: config.schema };
  if (config.socketDir) {
    return { connectionString: `postgresql://accord@localhost:${EMBEDDED_SOCKET_PORT}/accord?host=${encodeURIComponent(config.socketDir)}`, schema: null };
  }
  return null;
}

/** The port number in the socket's name (`.s.PGSQL.5432`): a Unix socket takes no port, pg names it by one. */
export const EMBEDDED_SOCKET_PORT = 5432;
