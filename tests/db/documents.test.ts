import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as checkpointUpload from '@/app/api/v1/checkpoints/[id]/documents/route';
import { operatorActor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/password';
import { signIn } from '@/server/auth/sign-in';
import { findCheckpointDocuments, findPartnershipDocuments } from '@/server/documents/queries';
import { updateRollout } from '@/server/rollouts/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { userActor } from '@/server/auth/actor';
import { createCheckpoint, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import {
  BASE, compoundFile, docm, docx, enc, exe, getContent, getMetadata, jpeg, lateDocx, odt, pdf, plainZip, png, uploadToCheckpoint, uploadToPartnership,
} from '@/tests/support/documents';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 15: documents through the real route handlers (multipart built with FormData and Blob),
// on a real database (both engines): the bytes come back exact, versions supersede, evidence
// expiry feeds the checkpoint and launch gating, and the type comes from the bytes, not the name.
let t: TestDatabase;
let bd: string;
let analyst: string;
let executive: string;
let slug: string;
let partnershipId: string;
let bdUserId: string;
const operator = operatorActor();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  t = await openTestDatabase();
  const token = async (role: 'BUSINESS_DEVELOPMENT' | 'ANALYST' | 'EXECUTIVE') => {
    const user = await createUser(t.db, { role });
    if (role === 'BUSINESS_DEVELOPMENT') bdUserId = user.id;
    return (await createApiToken(operator, { ownerId: user.id, name: 'documents', readOnly: false })).token;
  };
  [bd, analyst, executive] = [await token('BUSINESS_DEVELOPMENT'), await token('ANALYST'), await token('EXECUTIVE')];
  const p = await createPartnership(t.db, { ownerId: bdUserId, slug: 'documents-test' });
  slug = p.slug;
  partnershipId = p.id;
});
afterAll(() => t?.close());

const counts = async () => ({ documents: await t.db.document.count(), chunks: await t.db.documentChunk.count() });
const checkpoint = (input: Parameters<typeof createCheckpoint>[1] extends infer I ? Partial<I> : never = {}) =>
  createCheckpoint(t.db, { partnershipId, status: 'APPROVED', decidedOn: '2026-01-10', ...input });

