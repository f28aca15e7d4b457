import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as regionRoute from '@/app/api/v1/partnerships/[slug]/regions/[code]/route';
import * as regionsRoute from '@/app/api/v1/partnerships/[slug]/regions/route';
import { ROLES, type Role } from '@/lib/domain';
import { roleCan } from '@/lib/permissions';
import type { Actor } from '@/server/auth/actor';
import { addPartnershipRegionCommand, createRegionCommand, removePartnershipRegionCommand, updateRegionCommand } from '@/server/regions/commands';
import { findPartnershipRegions, findRegionCatalogue } from '@/server/regions/queries';
import { updateRollout } from '@/server/rollouts/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { addMetricSeries, createCheckpoint, createMilestone, createPartnership, createRollout, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Record<Role, Actor>;
let deal: { id: string; slug: string };
let metricId: number;
let bdToken: string;
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  deal = await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, slug: 'wallet-x-bank' });
  metricId = (await ensureMetrics(t.db)).cards_added!.id;
  bdToken = (await createApiToken(actors.BUSINESS_DEVELOPMENT, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name: 'regions', readOnly: false })).token;
});
afterAll(() => t?.close());

async function snapshot() {
  const [row] = await t.db.$queryRaw<{ f: string }[]>`
    SELECT concat_ws('|', (SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0), ':', string_agg(code || name || "timeZone", ',' ORDER BY id)) FROM regions),
      (SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM rollouts), (SELECT COUNT(*) FROM rollout_checkpoint_gates), (SELECT COUNT(*) FROM rollout_milestone_gates),
      (SELECT COUNT(*) FROM audit_events WHERE action <> 'token.used')) AS f`;
  return row!.f;
}
const audits = (where: object = {}) => t.db.auditEvent.count({ where: { action: { not: 'token.used' }, ...where } });

