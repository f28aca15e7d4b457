import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/v1/partnerships/[slug]/metrics/route';
import * as documentContent from '@/app/api/v1/documents/[id]/content/route';
import { operatorActor } from '@/server/auth/actor';
import { copyCsv } from '@/server/db/copy';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { BASE, pdf, uploadToCheckpoint } from '@/tests/support/documents';
import { openDemoDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

// A HEAD request on a route that streams its answer (an export, a document's bytes). Next.js
// answers HEAD by calling the route's GET and sending no body, without reading or cancelling it:
// each HEAD then kept a document's scratch file open, or an export's database connection, until a
// garbage collection or for good (measured on the production build: three HEADs on a CSV export
// address, and every export after them answered 503). apiRoute cancels the body of every HEAD
// answer (server/api/handler.ts). Here the route handlers are called as Next.js calls them for a
// HEAD: the GET export with a HEAD request.
const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-spool-head-'));
process.env.ACCORD_SPOOL_DIR = spoolDir;
let t: TestDatabase;
let analyst: string;
let bd: string;

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  const actors = await actorsByRole(t.db);
  analyst = (await createApiToken(operatorActor(), { ownerId: actors.ANALYST.userId!, name: 'head', readOnly: true })).token;
  bd = (await createApiToken(operatorActor(), { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name: 'head', readOnly: false })).token;
});
afterAll(async () => {
  await t?.close();
  delete process.env.ACCORD_SPOOL_DIR;
  fs.rmSync(spoolDir, { recursive: true, force: true });
});

/** This process's open descriptors on scratch files (unlinked: the link reads "… (deleted)"). */
const openSpools = () => fs.readdirSync('/proc/self/fd').filter((fd) => {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(spoolDir);
  } catch {
    return false;
  }
}).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

const exportAt = (format: string) => `${BASE}/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics?metric=cards_added&granularity=day&format=${format}`;
const callMetrics = (method: string, format: string) =>
  metricsRoute.GET(new Request(exportAt(format), { method, headers: { authorization: `Bearer ${analyst}` } }), { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) });

describe('HEAD on a streamed answer holds nothing afterwards', () => {
  it.skipIf(!fs.existsSync('/proc/self/fd'))('a document: the status and headers of its GET, no body; no scratch file left open, nor by a download abandoned half-way', async () => {
    const checkpoint = await t.db.regulatoryCheckpoint.findFirstOrThrow({ select: { id: true, partnershipId: true } });
    const c = await createCheckpoint(t.db, { partnershipId: checkpoint.partnershipId });
    const bytes = pdf(300_000);
    const { body } = await uploadToCheckpoint(bd, c.id, bytes, 'licence.pdf');
    const before = openSpools();
    const heads: Response[] = [];
    for (let i = 0; i < 12; i += 1) {
      // Kept and never read, as Next.js keeps a HEAD's answer: what it holds must be let go anyway.
      heads.push(await documentContent.GET(new Request(`${BASE}/api/v1/documents/${body.id}/content`, { method: 'HEAD', headers: { authorization: `Bearer ${analyst}` } }), { params: Promise.resolve({ id: body.id }) }));
    }
    await settle();
    expect(openSpools()).toBe(before);
    for (const head of heads) {
      expect(head.status).toBe(200);
      expect(head.body).toBeNull();
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
      expect(head.headers.get('content-disposition')).toContain('attachment');
    }
    const get = await documentContent.GET(new Request(`${BASE}/api/v1/documents/${body.id}/content`, { headers: { authorization: `Bearer ${analyst}` } }), { params: Promise.resolve({ id: body.id }) });
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    // A download abandoned after its first piece closes its scratch file too.
    for (let i = 0; i < 4; i += 1) {
      const started = await documentContent.GET(new Request(`${BASE}/api/v1/documents/${body.id}/content`, { headers: { authorization: `Bearer ${analyst}` } }), { params: Promise.resolve({ id: body.id }) });
      const reader = started.body!.getReader();
      expect((await reader.read()).value!.length).toBeGreaterThan(0);
      await reader.cancel();
    }
    await settle();
    expect(openSpools()).toBe(before);
  });

  // A cancelled export is not a failed one: nothing is logged as "failed" for a HEAD.
  const errors: unknown[] = [];
  const original = console.error;
  beforeAll(() => {
    console.error = (...args: unknown[]) => void errors.push(args);
  });
  afterAll(() => {
    console.error = original;
  });

  for (const format of ['csv', 'xlsx', 'json']) {
    it(`a ${format.toUpperCase()} export: HEAD answers as GET would, and twenty of them leave every export answering`, async () => {
      const whole = await callMetrics('GET', format);
      expect(whole.status).toBe(200);
      const expected = Buffer.from(await whole.arrayBuffer());
      for (let i = 0; i < 20; i += 1) {
        const head = await callMetrics('HEAD', format);
        expect(head.status).toBe(200);
        expect(head.body).toBeNull();
        expect(head.headers.get('content-type')).toBe(whole.headers.get('content-type'));
        expect(head.headers.get('content-disposition')).toBe(whole.headers.get('content-disposition'));
      }
      await settle();
      const after = await callMetrics('GET', format);
      expect(after.status).toBe(200);
      const again = Buffer.from(await after.arrayBuffer());
      // The same file again (a JSON file and an XLSX workbook carry the time they were made).
      if (format === 'csv') expect(again.equals(expected)).toBe(true);
      if (format === 'json') expect(JSON.parse(again.toString()).rows).toEqual(JSON.parse(expected.toString()).rows);
      if (format === 'xlsx') expect(again.subarray(0, 2).toString()).toBe('PK');
      expect(errors).toEqual([]);
    });
  }
});