describe('upload, metadata and download round trip', () => {
  it('stores a 2.5 MB PDF in 1 MiB chunks and gives back the same bytes with safe download headers', async () => {
    const c = await checkpoint({ regulator: 'PBOC' });
    const bytes = pdf(2_600_000);
    const { response, body } = await uploadToCheckpoint(bd, c.id, bytes, 'PBOC licence 支付牌照 "final".pdf');
    expect(response.status, body.error).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/documents/${body.id}`);
    expect(body).toMatchObject({ fileName: 'PBOC licence 支付牌照 "final".pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256: sha(bytes), versionNumber: 1, seriesId: body.id, superseded: false, checkpointId: c.id, partnershipSlug: slug });
    const chunks = await t.db.documentChunk.findMany({ where: { documentId: body.id }, orderBy: { seq: 'asc' }, select: { seq: true, bytes: true } });
    expect(chunks.map((x) => [x.seq, x.bytes.length])).toEqual([[0, 1_048_576], [1, 1_048_576], [2, bytes.length - 2_097_152]]);

    const meta = await getMetadata(analyst, body.id);
    expect(meta.status).toBe(200);
    expect(await meta.json()).toEqual(body);

    const download = await getContent(executive, body.id);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect(Object.fromEntries(download.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      etag: `"${sha(bytes)}"`,
    });
    // RFC 6266: an ASCII fallback (no quote, no non-ASCII) and the exact name in RFC 8187 encoding.
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="PBOC licence ____ _final_.pdf"; filename*=UTF-8''PBOC%20licence%20%E6%94%AF%E4%BB%98%E7%89%8C%E7%85%A7%20%22final%22.pdf`,
    );
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: body.id, action: 'document.uploaded' } });
    expect(audit.after).toMatchObject({ fileName: body.fileName, sha256: sha(bytes), sizeBytes: bytes.length, versionNumber: 1 });
  });

  it('keeps each version: a new upload supersedes the current one, the older ones stay listed', async () => {
    const c = await checkpoint();
    const v1 = (await uploadToCheckpoint(bd, c.id, pdf(3000, 1), 'licence-2025.pdf')).body;
    const v2 = await uploadToCheckpoint(bd, c.id, pdf(3000, 2), 'licence-2026.pdf', { supersedes: v1.id });
    expect(v2.response.status, v2.body.error).toBe(201);
    expect(v2.body).toMatchObject({ versionNumber: 2, seriesId: v1.id, superseded: false });
    const listed = await findCheckpointDocuments(c.id);
    expect(listed.map((d) => [d.fileName, d.versionNumber, d.superseded])).toEqual([['licence-2026.pdf', 2, false], ['licence-2025.pdf', 1, true]]);
    // The old version still downloads, byte for byte.
    expect(Buffer.from(await (await getContent(bd, v1.id)).arrayBuffer()).equals(Buffer.from(pdf(3000, 1)))).toBe(true);
    // Superseding a version that is no longer current: 409 naming the current one, nothing stored.
    const before = await counts();
    const stale = await uploadToCheckpoint(bd, c.id, pdf(3000, 3), 'licence-late.pdf', { supersedes: v1.id });
    expect(stale.response.status).toBe(409);
    expect(stale.body.error).toMatch(/already been superseded by version 2 \("licence-2026.pdf"/);
    // A document of another checkpoint: 422.
    const other = await checkpoint();
    const foreign = await uploadToCheckpoint(bd, other.id, pdf(3000, 4), 'elsewhere.pdf', { supersedes: v2.body.id });
    expect(foreign.response.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('of two uploads superseding the same version at the same moment, exactly one wins; the other gets 409', async () => {
    const c = await checkpoint();
    const v1 = (await uploadToCheckpoint(bd, c.id, pdf(3000, 5), 'minutes.pdf')).body;
    const results = await Promise.all([1, 2].map((k) => uploadToCheckpoint(bd, c.id, pdf(300_000, 50 + k), `minutes v2 (${k}).pdf`, { supersedes: v1.id })));
    expect(results.map((r) => r.response.status).sort()).toEqual([201, 409]);
    const listed = await findCheckpointDocuments(c.id);
    expect(listed.map((d) => [d.versionNumber, d.superseded])).toEqual([[2, false], [1, true]]);
  });

  it("keeps a partnership's own documents apart from evidence; they have no expiry", async () => {
    const contract = await uploadToPartnership(bd, slug, pdf(5000, 9), 'Term sheet.pdf');
    expect(contract.response.status, contract.body.error).toBe(201);
    expect(contract.body).toMatchObject({ checkpointId: null, expiresOn: null });
    const own = await findPartnershipDocuments(slug);
    expect(own.map((d) => d.fileName)).toEqual(['Term sheet.pdf']);
    expect((await findPartnershipDocuments(slug, { evidence: true })).length).toBeGreaterThan(1);
    const dated = await uploadToPartnership(bd, slug, pdf(100), 'x.pdf', { expiresOn: '2030-01-01' });
    expect(dated.response.status).toBe(422);
    expect((await uploadToPartnership(bd, 'no-such-deal', pdf(100), 'x.pdf')).response.status).toBe(404);
  });
});

describe('evidence expiry feeds the checkpoint and launch gating', () => {
  it('sets the earliest expiry of the current evidence, bumps the version, audits it, and gating follows', async () => {
    const region = await ensureRegion(t.db, { code: 'CN', name: 'China', timeZone: 'Asia/Shanghai' });
    const c = await checkpoint({ regulator: 'PBOC evidence' });
    const rollout = await createRollout(t.db, { partnershipId, regionId: region.id, gateCheckpointIds: [c.id] });
    const later = await uploadToCheckpoint(bd, c.id, pdf(800, 11), 'licence.pdf', { expiresOn: '2099-06-30' });
    expect(later.response.status, later.body.error).toBe(201);
    let row = await t.db.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.evidenceExpiresOn?.toISOString().slice(0, 10), row.version]).toEqual(['2099-06-30', 2]);
    // A second piece of evidence that has already lapsed: the earliest wins and the launch is refused.
    const lapsed = await uploadToCheckpoint(bd, c.id, pdf(800, 12), 'audit letter.pdf', { expiresOn: '2020-01-31' });
    expect(lapsed.body.expiresOn).toBe('2020-01-31');
    row = await t.db.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: c.id } });
    expect([row.evidenceExpiresOn?.toISOString().slice(0, 10), row.version]).toEqual(['2020-01-31', 3]);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: 'checkpoint.updated' }, orderBy: { id: 'desc' } });
    expect([event.before, event.after]).toEqual([{ evidenceExpiresOn: '2099-06-30' }, { evidenceExpiresOn: '2020-01-31' }]);
    const bdActor = userActor(await t.db.user.findUniqueOrThrow({ where: { id: bdUserId } }));
    await expect(updateRollout(bdActor, rollout.id, { version: 1, status: 'PILOT' })).rejects.toMatchObject({ status: 422, blockers: [expect.objectContaining({ id: c.id, reason: 'evidence expired' })] });
    // Evidence without a date changes nothing; a renewal superseding the lapsed letter clears the gate.
    await uploadToCheckpoint(bd, c.id, pdf(800, 13), 'cover note.pdf');
    expect((await t.db.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(3);
    await uploadToCheckpoint(bd, c.id, pdf(800, 14), 'audit letter 2027.pdf', { supersedes: lapsed.body.id, expiresOn: '2098-01-01' });
    expect((await t.db.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: c.id } })).evidenceExpiresOn?.toISOString().slice(0, 10)).toBe('2098-01-01');
    await expect(updateRollout(bdActor, rollout.id, { version: 1, status: 'PILOT' })).resolves.toMatchObject({ status: 'PILOT' });
  });

  it('flags a live region at once when lapsed evidence is filed on its gate (the checkpoint edit path)', async () => {
    const region = await ensureRegion(t.db, { code: 'HK', name: 'Hong Kong', timeZone: 'Asia/Hong_Kong' });
    const c = await checkpoint({ regulator: 'HKMA' });
    const rollout = await createRollout(t.db, { partnershipId, regionId: region.id, status: 'LIVE', actualLaunchOn: '2026-01-05', gateCheckpointIds: [c.id] });
    await uploadToCheckpoint(bd, c.id, pdf(800, 15), 'stored value licence.pdf', { expiresOn: '2021-03-01' });
    const flagged = await t.db.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
    expect(flagged.flaggedReason).toContain('HKMA (evidence expired)');
    expect(await t.db.auditEvent.count({ where: { entityId: rollout.id, action: 'rollout.flagged' } })).toBe(1);
  });
});

