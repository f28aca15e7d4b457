import { describe, expect, it } from 'vitest';
import { unchangedState } from '@/tests/support/unchanged-state';

// The fuzz files' partial-write check (tests/support/unchanged-state.ts) reads the state once per
// refused attempt; it must still see every write a refused attempt made, and never compare with a
// state an attempt that succeeded or threw may have changed.
describe('unchangedState', () => {
  function world() {
    let rows = 0;
    let reads = 0;
    const state = unchangedState(async () => {
      reads += 1;
      return `rows=${rows}`;
    });
    return { state, write: () => (rows += 1), reads: () => reads };
  }

  it('reads once per refused attempt, and sees a refused attempt that wrote', async () => {
    const w = world();
    for (let i = 0; i < 3; i++) {
      const before = await w.state.before();
      expect(await w.state.afterRefusal()).toBe(before);
    }
    expect(w.reads()).toBe(4);
    const before = await w.state.before();
    w.write(); // a partial write by a refused attempt
    expect(await w.state.afterRefusal()).not.toBe(before);
  });

  it('reads afresh after an attempt that succeeded or threw, and after reset', async () => {
    const w = world();
    await w.state.before();
    w.write(); // succeeded: no afterRefusal
    const next = await w.state.before();
    expect(next).toBe('rows=1');
    w.write(); // threw after writing
    expect(await w.state.before()).toBe('rows=2');
    await w.state.afterRefusal();
    w.write(); // written outside any attempt (another property)
    w.state.reset();
    expect(await w.state.before()).toBe('rows=3');
  });
});
