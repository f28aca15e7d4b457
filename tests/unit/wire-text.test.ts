import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '@/lib/wire-text';

const latin1Only = (s: string) => !/[^\u0000-\u00ff]/.test(s);

describe('text crosses to the browser in Latin-1 (lib/wire-text.ts)', () => {
  it('decodes to exactly the text that was encoded, whatever it holds, and travels in Latin-1', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }),
      fc.constantFrom(' → ', '“term sheet.pdf”', '¤', '¤00a4', '¤2192', '支付宝', '\u202e', '\ud83d', '\u0000', 'é'));
    fc.assert(fc.property(fc.array(piece).map((xs) => xs.join('')), (text) => {
      const wire = toWire(text);
      expect(latin1Only(JSON.stringify(wire))).toBe(true);
      expect(fromWire(JSON.parse(JSON.stringify(wire)))).toBe(text);
    }), { numRuns: 1000 });
  });

  it('leaves Latin-1 text as it is and writes a change\'s arrow and quotes as escapes', () => {
    expect(toWire('Zürich × 2 · ok')).toBe('Zürich × 2 · ok');
    expect(toWire('status Planned → Live')).toBe('status Planned ¤2192 Live');
    expect(toWire('“a”')).toBe('¤201ca¤201d');
    expect(fromWire(toWire('¤2192 is not an arrow'))).toBe('¤2192 is not an arrow');
  });
});
