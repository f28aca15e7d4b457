import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as organizationRoute from '@/app/api/v1/organizations/[id]/route';
import * as organizationsRoute from '@/app/api/v1/organizations/route';
import { ROLES, type Role } from '@/lib/domain';
import { roleCan } from '@/lib/permissions';
import type { Actor } from '@/server/auth/actor';
import { createOrganizationCommand, deleteOrganizationCommand, updateOrganizationCommand } from '@/server/organizations/commands';
import { findOrganizations } from '@/server/organizations/queries';
import { createApiToken } from '@/server/tokens/mutations';
import { createOrganization, createPartnership } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Record<Role, Actor>;
let bearer: { bd: string; analyst: string };
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  bearer = {
    bd: (await createApiToken(actors.BUSINESS_DEVELOPMENT, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name: 'orgs', readOnly: false })).token,
    analyst: (await createApiToken(actors.ANALYST, { ownerId: actors.ANALYST.userId!, name: 'orgs', readOnly: false })).token,
  };
});
afterAll(() => t?.close());

/** Everything an organization command could write. */
async function snapshot() {
  const [row] = await t.db.$queryRaw<{ f: string }[]>`
    SELECT concat_ws('|', (SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0), ':', string_agg(name || kind || COALESCE(country, '') || COALESCE(website, ''), ',' ORDER BY id)) FROM organizations),
      (SELECT COUNT(*) FROM partnership_parties), (SELECT COUNT(*) FROM audit_events WHERE action <> 'token.used')) AS f`;
  return row!.f;
}
const auditCount = async () => t.db.auditEvent.count({ where: { action: { startsWith: 'organization.' } } });

let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;

describe('organization commands, as every role', () => {
  for (const role of ROLES) {
    const allowed = roleCan(role, 'organizations.manage');
    it(`${role} ${allowed ? 'creates, edits and deletes, one audit row each' : 'is refused (403) and nothing is written'}`, async () => {
      const target = await createOrganization(t.db, { name: unique('Target') });
      const steps = [
        () => createOrganizationCommand(actors[role], { name: unique('Bank'), kind: 'BANK', country: 'hk', website: 'https://www.example.com' }),
        () => updateOrganizationCommand(actors[role], { id: target.id, version: '1', name: unique('Renamed'), kind: 'PAYMENTS', country: '', website: '' }),
        () => deleteOrganizationCommand(actors[role], { id: target.id, version: allowed ? '2' : '1' }),
      ];
      for (const step of steps) {
        const before = await snapshot();
        const audit = await auditCount();
        const result = await step();
        if (allowed) {
          expect(result, JSON.stringify(result)).toMatchObject({ status: 'success' });
          expect(await auditCount()).toBe(audit + 1);
        } else {
          expect(result).toMatchObject({ status: 'error', code: 403 });
          expect(await snapshot()).toBe(before);
        }
      }
    });
  }

  it('stores the country in upper case, and the audit row says what changed', async () => {
    const created = await createOrganizationCommand(actors.ADMIN, { name: 'Octopus Cards', kind: 'TRANSPORT', country: ' hk ', website: 'https://www.octopus.com.hk' });
    expect(created).toMatchObject({ status: 'success', data: { country: 'HK', countryName: 'Hong Kong SAR China', kind: 'TRANSPORT', version: 1 } });
    const id = (created as { data: { id: string } }).data.id;
    const edited = await updateOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { id, version: '1', name: 'Octopus Cards', kind: 'TRANSPORT', country: 'HK', website: 'http://octopus.com.hk' });
    expect(edited).toMatchObject({ status: 'success', data: { version: 2, website: 'http://octopus.com.hk' } });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'organization.updated' } });
    expect(event).toMatchObject({ entityType: 'Organization', before: { website: 'https://www.octopus.com.hk' }, after: { website: 'http://octopus.com.hk' } });
  });
});

