import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { getDatabase } from '@/server/db/client';
import { readRows, writeRows } from '@/server/db/read-rows';
import { asUserFacing, isDatabaseUnavailable } from '@/server/health/unavailable';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// server/db/read-rows.ts sends the reads every request makes straight to the driver adapter Prisma
// connected, and must answer exactly what db.$queryRaw answers: every column type, nulls,
// parameters of every kind of text, and errors. Both engines (the pglite and postgres projects).
let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.$queryRaw`SELECT 1`; // Prisma connects its adapter on its first statement
});
afterAll(() => t?.close());

const ODD_TEXT = ['plain', '', 'tab\tnewline\ncr\r', 'ctrl\u0001\u001f\u007f', 'rtl \u202Eevil\u202C mark \u200F', 'é ü 漢字 🚀', 'x'.repeat(2000), "quote ' and \" and \\ and $1"];

// Every column type the app's raw reads return, each with a value and with NULL.
const COLUMNS: Record<string, Prisma.Sql> = {
  text: Prisma.sql`SELECT 'Alipay'::text AS v, NULL::text AS n`,
  varchar: Prisma.sql`SELECT 'Apple'::varchar(20) AS v, NULL::varchar AS n`,
  char: Prisma.sql`SELECT 'ab'::char(4) AS v, NULL::char(1) AS n`,
  int2: Prisma.sql`SELECT 7::int2 AS v, NULL::int2 AS n`,
  int4: Prisma.sql`SELECT (-2147483648)::int4 AS v, 2147483647::int4 AS w, NULL::int4 AS n`,
  int8: Prisma.sql`SELECT 9007199254740993::int8 AS v, (-1)::int8 AS w, NULL::int8 AS n`,
  float4: Prisma.sql`SELECT 1.5::float4 AS v, NULL::float4 AS n`,
  float8: Prisma.sql`SELECT 0.1::float8 AS v, 'NaN'::float8 AS w, NULL::float8 AS n`,
  numeric: Prisma.sql`SELECT 12345678901234567890.123::numeric AS v, NULL::numeric AS n`,
  bool: Prisma.sql`SELECT true AS v, false AS w, NULL::boolean AS n`,
  timestamp3: Prisma.sql`SELECT '2014-10-28 09:30:00.123'::timestamp(3) AS v, NULL::timestamp(3) AS n`,
  timestamptz: Prisma.sql`SELECT '2014-10-28 09:30:00.123+08'::timestamptz AS v, NULL::timestamptz AS n`,
  date: Prisma.sql`SELECT '2014-10-28'::date AS v, NULL::date AS n`,
  time: Prisma.sql`SELECT '09:30:00'::time AS v, NULL::time AS n`,
  uuid: Prisma.sql`SELECT '6a1f1bd2-8f0e-4b8e-9a55-3d4c2f1e0b7a'::uuid AS v, NULL::uuid AS n`,
  json: Prisma.sql`SELECT '{"a":[1,"x",null]}'::json AS v, '{"b":true}'::jsonb AS w, NULL::jsonb AS n`,
  bytea: Prisma.sql`SELECT '\\x00ff10'::bytea AS v, NULL::bytea AS n`,
  enum: Prisma.sql`SELECT role AS v FROM (SELECT 'ANALYST'::"Role" AS role) r`,
  'no rows': Prisma.sql`SELECT 1 AS v WHERE false`,
  'several rows': Prisma.sql`SELECT g AS v, g::text AS w FROM generate_series(1, 5) g`,
  'the data versions': Prisma.sql`SELECT name, version FROM data_versions WHERE name IN ('content', 'metrics')`,
};

describe('readRows answers what $queryRaw answers', () => {
  it('reads through the adapter Prisma connected (not a second connection)', () => {
    expect(getDatabase().adapter.connected()).not.toBeNull();
  });

  for (const [name, query] of Object.entries(COLUMNS)) {
    it(`column type: ${name}`, async () => {
      const expected = await t.db.$queryRaw<unknown[]>(query);
      expect(await readRows(query)).toEqual(expected);
    });
  }

  it('text and number parameters, odd text included', async () => {
    for (const text of ODD_TEXT) {
      const query = Prisma.sql`SELECT ${text}::text AS v, length(${text}) AS len, ${text.length} + 0.5 AS num`;
      const rows = await readRows<{ v: string }>(query);
      expect(rows).toEqual(await t.db.$queryRaw(query));
      expect(rows[0]!.v).toBe(text);
    }
  });

  it('a real row with every kind of column: a user joined to nothing, missing and present', async () => {
    const user = await t.db.user.create({ data: { email: 'read-rows@example.test', name: 'Read \u202Erows', role: 'EXECUTIVE' } });
    for (const id of [user.id, 'no-such-user']) {
      const query = Prisma.sql`SELECT u.id, u.email, u.name, u.role, u.role::text AS "roleText", u."createdAt", u."deactivatedAt", u."mustChangePassword", u."organizationId"
        FROM (SELECT 1) one LEFT JOIN users u ON u.id = ${id}`;
      expect(await readRows(query)).toEqual(await t.db.$queryRaw(query));
    }
  });
});

