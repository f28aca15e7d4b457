import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { nameOf, partOf, slice, type CpuProfile, type Node } from '@/bench/report/cpu-profile';

// `npm run bench:profile` (bench/profile.ts) tells React's passes apart inside the server runtime
// Next.js ships minified, through the source map beside it. A Next.js upgrade that moves or renames
// that bundle, or drops its map, would lump everything into one part and name functions `L`, and the
// profile would explain nothing: checked here against the Next.js installed.
const RUNTIME = path.resolve('node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js');

const runtimeMap = () => new TraceMap(fs.readFileSync(`${RUNTIME}.map`, 'utf8'));

/**
 * A frame of the installed runtime where its map puts a source matching `source`: at the line that
 * declares `declares` when given, else at the first place the map gives that source.
 */
function frameIn(source: RegExp, declares?: string): Node['callFrame'] {
  const map = runtimeMap();
  const index = map.sources.findIndex((s) => s !== null && source.test(s));
  expect(index, `${source} among the sources of ${RUNTIME}'s map`).toBeGreaterThanOrEqual(0);
  const line = declares ? map.sourcesContent![index]!.split('\n').findIndex((text) => text.includes(`function ${declares}(`)) + 1 : null;
  if (declares) expect(line, `function ${declares} in ${map.sources[index]}`).toBeGreaterThan(0);
  let found: { line: number; column: number } | null = null;
  eachMapping(map, (m) => {
    if (!found && m.source === map.resolvedSources[index] && (line === null || m.originalLine === line)) found = { line: m.generatedLine, column: m.generatedColumn };
  });
  expect(found, `${source}${declares ? ` at function ${declares}` : ''} in ${RUNTIME}`).not.toBeNull();
  const at = found as unknown as { line: number; column: number };
  return { functionName: 'L', url: pathToFileURL(RUNTIME).href, lineNumber: at.line - 1, columnNumber: at.column };
}

describe('reading a CPU profile of the app', () => {
  it('finds the server runtime Next.js ships, with its source map', () => {
    expect(fs.existsSync(RUNTIME)).toBe(true);
    expect(fs.existsSync(`${RUNTIME}.map`)).toBe(true);
  });

  it('tells React\'s three passes and Next.js apart inside it, and names functions from the original source', () => {
    // React's HTML writer, minified to `L` in the bundle: named as React's source declares it.
    const html = frameIn(/react-dom-server\.node\.production/, 'writeChunk');
    expect(partOf(html)).toBe('React: writing the HTML');
    expect(nameOf(html)).toMatch(/^writeChunk react-dom-server\.node\.production\.js:\d+$/);
    expect(partOf(frameIn(/react-server-dom-[\w-]+-server\.node\.production/))).toBe('React: the RSC payload');
    expect(partOf(frameIn(/react-server-dom-[\w-]+-client\.node\.production/))).toBe('React: reading the payload back for the HTML');
    expect(partOf(frameIn(/\/next\/.*\.tsx?$|^[^/]*src\/server\//))).toBe('Next.js server runtime');
  });

  it('sorts the other frames by where they come from', () => {
    const at = (url: string, functionName = 'f') => partOf({ functionName, url, lineNumber: 0, columnNumber: 0 });
    expect(at('', '(garbage collector)')).toBe('garbage collector');
    expect(at('', '(idle)')).toBeNull();
    expect(at('wasm://wasm/0123abcd')).toBe('PGlite (WebAssembly)');
    expect(at('file:///x/node_modules/@electric-sql/pglite/dist/index.js')).toBe('PGlite (JavaScript)');
    expect(at('file:///x/node_modules/pg-protocol/dist/parser.js')).toBe('pg driver');
    expect(at('node:internal/streams/writable')).toBe('Node.js');
    expect(at('file:///x/node_modules/autocannon/lib/run.js')).toBe('package autocannon');
  });

  it('counts only the samples inside a window, as milliseconds per request', () => {
    const frame = (id: number, functionName: string, url: string): Node => ({ id, callFrame: { functionName, url, lineNumber: 0, columnNumber: 0 } });
    const profile: CpuProfile = {
      nodes: [frame(1, '(root)', ''), frame(2, '(garbage collector)', ''), frame(3, 'parse', 'wasm://wasm/1'), frame(4, '(idle)', '')],
      startTime: 1_000,
      // Samples at 1,100, 1,200, 1,300, 1,400 and 1,500 µs; each stands for the 100 µs until the next.
      samples: [2, 3, 3, 4, 2],
      timeDeltas: [100, 100, 100, 100, 100],
    };
    const { parts, functions } = slice(profile, { label: 'w', fromUs: 1_150, toUs: 1_450, requests: 2 });
    expect(Object.fromEntries(parts)).toEqual({ 'PGlite (WebAssembly)': 0.1 }); // two samples of 0.1 ms over two requests; idle left out
    expect([...functions.keys()]).toEqual(['parse 1:1']);
  });
});
