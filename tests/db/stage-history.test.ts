import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, todayIn } from '@/lib/dates';
import { userActor } from '@/server/auth/actor';
import { findDashboard } from '@/server/dashboard/queries';
import { findChangesSince } from '@/server/dashboard/review';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { addMetricSeries, createPartnership } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// The dashboard's stage header, stage history and stage events on the chart (issue 12, item 3).
const TODAY = '2026-11-23';
let t: TestDatabase;
let bd: Awaited<ReturnType<TestDatabase['db']['user']['findUniqueOrThrow']>>;

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  bd = await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } });
});
afterAll(() => t?.close());

// Independent SQL: the history straight from stage_changes, newest first.
async function sqlHistory(slug: string) {
  return t.db.$queryRaw<{ from: string | null; to: string; on: string; by: string | null }[]>`
    SELECT c."fromStage"::text AS "from", c."toStage"::text AS "to", to_char(c."changedAt", 'YYYY-MM-DD') AS "on", u.name AS "by"
    FROM stage_changes c JOIN partnerships p ON p.id = c."partnershipId" LEFT JOIN users u ON u.id = c."actorId"
    WHERE p.slug = ${slug} ORDER BY c."changedAt" DESC, c.id DESC`;
}

describe('stage header and history on the dashboard', () => {
  it('shows Apple Pay × Alipay negotiating since the demo reopening, with its whole story newest first', async () => {
    const d = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!;
    expect(d.stageStatus).toEqual({ stage: 'NEGOTIATING', since: addDays(TODAY, -160), days: 160, limitDays: 180, overdue: false, signedOn: null });
    const sql = await sqlHistory(APPLE_PAY_ALIPAY);
    expect(d.stageHistory.map((r) => ({ from: r.from, to: r.to, on: r.on, by: r.by }))).toEqual(sql);
    expect(d.stageHistory.map((r) => `${r.from ?? '∅'}→${r.to}`)).toEqual([
      'EXPLORING→NEGOTIATING', 'ON_HOLD→EXPLORING', 'NEGOTIATING→ON_HOLD', 'EXPLORING→NEGOTIATING', '∅→EXPLORING',
    ]);
    expect(d.stageHistory.at(-1)).toMatchObject({ on: '2014-10-27', by: 'Blake Dev' });
    expect(d.stageHistory.find((r) => r.to === 'ON_HOLD')!.reason).toMatch(/regulat/i);
    // Days per stage cover the whole time since opening, with no gap and no overlap.
    expect(d.stageHistory.reduce((sum, r) => sum + r.days, 0)).toBe(daysBetween('2014-10-27', TODAY));
    expect(d.stageHistory[0]!.days).toBe(d.stageStatus.days);
  });

  it('gives each fictional partnership a signing date where its stage needs one', async () => {
    const orbit = (await findDashboard('orbit-wallet-harbor-bank', {}, TODAY, 'all'))!;
    expect(orbit.stageStatus).toMatchObject({ stage: 'LAUNCHED', since: '2024-03-04', limitDays: null, overdue: false, signedOn: '2023-09-18' });
    const atlas = (await findDashboard('atlas-card-kestrel-wallet', {}, TODAY, 'all'))!;
    expect(atlas.stageStatus).toMatchObject({ stage: 'ON_HOLD', days: 38, overdue: false });
    expect(atlas.stageHistory[0]!.reason).toMatch(/BaFin/);
  });

  it('flags a deal that sat in its stage longer than the threshold, and a move resets the clock', async () => {
    const p = await createPartnership(t.db, {
      ownerId: bd.id, slug: 'stale-exploring', openedOn: addDays(TODAY, -120),
      stageHistory: [{ to: 'EXPLORING', at: addDays(TODAY, -120), reason: 'Opened' }],
    });
    const before = (await findDashboard(p.slug, {}, TODAY, 'all'))!;
    expect(before.stageStatus).toMatchObject({ stage: 'EXPLORING', days: 120, limitDays: 90, overdue: true });
    const today = todayIn('UTC');
    await movePartnershipStage(userActor(bd), p.slug, { version: p.version, to: 'NEGOTIATING' });
    const after = (await findDashboard(p.slug, {}, today, 'all'))!;
    expect(after.stageStatus).toMatchObject({ stage: 'NEGOTIATING', since: today, days: 0, overdue: false });
    expect(after.stageHistory[0]).toMatchObject({ from: 'EXPLORING', to: 'NEGOTIATING', on: today, by: 'Blake Dev', days: 0 });
  });
});

