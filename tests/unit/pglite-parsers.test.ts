import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import { createPglite, withInstalledParsers } from '@/server/db/pglite';

// server/db/pglite.ts: the Prisma adapter's parsers are installed in the PGlite instance once
// instead of being passed (and copied with PGlite's whole table) on every query. What Prisma reads
// must not change: every column type the adapter parses, read through the installed parsers, equals
// the same read through the adapter as it comes, on an instance of its own.
const COLUMNS = `
  SELECT '2024-02-29'::date AS d, '23:59:58.5'::time AS t, '10:00:00+05:30'::timetz AS tz,
    '2014-10-27 09:30:00.123456'::timestamp AS ts, '2014-10-27 09:30:00.5+08'::timestamptz AS tstz,
    '12345678901234567890.123456789'::numeric AS n, '12.34'::money AS m,
    '{"a": [1, 2.5, "x"]}'::json AS j, '{"b": null}'::jsonb AS jb, '\\x00ff10'::bytea AS b,
    9007199254740993::int8 AS big,
    ARRAY['1.5', '-0.000001']::numeric[] AS na, ARRAY['2024-01-01']::date[] AS da,
    ARRAY['2024-01-01 00:00:01']::timestamp[] AS tsa, ARRAY['2024-01-01 00:00:01+00']::timestamptz[] AS tstza,
    ARRAY['{"c": 1}']::jsonb[] AS jba, ARRAY['{"c": 2}']::json[] AS ja,
    ARRAY['\\x01'::bytea] AS ba, ARRAY[9007199254740993]::int8[] AS biga, ARRAY['101']::varbit[] AS vb`;

describe('PGlite with the adapter parsers installed (server/db/pglite.ts)', () => {
  let installed: PGlite;
  let plain: PGlite;
  let viaInstalled: PrismaClient;
  let viaPlain: PrismaClient;
  const sentOptions: unknown[] = [];

  beforeAll(async () => {
    [installed, plain] = await Promise.all([createPglite(), createPglite()]);
    const query = installed.query.bind(installed);
    // A probe on the real instance: what the view hands to PGlite's own query().
    installed.query = ((sql: string, params?: unknown[], options?: Record<string, unknown>) => {
      sentOptions.push(options);
      return query(sql, params, options);
    }) as PGlite['query'];
    viaInstalled = new PrismaClient({ adapter: new PrismaPGlite(withInstalledParsers(installed)) });
    viaPlain = new PrismaClient({ adapter: new PrismaPGlite(plain) });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([viaInstalled?.$disconnect(), viaPlain?.$disconnect()]);
    await Promise.all([installed?.close(), plain?.close()]);
  });

  it('reads every type the adapter parses exactly as the adapter alone does', async () => {
    const expected = await viaPlain.$queryRawUnsafe<Record<string, unknown>[]>(COLUMNS);
    const got = await viaInstalled.$queryRawUnsafe<Record<string, unknown>[]>(COLUMNS);
    expect(got).toEqual(expected);
    // The values are the adapter's, not PGlite's defaults (which would round the int8 and the numeric).
    expect(String(got[0]!.big)).toBe('9007199254740993');
    expect(String(got[0]!.n)).toBe('12345678901234567890.123456789');
  });

  it('hands PGlite no parsers with a query, so nothing copies its table per query', async () => {
    sentOptions.length = 0;
    await viaInstalled.$queryRawUnsafe('SELECT 1 AS one');
    expect(sentOptions.length).toBeGreaterThan(0);
    for (const options of sentOptions) expect(options && typeof options === 'object' ? 'parsers' in options : false).toBe(false);
  });

  it('reads the same inside a transaction, and after PGlite rebuilds its array parsers', async () => {
    const expected = await viaPlain.$queryRawUnsafe<Record<string, unknown>[]>(COLUMNS);
    const inTransaction = await viaInstalled.$transaction((tx) => tx.$queryRawUnsafe<Record<string, unknown>[]>(COLUMNS));
    expect(inTransaction).toEqual(expected);
    const table = installed.parsers as Record<string, unknown>;
    const before = { ...table };
    await installed.refreshArrayTypes(); // writes PGlite's own array parsers back into the table
    expect(Object.keys(before).filter((k) => table[k] !== before[k]).length).toBeGreaterThan(0);
    expect(await viaInstalled.$queryRawUnsafe<Record<string, unknown>[]>(COLUMNS)).toEqual(expected);
  });

  it('rolls a failed transaction back through the view', async () => {
    await viaInstalled.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS kept (v int)');
    await expect(viaInstalled.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('INSERT INTO kept VALUES (1)');
      throw new Error('stop');
    })).rejects.toThrow('stop');
    expect(await viaInstalled.$queryRawUnsafe('SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
  });
});
