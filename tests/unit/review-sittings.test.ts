import { describe, expect, it } from 'vitest';
import { afterVisit, reviewBaseline, SITTING_MINUTES, type Sittings } from '@/lib/rules/review-sittings';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * 60_000);

/** Replays visits through the rule, returning the baseline each visit saw. */
function replay(minutes: number[], start: Sittings = null) {
  let s = start;
  return minutes.map((m) => {
    const baseline = reviewBaseline(s, at(m));
    s = afterVisit(s, at(m));
    return baseline;
  });
}

describe('a review is a sitting (lib/rules/review-sittings.ts)', () => {
  it('ten visits in 32 minutes: the last ones compare with the previous sitting, not "first visit"', () => {
    const seen = replay([0, 3, 7, 10, 14, 18, 21, 25, 30, 32]);
    expect(seen.slice(0, 8)).toEqual(Array(8).fill(null)); // still the first sitting: there is no earlier review
    expect(seen[8]).toEqual(at(0));
    expect(seen[9]).toEqual(at(0));
  });

  it('someone who looks every five minutes all morning gets a baseline that moves on every sitting', () => {
    const minutes = Array.from({ length: 37 }, (_, i) => i * 5); // 0..180
    const seen = replay(minutes);
    expect(seen.at(-1)).toEqual(at(150));
    expect(new Set(seen.filter(Boolean).map((d) => d!.getTime())).size).toBe(6); // sittings from 0, 30, 60, 90, 120, 150
  });

  it('reloads within a sitting keep its baseline; the next day compares with the start of the last sitting', () => {
    const yesterday: Sittings = { sittingStartedAt: at(-24 * 60), previousSittingStartedAt: at(-48 * 60) };
    expect(replay([0, 1, 2, SITTING_MINUTES - 1], yesterday)).toEqual(Array(4).fill(at(-24 * 60)));
    expect(replay([0, SITTING_MINUTES], yesterday)).toEqual([at(-24 * 60), at(0)]);
  });

  it('a visit within the sitting changes nothing (the same object: no write needed)', () => {
    const s = afterVisit(null, at(0));
    expect(afterVisit(s, at(10))).toBe(s);
    expect(afterVisit(s, at(-5))).toBe(s); // a clock a little behind does not start a sitting
  });
});
