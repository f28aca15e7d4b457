import { describe, expect, it } from 'vitest';
import { INTERNAL_ROLES, type Role } from '@/lib/domain';
import { isWrite, ROLE_PERMISSIONS } from '@/lib/permissions';
import { errorStatuses, OPERATIONS, openApiDocument } from '@/server/openapi/document';
import type { Operation, OperationKey } from '@/server/openapi/operation';
import { answerChecker } from './openapi-check';
import { CASES, type Call, type Case } from './openapi-cases';
import type { ContractWorld } from './openapi-world';

/**
 * The OpenAPI contract plan (issue 18), run by two transports: through the route handlers with a
 * real Request (tests/db/openapi-contract.test.ts, PGlite) and over a real socket against
 * the production server (tests/db/openapi-contract-http.test.ts, PostgreSQL). One plan, the same
 * order: for every operation a request that succeeds (./openapi-cases.ts), the generic errors made
 * from it (no token → 401; a role, read-only token or partner account without the permission → 403;
 * unknown ids → 404; a body that is not the schema → 422) and the case-specific ones (400, 409,
 * 413, 415…). Each status, header field and body is checked against the document
 * (./openapi-check.ts), and the last test fails if a documented operation, status or media type of
 * an answer was never exercised.
 */

/** What a transport hands back: the answer as it arrived, the body decoded (JSON parsed; other text as is). */
export type Sent = { status: number; contentType: string | null; headers: Headers; body: unknown };
/** Sends one call of the plan for the operation `key` ("METHOD /api/v1/path/{param}"). */
export type Transport = (key: OperationKey, call: Call) => Promise<Sent>;

/** Documented but not produced by the plan, and where each is tested instead. */
export const UNTESTED: Record<string, string> = {
  '429': 'over the rate limit: tests/db/api-rate-limits.test.ts checks its answers against the document',
  '503': 'the database unavailable: e2e/database-outage.spec.ts checks its answers against the document over HTTP',
  'PATCH /api/v1/rollouts/{id} 202': 'going LIVE for approval: tests/db/approvals.test.ts checks its answer against the document',
};

/** The address of a call: path parameters filled in, the query appended. */
export function addressOf(base: string, key: OperationKey, call: Call): string {
  const [, path] = key.split(' ') as [string, string];
  let url = `${base}${path}`;
  for (const [k, v] of Object.entries(call.params ?? {})) url = url.replace(`{${k}}`, encodeURIComponent(v));
  return call.query ? `${url}?${call.query}` : url;
}

/** The request headers of a call (the token, the body's type, its own), with the origin a same-site browser would send. */
export function headersOf(call: Call, origin: string): Record<string, string> {
  const headers: Record<string, string> = { origin, ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.type) headers['content-type'] = call.type;
  return headers;
}

/** An answer read whole: JSON parsed, a stream of JSON lines and other text as text, bytes as latin1 text. */
export async function readAnswer(response: Response): Promise<Sent> {
  const contentType = response.headers.get('content-type');
  const media = (contentType ?? '').split(';')[0]!.trim();
  const bytes = Buffer.from(await response.arrayBuffer());
  const body = media === 'application/json' ? JSON.parse(bytes.toString('utf8')) as unknown
    : media === 'application/x-ndjson' ? bytes.toString('utf8')
      : bytes.length ? bytes.toString('latin1') : null;
  return { status: response.status, contentType, headers: response.headers, body };
}

const ROLE_TOKEN: Record<Exclude<Role, 'PARTNER'>, keyof ContractWorld['tokens']> = { EXECUTIVE: 'executive', BUSINESS_DEVELOPMENT: 'bd', ANALYST: 'analyst', ADMIN: 'admin' };
const READ_ONLY: Partial<Record<Role, keyof ContractWorld['tokens']>> = { BUSINESS_DEVELOPMENT: 'bdReadOnly', ANALYST: 'analystReadOnly', ADMIN: 'adminReadOnly' };

/** A token the operation refuses with 403: a role without the permission, a partner account, or a read-only token. */
function forbiddenToken(op: Operation, w: ContractWorld): string {
  const permission = op.permission!;
  const lacking = INTERNAL_ROLES.find((role) => !ROLE_PERMISSIONS[role].includes(permission));
  if (lacking) return w.tokens[ROLE_TOKEN[lacking]];
  if (!op.partners) return w.tokens.partner;
  const readOnly = INTERNAL_ROLES.find((role) => READ_ONLY[role] && ROLE_PERMISSIONS[role].includes(permission) && isWrite(permission));
  if (readOnly) return w.tokens[READ_ONLY[readOnly]!];
  throw new Error('no way to be refused');
}

