/** Percentile by linear interpolation between the closest ranks (p in [0, 100]). */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export type Summary = { n: number; p50: number; p95: number };

export function summarize(samples: number[]): Summary {
  return { n: samples.length, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

export const round = (x: number, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
export const ratio = (a: number, b: number) => round(a / b, 2);