// Two-letter codes the runtime names (countries and territories), handed out one per test.
const CODES = ['FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'AT', 'CH', 'SE', 'NO', 'DK', 'FI', 'IE', 'PL', 'CZ', 'HU', 'GR', 'TR', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'ZA', 'NG', 'KE', 'EG', 'MA', 'IN', 'TH', 'VN', 'MY', 'ID', 'PH', 'KR', 'TW', 'NZ', 'CA', 'IL'];
let c = 0;
const nextCode = () => CODES[c++]!;

describe('the region catalogue (administrators)', () => {
  for (const role of ROLES) {
    const allowed = roleCan(role, 'regions.manage');
    it(`${role} ${allowed ? 'adds and renames a region, one audit row each' : 'is refused (403), nothing written'}`, async () => {
      const code = nextCode();
      const before = await snapshot();
      const created = await createRegionCommand(actors[role], { code: code.toLowerCase(), name: `Region ${code}`, timeZone: 'Europe/Paris' });
      if (!allowed) {
        expect(created).toMatchObject({ status: 'error', code: 403 });
        expect(await snapshot()).toBe(before);
        return;
      }
      expect(created).toMatchObject({ status: 'success', data: { code, timeZone: 'Europe/Paris', version: 1 } });
      const id = (created as { data: { id: number } }).data.id;
      const audit = await audits();
      expect(await updateRegionCommand(actors[role], { id: String(id), version: '1', name: `Renamed ${code}` })).toMatchObject({ status: 'success', data: { name: `Renamed ${code}`, version: 2 } });
      expect(await audits()).toBe(audit + 1);
    });
  }

  it.each([
    ['code', { code: 'H', name: 'X', timeZone: 'UTC' }, /two-letter/],
    ['code', { code: 'ZZ', name: 'X', timeZone: 'UTC' }, /ISO 3166-1/],
    ['code', { code: 'H\u0000', name: 'X', timeZone: 'UTC' }, /two-letter/],
    ['timeZone', { code: 'LU', name: 'Luxembourg', timeZone: 'Europe/Atlantis' }, /IANA/],
    ['timeZone', { code: 'LU', name: 'Luxembourg', timeZone: 'GMT+8' }, /IANA/],
    ['timeZone', { code: 'LU', name: 'Luxembourg', timeZone: 'x'.repeat(2000) }, /IANA/],
    ['name', { code: 'LU', name: 'Lux\u0000', timeZone: 'Europe/Luxembourg' }, /control/],
    ['name', { code: 'LU', name: '\u202eLux', timeZone: 'Europe/Luxembourg' }, /invisible/],
    ['name', { code: 'LU', name: 'L'.repeat(2000), timeZone: 'Europe/Luxembourg' }, /at most 100/],
  ])('bad %s: 422 with a field message, nothing written', async (field, input, message) => {
    const before = await snapshot();
    const result = await createRegionCommand(actors.ADMIN, input);
    expect(result).toMatchObject({ status: 'error', code: 422 });
    expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors[field]!.join(' ')).toMatch(message);
    expect(await snapshot()).toBe(before);
  });

  it('accepts zones the runtime resolves to a listed one (Asia/Kolkata) and UTC', async () => {
    expect(await createRegionCommand(actors.ADMIN, { code: 'LK', name: 'Sri Lanka', timeZone: 'Asia/Colombo' })).toMatchObject({ status: 'success' });
    expect(await createRegionCommand(actors.ADMIN, { code: 'BD', name: 'Bangladesh', timeZone: 'Asia/Kolkata' })).toMatchObject({ status: 'success' });
    expect(await createRegionCommand(actors.ADMIN, { code: 'IS', name: 'Iceland', timeZone: 'UTC' })).toMatchObject({ status: 'success' });
  });

  it('a taken code: 409 naming the region that has it', async () => {
    await ensureRegion(t.db, { code: 'HK', name: 'Hong Kong', timeZone: 'Asia/Hong_Kong' });
    const before = await snapshot();
    const result = await createRegionCommand(actors.ADMIN, { code: 'hk', name: 'Hongkong', timeZone: 'Asia/Hong_Kong' });
    expect(result).toMatchObject({ status: 'error', code: 409, message: expect.stringContaining('Hong Kong') });
    expect(await snapshot()).toBe(before);
  });

  it('a region with metric values (or targets) keeps its code and time zone; its name can change', async () => {
    const region = await ensureRegion(t.db, { code: 'SG', name: 'Singapore', timeZone: 'Asia/Singapore' });
    const other = await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId! });
    await createRollout(t.db, { partnershipId: other.id, regionId: region.id });
    await addMetricSeries(t.db, { partnershipId: other.id, regionId: region.id, metricId, points: [{ day: '2026-01-01', value: 5 }], kind: 'target' });
    const before = await snapshot();
    for (const patch of [{ timeZone: 'UTC' }, { code: 'SX' }]) {
      const result = await updateRegionCommand(actors.ADMIN, { id: String(region.id), version: '1', ...patch });
      expect(result).toMatchObject({ status: 'error', code: 409, message: expect.stringMatching(/metric values or targets, so its (time zone|code) cannot change/) });
    }
    expect(await snapshot()).toBe(before);
    expect(await updateRegionCommand(actors.ADMIN, { id: String(region.id), version: '1', name: 'Singapore (city state)' })).toMatchObject({ status: 'success' });
    const catalogue = await findRegionCatalogue();
    expect(catalogue.find((r) => r.code === 'SG')).toMatchObject({ hasMetrics: true, partnerships: 1, name: 'Singapore (city state)' });
  });

  it('a region without metrics can change its time zone (and code)', async () => {
    const region = await ensureRegion(t.db, { code: 'JP', name: 'Japan', timeZone: 'UTC' });
    expect(await updateRegionCommand(actors.ADMIN, { id: String(region.id), version: '1', timeZone: 'Asia/Tokyo' })).toMatchObject({ status: 'success', data: { timeZone: 'Asia/Tokyo' } });
    expect(await updateRegionCommand(actors.ADMIN, { id: String(region.id), version: '2', code: 'HK' })).toMatchObject({ status: 'error', code: 409 }); // taken
  });
});

