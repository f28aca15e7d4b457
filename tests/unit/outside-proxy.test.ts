import { describe, expect, it } from 'vitest';
import { checkOutsideProxy } from '@/server/api/handler';
import { BadAddressError, ForbiddenError } from '@/server/errors';

// The routes proxy.ts does not run on (uploads, imports, the metrics read) make its checks
// themselves (server/api/handler.ts). They must refuse what the proxy refuses, and let through what
// it lets through: a read from our own page carries no Origin (browsers send none on a same-origin
// GET), so only state-changing methods are held to the origin, as in the proxy.
const at = (method: string, headers: Record<string, string> = {}, address = 'http://accord.test/api/v1/partnerships/apple-pay-alipay/metrics') =>
  new Request(address, { method, headers: { host: 'accord.test', ...headers } });
const SESSION = { cookie: 'better-auth.session_token=abc' };

describe('checks made by a route the proxy skips', () => {
  it('lets reads through with a session and no Origin, as the proxy does', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(() => checkOutsideProxy(at(method, SESSION))).not.toThrow();
  });

  it('refuses a state-changing session request from another site, or with no Origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(() => checkOutsideProxy(at(method, SESSION)), method).toThrow(ForbiddenError);
      expect(() => checkOutsideProxy(at(method, { ...SESSION, origin: 'https://evil.example' })), method).toThrow(ForbiddenError);
      expect(() => checkOutsideProxy(at(method, { ...SESSION, origin: 'null' })), method).toThrow(ForbiddenError);
      expect(() => checkOutsideProxy(at(method, { ...SESSION, origin: 'http://accord.test' })), method).not.toThrow();
      expect(() => checkOutsideProxy(at(method, { authorization: 'Bearer acc_x' })), method).not.toThrow();
    }
  });

  it('refuses control characters in the query, and broken escapes in the path, whatever the method', () => {
    for (const method of ['GET', 'POST']) {
      for (const query of ['?metric=%00', '?region=US%0D%0ACN', '?%07=1']) {
        const address = `http://accord.test/api/v1/partnerships/apple-pay-alipay/metrics${query}`;
        expect(() => checkOutsideProxy(at(method, { authorization: 'Bearer acc_x' }, address)), `${method} ${query}`).toThrow(BadAddressError);
      }
      const broken = 'http://accord.test/api/v1/partnerships/apple-%E0%A4%A/metrics';
      expect(() => checkOutsideProxy(at(method, { authorization: 'Bearer acc_x' }, broken)), `${method} broken escape`).toThrow(BadAddressError);
    }
  });
});