// A reader that goes away half-way through an export (a tab closed, a script stopped): the answer's
// body cancelled after its first pieces. The export is audited as not completed with the rows sent
// so far, and what it held is let go: more cancelled exports than the export pool's connections (4),
// then every format still answers whole.
describe('an export cancelled half-way', () => {
  // JSON is an export when downloaded (the explorer's download); read as an answer it is not audited.
  const everything = (format: string) => `${BASE}/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics?granularity=day&format=${format}${format === 'json' ? '&download=1' : ''}`;
  for (const format of ['csv', 'xlsx', 'json']) {
    it(`a ${format.toUpperCase()} export: audited as not completed, and holds nothing afterwards`, async () => {
      const call = () => metricsRoute.GET(new Request(everything(format), { headers: { authorization: `Bearer ${analyst}` } }), { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) });
      const whole = Buffer.from(await (await call()).arrayBuffer());
      const before = await t.db.auditEvent.count({ where: { action: 'metrics.exported' } });
      for (let i = 0; i < 6; i += 1) {
        const answer = await call();
        expect(answer.status).toBe(200);
        const reader = answer.body!.getReader();
        let read = 0;
        while (read < 64 * 1024) read += (await reader.read()).value?.length ?? Infinity;
        await reader.cancel();
      }
      const audits = await t.db.auditEvent.findMany({ where: { action: 'metrics.exported' }, orderBy: { id: 'desc' }, take: 6 });
      expect(await t.db.auditEvent.count({ where: { action: 'metrics.exported' } })).toBe(before + 6);
      for (const audit of audits) expect(audit.context).toMatchObject({ format, completed: false });
      const again = Buffer.from(await (await call()).arrayBuffer());
      expect(again.length).toBeGreaterThan(64 * 1024 * 2);
      if (format === 'csv') expect(again.equals(whole)).toBe(true);
      if (format === 'json') expect(JSON.parse(again.toString()).count).toBe(JSON.parse(whole.toString()).count);
    });
  }
});

// The same release as a HEAD's, without a HEAD: a reader that goes away half-way through a CSV
// export (a browser tab closed). On PostgreSQL the export's client is ended mid-COPY; the COPY
// stream then fails with "Connection terminated", which must not surface as an uncaught error
// (Vitest fails the run on one). Waits until the server has seen the connection go.
describe.runIf(testEngine() === 'postgresql')('a COPY export stopped half-way (PostgreSQL)', () => {
  it('lets its connection go quietly, and the next export reads whole', async () => {
    const uncaught: unknown[] = [];
    const listen = (error: unknown) => void uncaught.push(error);
    process.prependListener('uncaughtException', listen);
    try {
      const marker = `stopped_${Date.now()}`;
      const query = `SELECT g AS ${marker}, repeat('x', 200) FROM generate_series(1, 200000) g`;
      const copy = await copyCsv(query);
      const first = await copy.read(64 * 1024);
      expect(first!.length).toBeGreaterThan(0);
      const running = () => t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%${marker}%' AND pid <> pg_backend_pid()`);
      expect(Number((await running())[0]!.n)).toBe(1);
      copy.release(true);
      for (let i = 0; i < 100 && Number((await running())[0]!.n) > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(Number((await running())[0]!.n)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      const again = await copyCsv('SELECT g FROM generate_series(1, 3) g');
      expect((await again.read(1024))!.toString()).toBe('1\n2\n3\n');
      again.release(false);
    } finally {
      process.off('uncaughtException', listen);
    }
  });
});
