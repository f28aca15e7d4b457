import 'server-only';
import { requestDataVersions } from '@/server/cache/versioned';
import type { ExportMeta } from './export-meta';

/**
 * Answers of the metrics JSON API, kept in this process while the metrics data version they were
 * computed at is still the database's current one (data_versions, bumped by triggers in the same
 * transaction as every change). A version check is one primary-key read, so a repeated question is
 * answered without re-aggregating, and never with stale numbers, on any number of app instances.
 */
export type CachedAnswer = { version: bigint; meta: ExportMeta; rows: string; count: number };

const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
const entries = new Map<string, CachedAnswer>();
let totalBytes = 0;

const sizeOf = (a: CachedAnswer) => a.rows.length + 1024;

/** The metrics data version this request reads at (the one read of data_versions per request). */
export async function metricsDataVersion(): Promise<bigint> {
  return (await requestDataVersions()).metrics;
}

export function cachedAnswer(key: string, version: bigint): CachedAnswer | null {
  const hit = entries.get(key);
  if (!hit) return null;
  entries.delete(key);
  if (hit.version !== version) {
    totalBytes -= sizeOf(hit);
    return null;
  }
  entries.set(key, hit); // most recently used last
  return hit;
}

export function keepAnswer(key: string, answer: CachedAnswer): void {
  const size = sizeOf(answer);
  if (size > MAX_ENTRY_BYTES) return;
  const old = entries.get(key);
  if (old) {
    totalBytes -= sizeOf(old);
    entries.delete(key);
  }
  entries.set(key, answer);
  totalBytes += size;
  for (const [k, v] of entries) {
    if (totalBytes <= MAX_TOTAL_BYTES) break;
    entries.delete(k);
    totalBytes -= sizeOf(v);
  }
}

export const CACHE_LIMITS = { entryBytes: MAX_ENTRY_BYTES };
