import 'server-only';
import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { wireConnection, type DatabaseConfig } from './config';
import { assertNoInterruptedRestore } from './backup-pglite';
import { captureTransactions } from './driver-transaction';
import { createPglite, withInstalledParsers } from './pglite';
import { acquireDataDirLock } from './pglite-lock';

/**
 * The driver adapter factory for the configured engine. Nothing outside server/db knows which
 * engine runs. The PGlite database opens on the first connect(), never at import: `next build`
 * imports server modules in parallel workers that must not touch ./data (stack notes, trap 7).
 */
export type OpenedAdapter = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Releases connections, the PGlite instance and its lock. */
  close(): Promise<void>;
  /** The embedded engine's own instance (PGlite only): for COPY TO '/dev/blob' exports. */
  pglite?: () => Promise<PGlite>;
  /** The adapter Prisma connected through this factory, once it has (server/db/read-rows.ts). */
  connected(): SqlDriverAdapter | null;
};

export function openAdapter(config: DatabaseConfig): OpenedAdapter {
  // A PostgreSQL server, or the embedded database held by the cluster's database process (decision 029).
  const wire = wireConnection(config);
  if (wire) return openWire(wire);
  if (config.engine !== 'pglite') throw new Error('unreachable: PostgreSQL is reached over the wire');
  return openPglite(config.dataDir, config.startFrom);
}

function openWire(config: { connectionString: string; schema: string | null }): OpenedAdapter {
  const factory = new PrismaPg(
    {
      connectionString: config.connectionString,
      // Our own schema (test isolation, or a shared server) for raw SQL as well as Prisma's.
      ...(config.schema ? { options: `-c search_path="${config.schema}"` } : {}),
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Outages (issue 8): fail fast when the server is unreachable, notice dead connections on a
      // silent network, and do not keep idle connections that a server restart has killed.
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      idleTimeoutMillis: 30_000,
    },
    config.schema ? { schema: config.schema } : undefined,
  );
  const connections = new Set<SqlDriverAdapter>();
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = captureTransactions(wholeScripts(await factory.connect()));
      // Prisma's $disconnect and the schema engine dispose adapters themselves; make it idempotent
      // so close() can sweep whatever is left without ending a pool twice.
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (!connections.delete(adapter)) return;
        await dispose();
      };
      connections.add(adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  return {
    factory: tracked,
    connected: () => connections.values().next().value ?? null,
    async close() {
      await Promise.all([...connections].map((c) => c.dispose()));
    },
  };
}

/**
 * adapter-pg 7.10 runs a migration script by splitting it on every ";", which breaks dollar-quoted
 * function bodies and string literals (our audit trigger). Prisma's native engine sends the script
 * whole; so do we: one multi-statement simple query, which PostgreSQL runs as one transaction.
 */
function wholeScripts<A extends SqlDriverAdapter & { underlyingDriver(): Pool }>(adapter: A): A {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // Let the adapter shape the error as it does for every other query.
      (adapter as unknown as { onError(e: unknown): never }).onError(error);
    }
  };
  return adapter;
}

function openPglite(dataDir: string | null, startFrom?: Uint8Array): OpenedAdapter {
  let opened: Promise<{ pglite: PGlite; release: () => void; inner: PrismaPGlite }> | null = null;
  const open = () => {
    opened ??= (async () => {
      let release = () => {};
      if (dataDir) {
        release = acquireDataDirLock(dataDir);
        try {
          assertNoInterruptedRestore(dataDir); // never start an empty database in its place
        } catch (error) {
          release();
          throw error;
        }
        fs.mkdirSync(dataDir, { recursive: true });
      }
      try {
        const pglite = await createPglite({ dataDir: dataDir ?? undefined, loadDataDir: startFrom });
        return { pglite, release, inner: new PrismaPGlite(withInstalledParsers(pglite)) };
      } catch (error) {
        release();
        throw error;
      }
    })();
    // A failed open (the lock is held by another process) is retried on the next query, so the
    // app recovers once that process stops, without a restart.
    opened.catch(() => {
      opened = null;
    });
    return opened;
  };
  let connected: SqlDriverAdapter | null = null;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@electric-sql/pglite',
    async connect() {
      const adapter = captureTransactions(await (await open()).inner.connect());
      connected = adapter;
      return adapter;
    },
    async connectToShadowDb() {
      // A throwaway in-memory database: how new migrations are diffed (stack notes, trap 3).
      return new PrismaPGlite(await createPglite()).connect();
    },
  };
  return {
    factory,
    pglite: async () => (await open()).pglite,
    connected: () => connected,
    async close() {
      const current = await opened?.catch(() => null);
      opened = null;
      connected = null;
      if (!current) return;
      const { pglite, release } = current;
      await pglite.close();
      release();
    },
  };
}
