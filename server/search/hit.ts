import 'server-only';
import type { SearchKind, SearchResult } from '@/lib/search';

/**
 * One kind's result before its snippet is cut: `detail` is the longer text that matched best
 * (a summary, a description, a note's body), or null when the title itself is the match.
 */
export type Hit = Omit<SearchResult, 'snippet'> & {
  detail: string | null;
  /** What the kind's query ordered ties by (after the rank, before the id), byte-wise (COLLATE "C"). */
  tiebreak: string;
};

/**
 * A row of the one search statement, whatever its kind: every kind's part selects these columns,
 * `info` holding what that kind needs to say where the result lives (a JSON object).
 */
export type HitRow = {
  kind: SearchKind; id: string; title: string; tiebreak: string; score: number; detail: string | null; info: Record<string, unknown>;
};

/**
 * The one order of results: rank, then kind, then the kind's own tie-break, then id. Each kind's
 * part cuts its rows in the same order (rank, tie-break COLLATE "C", id COLLATE "C"), so a page
 * holds exactly the rows the whole ranking puts there: none twice, none skipped.
 */
export function compareHits(a: Hit, b: Hit, kindIndex: (k: Hit['kind']) => number): number {
  return b.score - a.score || kindIndex(a.kind) - kindIndex(b.kind) || byteCompare(a.tiebreak, b.tiebreak) || byteCompare(a.id, b.id);
}

/** UTF-8 byte order, as PostgreSQL's "C" collation compares. */
function byteCompare(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export const placeOf = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' › ');

/** What every kind's result takes from its row as it is (`info` stays behind). */
export function baseOf({ id, title, tiebreak, score, detail }: HitRow) {
  return { id, title, tiebreak, score, detail };
}
