import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { cache } from 'react';
import { Prisma } from '@/generated/prisma/client';
import { readRows } from '@/server/db/read-rows';
import { perDatabase } from '@/server/db/client';

/**
 * Computed page data kept in this process while the database's data version it was computed at is
 * still current (issue 14; decision record 011). `data_versions` rows are bumped by statement
 * triggers in the same transaction as every change to what they cover (migration
 * 20261202011000_content_version), so an answer is never stale, on any number of app instances:
 * the version is read first, then the data, so a change committed in between only costs a miss.
 *
 * - `content`: everything the portfolio, the dashboard and "since your last review" read.
 * - `metrics`: metric values, targets and their lists (the metrics API's own cache).
 */
export type DataVersions = { content: bigint; metrics: bigint };

export async function readDataVersions(): Promise<DataVersions> {
  const rows = await readRows<{ name: string; version: bigint }>(Prisma.sql`SELECT name, version FROM data_versions WHERE name IN ('content', 'metrics')`);
  const of = (name: string) => rows.find((r) => r.name === name)?.version ?? 0n;
  return { content: of('content'), metrics: of('metrics') };
}

// Per page render (React's request memo; outside a render each call gets a new box, so a read).
const renderBox = cache((): { versions?: Promise<DataVersions> } => ({}));

/**
 * The versions a page render's session read brought (server/auth/session.ts reads them in the same
 * statement as the session: one round trip fewer on every page that keeps data). Read before any
 * of the page's data, since every page checks the session first; the first offer of a render wins.
 */
export function offerRenderDataVersions(versions: DataVersions): void {
  renderBox().versions ??= Promise.resolve(versions);
}

/** The versions, read once per page render: offered by its session read, or read here. */
const renderDataVersions = (): Promise<DataVersions> => (renderBox().versions ??= readDataVersions());

// A route handler runs outside React's render, where cache() memoizes nothing: a handler that
// reads the versions itself (early, while it authenticates: server/metrics/cache.ts) hands them
// to everything it calls through this scope, so a request reads them once.
const handlerVersions = new AsyncLocalStorage<Promise<DataVersions>>();

/** The versions this request reads data at: its handler's (withDataVersions), its render's, or a fresh read. */
export const requestDataVersions = (): Promise<DataVersions> => handlerVersions.getStore() ?? renderDataVersions();

/** Runs `fn` with `versions` as the request's data versions (read them before any data). */
export function withDataVersions<T>(versions: Promise<DataVersions>, fn: () => T): T {
  return handlerVersions.run(versions, fn);
}

type Entry = { version: bigint; value: Promise<unknown> };

/** Deep-freezes a computed value: a page that sorted a cached array in place would corrupt the next. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A bounded, least-recently-used memo of computed values for one database. Concurrent requests for
 * the same key and version share one computation (twenty tabs opening a dashboard compute it once).
 */
export class VersionedMemo {
  /** Tests install a database per file: each database handle has its own entries. */
  private readonly store = perDatabase(() => new Map<string, Entry>());

  constructor(private readonly maxEntries: number) {}

  async get<T>(key: string, version: bigint, compute: () => Promise<T>): Promise<T> {
    const store = this.store();
    const hit = store.get(key);
    if (hit && hit.version === version) {
      store.delete(key);
      store.set(key, hit); // most recently used last
      return hit.value as Promise<T>;
    }
    const value = compute().then(freeze);
    // A request that read an older version than the one kept computes for itself and keeps nothing.
    if (hit && hit.version > version) return value;
    const entry: Entry = { version, value };
    store.delete(key);
    store.set(key, entry);
    value.catch(() => {
      if (store.get(key) === entry) store.delete(key);
    });
    while (store.size > this.maxEntries) store.delete(store.keys().next().value!);
    return value;
  }

  /** Entries kept for the current database (tests and the bench report it). */
  size(): number {
    return this.store().size;
  }
}

/**
 * `compute`, kept per its arguments while the named data version is unchanged: the one way pages
 * keep what they computed. `keyOf` names what the answer depends on (defaults to every argument).
 */
export function keptWhile<A extends unknown[], T>(
  version: keyof DataVersions,
  maxEntries: number,
  compute: (...args: A) => Promise<T>,
  keyOf: (...args: A) => unknown = (...args) => args,
): (...args: A) => Promise<T> {
  const memo = new VersionedMemo(maxEntries);
  return async (...args: A) => {
    const versions = await requestDataVersions();
    return memo.get(JSON.stringify(keyOf(...args)), versions[version], () => compute(...args));
  };
}
