import { describe, expect, it } from 'vitest';
import { payloadOf } from '@/bench/measure/page-load';

// How Next.js 16 inlines a flush of the RSC payload: JSON, then <, > and & as \u escapes.
const script = (text: string) => `<script>self.__next_f.push(${JSON.stringify([1, text]).replace(/[&<>]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)})</script>`;

describe("the bench's view of a page's RSC payload (bench/measure/page-load.ts)", () => {
  it('joins every flush, undoes the HTML escaping, and counts the characters the server holds', () => {
    const flushes = ['0:{"a":"x<y & z"}\n', '1:["$","p",null,{"children":"say \\"hi\\""}]\n'];
    const html = `<html><script>(self.__next_f=self.__next_f||[]).push([0])</script>${flushes.map(script).join('')}<script>self.__next_f.push([2,null])</script></html>`;
    const shape = payloadOf(html);
    // Values: {"a":"x<y & z"} is 2, ["$","p",null,{"children":"say \"hi\""}] is 6.
    expect(shape).toEqual({ chars: JSON.stringify([1, flushes.join('')]).length, twoByte: false, largeObject: false, values: 8 });
  });

  it('tells one-byte from two-byte text, and marks what goes to V8\'s large-object space', () => {
    expect(payloadOf(script('Zürich × 2 · ok')).twoByte).toBe(false);
    expect(payloadOf(script('Rows 1–100')).twoByte).toBe(true);
    expect(payloadOf(script('x'.repeat(70_000))).largeObject).toBe(false);
    expect(payloadOf(script('→' + 'x'.repeat(70_000))).largeObject).toBe(true);
    expect(payloadOf(script('x'.repeat(140_000))).largeObject).toBe(true);
  });
});
