import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fieldPoliciesRoute from '@/app/api/v1/partnerships/[slug]/field-policies/route';
import * as partnershipRoute from '@/app/api/v1/partnerships/[slug]/route';
import * as targetsRoute from '@/app/api/v1/partnerships/[slug]/targets/route';
import { formatDay } from '@/lib/format';
import { metricAudience } from '@/server/access/metrics';
import { userActor, type Actor } from '@/server/auth/actor';
import { findDashboard } from '@/server/dashboard/queries';
import { findChangesSince } from '@/server/dashboard/review';
import { updateFieldPoliciesCommand } from '@/server/field-policies/commands';
import { findFieldPolicies } from '@/server/field-policies/queries';
import { updateConfidentialAccessCommand } from '@/server/metric-policies/commands';
import { findPartnerDeal, findPartnerPortfolio } from '@/server/partner-workspace/queries';
import { findActivity } from '@/server/partnerships/activity';
import { updatePartnership } from '@/server/partnerships/mutations';
import { findPortfolioOverview } from '@/server/partnerships/portfolio';
import { searchEverything } from '@/server/search/queries';
import { activationWords, readDigest } from '@/server/subscriptions/digest';
import { findTargetsPage } from '@/server/targets/queries';
import { createApiToken } from '@/server/tokens/mutations';
import { createUser } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 17, item 5: confidential fields of a partnership (server/access/fields.ts) in every output.
const TODAY = '2026-11-23';
const SUMMARY = 'Zephyrquartz clause: Alipay carries the first-year fraud losses.';
const SIGN_ON = '2014-12-19';
const LAUNCH_ON = '2015-09-17';
const MOVED_LAUNCH = '2015-10-29';
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestDatabase;
let actors: Awaited<ReturnType<typeof actorsByRole>>;
let partner: Actor;
let appleId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  actors = await actorsByRole(t.db);
  const apple = await t.db.partnership.update({
    where: { slug: APPLE_PAY_ALIPAY },
    data: { summary: SUMMARY, targetSignOn: new Date(`${SIGN_ON}T00:00:00Z`), targetLaunchOn: new Date(`${LAUNCH_ON}T00:00:00Z`) },
    include: { parties: true },
  });
  appleId = apple.id;
  const partnerUser = await createUser(t.db, { role: 'PARTNER', organizationId: apple.parties.at(-1)!.organizationId, email: 'partner-fields@example.test' });
  partner = userActor(partnerUser);
  for (const [name, who] of [['EXECUTIVE', actors.EXECUTIVE], ['ANALYST', actors.ANALYST], ['BUSINESS_DEVELOPMENT', actors.BUSINESS_DEVELOPMENT], ['PARTNER', partner]] as const) {
    tokens[name] = (await createApiToken(who, { ownerId: who.userId!, name: 'fields', readOnly: false })).token;
  }
});
afterAll(() => t?.close());

async function call(handler: Handler, token: string, method = 'GET', body?: unknown, path = `/api/v1/partnerships/${APPLE_PAY_ALIPAY}`) {
  const response = await handler(
    new Request(`http://accord.test${path}`, {
      method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'http://accord.test' },
    }),
    { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) },
  );
  return { status: response.status, text: await response.text() };
}

/** Every way a confidential value could show: the text, the dates as ISO days and in words. */
const TRACES = [SUMMARY, 'Zephyrquartz', SIGN_ON, LAUNCH_ON, formatDay(SIGN_ON), formatDay(LAUNCH_ON)];
const tracesIn = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return TRACES.filter((s) => text.includes(s));
};

async function setFields(confidential: boolean, who: Actor = actors.BUSINESS_DEVELOPMENT) {
  const current = await findFieldPolicies(APPLE_PAY_ALIPAY);
  const fields: Record<string, string> = { partnership: APPLE_PAY_ALIPAY };
  for (const p of current.policies) {
    fields[`version:${p.field}`] = String(p.version);
    if (confidential) fields[`confidential:${p.field}`] = 'on';
  }
  return updateFieldPoliciesCommand(who, fields);
}

async function setAccess(role: 'ANALYST' | 'BUSINESS_DEVELOPMENT', allowed: boolean) {
  const fields: Record<string, string> = { 'allowed:EXECUTIVE': 'on', 'allowed:BUSINESS_DEVELOPMENT': 'on', 'allowed:ANALYST': 'on', 'allowed:ADMIN': 'on' };
  if (!allowed) delete fields[`allowed:${role}`];
  expect(await updateConfidentialAccessCommand(actors.ADMIN, fields)).toMatchObject({ status: 'success' });
}

