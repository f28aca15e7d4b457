import path from 'node:path';
import { describe, expect, it } from 'vitest';

// First-load JavaScript (bench goal ≤ 200 kB gzip) grew by 41 kB when the portfolio's saved views
// and the dashboard's note composer imported a length limit from a lib/schemas/ module: zod came
// along into both pages' first load (bench/results/notes.md). Limits and helpers the client needs
// live in zod-free modules (lib/limits.ts, lib/slug.ts, lib/target-fields.ts). This walks every
// 'use client' module's static imports on disk, so a new form cannot bring zod back; packages
// listed in HEAVY are allowed only behind next/dynamic (an import() is not followed).
const SOURCES = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['../../components/**/*.{ts,tsx}', '../../app/**/*.{ts,tsx}', '../../lib/**/*.{ts,tsx}'], { query: '?raw', import: 'default', eager: true }),
  ).map(([file, source]) => [path.posix.normalize(file.replace(/^\.\.\/\.\.\//, '')), source]),
);

/** Packages no client module may import statically: the page-specific ones load on demand. */
const HEAVY = ['zod', 'react-markdown', '@scalar/api-reference-react', 'recharts'];
/** Modules that are themselves the on-demand part (loaded through next/dynamic by an island). */
const LOADED_ON_DEMAND = new Set(['components/docs/scalar-reference.tsx', 'components/charts/activation-chart.tsx', 'components/charts/metrics-chart.tsx']);

const isClient = (source: string) => /^\s*['"]use client['"]/.test(source);
const isServerActions = (source: string) => /^\s*['"]use server['"]/.test(source);

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.posix.join(path.posix.dirname(from), spec) : null;
  if (base === null) return null;
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((f) => f in SOURCES) ?? null;
}

/** The static (non-type) imports of a module: `import x from`, `import {…} from`, `export … from`, `import 'x'`. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) if (!m[1]) specs.push(m[2]!);
  return specs;
}

/** The first chain from `file` to a HEAVY package, or null. Server-action modules are references, not code. */
function heavyChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  for (const spec of importsOf(SOURCES[file]!)) {
    const pkg = HEAVY.find((p) => spec === p || spec.startsWith(`${p}/`));
    if (pkg) return [file, pkg];
    const next = resolve(file, spec);
    if (!next || isServerActions(SOURCES[next]!)) continue;
    const chain = heavyChain(next, seen);
    if (chain) return [file, ...chain];
  }
  return null;
}

const CLIENT = Object.keys(SOURCES).filter((f) => isClient(SOURCES[f]!) && !LOADED_ON_DEMAND.has(f));

describe('client modules keep heavy packages out of first-load JavaScript', () => {
  it('finds the client modules on disk', () => {
    expect(CLIENT.length).toBeGreaterThan(40);
  });
  it('no client module imports zod, markdown, Scalar or Recharts statically', () => {
    const chains = CLIENT.map((f) => heavyChain(f)).filter((c): c is string[] => c !== null).map((c) => c.join(' -> '));
    expect(chains).toEqual([]);
  });
  it('would see a schema import (the check is not blind)', () => {
    expect(importsOf("import { a } from '@/lib/schemas/views';\nimport type { B } from 'zod';\nexport { c } from './c';")).toEqual(['@/lib/schemas/views', './c']);
    expect(heavyChain('lib/schemas/views.ts')?.at(-1)).toBe('zod');
  });
});
