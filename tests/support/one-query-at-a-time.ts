import { createRequire } from 'node:module';
import { afterEach, expect } from 'vitest';

/**
 * pg 8 queues a query sent on a client that is still running another ("deprecated and will be
 * removed in pg@9.0"), and says so once per process; pg 9 refuses it. A transaction is one client,
 * so Promise.all over a transaction's queries did it, and Prisma's loading of `include`d relations
 * (decision 001, addendum 2026-12-05). This records every query sent while another is running or
 * queued on the same client, with its stack, and fails the test it happened in.
 */
const require = createRequire(import.meta.url);
type PgClient = { prototype: { query: (...args: unknown[]) => unknown } };
const state = globalThis as typeof globalThis & { accordOverlapping?: string[] };
if (!state.accordOverlapping) {
  const seen: string[] = (state.accordOverlapping = []);
  const { Client } = require('pg') as { Client: PgClient };
  const query = Client.prototype.query;
  Client.prototype.query = function (this: { _activeQuery?: unknown; _queryQueue?: unknown[]; pipeline?: boolean }, ...args: unknown[]) {
    if (!this.pipeline && (this._activeQuery || (this._queryQueue?.length ?? 0) > 0)) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text ?? '';
      seen.push(`${text.slice(0, 160)}\n${new Error().stack?.split('\n').slice(2, 14).join('\n')}`);
    }
    return query.apply(this, args);
  };
}

afterEach(() => {
  const overlapping = state.accordOverlapping!.splice(0);
  expect(overlapping, 'a query was sent on a database client still running another (pg 9 refuses it)').toEqual([]);
});
