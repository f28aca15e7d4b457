import 'server-only';
import { getDatabase, type Db } from './db/client';

/**
 * The one Prisma client of the app. The engine (PGlite or PostgreSQL) is chosen from the
 * environment by server/db/config.ts; the database opens on the first query, not at import.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDatabase().db;
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export function databaseEngine() {
  return getDatabase().engine;
}

export type { Db };
