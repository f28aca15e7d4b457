import { describe, expect, it } from 'vitest';
import { roundRatios, type PageRounds } from '@/bench/measure/page-load';

const rounds = (over: Partial<PageRounds> = {}): PageRounds => ({
  page: 'portfolio', floorPerSecond: [100, 80, 120], pagePerSecond: [50, 48, 54], onePerSecond: [40, 50, 45],
  floorCpuMs: [10, 12, 9], pageCpuMs: [20, 20, 18], toSignedInFloorOnce: 0.4, ...over,
});

describe("the bench's page rounds (bench/measure/page-load.ts)", () => {
  it('takes the median of each round’s own ratio, not the ratio of the means', () => {
    // Rounds: 0.5, 0.6, 0.45 → median 0.5 (the means would give 50.67 / 100 = 0.51).
    expect(roundRatios(rounds())).toEqual({ toSignedInFloor: 0.5, tenToOne: 1.2, byCpuToSignedInFloor: 0.5 });
  });

  it('pairs a page’s window with the floor window of its own round', () => {
    // A machine that slows by half between rounds leaves each round's ratio at 0.5.
    const r = roundRatios(rounds({ floorPerSecond: [100, 50, 25], pagePerSecond: [50, 25, 12.5], onePerSecond: [50, 25, 12.5] }));
    expect(r.toSignedInFloor).toBe(0.5);
    expect(r.tenToOne).toBe(1);
  });

  it('leaves the CPU ratio out when a round has no CPU reading', () => {
    expect(roundRatios(rounds({ floorCpuMs: [10, null, 9] }))).not.toHaveProperty('byCpuToSignedInFloor');
  });
});