describe('refusals write nothing', () => {
  it('a name taken in any case: 409 naming the existing organization', async () => {
    await createOrganization(t.db, { name: 'Alipay_Test%' });
    const before = await snapshot();
    const result = await createOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { name: 'ALIPAY_TEST%' });
    expect(result).toMatchObject({ status: 'error', code: 409 });
    expect((result as { message: string }).message).toContain('"Alipay_Test%"');
    // "_" and "%" are not wildcards: a similar name is free.
    expect(await snapshot()).toBe(before);
    expect(await createOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { name: 'AlipayXTestY' })).toMatchObject({ status: 'success' });
  });

  it('renaming onto another name (ignoring case) is refused; renaming to a new case of its own name is not', async () => {
    const a = await createOrganization(t.db, { name: unique('Visa') });
    const b = await createOrganization(t.db, { name: unique('Mastercard') });
    const before = await snapshot();
    expect(await updateOrganizationCommand(actors.ADMIN, { id: b.id, version: '1', name: a.name.toUpperCase() })).toMatchObject({ status: 'error', code: 409 });
    expect(await snapshot()).toBe(before);
    expect(await updateOrganizationCommand(actors.ADMIN, { id: b.id, version: '1', name: b.name.toUpperCase() })).toMatchObject({ status: 'success' });
  });

  it('an organization that is a party to deals: the refusal names the deals', async () => {
    const org = await createOrganization(t.db, { name: unique('Party') });
    const other = await createOrganization(t.db, { name: unique('Counterparty') });
    for (const name of ['Zeta Wallet × Party', 'Alpha Pay × Party']) {
      await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name, parties: [{ organizationId: org.id, role: 'Wallet' }, { organizationId: other.id, role: 'Bank' }] });
    }
    const before = await snapshot();
    const result = await deleteOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { id: org.id, version: '1' });
    expect(result).toMatchObject({ status: 'error', code: 409 });
    expect((result as { message: string }).message).toMatch(/is a party to 2 partnerships \(Alpha Pay × Party, Zeta Wallet × Party\), so it cannot be deleted/);
    expect(await snapshot()).toBe(before);
  });

  it('a stale version: 409 naming who changed it; the newer values stay', async () => {
    const org = await createOrganization(t.db, { name: unique('Stale') });
    expect(await updateOrganizationCommand(actors.ADMIN, { id: org.id, version: '1', kind: 'BANK', name: org.name })).toMatchObject({ status: 'success' });
    const before = await snapshot();
    const stale = await updateOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { id: org.id, version: '1', kind: 'MERCHANT', name: org.name });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    expect((stale as { message: string }).message).toContain(actors.ADMIN.label);
    expect(await deleteOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { id: org.id, version: '1' })).toMatchObject({ status: 'error', code: 409 });
    expect(await snapshot()).toBe(before);
  });

  it.each([
    ['name', { name: '' }, /required/],
    ['name', { name: 'Ali\u0000pay' }, /control characters/],
    ['name', { name: 'Ali\u0007pay' }, /control characters/],
    ['name', { name: 'Ali\npay' }, /line breaks/],
    ['name', { name: 'yapilA\u202e' }, /invisible/],
    ['name', { name: 'Alipay\u200f' }, /invisible/],
    ['name', { name: 'x'.repeat(2000) }, /at most 200/],
    ['kind', { name: 'K', kind: 'BANKING' }, /Choose a kind/],
    ['country', { name: 'C', country: 'ZZ' }, /ISO 3166-1/],
    ['country', { name: 'C', country: 'USA' }, /ISO 3166-1/],
    ['website', { name: 'W', website: 'javascript:alert(1)' }, /http/],
    ['website', { name: 'W', website: 'www.example.com' }, /http/],
    ['website', { name: 'W', website: 'https://exa mple.com' }, /http/],
    ['website', { name: 'W', website: `https://${'a'.repeat(2000)}.com` }, /at most 500/],
  ])('bad %s: 422 with a field message, nothing written', async (field, input, message) => {
    const before = await snapshot();
    const result = await createOrganizationCommand(actors.BUSINESS_DEVELOPMENT, input);
    expect(result).toMatchObject({ status: 'error', code: 422 });
    expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]!.join(' ')).toMatch(message);
    expect(await snapshot()).toBe(before);
  });

  it('right-to-left names are fine; only invisible direction controls are refused', async () => {
    expect(await createOrganizationCommand(actors.BUSINESS_DEVELOPMENT, { name: 'بنك الإمارات دبي الوطني', country: 'AE' })).toMatchObject({ status: 'success' });
  });
});

describe('/api/v1/organizations', () => {
  const call = (handler: (r: Request, s: { params: Promise<Record<string, string>> }) => Promise<Response>, method: string, token: string, body?: unknown, params: Record<string, string> = {}) =>
    handler(new Request('http://accord.test/api/v1/organizations', {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    }), { params: Promise.resolve(params) });
  type H = Parameters<typeof call>[0];

  it('GET lists every organization with its deals, for any role', async () => {
    const response = await call(organizationsRoute.GET as H, 'GET', bearer.analyst);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { organizations: { name: string; deals: unknown[] }[] };
    expect(body.organizations.length).toBe((await findOrganizations()).length);
    expect(body.organizations.find((o) => o.name.startsWith('Party'))?.deals).toHaveLength(2);
  });

  it('POST answers 201 with the record, 409 on a taken name, 403 for an analyst, 422 on bad input', async () => {
    const created = await call(organizationsRoute.POST as H, 'POST', bearer.bd, { name: 'Octopus API', kind: 'TRANSPORT', country: 'hk' });
    expect(created.status).toBe(201);
    const record = (await created.json()) as { id: string; country: string; version: number };
    expect(record).toMatchObject({ country: 'HK', version: 1 });
    const again = await call(organizationsRoute.POST as H, 'POST', bearer.bd, { name: 'octopus api' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toContain('Octopus API');
    expect((await call(organizationsRoute.POST as H, 'POST', bearer.analyst, { name: 'Nope' })).status).toBe(403);
    const bad = await call(organizationsRoute.POST as H, 'POST', bearer.bd, { name: 'Bad', website: 'ftp://x', extra: 1 });
    expect(bad.status).toBe(422);

    const one = await call(organizationRoute.GET as H, 'GET', bearer.analyst, undefined, { id: record.id });
    expect(one.status).toBe(200);
    const patched = await call(organizationRoute.PATCH as H, 'PATCH', bearer.bd, { version: 1, website: 'https://www.octopus.com.hk' }, { id: record.id });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ version: 2, website: 'https://www.octopus.com.hk' });
    expect((await call(organizationRoute.PATCH as H, 'PATCH', bearer.bd, { website: null }, { id: record.id })).status).toBe(422); // version required
    expect((await call(organizationRoute.DELETE as H, 'DELETE', bearer.bd, undefined, { id: record.id })).status).toBe(422); // version required
    const url = `http://accord.test/api/v1/organizations/${record.id}?version=2`;
    const deleted = await (organizationRoute.DELETE as H)(new Request(url, { method: 'DELETE', headers: { authorization: `Bearer ${bearer.bd}` } }), { params: Promise.resolve({ id: record.id }) });
    expect(deleted.status).toBe(204);
    expect((await call(organizationRoute.GET as H, 'GET', bearer.analyst, undefined, { id: record.id })).status).toBe(404);
  });
});
