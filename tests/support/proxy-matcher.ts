import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { config } from '@/proxy';

// proxy.ts's matcher compiled by Next.js's own code, as `next build` compiles it, so the tests see
// exactly which addresses skip the proxy.
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (matchers: unknown, nextConfig: object) => { regexp: string }[];
};
const [matcher] = getMiddlewareMatchers(config.matcher, {});
const compiled = new RegExp(matcher!.regexp);

/** Whether proxy.ts runs on this address (a path, no query). */
export const proxied = (address: string) => compiled.test(address);

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
