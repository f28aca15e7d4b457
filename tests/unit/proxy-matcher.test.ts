import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

// proxy.ts leaves the upload and import routes out (Next.js would copy their bodies into memory and
// cut them at 10 MB). Compiled here by Next.js's own matcher code, as `next build` compiles it, so
// the test shows exactly which addresses skip the proxy.
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (matchers: unknown, nextConfig: object) => { regexp: string }[];
};
const [matcher] = getMiddlewareMatchers(config.matcher, {});
const proxied = (address: string) => new RegExp(matcher!.regexp).test(address);

/** Every route handler on disk, with an address for it (plain values for its dynamic segments). */
function routesOnDisk(): { file: string; address: string }[] {
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

describe('which addresses the proxy runs on', () => {
  const routes = routesOnDisk();

  it('finds the route handlers on disk', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.address)).toContain('/api/v1/partnerships/cmx5yukan00087l7dm4lz33fz/metrics/import');
  });

  it('skips the uploads, imports and the metrics read, for plain ids and slugs', () => {
    for (const address of ['/api/v1/checkpoints/cmx5yukan00087l7dm4lz33fz/documents', '/api/v1/partnerships/apple-pay-alipay/documents',
      '/api/v1/partnerships/apple-pay-alipay/metrics/import', '/api/v1/partnerships/apple-pay-alipay/targets/import',
      '/api/v1/partnerships/apple-pay-alipay/metrics']) {
      expect(proxied(address), address).toBe(false);
    }
  });

  it('every route the proxy skips makes its checks itself (apiRoute outsideProxy), and only those do', () => {
    for (const { file, address } of routes) {
      const source = fs.readFileSync(file, 'utf8');
      const checks = /\boutsideProxy: true\b/.test(source);
      expect(checks, `${file}: ${proxied(address) ? 'the proxy runs on it, so it should not pass outsideProxy' : 'the proxy skips it: pass { outsideProxy: true } to apiRoute'}`).toBe(!proxied(address));
    }
  });

  it('runs everywhere else, including a skipped address with anything unusual in it', () => {
    for (const address of ['/', '/partnerships/apple-pay-alipay', '/api/v1/documents/abc', '/api/v1/documents/abc/content', '/api/v1/checkpoints/abc',
      '/api/v1/checkpoints/%00/documents', '/api/v1/checkpoints/\u0000/documents', '/api/v1/checkpoints/%/documents', '/api/v1/checkpoints/a.b/documents',
      '/api/v1/partnerships/apple-pay-alipay/documents/', '/api/v1/partnerships/x/documents/extra', '/api/v1/milestones/abc/documents',
      '/api/v1/partnerships/x%00/metrics/import', '/api/v1/partnerships/x/metrics/import/', '/api/v1/partnerships/x%00/metrics', '/api/v1/partnerships/x/metrics/',
      '/api/v1/partnerships/x/metrics/other', '/partnerships/x/metrics/import', '/partnerships/x/metrics']) {
      expect(proxied(address), address).toBe(true);
    }
  });
});
