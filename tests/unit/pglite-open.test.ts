import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every PGlite instance loads the extensions the migrations create (pg_trgm for search, issue 15):
// without it a database with a trigram index refuses even an INSERT ("could not access file
// pg_trgm"). server/db/pglite.ts is the one place that opens PGlite; found on disk, so a new script,
// test helper or bench step that opens one by itself fails here.
const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.next', '.git', 'data', 'test-results', 'playwright-report', 'generated', '.test-reports']);
const ONE_PLACE = 'server/db/pglite.ts';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || (entry.name.startsWith('.') && entry.isDirectory())) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|mts|mjs|js|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('PGlite instances', () => {
  const opens = sources(root)
    .map((file) => path.relative(root, file))
    .filter((file) => file !== ONE_PLACE && file !== 'tests/unit/pglite-open.test.ts')
    .flatMap((file) =>
      fs.readFileSync(path.join(root, file), 'utf8').split('\n')
        .filter((line) => /\bPGlite\.create\s*\(|\bnew PGlite\s*\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );

  it('are opened only through server/db/pglite.ts, which loads pg_trgm', () => {
    expect(opens).toEqual([]);
    expect(fs.readFileSync(path.join(root, ONE_PLACE), 'utf8')).toMatch(/extensions: PGLITE_EXTENSIONS/);
  });
});
