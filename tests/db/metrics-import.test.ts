import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { IMPORT_LIMITS } from '@/lib/metrics-import';
import { metricsResponse } from '@/server/metrics/api';
import { importMetrics } from '@/server/metrics/import/run';
import { importResponse } from '@/server/metrics/import/request';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let analyst: Actor;
let executive: Actor;
beforeAll(async () => {
  // The demo world from the run's snapshot (PGlite) or template (PostgreSQL), as the fuzz files
  // start: seeding it here again cost this file 10–17 s (tests/db/seed.test.ts seeds for real).
  t = await openDemoDatabase('2026-11-23');
  const actors = await actorsByRole(t.db);
  analyst = actors.ANALYST;
  executive = actors.EXECUTIVE;
});
afterAll(() => t?.close());

const HEADER = 'partnership,region,metric,date,value';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const run = (text: string, dryRun = false, who: Actor = analyst) => importMetrics(who, APPLE_PAY_ALIPAY, { text, fileName: 'test.csv', dryRun });

/** Everything the import could touch, as one fingerprint: values, versions and audit rows. */
async function fingerprint() {
  const [row] = await t.db.$queryRaw<{ values: string; audit: number }[]>`
    SELECT md5(string_agg(concat_ws('|', "partnershipId", "regionId", "metricId", day, value, version), ',' ORDER BY "partnershipId", "regionId", "metricId", day)) AS values,
           (SELECT COUNT(*)::int FROM audit_events) AS audit
    FROM metric_values`;
  return row;
}

async function valueOf(region: string, metric: string, day: string) {
  const [row] = await t.db.$queryRaw<{ value: string; version: number }[]>`
    SELECT trim_scale(v.value)::text AS value, v.version FROM metric_values v JOIN regions r ON r.id = v."regionId" JOIN metrics m ON m.id = v."metricId"
    JOIN partnerships p ON p.id = v."partnershipId" WHERE p.slug = ${APPLE_PAY_ALIPAY} AND r.code = ${region} AND m.key = ${metric} AND v.day = ${day}::date`;
  return row ?? null;
}

describe('CSV import: every problem is named, and a file with any problem writes nothing', () => {
  const cases: [string, string, { column: string; reason: RegExp }][] = [
    ['unknown region', `${APPLE_PAY_ALIPAY},ZZ,cards_added,2015-01-01,5`, { column: 'region', reason: /Unknown region "ZZ"/ }],
    ['unknown metric', `${APPLE_PAY_ALIPAY},US,cards_lost,2015-01-01,5`, { column: 'metric', reason: /Unknown metric "cards_lost"/ }],
    ['unknown partnership', `someone-else,US,cards_added,2015-01-01,5`, { column: 'partnership', reason: /Unknown partnership "someone-else"/ }],
    ['bad date (format)', `${APPLE_PAY_ALIPAY},US,cards_added,01/02/2015,5`, { column: 'date', reason: /Bad date "01\/02\/2015"/ }],
    ['bad date (impossible)', `${APPLE_PAY_ALIPAY},US,cards_added,2015-02-30,5`, { column: 'date', reason: /Bad date "2015-02-30"/ }],
    ['date out of range', `${APPLE_PAY_ALIPAY},US,cards_added,2999-01-01,5`, { column: 'date', reason: /out of range/ }],
    ['negative count', `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,-3`, { column: 'value', reason: /Negative count -3/ }],
    ['not a number', `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,12abc`, { column: 'value', reason: /is not a number/ }],
    ['value out of range (too big)', `${APPLE_PAY_ALIPAY},US,payment_volume,2015-01-01,123456789012345678`, { column: 'value', reason: /out of range/ }],
    ['value out of range (fraction of a count)', `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,2.5`, { column: 'value', reason: /out of range: this metric counts whole items/ }],
    ['value out of range (decimals)', `${APPLE_PAY_ALIPAY},US,payment_volume,2015-01-01,2.123456`, { column: 'value', reason: /at most 4 decimal places/ }],
    ['missing value', `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,`, { column: 'value', reason: /value is missing/ }],
    ['too few columns', `${APPLE_PAY_ALIPAY},US,cards_added`, { column: '', reason: /Expected 5 columns, found 3/ }],
  ];

  for (const [name, line, expected] of cases) {
    it(`${name}: named with line, column and reason; nothing written`, async () => {
      const before = await fingerprint();
      const good = `${APPLE_PAY_ALIPAY},GB,cards_added,2015-01-02,7`;
      for (const dryRun of [true, false]) {
        const report = await run(csv(good, line), dryRun);
        expect(report.committed).toBe(false);
        expect(report.problemCount).toBe(1);
        expect(report.problems).toEqual([{ line: 3, column: expected.column, reason: expect.stringMatching(expected.reason) }]);
      }
      expect(await fingerprint()).toEqual(before);
    });
  }

  it('a duplicate row in the file names the line it repeats', async () => {
    const line = `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,5`;
    const report = await run(csv(line, `${APPLE_PAY_ALIPAY},GB,cards_added,2015-01-01,5`, line.replace(',5', ',6')), true);
    expect(report.problems).toEqual([{ line: 4, column: '', reason: 'Duplicate row: line 2 already has US cards_added on 2015-01-01.' }]);
  });

  it('lists every problem of every line, not just the first', async () => {
    const report = await run(csv(`nope,XX,cards_lost,2015-13-01,-1`, `${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,1`, `${APPLE_PAY_ALIPAY},QQ,transactions,2015-01-01,1`), true);
    expect(report.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['2:partnership', '2:region', '2:metric', '2:date', '2:value', '4:region']);
    expect(report.problemCount).toBe(6);
  });

  it('a header without a needed column, an empty file, a header alone and broken CSV are refused', async () => {
    expect((await run('partnership,region,metric,value\nx,US,cards_added,1\n', true)).problems).toEqual([{ line: 1, column: 'date', reason: expect.stringMatching(/no "date" column/) }]);
    expect((await run('', true)).problems[0]!.reason).toMatch(/The file is empty/);
    expect((await run(`${HEADER}\n`, true)).problems[0]!.reason).toMatch(/header but no rows/);
    const broken = await run(csv(`${APPLE_PAY_ALIPAY},"US,cards_added,2015-01-01,1`), true);
    expect(broken.problemCount).toBe(1);
    expect(broken.problems[0]!.reason).toMatch(/not valid CSV/);
  });

  it('an executive may not import (the guard runs first) and nothing is written', async () => {
    const before = await fingerprint();
    await expect(run(csv(`${APPLE_PAY_ALIPAY},US,cards_added,2015-01-01,5`), false, executive)).rejects.toMatchObject({ status: 403 });
    expect(await fingerprint()).toEqual(before);
  });
});

