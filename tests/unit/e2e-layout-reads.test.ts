import { describe, expect, it } from 'vitest';

// CI failed once because a spec read `scrollWidth` right after `setViewportSize`, before a chart had
// re-measured itself (1227 px at 390). Every spec asks through e2e/support/layout.ts, which waits
// for the layout to settle. This reads every spec on disk, so a new one cannot bring the race back.
const SPECS = Object.entries(
  import.meta.glob<string>(['../../e2e/**/*.ts', '!../../e2e/.artifacts/**'], { query: '?raw', import: 'default', eager: true }),
).filter(([file]) => !file.endsWith('support/layout.ts'));

describe('e2e specs measure the layout through one helper', () => {
  it('finds the specs on disk', () => {
    expect(SPECS.filter(([file]) => file.endsWith('.spec.ts')).length).toBeGreaterThan(15);
  });
  it('no spec reads scrollWidth itself', () => {
    expect(SPECS.filter(([, source]) => /\bscrollWidth\b/.test(source)).map(([file]) => file)).toEqual([]);
  });
});
