import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

// proxy.ts leaves the two upload routes out (Next.js would copy their bodies into memory and cut
// them at 10 MB). Compiled here by Next.js's own matcher code, as `next build` compiles it, so the
// test shows exactly which addresses skip the proxy: plain-id uploads, and nothing else.
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (matchers: unknown, nextConfig: object) => { regexp: string }[];
};
const [matcher] = getMiddlewareMatchers(config.matcher, {});
const proxied = (path: string) => new RegExp(matcher!.regexp).test(path);

describe('which addresses the proxy runs on', () => {
  it('skips the upload routes for plain ids and slugs', () => {
    expect(proxied('/api/v1/checkpoints/cmx5yukan00087l7dm4lz33fz/documents')).toBe(false);
    expect(proxied('/api/v1/partnerships/apple-pay-alipay/documents')).toBe(false);
  });
  it('runs everywhere else, including an upload address with anything unusual in it', () => {
    for (const path of ['/', '/partnerships/apple-pay-alipay', '/api/v1/documents/abc', '/api/v1/documents/abc/content', '/api/v1/checkpoints/abc',
      '/api/v1/checkpoints/%00/documents', '/api/v1/checkpoints/\u0000/documents', '/api/v1/checkpoints/%/documents', '/api/v1/checkpoints/a.b/documents',
      '/api/v1/partnerships/apple-pay-alipay/documents/', '/api/v1/partnerships/x/documents/extra', '/api/v1/milestones/abc/documents']) {
      expect(proxied(path), path).toBe(true);
    }
  });
});
