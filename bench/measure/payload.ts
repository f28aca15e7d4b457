// What a page's inline RSC payload holds, read from its HTML (issue 14, goals 1 and 4). No imports:
// e2e/payload.spec.ts reads pages with it too.

/**
 * The page's inline RSC payload (the `self.__next_f.push([1, "…"])` scripts) as the server holds it
 * while inlining it: the JSON-escaped text, in characters, and whether one character is beyond
 * Latin-1 (V8 then stores every copy as a two-byte string). Next.js 16 reads the whole buffered
 * payload at once and copies it about five times per view (text, JSON, HTML-escaped, script, bytes);
 * a string over V8's regular object size (128 KiB: 131,072 one-byte or 65,536 two-byte characters)
 * goes to the large-object space, and the explorer's 67,654 two-byte characters cost ~2.3 ms of
 * CPU per view (bench/results/notes.md, 2026-12-05 "One arrow in the payload").
 */
export type PayloadShape = {
  chars: number; twoByte: boolean; largeObject: boolean;
  /**
   * The JSON values in the payload's rows (every element, prop, string and number): React's payload
   * serializer visits each on the server and the HTML pass's reviver again, the largest per-view
   * cost beyond the floor (bench/results/notes.md, 2026-12-06 14:55). Absent before that run.
   */
  values?: number;
};

/** JSON values in a parsed value, itself included. */
export function jsonValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const inner of Object.values(value)) n += jsonValues(inner);
  return n;
}

export function payloadOf(html: string): PayloadShape {
  const parts: string[] = [];
  for (const m of html.matchAll(/self\.__next_f\.push\((\[1,"(?:[^"\\]|\\.)*"\])\)/g)) parts.push((JSON.parse(m[1]!) as [number, string])[1]);
  const payload = parts.join('');
  const escaped = JSON.stringify([1, payload]);
  const twoByte = /[^\u0000-\u00ff]/.test(escaped);
  // Rows are `id:JSON` or `id:<tag><text>` (text, hints, module rows); only the JSON ones are counted.
  let values = 0;
  for (const row of payload.split('\n')) {
    const body = row.slice(row.indexOf(':') + 1);
    if (!/^[[{"]/.test(body)) continue;
    try {
      values += jsonValues(JSON.parse(body));
    } catch {
      // a text row that happens to start like JSON
    }
  }
  return { chars: escaped.length, twoByte, largeObject: escaped.length * (twoByte ? 2 : 1) > 128 * 1024, values };
}

export const describePayload = (p: PayloadShape) =>
  `${p.chars.toLocaleString('en-US')} characters${p.values === undefined ? '' : ` (${p.values.toLocaleString('en-US')} values)`}, ${p.twoByte ? 'two-byte' : 'one-byte'}${p.largeObject ? ', over V8\'s regular object size' : ''}`;
