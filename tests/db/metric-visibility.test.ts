import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { metricAudience } from '@/server/access/metrics';
import { userActor, type Actor } from '@/server/auth/actor';
import { findDashboard } from '@/server/dashboard/queries';
import { updateConfidentialAccessCommand, updateMetricPoliciesCommand } from '@/server/metric-policies/commands';
import { findMetricPolicies } from '@/server/metric-policies/queries';
import { metricsResponse } from '@/server/metrics/api';
import { findExplorerView } from '@/server/metrics/explorer';
import { findPortfolioOverview } from '@/server/partnerships/portfolio';
import { activationWords, readDigest } from '@/server/subscriptions/digest';
import { findTargetsPage } from '@/server/targets/queries';
import { createUser } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 17, items 1 and 5: which metrics each reader may see, in every output (server/access/metrics.ts).
const TODAY = '2026-11-23';
const RANGE = { from: '2015-01-01', to: '2015-01-20' } as const;
let t: TestDatabase;
let actors: Awaited<ReturnType<typeof actorsByRole>>;
let partner: Actor;
let appleId: string;
let otherSlug: string;

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  actors = await actorsByRole(t.db);
  const apple = await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY }, include: { parties: true } });
  appleId = apple.id;
  // A partner of one of the flagship's parties, and a deal their organization is not a party to.
  const organizationId = apple.parties.at(-1)!.organizationId;
  partner = userActor(await createUser(t.db, { role: 'PARTNER', organizationId, email: 'partner-visibility@example.test' }));
  otherSlug = (await t.db.partnership.findFirstOrThrow({ where: { parties: { none: { organizationId } } }, select: { slug: true } })).slug;
});
afterAll(() => t?.close());

const view = (q: Partial<MetricsQuery>): MetricsQuery => ({ metrics: [], regions: [], from: null, to: null, granularity: 'day', mode: 'period', format: 'json', download: false, ...q });
type Row = { region: string; metric: string; period_start: string; value: number };

async function exported(who: Actor, q: Partial<MetricsQuery>) {
  return Buffer.from(await (await metricsResponse(who, APPLE_PAY_ALIPAY, view(q))).arrayBuffer());
}
type Json = { meta: { metrics: string[] }; rows: Row[]; count: number };
const jsonOf = async (who: Actor, q: Partial<MetricsQuery> = RANGE) => JSON.parse((await exported(who, { ...q, format: 'json' })).toString()) as Json;

/** The API's JSON and the CSV and XLSX exports (executives read JSON only: they may not export). */
async function allFormats(who: Actor, q: Partial<MetricsQuery> = RANGE) {
  const json = await jsonOf(who, q);
  const csvText = (await exported(who, { ...q, format: 'csv', download: true })).toString();
  const csv = (parse(csvText, { comment: '#', columns: true }) as Record<string, string>[])
    .map((r) => ({ region: r.region!, metric: r.metric!, period_start: r.period_start!, value: Number(r.value) }));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await exported(who, { ...q, format: 'xlsx' })) as unknown as ArrayBuffer);
  const xlsx: Row[] = [];
  workbook.getWorksheet('Metrics')!.eachRow((row, n) => {
    if (n === 1) return;
    const [region, metric, period, value] = [1, 2, 3, 4].map((c) => row.getCell(c).value);
    xlsx.push({ region: String(region), metric: String(metric), period_start: (period as Date).toISOString().slice(0, 10), value: value as number });
  });
  const about: string[] = [];
  workbook.getWorksheet('About this export')!.eachRow((row) => about.push(row.values!.toString()));
  return { json, csv, csvText, xlsx, about: about.join('\n') };
}

