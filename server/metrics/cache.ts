import 'server-only';
import { requestDataVersions } from '@/server/cache/versioned';
import { perDatabase } from '@/server/db/client';
import type { ExportMeta } from './export-meta';

/**
 * Answers of the metrics JSON API, kept in this process while the metrics data version they were
 * computed at is still the database's current one (data_versions, bumped by triggers in the same
 * transaction as every change). A version check is one primary-key read, so a repeated question is
 * answered without re-aggregating, and never with stale numbers, on any number of app instances.
 */
// `rows` is kept as the bytes sent, UTF-8 encoded once: sending a kept string made every hit
// measure and encode it again (Response's body extraction), which cost more than the rest of the
// request for a large answer (bench/results/notes.md, "Metrics API: a hit's bytes").
export type CachedAnswer = { version: bigint; meta: ExportMeta; rows: Buffer; count: number };

const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
type Store = { entries: Map<string, CachedAnswer>; totalBytes: number };
// One store per database handle, as server/cache/versioned.ts keeps its memo: two databases in one
// process (tests run many files in one process) start their data versions at the same numbers.
const store = perDatabase<Store>(() => ({ entries: new Map(), totalBytes: 0 }));

const sizeOf = (a: CachedAnswer) => a.rows.byteLength + 1024;

/** The metrics data version this request reads at (the one read of data_versions per request). */
export async function metricsDataVersion(): Promise<bigint> {
  return (await requestDataVersions()).metrics;
}

export function cachedAnswer(key: string, version: bigint): CachedAnswer | null {
  const kept = store();
  const { entries } = kept;
  const hit = entries.get(key);
  if (!hit) return null;
  entries.delete(key);
  if (hit.version !== version) {
    kept.totalBytes -= sizeOf(hit);
    return null;
  }
  entries.set(key, hit); // most recently used last
  return hit;
}

export function keepAnswer(key: string, answer: CachedAnswer): void {
  const size = sizeOf(answer);
  if (size > MAX_ENTRY_BYTES) return;
  const kept = store();
  const { entries } = kept;
  const old = entries.get(key);
  if (old) {
    kept.totalBytes -= sizeOf(old);
    entries.delete(key);
  }
  entries.set(key, answer);
  kept.totalBytes += size;
  for (const [k, v] of entries) {
    if (kept.totalBytes <= MAX_TOTAL_BYTES) break;
    entries.delete(k);
    kept.totalBytes -= sizeOf(v);
  }
}

export const CACHE_LIMITS = { entryBytes: MAX_ENTRY_BYTES };