describe('stage moves on the activation chart', () => {
  it('draws the demo story on the all-time chart, each in its month', async () => {
    const all = (await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'all'))!;
    const stage = all.chart.events.filter((e) => e.kind === 'stage');
    expect(stage.map((e) => [e.day, e.period, e.label])).toEqual([
      ['2014-10-27', '2014-10-01', 'Opened at Exploring'],
      ['2014-11-03', '2014-11-01', 'Stage: Exploring → Negotiating'],
      ['2015-06-15', '2015-06-01', 'Stage: Negotiating → On hold'],
      [addDays(TODAY, -290), `${addDays(TODAY, -290).slice(0, 7)}-01`, 'Stage: On hold → Exploring'],
      [addDays(TODAY, -160), `${addDays(TODAY, -160).slice(0, 7)}-01`, 'Stage: Exploring → Negotiating'],
    ]);
    // The chart's events stay in time order with the other deal events.
    const days = all.chart.events.map((e) => e.day);
    expect(days).toEqual([...days].sort());
    // A 90-day view holds none of them: nothing moved in the last 90 days.
    const recent = (await findDashboard(APPLE_PAY_ALIPAY, { range: '90d' }, TODAY, 'all'))!;
    expect(recent.chart.events.filter((e) => e.kind === 'stage')).toEqual([]);
  });

  it('adds a move recorded by the stage command (dated after the fact) to the chart and the review', async () => {
    const p = await createPartnership(t.db, { ownerId: bd.id, slug: 'charted-moves', openedOn: addDays(TODAY, -60), stage: 'EXPLORING' });
    const region = await t.db.region.findUniqueOrThrow({ where: { code: 'US' } });
    const metric = await t.db.metric.findUniqueOrThrow({ where: { key: 'cards_added' } });
    const points = Array.from({ length: 30 }, (_, i) => ({ day: addDays(TODAY, -30 + i), value: 100 }));
    await addMetricSeries(t.db, { partnershipId: p.id, regionId: region.id, metricId: metric.id, points });
    const since = new Date(Date.now() - 60_000);
    await movePartnershipStage(userActor(bd), p.slug, { version: p.version, to: 'NEGOTIATING', movedOn: addDays(TODAY, -20) });
    const moved = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id } });
    await movePartnershipStage(userActor(bd), p.slug, { version: moved.version, to: 'ON_HOLD', reason: 'Budget freeze', movedOn: addDays(TODAY, -10) });
    const d = (await findDashboard(p.slug, { range: '90d' }, TODAY, 'all'))!;
    expect(d.chart.events.filter((e) => e.kind === 'stage')).toEqual([
      { day: addDays(TODAY, -20), period: addDays(TODAY, -20), kind: 'stage', label: 'Stage: Exploring → Negotiating' },
      { day: addDays(TODAY, -10), period: addDays(TODAY, -10), kind: 'stage', label: 'Stage: Negotiating → On hold' },
    ]);
    expect(d.stageStatus).toMatchObject({ stage: 'ON_HOLD', since: addDays(TODAY, -10), days: 10 });
    const review = await findChangesSince(p.id, since, 'previous-visit', addDays(TODAY, -1));
    expect(review.items.map((i) => [i.text, i.tone, i.actor])).toEqual([
      ['Stage Negotiating → On hold (Budget freeze)', 'bad', bd.name],
      ['Stage Exploring → Negotiating', 'neutral', bd.name],
    ]);
  });

  it('lists the seeded reopening in words when the review reaches back to it', async () => {
    const apple = await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY } });
    const review = await findChangesSince(apple.id, new Date(`${addDays(TODAY, -300)}T00:00:00Z`), 'chosen', addDays(TODAY, -1));
    const texts = review.items.map((i) => i.text);
    expect(texts).toContain('Stage Exploring → Negotiating (Scope agreed (NFC wallet and QR acceptance); term sheet talks began.)');
    expect(texts.some((x) => x.startsWith('Stage On hold → Exploring (Reopened:'))).toBe(true);
  });
});

describe('stage-history builder', () => {
  it('refuses a history the stage graph would not allow', async () => {
    await expect(createPartnership(t.db, {
      ownerId: bd.id, openedOn: '2025-01-01', stageHistory: [{ to: 'EXPLORING', at: '2025-01-01' }, { to: 'SIGNED', at: '2025-02-01' }],
    })).rejects.toThrow(/cannot move from Exploring to Signed/);
    await expect(createPartnership(t.db, {
      ownerId: bd.id, openedOn: '2025-01-01', stageHistory: [{ to: 'EXPLORING', at: '2025-01-01' }, { to: 'ON_HOLD', at: '2025-02-01' }],
    })).rejects.toThrow(/Say why/);
    await expect(createPartnership(t.db, {
      ownerId: bd.id, openedOn: '2025-01-01', stage: 'EXPLORING', stageHistory: [{ to: 'EXPLORING', at: '2025-01-01' }, { to: 'NEGOTIATING', at: '2025-02-01' }],
    })).rejects.toThrow(/not at the stage given/);
    expect(await t.db.partnership.count({ where: { openedOn: new Date('2025-01-01') } })).toBe(0);
  });
});
