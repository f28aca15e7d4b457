import { summarize, type Summary } from '../stats';

/**
 * Search (issue 15: p95 ≤ 50 ms on the bench data). Queries as people type them into the palette:
 * names whole and in part, misspelt, several words, a region, a person, words from notes and
 * document names, a two-letter start, and nothing at all. Each runs WARMUP times, then SAMPLES
 * times in rounds (every query once per round, so noise spreads evenly); p50/p95 over every sample
 * and per query.
 */
export const SEARCH_QUERIES = [
  'Global Wallet', 'Continental Bnk', 'Early Deal 250', 'Typical Walet', 'metro', 'integration design', 'Securty review',
  'Payments regulator of Germany', 'stored value licence', 'Singapore', 'Owner 7', 'licence approval', 'term sheet',
  'chargebak rules', 'cross-border data', 'NFC', 'wa', 'Hong Kong pilot report', 'zzzz qqqq', 'bench-early-017',
] as const;

const WARMUP = 2;
const SAMPLES = 15;

export type SearchQueryResult = { query: string; results: number; ms: Summary };
export type SearchBench = { via: 'api' | 'in-process'; all: Summary; queries: SearchQueryResult[] };

/** `run` answers one query (20 results, the API's default page) and says how many it returned. */
export async function measureSearch(via: SearchBench['via'], run: (q: string) => Promise<number>, log: (line: string) => void): Promise<SearchBench> {
  const counts = new Map<string, number>();
  for (const q of SEARCH_QUERIES) for (let i = 0; i < WARMUP; i++) counts.set(q, await run(q));
  const samples = new Map<string, number[]>(SEARCH_QUERIES.map((q) => [q, []]));
  for (let round = 0; round < SAMPLES; round++) {
    for (const q of SEARCH_QUERIES) {
      const started = performance.now();
      await run(q);
      samples.get(q)!.push(performance.now() - started);
    }
  }
  const queries = SEARCH_QUERIES.map((q) => ({ query: q, results: counts.get(q) ?? 0, ms: summarize(samples.get(q)!) }));
  for (const r of queries) log(`  ${JSON.stringify(r.query).padEnd(32)} ${String(r.results).padStart(3)} results  p50 ${r.ms.p50} ms  p95 ${r.ms.p95} ms`);
  const all = summarize([...samples.values()].flat());
  log(`  search (${via}), ${SEARCH_QUERIES.length} queries × ${SAMPLES}: p50 ${all.p50} ms, p95 ${all.p95} ms (goal p95 ≤ 50 ms)`);
  return { via, all, queries };
}
