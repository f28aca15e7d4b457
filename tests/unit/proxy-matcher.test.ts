import { describe, expect, it } from 'vitest';
import { proxied } from '@/tests/support/proxy-matcher';
import { PLAIN_API_ADDRESS, routesOnDisk } from '@/tests/support/routes-on-disk';

// Which addresses proxy.ts runs on, by its matcher as Next.js compiles it. The routes it skips make
// its checks themselves: tests/db/routes-outside-proxy.test.ts calls each of their handlers to show it.
describe('which addresses the proxy runs on', () => {
  const routes = routesOnDisk();

  it('finds the route handlers on disk', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.address)).toContain('/api/v1/partnerships/cmx5yukan00087l7dm4lz33fz/metrics/import');
  });

  it('skips exactly the plain API addresses the data-layer tests call as skipped (PLAIN_API_ADDRESS), for every route on disk', () => {
    for (const { address } of routes) expect(proxied(address), address).toBe(!PLAIN_API_ADDRESS.test(address));
  });

  it('skips every /api/v1 route at a plain address: the uploads, imports, the metrics read and the rest', () => {
    const api = routes.filter((r) => r.address.startsWith('/api/v1/') && !r.address.includes('.'));
    expect(api.length).toBeGreaterThan(45);
    for (const { address } of api) expect(proxied(address), address).toBe(false);
    for (const address of ['/api/v1/checkpoints/cmx5yukan00087l7dm4lz33fz/documents', '/api/v1/partnerships/apple-pay-alipay/documents',
      '/api/v1/partnerships/apple-pay-alipay/metrics/import', '/api/v1/partnerships/apple-pay-alipay/targets/import',
      '/api/v1/partnerships/apple-pay-alipay/metrics', '/api/v1/me', '/api/v1/no/such/address']) {
      expect(proxied(address), address).toBe(false);
    }
  });

  it('runs everywhere else, including a skipped address with anything unusual in it', () => {
    for (const address of ['/', '/partnerships/apple-pay-alipay', '/api/v1/openapi.json', '/api/health', '/api/auth/sign-in', '/audit/abc/raw',
      '/api/v1/checkpoints/%00/documents', '/api/v1/checkpoints/\u0000/documents', '/api/v1/checkpoints/%/documents', '/api/v1/checkpoints/a.b/documents',
      '/api/v1/partnerships/apple-pay-alipay/documents/', '/api/v1/partnerships/x%2Fy/documents', '/api/v1/partnerships/x.y/metrics',
      '/api/v1/partnerships/x%00/metrics/import', '/api/v1/partnerships/x/metrics/import/', '/api/v1/partnerships/x%00/metrics', '/api/v1/partnerships/x/metrics/',
      '/api/v1/partnerships/x%20y', '/api/v1/', '/api/v1', '/api/v1/../me', '/partnerships/x/metrics/import', '/partnerships/x/metrics']) {
      expect(proxied(address), address).toBe(true);
    }
  });
});