describe('CSV import: commit', () => {
  it('previews, then upserts all rows in one transaction with one audit row; the same file again changes nothing', async () => {
    const existing = await valueOf('US', 'cards_added', '2014-10-20');
    expect(existing?.value).toBe('400000');
    const file = csv(
      `${APPLE_PAY_ALIPAY},US,cards_added,2014-10-20,400000`, // unchanged
      `${APPLE_PAY_ALIPAY},us,cards_added,2014-10-21,350001`, // correction (region code in lower case is fine)
      `${APPLE_PAY_ALIPAY},DE,payment_volume,2014-10-21,12.5`, // new
    );
    const preview = await run(file, true);
    expect(preview).toMatchObject({ dryRun: true, committed: false, rows: 3, inserted: 1, updated: 1, unchanged: 1, problemCount: 0 });
    expect((await valueOf('US', 'cards_added', '2014-10-21'))?.value).toBe('350000');

    const before = await fingerprint();
    const report = await run(file);
    expect(report).toMatchObject({ committed: true, rows: 3, inserted: 1, updated: 1, unchanged: 1 });
    expect(await valueOf('US', 'cards_added', '2014-10-21')).toEqual({ value: '350001', version: 2 });
    expect(await valueOf('DE', 'payment_volume', '2014-10-21')).toEqual({ value: '12.5', version: 1 });
    expect(await valueOf('US', 'cards_added', '2014-10-20')).toEqual({ value: '400000', version: 1 });
    const [audit] = await t.db.$queryRaw<{ actor: string; context: { rows: number; inserted: number; updated: number; unchanged: number; file: string } }[]>`
      SELECT "actorLabel" AS actor, context FROM audit_events WHERE action = 'metrics.imported' ORDER BY id DESC LIMIT 1`;
    expect(audit).toMatchObject({ actor: analyst.label, context: { file: 'test.csv', rows: 3, inserted: 1, updated: 1, unchanged: 1 } });
    expect((await fingerprint())!.audit).toBe(before!.audit + 1);

    const afterFirst = await fingerprint();
    const again = await run(file);
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 3 });
    const afterSecond = await fingerprint();
    expect(afterSecond!.values).toBe(afterFirst!.values);
    expect(afterSecond!.audit).toBe(afterFirst!.audit + 1);
  });

  it('a failure in the middle of the write leaves nothing behind (one transaction)', async () => {
    // 12,000 rows: more than two batches, the last of which the database itself refuses (a row
    // refused by a trigger the test adds), so the third batch fails after two were written.
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i += 1) {
      const day = new Date(Date.UTC(2016, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${APPLE_PAY_ALIPAY},${['US', 'GB', 'SG', 'AU'][Math.floor(i / 3000)]},transactions,${day},${i}`);
    }
    const before = await fingerprint();
    await t.db.$executeRaw`CREATE FUNCTION accord_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.value = 11999 THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`;
    await t.db.$executeRaw`CREATE TRIGGER accord_test_refuse BEFORE INSERT OR UPDATE ON metric_values FOR EACH ROW EXECUTE FUNCTION accord_test_refuse()`;
    try {
      await expect(run(csv(...lines))).rejects.toThrow();
    } finally {
      await t.db.$executeRaw`DROP TRIGGER accord_test_refuse ON metric_values`;
      await t.db.$executeRaw`DROP FUNCTION accord_test_refuse()`;
    }
    expect(await fingerprint()).toEqual(before);
    const ok = await run(csv(...lines));
    expect(ok).toMatchObject({ committed: true, rows: 12_000 });
  });

  it('reports its progress through a large file (checking, comparing, writing)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 45_000; i += 1) {
      const day = new Date(Date.UTC(2003, 0, 1) + (i % 4500) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${APPLE_PAY_ALIPAY},${['US', 'GB', 'SG', 'AU', 'CN', 'HK', 'JP', 'DE', 'US', 'GB'][Math.floor(i / 4500)]},${i < 36_000 ? 'payment_volume' : 'transactions'},${day},${i}`);
    }
    const progress: { phase: string; done: number; total: number }[] = [];
    const report = await importMetrics(analyst, APPLE_PAY_ALIPAY, { text: csv(...lines), fileName: 'big.csv', dryRun: false }, (p) => progress.push(p));
    expect(report).toMatchObject({ committed: true, rows: 45_000, problemCount: 0 });
    expect(report.inserted + report.updated + report.unchanged).toBe(45_000);
    for (const phase of ['checking', 'writing']) {
      const mine = progress.filter((p) => p.phase === phase);
      expect(mine.length, phase).toBeGreaterThan(1);
      expect(mine.map((p) => p.done)).toEqual([...mine.map((p) => p.done)].sort((a, b) => a - b));
      expect(mine.at(-1)!.done).toBe(mine.at(-1)!.total);
    }
    const preview: string[] = [];
    await importMetrics(analyst, APPLE_PAY_ALIPAY, { text: csv(...lines), fileName: 'big.csv', dryRun: true }, (p) => preview.push(p.phase));
    expect(preview).toContain('comparing');
  });

  it('a body cut off half-way (the client went away) is a 422 that says so (as a document upload), and nothing is written', async () => {
    const before = await fingerprint();
    const encoder = new TextEncoder();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 3) controller.enqueue(encoder.encode(csv(`${APPLE_PAY_ALIPAY},US,cards_added,2015-01-0${sent},${sent}`)));
        else controller.error(new Error('connection reset by peer'));
      },
    });
    const request = new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body, duplex: 'half' } as RequestInit);
    await expect(importResponse(analyst, APPLE_PAY_ALIPAY, request)).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/cut off before its end; nothing was imported/) });
    expect(await fingerprint()).toEqual(before);
  });

  it('a progress stream the client leaves half-way: the import still ends whole, audited, and nothing is thrown or logged', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i += 1) {
      const day = new Date(Date.UTC(2001, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${APPLE_PAY_ALIPAY},${['US', 'GB', 'SG', 'AU', 'CN', 'HK', 'JP', 'DE', 'US', 'GB'][Math.floor(i / 3000)]},${i < 24_000 ? 'transactions' : 'payment_volume'},${day},${i + 7}`);
    }
    const before = await fingerprint();
    const imports = await t.db.auditEvent.count({ where: { action: 'metrics.imported' } });
    const unhandled: unknown[] = [];
    const listen = (error: unknown) => void unhandled.push(error);
    process.on('unhandledRejection', listen);
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    try {
      const request = new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics/import`, { method: 'POST', headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' }, body: csv(...lines) });
      const answer = await importResponse(analyst, APPLE_PAY_ALIPAY, request);
      const reader = answer.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(JSON.parse(first.split('\n')[0]!)).toMatchObject({ type: 'progress' });
      await reader.cancel();
      // Wait until the import has written its audit row.
      let after = await fingerprint();
      for (let i = 0; i < 200 && after!.audit === before!.audit; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = await fingerprint();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      after = await fingerprint();
      // It was asked for: it goes on to its end (decided in server/metrics/import/request.ts).
      expect((await t.db.auditEvent.count({ where: { action: 'metrics.imported' } })) - imports).toBe(1);
      expect(after).not.toEqual(before);
      expect(await valueOf('CN', 'transactions', '2001-01-01')).toMatchObject({ value: String(12_000 + 7) });
      expect(unhandled).toEqual([]);
      expect(logged).toEqual([]);
    } finally {
      process.off('unhandledRejection', listen);
      console.error = original;
    }
  });

  it('a body over the size limit is refused with 413 and nothing is written', async () => {
    const before = await fingerprint();
    const request = new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics/import`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: HEADER + '\n' + 'x'.repeat(IMPORT_LIMITS.maxBytes),
    });
    await expect(importResponse(analyst, APPLE_PAY_ALIPAY, request)).rejects.toMatchObject({ status: 413, message: expect.stringContaining('larger than 64 MB') });
    expect(await fingerprint()).toEqual(before);
  });

  it('a cached JSON answer is never stale: any change to the metrics bumps the data version in the same transaction', async () => {
    const q = { metrics: ['cards_added'], regions: ['US'], from: '2014-10-23', to: '2014-10-23', granularity: 'day' as const, mode: 'period' as const, format: 'json' as const, download: false };
    const read = async () => {
      const response = await metricsResponse(executive, APPLE_PAY_ALIPAY, q);
      return { cache: response.headers.get('x-accord-cache'), body: (await response.json()) as { rows: { value: number }[]; meta: { asOf: string } } };
    };
    const first = await read();
    const second = await read();
    expect(second).toMatchObject({ cache: 'hit', body: { rows: first.body.rows } });
    expect([first.cache, second.cache]).toEqual(['miss', 'hit']);
    const value = first.body.rows[0]!.value + 1;
    await run(csv(`${APPLE_PAY_ALIPAY},US,cards_added,2014-10-23,${value}`));
    const third = await read();
    expect(third.cache).toBe('miss');
    expect(third.body.rows[0]!.value).toBe(value);
    // A write that fails changes no version and leaves the cache valid.
    await expect(run(csv(`${APPLE_PAY_ALIPAY},US,cards_added,2014-10-23,-1`))).resolves.toMatchObject({ committed: false });
    expect((await read()).cache).toBe('hit');
  });

  it('two imports at once into the same rows: both commit, one after the other, never a mix, each audited', async () => {
    const file = (offset: number, reversed: boolean) => {
      const lines: string[] = [];
      for (let i = 0; i < 6000; i += 1) {
        const day = new Date(Date.UTC(2005, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10);
        lines.push(`${APPLE_PAY_ALIPAY},${i < 3000 ? 'US' : 'GB'},payment_volume,${day},${i + offset}`);
      }
      return csv(...(reversed ? lines.reverse() : lines));
    };
    const auditBefore = await t.db.auditEvent.count({ where: { action: 'metrics.imported' } });
    const [a, b] = await Promise.all([run(file(1, false)), run(file(100_000, true))]);
    expect([a.committed, b.committed]).toEqual([true, true]);
    const [row] = await t.db.$queryRaw<{ small: number; big: number }[]>`
      SELECT COUNT(*) FILTER (WHERE v.value < 100000)::int AS small, COUNT(*) FILTER (WHERE v.value >= 100000)::int AS big
      FROM metric_values v JOIN metrics m ON m.id = v."metricId" JOIN regions r ON r.id = v."regionId" JOIN partnerships p ON p.id = v."partnershipId"
      WHERE p.slug = ${APPLE_PAY_ALIPAY} AND m.key = 'payment_volume' AND r.code IN ('US', 'GB') AND v.day BETWEEN '2005-01-01' AND '2013-03-19'`;
    // Every row comes from the same file: whichever committed last.
    expect([row!.small, row!.big].sort()).toEqual([0, 6000]);
    expect(await t.db.auditEvent.count({ where: { action: 'metrics.imported' } })).toBe(auditBefore + 2);
    // The second to commit changed every row the first had written.
    expect(Math.max(a.updated, b.updated)).toBe(6000);
  });
});
