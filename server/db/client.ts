import 'server-only';
import { PrismaClient } from '@/generated/prisma/client';
import { openAdapter, type OpenedAdapter } from './adapter';
import { readDatabaseConfig, type DatabaseConfig, type DatabaseEngine } from './config';

export type Db = PrismaClient;

export type DatabaseHandle = {
  db: Db;
  engine: DatabaseEngine;
  config: DatabaseConfig;
  adapter: OpenedAdapter;
  /** Disconnects Prisma and closes the engine (PGlite instance and lock included). */
  close(): Promise<void>;
};

/**
 * How long a transaction may wait to begin on the embedded database. PGlite runs one transaction at
 * a time (in process, and served to several app processes, decision 029), so a transaction waits
 * for every one before it, not only for a free connection as on PostgreSQL; Prisma's default of 2 s
 * failed the job runner's poll behind a busy minute of the e2e suite ("Unable to start a transaction
 * in the given time"). Each transaction's own time limit is unchanged.
 */
export const EMBEDDED_TRANSACTION_MAX_WAIT_MS = 15_000;

/** Opens a database for the given config. Scripts and tests call this; the app uses getDb(). */
export function createDatabase(config: DatabaseConfig = readDatabaseConfig()): DatabaseHandle {
  const adapter = openAdapter(config);
  const db = new PrismaClient({
    adapter: adapter.factory,
    ...(config.engine === 'pglite' ? { transactionOptions: { maxWait: EMBEDDED_TRANSACTION_MAX_WAIT_MS } } : {}),
  });
  return {
    db,
    engine: config.engine,
    config,
    adapter,
    async close() {
      await db.$disconnect();
      await adapter.close();
    },
  };
}

// One handle per process, kept on globalThis: Next.js can evaluate this module in more than one
// bundle layer, and two PGlite instances on one data directory would corrupt it.
const globalKey = Symbol.for('accord.database');
type GlobalWithDb = typeof globalThis & { [globalKey]?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  // `next build` must never open the database (issue 13, finding 13: a build worker kept
  // ./data/pglite locked after the build). Pages are dynamic (app/layout.tsx), so nothing in a
  // build should get here; if something does, the build fails loudly instead of taking the lock.
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The build tried to open the database. Pages must be dynamic: nothing reads data at build time.');
  }
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= createDatabase();
  return g[globalKey];
}

/** Makes `handle` the process's database (tests open their own and install it). */
export function installDatabase(handle: DatabaseHandle | undefined): void {
  (globalThis as GlobalWithDb)[globalKey] = handle;
}

/**
 * Module state kept for each database, not for the process: `perDatabase(make)` gives a function
 * that answers the current database's own value, made on first use. Tests install many databases
 * in one process, and two of them start their data versions at the same numbers, so a memo, an
 * answer cache or a "migrations confirmed" flag kept per process would let one answer for another.
 * The app has one handle, so this is one map lookup per call.
 */
export function perDatabase<T>(make: (handle: DatabaseHandle) => T): (handle?: DatabaseHandle) => T {
  const values = new WeakMap<DatabaseHandle, T>();
  return (handle = getDatabase()) => {
    let value = values.get(handle);
    if (value === undefined) values.set(handle, (value = make(handle)));
    return value;
  };
}