describe('the regions of a partnership', () => {
  for (const role of ROLES) {
    const allowed = roleCan(role, 'partnerships.regions');
    it(`${role} ${allowed ? 'adds a region (PLANNED rollout) and removes it, one audit row each' : 'is refused (403), nothing written'}`, async () => {
      const code = nextCode();
      await ensureRegion(t.db, { code, name: `Region ${code}`, timeZone: 'UTC' });
      const before = await snapshot();
      const added = await addPartnershipRegionCommand(actors[role], { slug: deal.slug, region: code, plannedLaunchOn: '2027-03-01' });
      if (!allowed) {
        expect(added).toMatchObject({ status: 'error', code: 403 });
        expect(await snapshot()).toBe(before);
        return;
      }
      expect(added).toMatchObject({ status: 'success', data: { region: code, status: 'PLANNED', plannedLaunchOn: '2027-03-01', version: 1 } });
      const rolloutId = (added as { data: { id: string } }).data.id;
      expect(await t.db.auditEvent.findMany({ where: { entityId: rolloutId }, select: { action: true, partnershipId: true } })).toEqual([{ action: 'rollout.created', partnershipId: deal.id }]);
      const audit = await audits();
      expect(await removePartnershipRegionCommand(actors[role], { slug: deal.slug, region: code })).toMatchObject({ status: 'success' });
      expect(await audits()).toBe(audit + 1);
      expect(await t.db.auditEvent.findFirst({ where: { entityId: rolloutId, action: 'rollout.deleted' } })).toMatchObject({ partnershipId: deal.id, before: { region: code, status: 'PLANNED' } });
    });
  }

  it('refuses a region not in the catalogue (422), one already on the deal (409), an unknown deal (404)', async () => {
    const code = nextCode();
    await ensureRegion(t.db, { code, name: `Region ${code}`, timeZone: 'UTC' });
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: code })).toMatchObject({ status: 'success' });
    const before = await snapshot();
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: 'AQ' })).toMatchObject({ status: 'error', code: 422, fieldErrors: { region: [expect.stringContaining('No region AQ')] } });
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: code })).toMatchObject({ status: 'error', code: 409 });
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: 'no-such-deal', region: code })).toMatchObject({ status: 'error', code: 404 });
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: '\u0000\u202e' })).toMatchObject({ status: 'error', code: 422 });
    expect(await addPartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: code, plannedLaunchOn: '2027-02-30' })).toMatchObject({ status: 'error', code: 422 });
    expect(await removePartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: 'AQ' })).toMatchObject({ status: 'error', code: 404 });
    expect(await snapshot()).toBe(before);
  });

  it('removing a region takes its gates with it', async () => {
    const code = nextCode();
    const region = await ensureRegion(t.db, { code, name: `Region ${code}`, timeZone: 'UTC' });
    const checkpoint = await createCheckpoint(t.db, { partnershipId: deal.id });
    const milestone = await createMilestone(t.db, { partnershipId: deal.id });
    const rollout = await createRollout(t.db, { partnershipId: deal.id, regionId: region.id, gateCheckpointIds: [checkpoint.id], gateMilestoneIds: [milestone.id] });
    expect(await removePartnershipRegionCommand(actors.ADMIN, { slug: deal.slug, region: code, version: '1' })).toMatchObject({ status: 'success' });
    expect(await t.db.rolloutCheckpointGate.count({ where: { rolloutId: rollout.id } })).toBe(0);
    expect(await t.db.rolloutMilestoneGate.count({ where: { rolloutId: rollout.id } })).toBe(0);
    expect(await t.db.regulatoryCheckpoint.count({ where: { id: checkpoint.id } })).toBe(1); // the checkpoint itself stays
  });

  it('a region with metric values or targets cannot be removed: the message says to withdraw it; withdrawing works', async () => {
    for (const kind of ['value', 'target'] as const) {
      const code = nextCode();
      const region = await ensureRegion(t.db, { code, name: `Region ${code}`, timeZone: 'UTC' });
      const rollout = await createRollout(t.db, { partnershipId: deal.id, regionId: region.id });
      await addMetricSeries(t.db, { partnershipId: deal.id, regionId: region.id, metricId, points: [{ day: '2026-01-01', value: 1 }, { day: '2026-01-02', value: 2 }], kind });
      const before = await snapshot();
      const refused = await removePartnershipRegionCommand(actors.BUSINESS_DEVELOPMENT, { slug: deal.slug, region: code });
      expect(refused).toMatchObject({ status: 'error', code: 409 });
      expect((refused as { message: string }).message).toMatch(new RegExp(`Region ${code} has 2 (metric values|targets) for this partnership, so it cannot be removed. Withdraw it instead`));
      expect(await snapshot()).toBe(before);
      await updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'WITHDRAWN' });
      const regions = await findPartnershipRegions(deal.slug);
      expect(regions.onDeal.find((r) => r.code === code)).toMatchObject({ status: 'WITHDRAWN', hasMetrics: true });
      expect(regions.available.find((r) => r.code === code)).toBeUndefined();
    }
  });

  it('API: POST 201 with the rollout, 409 when already there; DELETE 204, then 404', async () => {
    const code = nextCode();
    await ensureRegion(t.db, { code, name: `Region ${code}`, timeZone: 'UTC' });
    const post = (body: unknown) => (regionsRoute.POST as (r: Request, s: { params: Promise<{ slug: string }> }) => Promise<Response>)(
      new Request('http://accord.test/x', { method: 'POST', headers: { authorization: `Bearer ${bdToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      { params: Promise.resolve({ slug: deal.slug }) });
    const del = (region: string) => (regionRoute.DELETE as (r: Request, s: { params: Promise<{ slug: string; code: string }> }) => Promise<Response>)(
      new Request('http://accord.test/x', { method: 'DELETE', headers: { authorization: `Bearer ${bdToken}` } }),
      { params: Promise.resolve({ slug: deal.slug, code: region }) });
    const created = await post({ region: code.toLowerCase() });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ region: code, status: 'PLANNED' });
    expect((await post({ region: code })).status).toBe(409);
    expect((await post({ region: code, extra: true })).status).toBe(422);
    expect((await del(code.toLowerCase())).status).toBe(204);
    expect((await del(code)).status).toBe(404);
    expect((await del('%00')).status).toBe(422);
  });
});
