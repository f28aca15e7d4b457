import { expect } from 'vitest';
import type { ContractWorld } from './openapi-world';

/**
 * The requests the OpenAPI contract test sends: for every documented operation, one that succeeds,
 * and the errors that need more than the generic recipe (no token → 401, a role or token without
 * the permission → 403, unknown ids → 404, a body that is not the schema → 422; see
 * ./openapi-contract.ts). Cases run in this order, so a case may use what an earlier one made
 * (`w.made`). `op` is the document's "METHOD /path/{param}". Every case must answer the same
 * through the route handlers and over HTTP, through proxy.ts (tests/db/openapi-contract*.test.ts).
 */
export type Call = {
  params?: Record<string, string>;
  query?: string;
  body?: string | FormData;
  type?: string;
  token: string | null;
  headers?: Record<string, string>;
};
export type Case = {
  op: string; status: number; call: (w: ContractWorld) => Call | Promise<Call>; why?: string;
  /** More than the document can say about this answer (its body as the transport decoded it). */
  inspect?: (body: unknown) => void;
};

const json = (value: unknown) => ({ body: JSON.stringify(value), type: 'application/json' });
const pdf = () => new Blob(['%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n%%EOF\n']);
const upload = (fields: Record<string, string> = {}, file: Blob = pdf(), name = 'licence.pdf') => {
  const form = new FormData();
  form.append('file', file, name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};
const version = async (w: ContractWorld, table: 'milestone' | 'regulatoryCheckpoint' | 'rollout' | 'partnership' | 'organization' | 'note' | 'savedView' | 'webhookEndpoint', id: string) =>
  ((await (w.db[table] as unknown as { findFirstOrThrow: (a: object) => Promise<{ version: number }> }).findFirstOrThrow({ where: table === 'partnership' ? { slug: id } : { id }, select: { version: true } })).version);

const slug = (w: ContractWorld) => ({ slug: w.deal.slug });
const NDJSON = { accept: 'application/x-ndjson' };

/** A stream of JSON lines: progress lines (at least one), then exactly one last line of `type` with `status`. */
const streamEndsWith = (type: 'result' | 'error', status: number) => (body: unknown) => {
  const lines = String(body).trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; status?: number });
  expect(lines.map((l) => l.type)).toEqual([...lines.slice(0, -1).map(() => 'progress'), type]);
  if (type === 'result') expect(lines.length).toBeGreaterThan(1);
  expect(lines.at(-1)!.status).toBe(status);
};
const NEW_DEAL = 'contract-deal';

