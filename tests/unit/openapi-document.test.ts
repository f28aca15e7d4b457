import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/server/openapi/document';
import { answerChecker } from '@/tests/support/openapi-check';

// Issue 18: the OpenAPI document of /api/v1. The contract test (tests/db/openapi-contract.test.ts)
// calls every operation on both engines; this checks the document itself, that every route on disk
// is in it, and that the checker the contract test uses does fail on an answer of another shape.
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** "METHOD /api/v1/path/{param}" for every handler a route.ts under app/api/v1 exports. */
function operationsOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const address = `/${path.relative('app', dir).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}');
        const source = fs.readFileSync(full, 'utf8');
        for (const method of METHODS) if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) found.push(`${method} ${address}`);
      }
    }
  };
  walk('app/api/v1');
  return found.sort();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 3000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('carries none of zod\'s safe-integer bounds, which the API reference would show as every integer\'s example', () => {
    const text = JSON.stringify(doc);
    expect(text).toContain('"type":"integer"');
    expect(text.match(/.{0,120}9007199254740991/g) ?? []).toEqual([]);
  });

  it('documents every route handler on disk, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    const onDisk = operationsOnDisk();
    expect(onDisk.length).toBeGreaterThan(70);
    expect(onDisk.filter((op) => !documented.includes(op)), 'route handlers without an entry in server/openapi/operations-*.ts').toEqual([]);
    expect(documented.filter((op) => !onDisk.includes(op)), 'documented operations without a route handler').toEqual([]);
  });
});

describe('the answer checker fails when an answer changes shape', () => {
  const problems = answerChecker(doc);
  const me = { email: 'a@example.test', name: 'A', role: 'ANALYST', via: 'token', readOnly: false, permissions: ['metrics.read'] };
  const at = (body: unknown, status = 200, contentType = 'application/json') => problems({ method: 'GET', path: '/api/v1/me', status, contentType, body });

  it('accepts the documented shape', () => {
    expect(at(me)).toEqual([]);
    expect(at({ error: 'Sign in.' }, 401)).toEqual([]);
    expect(at({ error: 'Too many requests for this token.', retryAfter: 17, scope: 'token', limit: 600, windowSeconds: 60 }, 429)).toEqual([]);
  });
  it('refuses a key added, removed, renamed or retyped, a value outside its enum, and a status or type not documented', () => {
    expect(at({ ...me, organization: 'x' }).join()).toMatch(/additional properties \(organization\)/);
    const { readOnly: _, ...withoutReadOnly } = me;
    expect(at(withoutReadOnly).join()).toMatch(/readOnly/);
    expect(at({ ...me, role: 'OWNER' }).join()).toMatch(/\/role must be equal to one of the allowed values/);
    expect(at({ ...me, readOnly: 'no' }).join()).toMatch(/\/readOnly must be boolean/);
    expect(at({ ...me, email: 42 })).not.toEqual([]);
    expect(at(me, 418).join()).toMatch(/status not documented/);
    expect(at('email,name', 200, 'text/csv').join()).toMatch(/answered text\/csv/);
    expect(at({ message: 'Sign in.' }, 401)).not.toEqual([]);
  });
  it('checks the documented header fields: each one there, each value of its schema', () => {
    const fields = { 'ratelimit-limit': '600', 'ratelimit-remaining': '599', 'ratelimit-reset': '17', 'ratelimit-policy': '600;w=60' };
    const withFields = (headers: Record<string, string> | Headers, status = 200, body: unknown = me) =>
      problems({ method: 'GET', path: '/api/v1/me', status, contentType: 'application/json', body, headers });
    expect(withFields(fields)).toEqual([]);
    expect(withFields(new Headers(fields))).toEqual([]);
    const { 'ratelimit-reset': _, ...withoutReset } = fields;
    expect(withFields(withoutReset).join()).toMatch(/header RateLimit-Reset is documented but missing/);
    expect(withFields({ ...fields, 'ratelimit-remaining': '-1' }).join()).toMatch(/RateLimit-Remaining="-1"/);
    expect(withFields({ ...fields, 'ratelimit-policy': '600 per minute' }).join()).toMatch(/RateLimit-Policy/);
    const refused = { error: 'Too many requests for this token.', retryAfter: 17, scope: 'token', limit: 600, windowSeconds: 60 };
    expect(withFields(fields, 429, refused).join()).toMatch(/header Retry-After is documented but missing/);
    expect(withFields({ ...fields, 'retry-after': '17' }, 429, refused)).toEqual([]);
    expect(withFields({ 'www-authenticate': 'Basic' }, 401, { error: 'Sign in.' })).not.toEqual([]);
    expect(withFields({ 'www-authenticate': 'Bearer realm="accord"' }, 401, { error: 'Sign in.' })).toEqual([]);
  });
  it('checks a stream of JSON lines (an import with Accept: application/x-ndjson) line by line', () => {
    const stream = (...lines: unknown[]) => problems({
      method: 'POST', path: '/api/v1/partnerships/{slug}/metrics/import', status: 200, contentType: 'application/x-ndjson; charset=utf-8',
      body: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + (lines.length ? '\n' : ''),
    });
    const progress = { type: 'progress', phase: 'checking', done: 64, total: 64 };
    const result = { type: 'result', status: 200, message: 'Ready.', dryRun: true, committed: false, fileName: 'x.csv', rows: 1, inserted: 1, updated: 0, unchanged: 0, problems: [], problemCount: 0 };
    expect(stream(progress, result)).toEqual([]);
    expect(stream(progress, { type: 'error', status: 404, error: 'No such partnership.' })).toEqual([]);
    expect(stream(progress, { ...result, status: 500 }).join()).toMatch(/line 2/);
    expect(stream({ ...progress, phase: 'sleeping' }, result).join()).toMatch(/line 1/);
    expect(stream(progress, { ...result, extra: 1 }).join()).toMatch(/line 2/);
    expect(stream(progress, '{"type":').join()).toMatch(/line 2 is not JSON/);
    expect(stream().join()).toMatch(/empty/);
  });
  it('checks formats: a day is a calendar day, an instant an RFC 3339 date-time', () => {
    const check = (body: unknown) => problems({ method: 'GET', path: '/api/v1/notes/{id}', status: 200, contentType: 'application/json', body });
    const note = { id: 'n1', partnershipId: 'p1', subject: { type: 'partnership', id: 'p1' }, authorId: 'u1', author: 'A', body: 'Hi', mentions: [], createdAt: '2026-11-23T08:00:00.000Z', editedAt: null, version: 1, sharedWithPartners: false };
    expect(check(note)).toEqual([]);
    expect(check({ ...note, createdAt: '23/11/2026' })).not.toEqual([]);
    expect(check({ ...note, editedAt: undefined })).not.toEqual([]);
  });
});