/** The independent definition: the day rows of the visible metrics, straight from the table. */
async function sqlRows(metricKeys: string[]): Promise<Row[]> {
  const rows = await t.db.$queryRaw<{ region: string; metric: string; day: string; value: number }[]>`
    SELECT r.code AS region, m.key AS metric, v.day::text AS day, v.value::float8 AS value
    FROM metric_values v JOIN regions r ON r.id = v."regionId" JOIN metrics m ON m.id = v."metricId"
    WHERE v."partnershipId" = ${appleId} AND m.key = ANY(${metricKeys}) AND v.day BETWEEN ${RANGE.from}::date AND ${RANGE.to}::date`;
  return rows.map((r) => ({ region: r.region, metric: r.metric, period_start: r.day, value: r.value }));
}
const sorted = (rows: Row[]) => rows.map((r) => `${r.metric}|${r.region}|${r.period_start}|${r.value}`).sort();
const metricsOf = (rows: Row[]) => [...new Set(rows.map((r) => r.metric))].sort();

async function expectUnknownMetric(who: Actor, key: string) {
  const error = await metricsResponse(who, APPLE_PAY_ALIPAY, view({ metrics: [key] })).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 400, details: { parameter: 'metric' } });
  expect((error as Error).message).toMatch(new RegExp(`^Unknown metric "${key}"\\. Known: `));
  // The metrics it names are those the reader may see: the hidden one is not among them.
  expect((error as Error).message.split('Known: ')[1]!.split(/, |\./)).not.toContain(key);
  return error;
}

async function setPolicies(policies: { metric: string; sharedWithPartners: boolean; confidential: boolean }[]) {
  const current = await findMetricPolicies(APPLE_PAY_ALIPAY);
  const fields: Record<string, string> = { partnership: APPLE_PAY_ALIPAY, metrics: policies.map((p) => p.metric).join(',') };
  for (const p of policies) {
    fields[`version:${p.metric}`] = String(current.policies.find((c) => c.metric === p.metric)!.version);
    if (p.sharedWithPartners) fields[`shared:${p.metric}`] = 'on';
    if (p.confidential) fields[`confidential:${p.metric}`] = 'on';
  }
  const state = await updateMetricPoliciesCommand(actors.BUSINESS_DEVELOPMENT, fields);
  expect(state, JSON.stringify(state)).toMatchObject({ status: 'success' });
}

async function setAnalystAccess(allowed: boolean) {
  const fields: Record<string, string> = { 'allowed:EXECUTIVE': 'on', 'allowed:BUSINESS_DEVELOPMENT': 'on', 'allowed:ADMIN': 'on' };
  if (allowed) fields['allowed:ANALYST'] = 'on';
  const state = await updateConfidentialAccessCommand(actors.ADMIN, fields);
  expect(state, JSON.stringify(state)).toMatchObject({ status: 'success' });
}

