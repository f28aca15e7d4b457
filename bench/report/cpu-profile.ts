import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/**
 * Reading a V8 CPU profile of the app (`npm run bench:profile`, bench/profile.ts): each sample's part
 * of the app (React's passes, Next.js, the app's own code, a package, the database, the collector)
 * and its function, named through the source maps beside the bundles. tests/unit/cpu-profile.test.ts
 * checks it against the Next.js installed.
 */
export type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
export type CpuProfile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };
export type Window = { label: string; fromUs: number; toUs: number; requests: number };

/** What part of the app a frame belongs to, by its script's address (the runtime bundles React inside Next.js's). */
export function partOf(frame: Node['callFrame']): string | null {
  const { functionName: name, url } = frame;
  if (name === '(idle)') return null;
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return 'V8 and native code (program)';
  if (url.startsWith('wasm://')) return 'PGlite (WebAssembly)';
  if (url.includes('@electric-sql/pglite')) return 'PGlite (JavaScript)';
  if (/\.runtime\.prod\.js$|next\/dist\/compiled\/next-server/.test(url)) return runtimePart(frame);
  if (url.includes('/node_modules/next/')) return 'Next.js (other)';
  if (/@prisma|generated\/prisma|\/\.prisma\//.test(url)) return 'Prisma';
  if (/\/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return 'pg driver';
  if (url.includes('/.next/server/')) {
    // Bundled: the map says whether it is ours (app/, components/, lib/, server/) or a package's.
    const source = sourceOf(frame);
    const bundled = /node_modules\/((?:(?:@|%40)[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    return bundled ? `package ${decodeURIComponent(bundled)} (bundled)` : 'app code';
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return `package ${pkg}`;
  if (url.startsWith('node:') || url === '') return 'Node.js';
  return 'other';
}

// Next.js ships its server runtime (React inside) minified, with source maps beside it: a function is
// named by its source's name and place, `renderModelDestructive react-server-dom…:1234`, not `L runtime.prod.js:2`.
const maps = new Map<string, TraceMap | null>();
function mapOf(url: string): TraceMap | null {
  if (!maps.has(url)) {
    let map: TraceMap | null = null;
    try {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (file.startsWith('/') && fs.existsSync(`${file}.map`)) map = new TraceMap(fs.readFileSync(`${file}.map`, 'utf8'));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url)!;
}

/** The name a function is declared with on a line of the original source the map carries (React's sources name them; the maps often do not). */
function declaredAt(map: TraceMap, source: string, line: number | null): string | null {
  const index = map.resolvedSources.indexOf(source) >= 0 ? map.resolvedSources.indexOf(source) : map.sources.indexOf(source);
  const text = line ? map.sourcesContent?.[index]?.split('\n')[line - 1] : undefined;
  if (!text) return null;
  const declared = /function\*?\s+([\w$]+)/.exec(text) ?? /([\w$]+)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>)/.exec(text)
    ?? /^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*([\w$]+)\s*[<(]/.exec(text);
  return declared?.[1] ?? null;
}

/** A frame as a person reads it: function, file and line, through the source map where there is one. */
export function nameOf(frame: Node['callFrame']): string {
  const map = frame.url ? mapOf(frame.url) : null;
  const at = map ? originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) }) : null;
  if (at?.source) return `${at.name ?? declaredAt(map!, at.source, at.line) ?? (frame.functionName || '(anonymous)')} ${path.basename(at.source)}:${at.line}`;
  return `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
}

/** The original source file of a frame in a bundle with a source map, or ''. */
function sourceOf(frame: Node['callFrame']): string {
  const map = mapOf(frame.url);
  return map ? (originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) }).source ?? '') : '';
}

/** Next.js's server runtime bundles React: its parts told apart by the source the map names. */
function runtimePart(frame: Node['callFrame']): string {
  const source = sourceOf(frame);
  if (/react-dom-server/.test(source)) return 'React: writing the HTML';
  if (/react-server-dom-[\w-]+-server/.test(source)) return 'React: the RSC payload';
  if (/react-server-dom-[\w-]+-client/.test(source)) return 'React: reading the payload back for the HTML';
  if (/\/react[\w-]*\//.test(source) || /react-jsx|react\.production/.test(source)) return 'React: other';
  return 'Next.js server runtime';
}

/** Milliseconds of CPU per request, by part and by function, for the samples inside one window. */
export function slice(profile: CpuProfile, w: Window) {
  // A node's part and name once, not once per sample (each goes through a source map).
  const byId = new Map(profile.nodes.map((n) => [n.id, { part: partOf(n.callFrame), name: nameOf(n.callFrame) }]));
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (t < w.fromUs || t > w.toUs) continue;
    const { part, name } = byId.get(profile.samples[i]!)!;
    if (!part) continue;
    // A sample stands for the time until the next one (`timeDeltas[i + 1]`), as Chrome's DevTools count it.
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!) / 1000 / w.requests;
    parts.set(part, (parts.get(part) ?? 0) + ms);
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  return { parts, functions };
}
