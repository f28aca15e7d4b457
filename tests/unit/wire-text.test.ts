import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinArrows, splitArrows } from '@/lib/wire-text';

describe('text crosses to the browser with its arrows taken out (lib/wire-text.ts)', () => {
  it('joins back to exactly the text that was split, whatever it holds', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(' → ', '→', ' ', '  → →  ', '支付宝', '\u202e'));
    fc.assert(fc.property(fc.array(piece).map((xs) => xs.join('')), (text) => {
      expect(joinArrows(JSON.parse(JSON.stringify(splitArrows(text))))).toBe(text);
    }), { numRuns: 500 });
  });

  it('leaves no "→" of a change in what travels', () => {
    const parts = splitArrows('Japan rollout: status Planned → Live; owner Ann → Bob');
    expect(parts).toEqual(['Japan rollout: status Planned', 'Live; owner Ann', 'Bob']);
    expect(/[^\u0000-\u00ff]/.test(JSON.stringify(parts))).toBe(false);
  });
});