const unknownParams = (call: Call) =>
  Object.fromEntries(Object.keys(call.params ?? {}).map((k) => [k, k === 'slug' ? 'no-such-deal' : k === 'code' ? 'ZZ' : 'cunknown0000000000000000000']));

/** The generic error cases of an operation, sent with its first success case's request as the template. */
function genericErrors(key: OperationKey, template: Case): Case[] {
  const op = OPERATIONS[key]!;
  const statuses = Object.keys(errorStatuses(key, op)).map(Number);
  const out: Case[] = [];
  const base = (w: ContractWorld) => template.call(w);
  if (statuses.includes(401)) out.push({ op: key, status: 401, why: 'no token', call: async (w) => ({ ...(await base(w)), token: null }) });
  if (statuses.includes(403) && !CASES.some((c) => c.op === key && c.status === 403)) {
    out.push({ op: key, status: 403, why: 'without the permission', call: async (w) => ({ ...(await base(w)), token: forbiddenToken(op, w) }) });
  }
  if (statuses.includes(404)) out.push({ op: key, status: 404, why: 'unknown ids', call: async (w) => { const c = await base(w); return { ...c, params: unknownParams(c) }; } });
  if (statuses.includes(422) && op.body && 'safeParse' in op.body && !CASES.some((c) => c.op === key && c.status === 422)) {
    out.push({ op: key, status: 422, why: 'a body that is not the schema', call: async (w) => ({ ...(await base(w)), body: '[]', type: 'application/json' }) });
  }
  return out;
}

/** The whole plan, in order: the generic errors of each operation go just before its first success case (nothing they send writes). */
export function contractPlan(): Case[] {
  const plan: Case[] = [];
  const planned = new Set<string>();
  for (const c of CASES) {
    if (c.status < 300 && !planned.has(c.op) && c.op in OPERATIONS) {
      planned.add(c.op);
      plan.push(...genericErrors(c.op as OperationKey, c));
    }
    plan.push(c);
  }
  return plan;
}

/** Every answer an operation documents, as "METHOD /path STATUS MEDIA" ("-" for an answer without a body). */
function documentedAnswers(doc: object): string[] {
  const paths = (doc as { paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>> }).paths;
  return Object.entries(paths).flatMap(([path, item]) => Object.entries(item).flatMap(([method, op]) =>
    Object.entries(op.responses).flatMap(([status, r]) => {
      const key = `${method.toUpperCase()} ${path} ${status}`;
      return Object.keys(r.content ?? {}).length ? Object.keys(r.content!).map((media) => `${key} ${media}`) : [`${key} -`];
    })));
}

/**
 * The plan as Vitest tests in the calling file: one test per case, then the completeness check.
 * `world` and `transport` are read when the tests run (the file's beforeAll makes them).
 */
export function describeContract(options: { world: () => ContractWorld; transport: () => Transport }) {
  const doc = openApiDocument();
  const check = answerChecker(doc);
  const exercised = new Set<string>();

  describe('every documented operation answers as documented', () => {
    for (const c of contractPlan()) {
      it(`${c.op} → ${c.status}${c.why ? ` (${c.why})` : ''}`, async () => {
        const key = c.op as OperationKey;
        const [method, path] = key.split(' ') as [string, string];
        const answer = await options.transport()(key, await c.call(options.world()));
        const text = typeof answer.body === 'string' ? answer.body.slice(0, 200) : JSON.stringify(answer.body)?.slice(0, 400);
        expect(answer.status, `${key}: ${text}`).toBe(c.status);
        expect(check({ method, path, ...answer })).toEqual([]);
        c.inspect?.(answer.body);
        const media = (answer.contentType ?? '').split(';')[0]!.trim();
        exercised.add(`${key} ${c.status} ${media || '-'}`);
      });
    }

    it('exercised every documented operation, status and media type of an answer', () => {
      const missing = documentedAnswers(doc).filter((answer) => {
        const [method, path, status] = answer.split(' ') as [string, string, string];
        if (exercised.has(answer)) return false;
        // A file answer of any type (a document's bytes: application/octet-stream stands for them all).
        if (answer.endsWith(' application/octet-stream') && [...exercised].some((e) => e.startsWith(`${method} ${path} ${status} `))) return false;
        return !UNTESTED[status] && !UNTESTED[`${method} ${path} ${status}`];
      });
      expect(missing).toEqual([]);
    });
  });
}