describe('what readRows refuses, and its errors', () => {
  it('refuses what it does not convert itself, so a new kind of read is sent through $queryRaw', async () => {
    // Arrays and non-text parameters: $queryRaw reads them; readRows says to use it.
    const array = Prisma.sql`SELECT ARRAY[1, 2] AS v`;
    await expect(t.db.$queryRaw(array)).resolves.toHaveLength(1);
    await expect(readRows(array)).rejects.toThrow(/use db\.\$queryRaw/);
    await expect(readRows(Prisma.sql`SELECT ${true} AS v`)).rejects.toThrow(/use db\.\$queryRaw/);
    await expect(readRows(Prisma.sql`SELECT ${new Date()} AS v`)).rejects.toThrow(/use db\.\$queryRaw/);
  });

  it('fails as $queryRaw fails: same error class and message', async () => {
    for (const query of [Prisma.sql`SELECT * FROM no_such_table`, Prisma.sql`SELECT 1 / ${0}::int AS v`, Prisma.sql`SELECT ${'x'}::int AS v`]) {
      const expected = await t.db.$queryRaw(query).then(() => null, (e: unknown) => e);
      const actual = await readRows(query).then(() => null, (e: unknown) => e);
      expect(expected).toBeInstanceOf(Error);
      expect(actual).toBeInstanceOf((expected as Error).constructor);
      expect((actual as Error).message).toBe((expected as Error).message);
    }
  });
});

describe('writeRows: a statement that writes, sent once', () => {
  it('answers what $queryRaw answers, odd text included, and writes each time it is called', async () => {
    for (const text of ODD_TEXT) {
      const key = `write-rows:${text}`;
      const upsert = Prisma.sql`INSERT INTO api_rate_limits AS r (key, "windowStart", count)
        VALUES (${key}, to_timestamp(${1414459800.123}::float8) AT TIME ZONE 'UTC', 1)
        ON CONFLICT (key) DO UPDATE SET count = r.count + 1
        RETURNING key, count, "windowStart", json_build_object('key', key, 'n', count) AS meta`;
      const [first] = await t.db.$queryRaw<{ key: string; count: number; meta: { n: number } }[]>(upsert);
      const second = await writeRows(upsert);
      expect(second).toEqual([{ ...first, count: 2, meta: { ...first!.meta, n: 2 } }]);
      expect(first!.key).toBe(key);
      expect(await t.db.apiRateLimit.findUniqueOrThrow({ where: { key } })).toMatchObject({ count: 2 });
    }
  });

  it('is not sent again when it fails (readRows would): the adapter\'s error, with the database\'s message', async () => {
    // Fails on its first run only: a sequence does not roll back, so a second run would succeed.
    await t.db.$executeRawUnsafe('CREATE SEQUENCE write_rows_once');
    const once = Prisma.sql`SELECT 1 / (nextval('write_rows_once') - ${1})::int AS v`;
    const failed = await writeRows(once).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(String((failed as Error).message)).toMatch(/division by zero/);
    expect(isDatabaseUnavailable(failed), 'a statement\'s own failure is not an outage').toBe(false);
    expect(asUserFacing(failed)).toBe(failed);
    expect(await t.db.$queryRaw`SELECT last_value FROM write_rows_once`).toEqual([{ last_value: 1n }]);
    // readRows, reading, sends a refused statement again through $queryRaw: here that second run succeeds.
    await t.db.$executeRawUnsafe('ALTER SEQUENCE write_rows_once RESTART');
    expect(await readRows(once)).toEqual([{ v: 1 }]);
  });

  it('refuses parameters it does not convert, before sending anything', async () => {
    await expect(writeRows(Prisma.sql`SELECT ${true} AS v`)).rejects.toThrow(/use db\.\$queryRaw/);
  });
});