describe('the type comes from the bytes', () => {
  const cases: [string, () => Uint8Array, string, number, string?][] = [
    ['a PDF named .txt', () => pdf(), 'scan.txt', 201, 'application/pdf'],
    ['a PNG', png, 'logo.png', 201, 'image/png'],
    ['a JPEG named .pdf', jpeg, 'photo.pdf', 201, 'image/jpeg'],
    ['a .docx', () => docx(), 'contract.docx', 201, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a .docx whose Office part comes after 100 KB', lateDocx, 'big.docx', 201, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an OpenDocument text', odt, 'minutes.odt', 201, 'application/vnd.oasis.opendocument.text'],
    ['a Word 97 .doc (Compound File)', () => compoundFile(['WordDocument', '1Table']), 'old.doc', 201, 'application/msword'],
    ['an Excel 97 .xls', () => compoundFile(['Workbook']), 'old.xls', 201, 'application/vnd.ms-excel'],
    ['a CSV', () => enc('region,cards\nHK,1200\nCN,3400\n'), 'targets.csv', 201, 'text/csv'],
    ['UTF-8 text with a BOM', () => enc('\ufeffMeeting notes: 支付宝 agreed.\n'), 'notes.txt', 201, 'text/plain'],
    ['an EXE named .pdf', exe, 'licence.pdf', 415],
    ['HTML named .txt', () => enc('\n  <!DOCTYPE html><html><script>alert(1)</script></html>'), 'readme.txt', 415],
    ['HTML without a doctype', () => enc('<p onclick="x()">hello</p>'), 'a.txt', 415],
    ['an SVG', () => enc('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'chart.svg', 415],
    ['an SVG with an XML declaration', () => enc('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'chart.png', 415],
    ['a ZIP that is not Office', plainZip, 'contract.docx', 415],
    ['a macro-enabled Word file', docm, 'contract.docx', 415],
    ['a Compound File that is an installer', () => compoundFile(['\u4840\u3b3f\u4577\u45ec']), 'setup.doc', 415],
    ['a shell script', () => enc('#!/bin/sh\nrm -rf /\n'), 'notes.txt', 415],
    ['Latin-1 text (not UTF-8)', () => Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'menu.txt', 415],
  ];
  for (const [name, make, fileName, status, type] of cases) {
    it(`${name}: ${status === 201 ? `stored as ${type}` : 'refused with 415'}`, async () => {
      const c = await checkpoint();
      const before = await counts();
      const { response, body } = await uploadToCheckpoint(bd, c.id, make(), fileName);
      expect(response.status, body.error).toBe(status);
      if (status === 201) {
        expect(body.contentType).toBe(type);
        expect(body.fileName).toBe(fileName); // kept for display only
      } else {
        expect(body.error).toMatch(/^This file is .+, which Accord does not accept\. Accepted: PDF/);
        expect(await counts()).toEqual(before);
      }
    });
  }

  it('downloads a PDF named .txt as .txt.pdf, with its sniffed type', async () => {
    const c = await checkpoint();
    const { body } = await uploadToCheckpoint(bd, c.id, pdf(), 'scan.txt');
    const download = await getContent(bd, body.id);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="scan.txt.pdf"; filename*=UTF-8''scan.txt.pdf`);
    await download.arrayBuffer();
  });
});

describe('names and forms', () => {
  it('keeps only the last part of a path, removes control and direction characters, and refuses an over-long name', async () => {
    const c = await checkpoint();
    const { body } = await uploadToCheckpoint(bd, c.id, pdf(), 'C:\\Users\\ana\\Desktop\\lic\u200bence\u202e.pdf');
    expect(body.fileName).toBe('licence.pdf');
    const before = await counts();
    // A raw control character in the part's header is a malformed body: 422, not a 500.
    const bell = await uploadToCheckpoint(bd, c.id, pdf(), 'lic\u0007ence.pdf');
    expect([bell.response.status, bell.body.error]).toEqual([422, expect.stringMatching(/could not be read.*nothing was stored/)]);
    const long = await uploadToCheckpoint(bd, c.id, pdf(), `${'a'.repeat(201)}.pdf`);
    expect(long.response.status).toBe(422);
    expect(long.body.error).toMatch(/longer than 200 characters; rename the file/);
    for (const fields of [{ expiresOn: '2026-02-30' }, { supersedes: "x'; DROP TABLE documents; --" }, { colour: 'blue' }] as Record<string, string>[]) {
      const refused = await uploadToCheckpoint(bd, c.id, pdf(), 'ok.pdf', fields);
      expect(refused.response.status, JSON.stringify(fields)).toBe(422);
    }
    expect((await uploadToCheckpoint(bd, c.id, new Uint8Array(), 'empty.pdf')).response.status).toBe(422);
    expect((await uploadToCheckpoint(bd, 'no-such-checkpoint', pdf(), 'x.pdf')).response.status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('uploads from a browser session', () => {
  // proxy.ts does not run on the upload routes (it would buffer the body), so they refuse a
  // cross-site form themselves: a session-cookie upload must carry this site's Origin.
  it('refuses a cookie-authenticated upload without this site as its Origin, and accepts it with it', async () => {
    const email = 'browser-upload@example.test';
    const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT', email });
    await t.db.account.create({ data: { userId: user.id, accountId: user.id, providerId: 'credential', password: await hashPassword('a long enough password') } });
    const { setCookies } = await signIn({ email, password: 'a long enough password', ip: '10.15.0.1', userAgent: 'vitest' });
    const cookie = setCookies.map((x) => x.split(';')[0]).join('; ');
    const c = await checkpoint();
    const send = (origin: string | null) => {
      const form = new FormData();
      form.append('file', new Blob([pdf() as Uint8Array<ArrayBuffer>]), 'from the browser.pdf');
      const headers: Record<string, string> = { cookie, host: 'accord.test' };
      if (origin) headers.origin = origin;
      return checkpointUpload.POST(new Request(`${BASE}/api/v1/checkpoints/${c.id}/documents`, { method: 'POST', headers, body: form }), { params: Promise.resolve({ id: c.id }) });
    };
    const before = await counts();
    for (const origin of [null, 'null', 'https://evil.example']) {
      const refused = await send(origin);
      expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([403, 'Cross-origin request refused.']);
    }
    expect(await counts()).toEqual(before);
    expect((await send('http://accord.test')).status).toBe(201);
  });
});