describe('metric visibility (issue 17)', () => {
  it('by default an executive and an analyst see payment volume, marked confidential; exports equal the database', async () => {
    const expected = sorted(await sqlRows(['cards_added', 'active_cards', 'transactions', 'payment_volume']));
    for (const who of [actors.EXECUTIVE, actors.ANALYST]) {
      const explorer = (await findExplorerView(who, APPLE_PAY_ALIPAY, view({}), 1))!;
      expect(explorer.options.metrics.find((m) => m.key === 'payment_volume')).toMatchObject({ confidential: true });
      const json = await jsonOf(who);
      expect(json.meta.metrics).toContain('payment_volume');
      expect(metricsOf(json.rows)).toContain('payment_volume');
      expect(sorted(json.rows)).toEqual(expected);
    }
    const out = await allFormats(actors.ANALYST);
    for (const rows of [out.csv, out.xlsx]) expect(sorted(rows)).toEqual(expected);
  });

  it('an analyst whose role an administrator unticked sees no trace of payment volume; an executive still does', async () => {
    const before = await findExplorerView(actors.ANALYST, APPLE_PAY_ALIPAY, view({}), 1);
    await setAnalystAccess(false);
    expect(await t.db.auditEvent.findFirst({ where: { action: 'confidential_access.changed' }, orderBy: { id: 'desc' } })).toMatchObject({ after: { Analyst: false } });

    const explorer = (await findExplorerView(actors.ANALYST, APPLE_PAY_ALIPAY, view({}), 1))!;
    expect(explorer).not.toBe(before); // the kept view is per visible set
    expect(explorer.options.metrics.map((m) => m.key)).not.toContain('payment_volume');
    expect(JSON.stringify(explorer)).not.toMatch(/payment_volume|Payment volume/);

    const out = await allFormats(actors.ANALYST);
    expect(out.json.meta.metrics).toEqual(['cards_added', 'active_cards', 'transactions']);
    const expected = sorted(await sqlRows(['cards_added', 'active_cards', 'transactions']));
    for (const rows of [out.json.rows, out.csv, out.xlsx]) expect(sorted(rows)).toEqual(expected);
    for (const text of [JSON.stringify(out.json), out.csvText, out.about]) expect(text).not.toMatch(/payment_volume/);

    // Asked for by name: the same answer as a metric that does not exist, in the explorer too.
    const hidden = await expectUnknownMetric(actors.ANALYST, 'payment_volume');
    const unknown = await expectUnknownMetric(actors.ANALYST, 'cards_lost');
    expect((hidden as Error).message.replace('payment_volume', 'cards_lost')).toBe((unknown as Error).message);
    await expect(findExplorerView(actors.ANALYST, APPLE_PAY_ALIPAY, view({ metrics: ['payment_volume'] }), 1)).rejects.toMatchObject({ status: 400 });

    // The executive is untouched.
    expect((await jsonOf(actors.EXECUTIVE)).meta.metrics).toContain('payment_volume');
    // Targets: no grid or "add a metric" entry for payment volume.
    const targets = await findTargetsPage(actors.ANALYST, APPLE_PAY_ALIPAY, 2015);
    expect(JSON.stringify(targets)).not.toMatch(/payment_volume/);
    expect(JSON.stringify(await findTargetsPage(actors.EXECUTIVE, APPLE_PAY_ALIPAY, 2015))).toMatch(/payment_volume/);
    await setAnalystAccess(true);
    expect((await allFormats(actors.ANALYST)).json.meta.metrics).toContain('payment_volume');
  });

  it('a partner sees only shared, non-confidential metrics of their own deals; payment volume is an unknown metric; other deals 404', async () => {
    const explorer = (await findExplorerView(partner, APPLE_PAY_ALIPAY, view({}), 1))!;
    expect(explorer.options.metrics.map((m) => m.key)).toEqual(['cards_added', 'active_cards', 'transactions']);
    const out = await allFormats(partner);
    expect(out.json.meta.metrics).toEqual(['cards_added', 'active_cards', 'transactions']);
    const expected = sorted(await sqlRows(['cards_added', 'active_cards', 'transactions']));
    for (const rows of [out.json.rows, out.csv, out.xlsx]) expect(sorted(rows)).toEqual(expected);
    for (const text of [JSON.stringify(out.json), out.csvText, out.about]) expect(text).not.toMatch(/payment_volume|Payment volume/);
    await expectUnknownMetric(partner, 'payment_volume');

    expect(await findExplorerView(partner, otherSlug, view({}), 1)).toBeNull();
    const outside = await metricsResponse(partner, otherSlug, view({})).catch((e: unknown) => e);
    const unknown = await metricsResponse(partner, 'no-such-deal', view({})).catch((e: unknown) => e);
    expect(outside).toMatchObject({ status: 404, message: `No partnership "${otherSlug}".` });
    expect(unknown).toMatchObject({ status: 404, message: 'No partnership "no-such-deal".' });
  });

  it('a per-partnership override works both ways, for partners and internal roles, and is audited', async () => {
    // Payment volume shared and not confidential; transactions no longer shown to partners.
    await setPolicies([
      { metric: 'payment_volume', sharedWithPartners: true, confidential: false },
      { metric: 'transactions', sharedWithPartners: false, confidential: false },
    ]);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'metric_policy.changed' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ entityType: 'Partnership', entityId: appleId, partnershipId: appleId });
    expect(event.after).toEqual({ 'payment_volume shown to partners': true, 'payment_volume confidential': false, 'transactions shown to partners': false });
    expect((await allFormats(partner)).json.meta.metrics).toEqual(['cards_added', 'active_cards', 'payment_volume']);
    await expectUnknownMetric(partner, 'transactions');
    const explorer = (await findExplorerView(actors.EXECUTIVE, APPLE_PAY_ALIPAY, view({}), 1))!;
    expect(explorer.options.metrics.find((m) => m.key === 'payment_volume')).toMatchObject({ confidential: false });

    // Cards added confidential on this deal: an unticked analyst loses the dashboard's activation, the chart and the digest line.
    await setPolicies([{ metric: 'cards_added', sharedWithPartners: true, confidential: true }]);
    await setAnalystAccess(false);
    const hidden = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, metricAudience(actors.ANALYST)))!;
    expect(hidden.kpis).toMatchObject({ activationShown: false, asOf: null, cardsToDate: 0, last7: 0, pctOfTarget: null });
    expect(hidden.chart).toMatchObject({ range: null, points: [] });
    expect(hidden.health.reasons.join(' ')).not.toMatch(/Activation/);
    const shown = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, metricAudience(actors.EXECUTIVE)))!;
    expect(shown.kpis.activationShown).toBe(true);
    expect(shown.kpis.cardsToDate).toBeGreaterThan(0);
    expect(shown.chart.points.length).toBeGreaterThan(0);
    expect(await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all')).toEqual(shown);

    const sub = { id: 'digest', userId: actors.ANALYST.userId!, cadence: 'WEEKLY' as const, partnershipId: appleId, lastSentAt: null };
    const digest = await readDigest(t.db, sub, new Date(`${TODAY}T12:00:00Z`), metricAudience(actors.ANALYST));
    expect(activationWords(digest.deals[0]!.dashboard)).toMatch(/not shown to your role/);
    const execDigest = await readDigest(t.db, { ...sub, userId: actors.EXECUTIVE.userId! }, new Date(`${TODAY}T12:00:00Z`), metricAudience(actors.EXECUTIVE));
    expect(activationWords(execDigest.deals[0]!.dashboard)).toMatch(/cards to date/);

    const portfolio = await findPortfolioOverview(TODAY, { audience: metricAudience(actors.ANALYST) });
    expect(portfolio.find((p) => p.slug === APPLE_PAY_ALIPAY)!.activation).toBeNull();
    expect((await findPortfolioOverview(TODAY, { audience: metricAudience(actors.EXECUTIVE) })).find((p) => p.slug === APPLE_PAY_ALIPAY)!.activation).not.toBeNull();
    // Partners never see confidential figures, shared or not.
    await expectUnknownMetric(partner, 'cards_added');

    // Back to the defaults' values: everything visible again as before.
    await setAnalystAccess(true);
    await setPolicies([
      { metric: 'cards_added', sharedWithPartners: true, confidential: false },
      { metric: 'payment_volume', sharedWithPartners: false, confidential: true },
      { metric: 'transactions', sharedWithPartners: true, confidential: false },
    ]);
    expect((await allFormats(partner)).json.meta.metrics).toEqual(['cards_added', 'active_cards', 'transactions']);
    expect((await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'ANALYST'))!.kpis.activationShown).toBe(true);
  });

  it('a save against a version someone moved since is refused with 409, nothing saved', async () => {
    const fields = { partnership: APPLE_PAY_ALIPAY, metrics: 'payment_volume', 'version:payment_volume': '0', 'shared:payment_volume': 'on' };
    const before = await findMetricPolicies(APPLE_PAY_ALIPAY);
    const state = await updateMetricPoliciesCommand(actors.BUSINESS_DEVELOPMENT, fields);
    expect(state).toMatchObject({ status: 'error', code: 409 });
    expect(await findMetricPolicies(APPLE_PAY_ALIPAY)).toEqual(before);
    // Only people who may edit the partnership change its sharing; only administrators the roles.
    expect(await updateMetricPoliciesCommand(actors.ANALYST, fields)).toMatchObject({ status: 'error', code: 403 });
    expect(await updateConfidentialAccessCommand(actors.EXECUTIVE, {})).toMatchObject({ status: 'error', code: 403 });
    expect(await updateMetricPoliciesCommand(partner, fields)).toMatchObject({ status: 'error', code: 403 });
  });
});