const targetLine = (d: Awaited<ReturnType<typeof findDashboard>>) => d!.chart.points.filter((p) => p.targetCumulative !== null).length;

describe('confidential fields (issue 17, item 5)', () => {
  it('by default nothing is confidential: every reader, partners included, sees the summary, target dates and targets', async () => {
    expect((await findFieldPolicies(APPLE_PAY_ALIPAY)).policies.map((p) => [p.field, p.confidential, p.version])).toEqual([
      ['summary', false, 0], ['targetSignOn', false, 0], ['targetLaunchOn', false, 0], ['targets', false, 0],
    ]);
    const d = (await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, metricAudience(actors.ANALYST)))!;
    expect(d.summary).toBe(SUMMARY);
    expect(d.hiddenFields).toEqual([]);
    expect(targetLine(d)).toBeGreaterThan(0);
    expect(d.kpis).toMatchObject({ targetShown: true });
    expect((await findPartnerDeal(partner, APPLE_PAY_ALIPAY))).toMatchObject({ summary: SUMMARY, targetSignOn: SIGN_ON, targetLaunchOn: LAUNCH_ON, hiddenFields: [] });
    const api = await call(partnershipRoute.GET as Handler, tokens.PARTNER!);
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text)).toMatchObject({ summary: SUMMARY, hiddenFields: [] });
  });

  it('marking fields confidential is audited in the same words, with the version check', async () => {
    expect(await setFields(true)).toMatchObject({ status: 'success' });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'field_policy.changed' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ entityType: 'Partnership', entityId: appleId, partnershipId: appleId, actorId: actors.BUSINESS_DEVELOPMENT.userId });
    expect(event.after).toEqual({ 'Deal summary confidential': true, 'Target signing date confidential': true, 'Target launch date confidential': true, 'Activation targets confidential': true });
    expect(event.before).toEqual({ 'Deal summary confidential': false, 'Target signing date confidential': false, 'Target launch date confidential': false, 'Activation targets confidential': false });
    // The same save again from the version loaded before: 409, nothing written.
    const count = await t.db.auditEvent.count({ where: { action: 'field_policy.changed' } });
    const stale = await updateFieldPoliciesCommand(actors.BUSINESS_DEVELOPMENT, { partnership: APPLE_PAY_ALIPAY, 'version:summary': '0' });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    expect(await t.db.auditEvent.count({ where: { action: 'field_policy.changed' } })).toBe(count);
    // Only those who may edit the partnership (the metric sharing's permission).
    expect(await updateFieldPoliciesCommand(actors.ANALYST, { partnership: APPLE_PAY_ALIPAY, 'version:summary': '1' })).toMatchObject({ status: 'error', code: 403 });
    expect(await updateFieldPoliciesCommand(partner, { partnership: APPLE_PAY_ALIPAY, 'version:summary': '1' })).toMatchObject({ status: 'error', code: 403 });
  });

  it('bad input is a 4xx with a message, never a partial write', async () => {
    const before = await findFieldPolicies(APPLE_PAY_ALIPAY);
    for (const body of [
      { policies: [{ field: 'name', confidential: true, version: 0 }] },
      { policies: [{ field: 'summary', confidential: 'yes', version: 1 }] },
      { policies: [{ field: 'summary', confidential: true, version: -1 }] },
      { policies: [] },
      { policies: [{ field: 'summary', confidential: true, version: 1 }, { field: 'summary', confidential: false, version: 1 }] },
      { policies: [{ field: 'summary', confidential: true, version: 1 }], extra: 1 },
      'not json',
    ]) {
      const answer = await call(fieldPoliciesRoute.PUT as Handler, tokens.BUSINESS_DEVELOPMENT!, 'PUT', body, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}/field-policies`);
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.text).toBeLessThan(500);
      expect(JSON.parse(answer.text).error).toEqual(expect.any(String));
    }
    expect(await updateFieldPoliciesCommand(actors.BUSINESS_DEVELOPMENT, { partnership: APPLE_PAY_ALIPAY })).toMatchObject({ status: 'error' });
    const missing = await updateFieldPoliciesCommand(actors.BUSINESS_DEVELOPMENT, { partnership: 'no-such-deal', 'version:summary': '0' });
    expect(missing).toMatchObject({ status: 'error', code: 404 });
    expect(await findFieldPolicies(APPLE_PAY_ALIPAY)).toEqual(before);
    const read = await call(fieldPoliciesRoute.GET as Handler, tokens.BUSINESS_DEVELOPMENT!, 'GET', undefined, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}/field-policies`);
    expect(JSON.parse(read.text)).toMatchObject({ partnership: APPLE_PAY_ALIPAY, policies: [{ field: 'summary', confidential: true, version: 1, label: 'Deal summary' }, {}, {}, {}] });
    expect((await call(fieldPoliciesRoute.GET as Handler, tokens.ANALYST!, 'GET', undefined, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}/field-policies`)).status).toBe(403);
  });

  it('an analyst whose role is unticked and a partner get no trace of them, in any output; an executive gets them all', async () => {
    // A launch date moved while confidential: the review and the activity feed must not tell it either.
    const { version } = await t.db.partnership.findUniqueOrThrow({ where: { id: appleId }, select: { version: true } });
    await updatePartnership(actors.BUSINESS_DEVELOPMENT, APPLE_PAY_ALIPAY, { version, targetLaunchOn: MOVED_LAUNCH });
    await setAccess('ANALYST', false);
    TRACES.push(MOVED_LAUNCH, formatDay(MOVED_LAUNCH));
    const since = new Date('2026-11-01T00:00:00Z');

    for (const [name, who] of [['ANALYST', actors.ANALYST], ['PARTNER', partner]] as const) {
      const audience = metricAudience(who);
      if (name === 'ANALYST') {
        const d = (await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, audience))!;
        expect(tracesIn(d), name).toEqual([]);
        expect(d.summary).toBeNull();
        expect(d.hiddenFields).toEqual(['summary', 'targetSignOn', 'targetLaunchOn', 'targets']);
        expect(targetLine(d), 'the chart has no target line').toBe(0);
        expect(d.kpis).toMatchObject({ targetShown: false, pctOfTarget: null, activationShown: true });
        expect(d.health.reasons.join(' ')).not.toMatch(/target/i);
        const review = await findChangesSince(appleId, since, 'chosen', d.kpis.asOf, TODAY, d.hiddenFields);
        expect(tracesIn(review)).toEqual([]);
        expect(review.activation?.target ?? null).toBeNull();
        expect(tracesIn(await findActivity(appleId, undefined, d.hiddenFields))).toEqual([]);
        const digest = await readDigest(t.db, { id: 'digest', userId: who.userId!, cadence: 'WEEKLY', partnershipId: appleId, lastSentAt: null }, new Date(`${TODAY}T12:00:00Z`), audience);
        expect(tracesIn(digest)).toEqual([]);
        expect(activationWords(digest.deals[0]!.dashboard)).toMatch(/target confidential/);
        const row = (await findPortfolioOverview(TODAY, { audience })).find((p) => p.slug === APPLE_PAY_ALIPAY)!;
        expect(row.activation).not.toBeNull();
        expect([row.activation!.last7.target, row.activation!.last30.target]).toEqual([null, null]);
      } else {
        const deal = (await findPartnerDeal(who, APPLE_PAY_ALIPAY))!;
        expect(tracesIn(deal)).toEqual([]);
        expect(deal).toMatchObject({ summary: null, targetSignOn: null, targetLaunchOn: null });
        expect(tracesIn(await findPartnerPortfolio(who))).toEqual([]);
      }
      // The API record: the keys are absent and named.
      const api = await call(partnershipRoute.GET as Handler, tokens[name]!);
      expect(api.status).toBe(200);
      expect(tracesIn(api.text), `${name}: GET record`).toEqual([]);
      const record = JSON.parse(api.text) as Record<string, unknown>;
      expect(record).not.toHaveProperty('summary');
      expect(record).not.toHaveProperty('targetLaunchOn');
      expect(record.hiddenFields).toEqual(['summary', 'targetSignOn', 'targetLaunchOn', 'targets']);
      // Targets: the page says so without a figure or a metric; the API refuses.
      const page = await findTargetsPage(who, APPLE_PAY_ALIPAY, 2015);
      expect(page).toMatchObject({ confidential: true, grids: [], otherMetrics: [] });
      const targets = await call(targetsRoute.GET as Handler, tokens[name]!, 'GET', undefined, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}/targets?year=2015`);
      expect(targets.status).toBe(403);
      // (the targets API is not open to partners at all; to the analyst it says why)
      expect(JSON.parse(targets.text).error).toMatch(name === 'ANALYST' ? /confidential/ : /not open to partner/);
      expect(tracesIn(targets.text)).toEqual([]);
      // Search: the summary neither matches nor is shown.
      for (const q of ['Zephyrquartz', 'fraud losses']) {
        const found = await searchEverything(who, { q, page: 1, limit: 20 });
        expect(tracesIn(found.results), `${name}: search "${q}"`).toEqual([]); // (the answer echoes the query itself)
        expect(found.results.filter((r) => r.kind === 'partnership')).toEqual([]);
      }
    }

    // An executive (role ticked) sees every one of them.
    const d = (await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, metricAudience(actors.EXECUTIVE)))!;
    expect(d.summary).toBe(SUMMARY);
    expect(d.hiddenFields).toEqual([]);
    expect(targetLine(d)).toBeGreaterThan(0);
    expect(d.kpis.pctOfTarget).not.toBeNull();
    const review = await findChangesSince(appleId, since, 'chosen', d.kpis.asOf, TODAY, d.hiddenFields);
    expect(JSON.stringify(review)).toContain(formatDay(MOVED_LAUNCH));
    const api = JSON.parse((await call(partnershipRoute.GET as Handler, tokens.EXECUTIVE!)).text) as Record<string, unknown>;
    expect(api).toMatchObject({ summary: SUMMARY, targetSignOn: SIGN_ON, targetLaunchOn: MOVED_LAUNCH, hiddenFields: [] });
    const targets = await call(targetsRoute.GET as Handler, tokens.EXECUTIVE!, 'GET', undefined, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}/targets?year=2015`);
    expect(targets.status).toBe(200);
    expect((JSON.parse(targets.text) as { targets: unknown[] }).targets.length).toBeGreaterThan(0);
    const found = await searchEverything(actors.EXECUTIVE, { q: 'Zephyrquartz', page: 1, limit: 20 });
    expect(found.results.find((r) => r.kind === 'partnership')).toBeDefined();
    expect(JSON.stringify(found.results)).toContain('Zephyrquartz');
    // The kept answers are per audience: the analyst's hidden dashboard is not served to the executive, nor the reverse.
    expect((await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'ANALYST'))!.summary).toBeNull();
    expect((await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'all'))!.summary).toBe(SUMMARY);
  });

  it('an editor whose role is unticked cannot read a hidden field back through a write, nor change it', async () => {
    await setAccess('BUSINESS_DEVELOPMENT', false);
    const { version } = await t.db.partnership.findUniqueOrThrow({ where: { id: appleId }, select: { version: true } });
    const refused = await call(partnershipRoute.PATCH as Handler, tokens.BUSINESS_DEVELOPMENT!, 'PATCH', { version, summary: 'Overwritten' });
    expect(refused.status).toBe(403);
    expect(tracesIn(refused.text)).toEqual([]);
    // A stale version: the 409's current record leaves the hidden fields out too.
    const stale = await call(partnershipRoute.PATCH as Handler, tokens.BUSINESS_DEVELOPMENT!, 'PATCH', { version: version - 1, name: 'Apple Pay × Alipay' });
    expect(stale.status).toBe(409);
    expect(tracesIn(stale.text)).toEqual([]);
    // A change of another field keeps the hidden ones as they are, and the answer does not show them.
    const saved = await call(partnershipRoute.PATCH as Handler, tokens.BUSINESS_DEVELOPMENT!, 'PATCH', { version, openedOn: '2014-10-01' });
    expect(saved.status, saved.text).toBe(200);
    expect(tracesIn(saved.text)).toEqual([]);
    expect(await t.db.partnership.findUniqueOrThrow({ where: { id: appleId }, select: { summary: true } })).toEqual({ summary: SUMMARY });
    await setAccess('BUSINESS_DEVELOPMENT', true);
  });

  it('unmarked again (or the role ticked again), everything is back for those allowed; partners follow the marks', async () => {
    await setAccess('ANALYST', true);
    expect((await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'ANALYST'))!.summary).toBe(SUMMARY);
    expect((await findPartnerDeal(partner, APPLE_PAY_ALIPAY))!.summary).toBeNull(); // partners never see confidential fields
    expect(await setFields(false)).toMatchObject({ status: 'success' });
    expect((await findPartnerDeal(partner, APPLE_PAY_ALIPAY))).toMatchObject({ summary: SUMMARY, targetLaunchOn: MOVED_LAUNCH, hiddenFields: [] });
    expect((await searchEverything(partner, { q: 'Zephyrquartz', page: 1, limit: 20 })).results.find((r) => r.kind === 'partnership')).toBeDefined();
    expect(targetLine(await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'ANALYST'))).toBeGreaterThan(0);
  });
});
