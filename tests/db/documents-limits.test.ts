import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as checkpointUpload from '@/app/api/v1/checkpoints/[id]/documents/route';
import { MAX_DOCUMENT_BYTES } from '@/lib/documents';
import { operatorActor } from '@/server/auth/actor';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createPartnership, createUser } from '@/tests/factories/builders';
import { BASE, enc, getContent, pdf, uploadToCheckpoint } from '@/tests/support/documents';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 15: the size limit (25 MB accepted, one byte more refused with 413 before anything is
// stored), an upload that dies half-way (nothing stored, no scratch file left), and a file whose
// bytes were changed in the database (refused whole on download, with the reason in the audit trail).
const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-spool-test-'));
process.env.ACCORD_SPOOL_DIR = spoolDir;
let t: TestDatabase;
let bd: string;
let checkpointId: string;

beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = (await createApiToken(operatorActor(), { ownerId: user.id, name: 'limits', readOnly: false })).token;
  const p = await createPartnership(t.db, { ownerId: user.id });
  checkpointId = (await createCheckpoint(t.db, { partnershipId: p.id })).id;
});
afterAll(async () => {
  await t?.close();
  delete process.env.ACCORD_SPOOL_DIR;
  fs.rmSync(spoolDir, { recursive: true, force: true });
});