export const CASES: Case[] = [
  { op: 'GET /api/v1/openapi.json', status: 200, call: () => ({ token: null }) },
  { op: 'GET /api/v1/me', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'GET /api/v1/me', status: 200, call: (w) => ({ token: w.tokens.partner }), why: 'a partner user' },

  // Partnerships
  { op: 'GET /api/v1/partnerships', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'GET /api/v1/partnerships', status: 200, call: (w) => ({ token: w.tokens.partner }), why: 'a partner user' },
  {
    op: 'POST /api/v1/partnerships', status: 201, call: (w) => ({
      token: w.tokens.bd,
      ...json({ name: 'Contract deal', slug: NEW_DEAL, openedOn: '2026-01-05', targetSignOn: '2026-06-01', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }, { organization: 'Contract Payments Ltd', role: 'Payments' }] }),
    }),
  },
  {
    op: 'POST /api/v1/partnerships', status: 409, why: 'the web address is taken', call: (w) => ({
      token: w.tokens.bd, ...json({ name: 'Contract deal', slug: NEW_DEAL, openedOn: '2026-01-05', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }, { organization: 'Contract Payments Ltd', role: 'Payments' }] }),
    }),
  },
  { op: 'GET /api/v1/partnerships/{slug}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w) }) },
  { op: 'GET /api/v1/partnerships/{slug}', status: 200, call: (w) => ({ token: w.tokens.partner, params: slug(w) }), why: 'a partner user' },
  { op: 'PATCH /api/v1/partnerships/{slug}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ version: await version(w, 'partnership', NEW_DEAL), summary: 'Edited by the contract test.' }) }) },
  { op: 'PATCH /api/v1/partnerships/{slug}', status: 409, call: (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ version: 1, summary: 'Stale.' }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/stage', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ to: 'NEGOTIATING', version: await version(w, 'partnership', NEW_DEAL) }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/stage', status: 409, call: (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ to: 'ON_HOLD', reason: 'Stale.', version: 1 }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/stage', status: 202, why: 'signing needs four eyes', call: async (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ to: 'SIGNED', signedOn: '2026-11-20', version: await version(w, 'partnership', NEW_DEAL) }) }) },

  // Metrics, targets, policies
  { op: 'GET /api/v1/partnerships/{slug}/metrics', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'metric=cards_added&region=US&from=2014-10-20&to=2014-11-20&granularity=week' }) },
  { op: 'GET /api/v1/partnerships/{slug}/metrics', status: 200, why: 'CSV', call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'metric=cards_added&region=US&from=2014-10-20&to=2014-10-25&format=csv' }) },
  { op: 'GET /api/v1/partnerships/{slug}/metrics', status: 200, why: 'XLSX', call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'metric=cards_added&region=US&from=2014-10-20&to=2014-10-25&format=xlsx' }) },
  { op: 'GET /api/v1/partnerships/{slug}/metrics', status: 400, call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'granularity=fortnight' }) },
  { op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 200, why: 'a dry run', call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'dry_run=1', body: 'region,metric,date,value\nUS,cards_added,2014-10-20,1\n', type: 'text/csv' }) },
  { op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 422, call: (w) => ({ token: w.tokens.analyst, params: slug(w), body: 'region,metric,date,value\nZZ,cards_added,2014-10-20,1\n', type: 'text/csv' }) },
  // Streamed as JSON lines (Accept: application/x-ndjson): progress, then the result, or the error once the stream has begun.
  {
    op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 200, why: 'streamed: progress lines, then the result', inspect: streamEndsWith('result', 200),
    call: (w) => ({ token: w.tokens.analyst, params: slug(w), query: 'dry_run=1', body: 'region,metric,date,value\nUS,cards_added,2014-10-20,1\n', type: 'text/csv', headers: NDJSON }),
  },
  {
    op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 200, why: 'streamed: problems, nothing written', inspect: streamEndsWith('result', 422),
    call: (w) => ({ token: w.tokens.analyst, params: slug(w), body: 'region,metric,date,value\nZZ,cards_added,2014-10-20,1\n', type: 'text/csv', headers: NDJSON }),
  },
  {
    op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 200, why: 'streamed: an unknown partnership, the error as the last line', inspect: streamEndsWith('error', 404),
    call: (w) => ({ token: w.tokens.analyst, params: { slug: 'no-such-deal' }, query: 'dry_run=1', body: 'region,metric,date,value\nUS,cards_added,2014-10-20,1\n', type: 'text/csv', headers: NDJSON }),
  },
  { op: 'POST /api/v1/partnerships/{slug}/metrics/import', status: 413, call: (w) => ({ token: w.tokens.analyst, params: slug(w), body: 'x', type: 'text/csv', headers: { 'content-length': String(65 * 1024 * 1024) } }) },
  { op: 'GET /api/v1/partnerships/{slug}/targets', status: 200, call: (w) => ({ token: w.tokens.bd, params: slug(w), query: 'year=2015' }) },
  { op: 'GET /api/v1/partnerships/{slug}/targets', status: 400, call: (w) => ({ token: w.tokens.bd, params: slug(w), query: 'year=abc' }) },
  { op: 'PUT /api/v1/partnerships/{slug}/targets', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w), ...json({ targets: [{ region: 'US', metric: 'cards_added', month: '2027-01', value: 1200 }] }) }) },
  { op: 'PUT /api/v1/partnerships/{slug}/targets', status: 409, call: (w) => ({ token: w.tokens.analyst, params: slug(w), ...json({ targets: [{ region: 'US', metric: 'cards_added', month: '2027-01', value: 1300, expected: 1 }] }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/targets/import', status: 200, why: 'a dry run', call: (w) => ({ token: w.tokens.bd, params: slug(w), query: 'dry_run=1', body: 'region,metric,month,value\nUS,cards_added,2027-02,10\n', type: 'text/csv' }) },
  { op: 'POST /api/v1/partnerships/{slug}/targets/import', status: 422, call: (w) => ({ token: w.tokens.bd, params: slug(w), body: 'region,metric,month,value\nUS,cards_added,2027-13,10\n', type: 'text/csv' }) },
  {
    op: 'POST /api/v1/partnerships/{slug}/targets/import', status: 200, why: 'streamed: progress lines, then the result', inspect: streamEndsWith('result', 200),
    call: (w) => ({ token: w.tokens.bd, params: slug(w), query: 'dry_run=1', body: 'region,metric,month,value\nUS,cards_added,2027-02,10\n', type: 'text/csv', headers: NDJSON }),
  },
  { op: 'POST /api/v1/partnerships/{slug}/targets/import', status: 413, call: (w) => ({ token: w.tokens.bd, params: slug(w), body: 'x', type: 'text/csv', headers: { 'content-length': String(65 * 1024 * 1024) } }) },
  { op: 'GET /api/v1/partnerships/{slug}/metric-policies', status: 200, call: (w) => ({ token: w.tokens.bd, params: slug(w) }) },
  { op: 'PUT /api/v1/partnerships/{slug}/metric-policies', status: 200, call: (w) => ({ token: w.tokens.bd, params: slug(w), ...json({ policies: [{ metric: 'transactions', sharedWithPartners: true, confidential: true, version: 0 }] }) }) },
  { op: 'PUT /api/v1/partnerships/{slug}/metric-policies', status: 409, call: (w) => ({ token: w.tokens.bd, params: slug(w), ...json({ policies: [{ metric: 'transactions', sharedWithPartners: false, confidential: false, version: 0 }] }) }) },
  { op: 'GET /api/v1/partnerships/{slug}/field-policies', status: 200, call: (w) => ({ token: w.tokens.bd, params: slug(w) }) },
  { op: 'PUT /api/v1/partnerships/{slug}/field-policies', status: 200, call: (w) => ({ token: w.tokens.bd, params: slug(w), ...json({ policies: [{ field: 'summary', confidential: false, version: 0 }] }) }) },
  { op: 'PUT /api/v1/partnerships/{slug}/field-policies', status: 409, call: (w) => ({ token: w.tokens.bd, params: slug(w), ...json({ policies: [{ field: 'targetSignOn', confidential: true, version: 7 }] }) }) },

  // Milestones, checkpoints, rollouts
  { op: 'GET /api/v1/partnerships/{slug}/milestones', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w) }) },
  { op: 'GET /api/v1/partnerships/{slug}/milestones', status: 200, call: (w) => ({ token: w.tokens.partner, params: slug(w) }), why: 'a partner user' },
  { op: 'GET /api/v1/partnerships/{slug}/checkpoints', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w) }) },
  { op: 'GET /api/v1/partnerships/{slug}/checkpoints', status: 200, call: (w) => ({ token: w.tokens.partner, params: slug(w) }), why: 'a partner user' },
  { op: 'GET /api/v1/partnerships/{slug}/rollouts', status: 200, call: (w) => ({ token: w.tokens.analyst, params: slug(w) }) },
  { op: 'GET /api/v1/partnerships/{slug}/rollouts', status: 200, call: (w) => ({ token: w.tokens.partner, params: slug(w) }), why: 'a partner user' },
  { op: 'PATCH /api/v1/milestones/{id}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { id: w.milestone }, ...json({ version: await version(w, 'milestone', w.milestone), title: 'Renamed by the contract test' }) }) },
  { op: 'PATCH /api/v1/milestones/{id}', status: 409, call: (w) => ({ token: w.tokens.bd, params: { id: w.milestone }, ...json({ version: 1, title: 'Stale' }) }) },
  { op: 'PATCH /api/v1/checkpoints/{id}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, ...json({ version: await version(w, 'regulatoryCheckpoint', w.checkpoint), notes: 'Checked by the contract test.' }) }) },
  { op: 'PATCH /api/v1/checkpoints/{id}', status: 409, call: (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, ...json({ version: 1, notes: 'Stale' }) }) },
  { op: 'PATCH /api/v1/rollouts/{id}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { id: w.rollout }, ...json({ version: await version(w, 'rollout', w.rollout), notes: 'Checked by the contract test.' }) }) },
  { op: 'PATCH /api/v1/rollouts/{id}', status: 409, call: (w) => ({ token: w.tokens.bd, params: { id: w.rollout }, ...json({ version: 1, notes: 'Stale' }) }) },

  // Regions of a partnership
  { op: 'POST /api/v1/partnerships/{slug}/regions', status: 201, call: (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ region: 'DE', plannedLaunchOn: '2027-03-01' }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/regions', status: 409, call: (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL }, ...json({ region: 'DE' }) }) },
  { op: 'DELETE /api/v1/partnerships/{slug}/regions/{code}', status: 204, call: (w) => ({ token: w.tokens.bd, params: { slug: NEW_DEAL, code: 'DE' } }) },
  { op: 'DELETE /api/v1/partnerships/{slug}/regions/{code}', status: 409, why: 'a region with metric values', call: (w) => ({ token: w.tokens.bd, params: { slug: w.deal.slug, code: 'US' } }) },
  { op: 'DELETE /api/v1/partnerships/{slug}/regions/{code}', status: 422, why: 'not a region code', call: (w) => ({ token: w.tokens.bd, params: { slug: w.deal.slug, code: 'u-s' } }) },
  // Approvals (issue 17): the signing asked for above is approved; the seeded launches are rejected, withdrawn.
  { op: 'GET /api/v1/approvals', status: 200, call: (w) => ({ token: w.tokens.bd, query: 'state=all' }) },
  { op: 'GET /api/v1/approvals', status: 422, call: (w) => ({ token: w.tokens.bd, query: 'state=maybe' }) },
  { op: 'GET /api/v1/approvals/{id}', status: 200, call: (w) => ({ token: w.tokens.executive, params: { id: w.approvals[0]! } }) },
  { op: 'POST /api/v1/approvals/{id}/approve', status: 200, call: async (w) => ({ token: w.tokens.admin, params: { id: await signingRequest(w) }, ...json({ comment: 'Signed off.' }) }) },
  { op: 'POST /api/v1/approvals/{id}/approve', status: 409, why: 'already decided', call: async (w) => ({ token: w.tokens.executive, params: { id: await signingRequest(w) }, ...json({}) }) },
  { op: 'POST /api/v1/approvals/{id}/approve', status: 422, why: 'a body that is not the schema', call: (w) => ({ token: w.tokens.admin, params: { id: w.approvals[2]! }, ...json({ comment: 7 }) }) },
  { op: 'POST /api/v1/approvals/{id}/reject', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.approvals[0]! }, ...json({ comment: 'Not yet.' }) }) },
  { op: 'POST /api/v1/approvals/{id}/reject', status: 409, why: 'already decided', call: (w) => ({ token: w.tokens.admin, params: { id: w.approvals[0]! }, ...json({ comment: 'Again.' }) }) },
  { op: 'POST /api/v1/approvals/{id}/withdraw', status: 200, call: (w) => ({ token: w.tokens.bd, params: { id: w.approvals[1]! }, ...json({}) }) },
  { op: 'POST /api/v1/approvals/{id}/withdraw', status: 409, why: 'already decided', call: (w) => ({ token: w.tokens.bd, params: { id: w.approvals[1]! }, ...json({}) }) },

  // Organizations
  { op: 'GET /api/v1/organizations', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'POST /api/v1/organizations', status: 201, call: (w) => ({ token: w.tokens.bd, ...json({ name: 'Contract Octopus Ltd', kind: 'TRANSPORT', country: 'hk', website: 'https://octopus.example' }) }) },
  { op: 'POST /api/v1/organizations', status: 409, call: (w) => ({ token: w.tokens.bd, ...json({ name: 'contract octopus ltd' }) }) },
  { op: 'GET /api/v1/organizations/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.organization } }) },
  { op: 'PATCH /api/v1/organizations/{id}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'organization') }, ...json({ version: 1, website: null }) }) },
  { op: 'PATCH /api/v1/organizations/{id}', status: 409, call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'organization') }, ...json({ version: 1, website: null }) }) },
  { op: 'DELETE /api/v1/organizations/{id}', status: 409, why: 'a party to a deal', call: async (w) => ({ token: w.tokens.bd, params: { id: w.organization }, query: `version=${await version(w, 'organization', w.organization)}` }) },
  { op: 'DELETE /api/v1/organizations/{id}', status: 422, why: 'no version', call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'organization') } }) },
  { op: 'DELETE /api/v1/organizations/{id}', status: 204, call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'organization') }, query: 'version=2' }) },

  // Notes
  ...(['partnership', 'milestone', 'checkpoint', 'rollout'] as const).flatMap((kind): Case[] => {
    const base = kind === 'partnership' ? '/api/v1/partnerships/{slug}/notes' : `/api/v1/${kind}s/{id}/notes`;
    const params = (w: ContractWorld): Record<string, string> => (kind === 'partnership' ? { slug: w.deal.slug } : { id: kind === 'milestone' ? w.milestone : kind === 'checkpoint' ? w.checkpoint : w.rollout });
    return [
      { op: `GET ${base}`, status: 200, call: (w) => ({ token: w.tokens.analyst, params: params(w) }) },
      { op: `POST ${base}`, status: 201, call: (w) => ({ token: w.tokens.bd, params: params(w), ...json({ body: `A note on a ${kind}, for **@executive@accord.local**.` }) }) },
    ];
  }),
  { op: 'GET /api/v1/partnerships/{slug}/notes', status: 200, call: (w) => ({ token: w.tokens.partner, params: slug(w) }), why: 'a partner user' },
  { op: 'GET /api/v1/notes/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notes[0]! } }) },
  { op: 'PATCH /api/v1/notes/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notes[0]! }, ...json({ body: 'Edited.', version: 1 }) }) },
  { op: 'PATCH /api/v1/notes/{id}', status: 409, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notes[0]! }, ...json({ body: 'Stale.', version: 1 }) }) },
  { op: 'PATCH /api/v1/notes/{id}', status: 403, why: 'someone else’s note', call: (w) => ({ token: w.tokens.bd, params: { id: w.notes[1]! }, ...json({ body: 'Not mine.' }) }) },
  { op: 'DELETE /api/v1/notes/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notes[2]! } }) },
  { op: 'GET /api/v1/people', status: 200, call: (w) => ({ token: w.tokens.analyst, query: 'q=acc' }) },
  // Over the limit (a control character, the other refusal, is answered 400 by proxy.ts before the route over HTTP).
  { op: 'GET /api/v1/people', status: 422, call: (w) => ({ token: w.tokens.analyst, query: `q=${'a'.repeat(101)}` }) },
  { op: 'GET /api/v1/search', status: 200, call: (w) => ({ token: w.tokens.analyst, query: 'q=alipay&limit=5' }) },
  { op: 'GET /api/v1/search', status: 200, call: (w) => ({ token: w.tokens.partner, query: 'q=alipay' }), why: 'a partner user' },
  { op: 'GET /api/v1/search', status: 422, call: (w) => ({ token: w.tokens.analyst, query: 'q=' }) },

  // Documents
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 201, call: (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload({ expiresOn: '2030-06-30' }) }) },
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 415, call: (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload({}, new Blob(['<html><script>alert(1)</script></html>']), 'page.html') }) },
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 413, call: (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload(), headers: { 'content-length': String(30 * 1024 * 1024) } }) },
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 422, why: 'an impossible expiry date', call: (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload({ expiresOn: '2030-02-30' }) }) },
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 201, why: 'a new version', call: async (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload({ supersedes: await evidence(w) }) }) },
  { op: 'POST /api/v1/checkpoints/{id}/documents', status: 409, why: 'superseding a version that is no longer current', call: async (w) => ({ token: w.tokens.bd, params: { id: w.checkpoint }, body: upload({ supersedes: await evidence(w) }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 201, call: (w) => ({ token: w.tokens.bd, params: slug(w), body: upload({}, pdf(), 'term sheet.pdf') }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 201, why: 'a new version', call: async (w) => ({ token: w.tokens.bd, params: slug(w), body: upload({ supersedes: await made(w, 'document') }, pdf(), 'term sheet v2.pdf') }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 409, why: 'superseding a version that is no longer current', call: async (w) => ({ token: w.tokens.bd, params: slug(w), body: upload({ supersedes: await made(w, 'document') }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 422, why: 'an expiry date on a partnership document', call: (w) => ({ token: w.tokens.bd, params: slug(w), body: upload({ expiresOn: '2030-01-01' }) }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 415, call: (w) => ({ token: w.tokens.bd, params: slug(w), body: upload({}, new Blob(['MZ\u0090\u0000\u0003\u0000\u0000\u0000']), 'tool.exe') }) },
  { op: 'POST /api/v1/partnerships/{slug}/documents', status: 413, call: (w) => ({ token: w.tokens.bd, params: slug(w), body: upload(), headers: { 'content-length': String(30 * 1024 * 1024) } }) },
  { op: 'GET /api/v1/documents/{id}', status: 200, call: async (w) => ({ token: w.tokens.analyst, params: { id: await made(w, 'document') } }) },
  { op: 'GET /api/v1/documents/{id}/content', status: 200, call: async (w) => ({ token: w.tokens.analyst, params: { id: await made(w, 'document') } }) },
  {
    op: 'GET /api/v1/documents/{id}/content', status: 500, why: 'its stored bytes changed after upload (the last use of this document)',
    call: async (w) => {
      const id = await made(w, 'document');
      await w.db.$executeRaw`UPDATE document_chunks SET bytes = set_byte(bytes, 0, (get_byte(bytes, 0) + 1) % 256) WHERE "documentId" = ${id} AND seq = 0`;
      return { token: w.tokens.analyst, params: { id } };
    },
  },

  // Inbox, mail subscriptions
  { op: 'GET /api/v1/notifications', status: 200, call: (w) => ({ token: w.tokens.analyst, query: 'limit=5' }) },
  { op: 'GET /api/v1/notifications', status: 422, call: (w) => ({ token: w.tokens.analyst, query: 'limit=1000' }) },
  { op: 'POST /api/v1/notifications/{id}/read', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notifications[0]! } }) },
  { op: 'DELETE /api/v1/notifications/{id}/read', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.notifications[0]! } }) },
  { op: 'POST /api/v1/notifications/read-all', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'GET /api/v1/subscriptions', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'POST /api/v1/subscriptions', status: 201, call: (w) => ({ token: w.tokens.analyst, ...json({ kind: 'digest', cadence: 'weekly', day: 1, localTime: '08:00', timeZone: 'Europe/London', partnership: w.deal.slug }) }) },
  { op: 'GET /api/v1/subscriptions/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.subscriptions[0]! } }) },
  { op: 'DELETE /api/v1/subscriptions/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.subscriptions[1]! } }) },

  // Tokens, saved views
  { op: 'DELETE /api/v1/tokens/{id}', status: 200, call: (w) => ({ token: w.tokens.bd, params: { id: w.spareTokenId } }) },
  { op: 'GET /api/v1/views', status: 200, call: (w) => ({ token: w.tokens.analyst }) },
  { op: 'POST /api/v1/views', status: 201, call: (w) => ({ token: w.tokens.analyst, ...json({ name: 'Weekly US', kind: 'metrics', shared: true, query: `partnership=${w.deal.slug}&region=US&granularity=week` }) }) },
  { op: 'POST /api/v1/views', status: 409, call: (w) => ({ token: w.tokens.analyst, ...json({ name: 'weekly us', kind: 'metrics', query: `partnership=${w.deal.slug}` }) }) },
  { op: 'GET /api/v1/views', status: 422, call: (w) => ({ token: w.tokens.analyst, query: 'kind=chart' }) },
  { op: 'GET /api/v1/views/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.views[0]! } }) },
  { op: 'PATCH /api/v1/views/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.views[0]! }, ...json({ name: 'Signed deals', version: 1 }) }) },
  { op: 'PATCH /api/v1/views/{id}', status: 409, call: (w) => ({ token: w.tokens.analyst, params: { id: w.views[0]! }, ...json({ name: 'Stale', version: 1 }) }) },
  { op: 'PATCH /api/v1/views/{id}', status: 403, why: 'someone else’s shared view', call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'view') }, ...json({ name: 'Not mine' }) }) },
  { op: 'DELETE /api/v1/views/{id}', status: 403, why: 'someone else’s shared view', call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'view') } }) },
  { op: 'DELETE /api/v1/views/{id}', status: 200, call: (w) => ({ token: w.tokens.analyst, params: { id: w.views[1]! } }) },

  // Webhooks (administrators)
  { op: 'GET /api/v1/webhooks', status: 200, call: (w) => ({ token: w.tokens.admin }) },
  { op: 'POST /api/v1/webhooks', status: 201, call: (w) => ({ token: w.tokens.admin, ...json({ url: 'http://127.0.0.1:9/contract', events: ['note', 'stage'], description: 'Contract test', allowPrivate: true }) }) },
  { op: 'GET /api/v1/webhooks/{id}', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]! } }) },
  { op: 'PATCH /api/v1/webhooks/{id}', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]! }, ...json({ description: 'Edited', version: 1 }) }) },
  { op: 'PATCH /api/v1/webhooks/{id}', status: 409, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]! }, ...json({ description: 'Stale', version: 1 }) }) },
  { op: 'GET /api/v1/webhooks/{id}/deliveries', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]! } }) },
  { op: 'GET /api/v1/webhooks/{id}/deliveries', status: 422, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]! }, query: 'state=lost' }) },
  { op: 'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]!, deliveryId: w.delivery } }) },
  { op: 'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', status: 409, why: 'still being retried', call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[0]!, deliveryId: w.pendingDelivery } }) },
  { op: 'DELETE /api/v1/webhooks/{id}', status: 200, call: (w) => ({ token: w.tokens.admin, params: { id: w.hooks[1]! } }) },

  // Partner invitations
  { op: 'GET /api/v1/invitations', status: 200, call: (w) => ({ token: w.tokens.bd }) },
  { op: 'POST /api/v1/invitations', status: 201, call: (w) => ({ token: w.tokens.bd, ...json({ email: 'lin@alipay.example', name: 'Lin Partner', organizationId: w.partnerOrganization }) }) },
  { op: 'POST /api/v1/invitations', status: 409, call: (w) => ({ token: w.tokens.bd, ...json({ email: 'lin@alipay.example', name: 'Lin Again', organizationId: w.partnerOrganization }) }) },
  { op: 'DELETE /api/v1/invitations/{id}', status: 422, why: 'an expired invitation', call: (w) => ({ token: w.tokens.bd, params: { id: w.expiredInvitation } }) },
  { op: 'DELETE /api/v1/invitations/{id}', status: 200, call: async (w) => ({ token: w.tokens.bd, params: { id: await made(w, 'invitation') } }) },
];

