import fs from 'node:fs';
import path from 'node:path';

/**
 * The JSON API's plain addresses: /api/v1/ and segments of letters, digits, '-' and '_'. proxy.ts
 * does not run on them (its matcher; tests/unit/proxy-matcher.test.ts checks that this is exactly
 * the set its compiled matcher skips). Kept apart from the matcher's compilation, which loads
 * Next.js's build code: in a worker that shares its modules across files (the data-layer projects)
 * that code created Next.js's request storage before Next.js's runtime was set up, and a later
 * file's request then failed with "AsyncLocalStorage accessed in runtime where it is not available".
 */
export const PLAIN_API_ADDRESS = /^\/api\/v1\/(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-]+$/;

/** Every route handler file on disk (relative to the project), with an address for it: plain values for its dynamic segments. */
export function routesOnDisk(): { file: string; address: string }[] {
  const found: { file: string; address: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const segments = path.relative('app', path.dirname(full)).split(path.sep)
          .filter((s) => !/^\(.*\)$/.test(s)) // route groups are not in the address
          .map((s) => (/^\[\[?\.\.\./.test(s) ? 'a/b' : /^\[.*\]$/.test(s) ? 'cmx5yukan00087l7dm4lz33fz' : s));
        found.push({ file: full, address: `/${segments.join('/')}` });
      }
    }
  };
  walk('app');
  return found;
}