const counts = async () => ({
  documents: await t.db.document.count(),
  chunks: await t.db.documentChunk.count(),
  uploads: await t.db.auditEvent.count({ where: { action: 'document.uploaded' } }),
});
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A multipart body sent by hand: `parts` as given, then `end` (close, an error, or nothing more). */
function rawUpload(parts: Uint8Array[], end: 'close' | 'error', headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(next);
      else if (end === 'error') controller.error(new Error('connection reset by peer'));
      else controller.close();
    },
  });
  const request = new Request(`${BASE}/api/v1/checkpoints/${checkpointId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bd}`, 'content-type': 'multipart/form-data; boundary=XyZ', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return checkpointUpload.POST(request, { params: Promise.resolve({ id: checkpointId }) });
}
const partHead = enc('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n');
const partEnd = enc('\r\n--XyZ--\r\n');
function slices(bytes: Uint8Array, size = 256 * 1024): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('the 25 MB limit', () => {
  it('accepts exactly 25 MB and gives back the same bytes', async () => {
    const bytes = pdf(MAX_DOCUMENT_BYTES, 25);
    const { response, body } = await uploadToCheckpoint(bd, checkpointId, bytes, 'exactly 25 MB.pdf');
    expect(response.status, body.error).toBe(201);
    expect(body).toMatchObject({ sizeBytes: MAX_DOCUMENT_BYTES, sha256: sha(bytes) });
    expect(await t.db.documentChunk.count({ where: { documentId: body.id } })).toBe(25);
    const download = await getContent(bd, body.id);
    expect(download.headers.get('content-length')).toBe(String(MAX_DOCUMENT_BYTES));
    expect(sha(new Uint8Array(await download.arrayBuffer()))).toBe(sha(bytes));
  });

  it('refuses 25 MB + 1 byte with 413 and a message, storing nothing', async () => {
    const before = await counts();
    const { response, body } = await uploadToCheckpoint(bd, checkpointId, pdf(MAX_DOCUMENT_BYTES + 1, 26), 'one byte too many.pdf');
    expect(response.status).toBe(413);
    expect(body.error).toMatch(/The file is larger than 25 MB \(26,214,400 bytes\), the most Accord keeps; nothing was stored\./);
    expect(await counts()).toEqual(before);
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit before reading, and counts the bytes when the header lies', async () => {
    const before = await counts();
    const declared = await rawUpload([partHead, enc('%PDF-1.7\n'), partEnd], 'close', { 'content-length': String(MAX_DOCUMENT_BYTES + 100_000) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/^The request is larger than 25 MB/);
    const lying = await rawUpload([partHead, ...slices(pdf(MAX_DOCUMENT_BYTES + 1, 27)), partEnd], 'close', { 'content-length': '1000' });
    expect(lying.status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});

describe('an upload that ends half-way', () => {
  it('a body that fails after 3 MB (the client went away) leaves no row, no chunk and no scratch file', async () => {
    const before = await counts();
    const response = await rawUpload([partHead, ...slices(pdf(3_000_000, 28))], 'error');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe('The upload ended before the whole file arrived, so nothing was stored. Send it again.');
    expect(await counts()).toEqual(before);
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });

  it('a body cut off without its closing boundary is refused the same way', async () => {
    const before = await counts();
    const response = await rawUpload([partHead, ...slices(pdf(2_000_000, 29))], 'close');
    expect(response.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('a JSON body, or multipart without a file, is a 4xx that says what to send', async () => {
    const json = await checkpointUpload.POST(
      new Request(`${BASE}/x`, { method: 'POST', headers: { authorization: `Bearer ${bd}`, 'content-type': 'application/json' }, body: '{"file":"x"}' }),
      { params: Promise.resolve({ id: checkpointId }) },
    );
    expect([json.status, ((await json.json()) as { error: string }).error]).toEqual([415, 'Send the file as multipart/form-data, in a field named "file".']);
    const noFile = await rawUpload([enc('--XyZ\r\nContent-Disposition: form-data; name="expiresOn"\r\n\r\n2030-01-01\r\n--XyZ--\r\n')], 'close');
    expect(noFile.status).toBe(422);
    const twoFiles = await rawUpload([partHead, enc('%PDF-1.7\n'), enc('\r\n'), partHead, enc('%PDF-1.7\n'), partEnd], 'close');
    expect([twoFiles.status, ((await twoFiles.json()) as { error: string }).error]).toEqual([422, 'Send one file per upload.']);
  });
});

describe('a file changed in the database', () => {
  it('is refused on download, whole, with a JSON error, an audit row and a log line saying why', async () => {
    const bytes = pdf(2_500_000, 30);
    const { body } = await uploadToCheckpoint(bd, checkpointId, bytes, 'licence.pdf');
    const whole = await getContent(bd, body.id);
    expect(whole.status).toBe(200);
    // Read to its end, as a client does: an answer dropped unread keeps its scratch file open until
    // a garbage collection (Node then warns "Closing file descriptor … on garbage collection").
    expect(sha(Buffer.from(await whole.arrayBuffer()))).toBe(sha(bytes));
    // One byte of the middle chunk, changed behind the app's back.
    await t.db.$executeRaw`UPDATE document_chunks SET bytes = set_byte(bytes, 1000, (get_byte(bytes, 1000) + 1) % 256) WHERE "documentId" = ${body.id} AND seq = 1`;
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    const refused = await getContent(bd, body.id).finally(() => (console.error = original));
    expect(refused.status).toBe(500);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.headers.get('content-disposition')).toBeNull();
    const answer = (await refused.json()) as { error: string };
    expect(answer.error).toMatch(/^"licence.pdf" was not sent: its stored bytes no longer match the SHA-256 fingerprint taken when it was uploaded \(SHA-256 is now/);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: body.id, action: 'document.integrity-failed' } });
    expect(event.context).toMatchObject({ file: 'licence.pdf', sha256: sha(bytes), reason: expect.stringMatching(/^SHA-256 is now/) });
    expect(errors.join('\n')).toContain(`document ${body.id} ("licence.pdf") refused on download`);
    // A missing chunk is named as such.
    await t.db.$executeRaw`DELETE FROM document_chunks WHERE "documentId" = ${body.id} AND seq = 2`;
    console.error = () => {};
    const missing = await getContent(bd, body.id).finally(() => (console.error = original));
    expect(((await missing.json()) as { error: string }).error).toContain('(2 of 3 chunks present)');
    expect(fs.readdirSync(spoolDir)).toEqual([]);
  });
});