/** The signing request the stage move above made (202). */
async function signingRequest(w: ContractWorld) {
  return (await w.db.approvalRequest.findFirstOrThrow({ where: { kind: 'PARTNERSHIP_SIGNED', partnership: { slug: NEW_DEAL } }, select: { id: true } })).id;
}

/** What an earlier success case made, found by what it is. */
async function made(w: ContractWorld, what: 'organization' | 'document' | 'view' | 'invitation'): Promise<string> {
  if (w.made[what]) return w.made[what];
  const row =
    what === 'organization' ? await w.db.organization.findFirstOrThrow({ where: { name: 'Contract Octopus Ltd' }, select: { id: true } })
    : what === 'document' ? await w.db.document.findFirstOrThrow({ where: { fileName: 'term sheet.pdf' }, select: { id: true } })
    : what === 'view' ? await w.db.savedView.findFirstOrThrow({ where: { name: 'Weekly US' }, select: { id: true } })
    : await w.db.invitation.findFirstOrThrow({ where: { email: 'lin@alipay.example' }, select: { id: true } });
  return (w.made[what] = row.id);
}

/** The first evidence the success case above uploaded to the checkpoint. */
async function evidence(w: ContractWorld): Promise<string> {
  w.made.evidence ??= (await w.db.document.findFirstOrThrow({ where: { checkpointId: w.checkpoint, fileName: 'licence.pdf' }, select: { id: true }, orderBy: { createdAt: 'asc' } })).id;
  return w.made.evidence;
}
