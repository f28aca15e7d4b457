import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The app's routes as found on disk (issue 13: a new page or API route is covered by the screen
 * suite and the hostile-path fuzzer without anyone remembering to list it).
 */
export type DiscoveredRoute = {
  /** The file, relative to the project, e.g. app/(app)/partnerships/[slug]/page.tsx */
  file: string;
  /** The URL pattern, e.g. /partnerships/[slug] */
  pattern: string;
  /** The dynamic segments in order, e.g. ['slug'] */
  segments: string[];
  /** Route group, e.g. '(app)' or '(auth)'; '' when none. */
  group: string;
  /** For route.ts: the HTTP methods it exports. */
  methods: string[];
};

const APP = join(process.cwd(), 'app');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function describe(path: string): DiscoveredRoute {
  const parts = relative(APP, path).split(sep).slice(0, -1);
  const group = parts.find((p) => /^\(.+\)$/.test(p)) ?? '';
  const urlParts = parts.filter((p) => !/^\(.+\)$/.test(p) && !p.startsWith('@'));
  const segments = urlParts.filter((p) => /^\[.+\]$/.test(p)).map((p) => p.slice(1, -1));
  const source = path.endsWith('route.ts') ? readFileSync(path, 'utf8') : '';
  const methods = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? '');
  return { file: relative(process.cwd(), path), pattern: `/${urlParts.join('/')}`, segments, group, methods };
}

export function discoverPages(): DiscoveredRoute[] {
  return walk(APP).filter((p) => p.endsWith(`${sep}page.tsx`)).map(describe).sort((a, b) => a.pattern.localeCompare(b.pattern));
}

export function discoverApiRoutes(): DiscoveredRoute[] {
  return walk(APP).filter((p) => p.endsWith(`${sep}route.ts`)).map(describe).sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The pattern with each [segment] replaced by `value(segment, pattern)` (URL-encoded unless raw). */
export function fillPattern(pattern: string, value: (segment: string, pattern: string) => string, raw = false): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => (raw ? value(name, pattern) : encodeURIComponent(value(name, pattern))));
}
