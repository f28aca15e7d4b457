import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates';
import { recordAudit } from '@/server/audit/record';
import { userActor } from '@/server/auth/actor';
import { aggregateMetric } from '@/server/metrics/aggregate';
import { findDashboard } from '@/server/dashboard/queries';
import { recordReviewVisitCommand } from '@/server/dashboard/commands';
import { findChangesSince, findDashboardReader, findReviewBaseline, recordReviewVisit, REVIEW_READ_CAP } from '@/server/dashboard/review';
import { setWatching } from '@/server/watches/mutations';
import { isWatching } from '@/server/watches/queries';
import { fingerprint } from '@/tests/support/table-checksums';
import { updateMilestone } from '@/server/milestones/mutations';
import { findPortfolioOverview } from '@/server/partnerships/portfolio';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

const TODAY = '2026-11-23';
const ORBIT = 'orbit-wallet-harbor-bank';
let t: TestDatabase;
let appleId: string;

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  appleId = (await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY } })).id;
}, 300_000); // the demo seed is slow on a busy 2-core machine
afterAll(() => t?.close());

// Independent SQL: written without the app's helpers, with different date expressions.
async function sqlSum(slug: string, metric: string, from: string, to: string, table = 'metric_values') {
  const [row] = await t.db.$queryRawUnsafe<{ total: number | null }[]>(
    `SELECT SUM(x.value)::float8 AS total FROM ${table} x
     JOIN partnerships p ON p.id = x."partnershipId" JOIN metrics m ON m.id = x."metricId"
     WHERE p.slug = $1 AND m.key = $2 AND x.day >= $3::date AND x.day <= $4::date`, slug, metric, from, to);
  return row?.total ?? 0;
}

async function sqlBuckets(slug: string, bucketExpr: string, from: string, to: string) {
  const rows = await t.db.$queryRawUnsafe<{ bucket: string; region: string; total: number }[]>(
    `SELECT to_char(${bucketExpr}, 'YYYY-MM-DD') AS bucket, r.code AS region, SUM(x.value)::float8 AS total
     FROM metric_values x JOIN partnerships p ON p.id = x."partnershipId" JOIN metrics m ON m.id = x."metricId"
     JOIN regions r ON r.id = x."regionId"
     WHERE p.slug = $1 AND m.key = 'cards_added' AND x.day BETWEEN $2::date AND $3::date GROUP BY 1, 2`, slug, from, to);
  return new Map(rows.map((r) => [`${r.bucket}|${r.region}`, r.total]));
}

describe('partnership dashboard figures equal independent SQL', () => {
  it('KPI cards', async () => {
    const d = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!;
    const asOf = d.kpis.asOf!;
    expect(asOf).toBe('2026-11-22');
    expect(d.kpis.cardsToDate).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '0001-01-01', asOf));
    expect(d.kpis.last7).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', addDays(asOf, -6), asOf));
    expect(d.kpis.previous7).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', addDays(asOf, -13), addDays(asOf, -7)));
    const target = await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '0001-01-01', asOf, 'metric_targets');
    expect(d.kpis.pctOfTarget).toBeCloseTo(d.kpis.cardsToDate / target, 12);
    const [counts] = await t.db.$queryRaw<{ live: bigint; total: bigint; pending: bigint; overdue: bigint }[]>`
      SELECT (SELECT COUNT(*) FROM rollouts WHERE "partnershipId" = ${appleId} AND status = 'LIVE') AS live,
             (SELECT COUNT(*) FROM rollouts WHERE "partnershipId" = ${appleId}) AS total,
             (SELECT COUNT(*) FROM regulatory_checkpoints WHERE "partnershipId" = ${appleId}
                AND status NOT IN ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')) AS pending,
             (SELECT COUNT(*) FROM milestones WHERE "partnershipId" = ${appleId} AND status <> 'DONE' AND "dueOn" < ${TODAY}::date) AS overdue`;
    expect(d.kpis).toMatchObject({
      regionsLive: Number(counts!.live), regionsTotal: Number(counts!.total),
      approvalsPending: Number(counts!.pending), milestonesOverdue: Number(counts!.overdue),
    });
  });

  const ISO_WEEK = `x.day - (EXTRACT(ISODOW FROM x.day)::int - 1)`;
  const MONTH = `make_date(EXTRACT(YEAR FROM x.day)::int, EXTRACT(MONTH FROM x.day)::int, 1)`;
  it.each([
    ['90d', 'day', 'x.day', [APPLE_PAY_ALIPAY, ORBIT]],
    ['1y', 'week', ISO_WEEK, [APPLE_PAY_ALIPAY, ORBIT]],
    ['all', 'month', MONTH, [APPLE_PAY_ALIPAY]], // twelve years: monthly
    ['all', 'week', ISO_WEEK, [ORBIT]], // under three years: weekly
  ] as const)('the %s chart is a %s series per region, cumulative to date', async (range, granularity, bucket, slugs) => {
    for (const slug of slugs) {
      const d = (await findDashboard(slug, { range }, TODAY, 'all'))!;
      const chart = d.chart;
      expect(chart.granularity).toBe(granularity);
      const expected = await sqlBuckets(slug, bucket, chart.range!.from, chart.range!.to);
      const got = new Map(chart.points.flatMap((p) => Object.entries(p.byRegion).map(([region, v]) => [`${p.period}|${region}`, v])));
      expect(got).toEqual(expected);
      expect(chart.points.at(-1)!.cumulative).toBeCloseTo(d.kpis.cardsToDate, 6);
      expect(chart.points.at(-1)!.targetCumulative).toBeCloseTo(await sqlSum(slug, 'cards_added', '0001-01-01', chart.range!.to, 'metric_targets'), 6);
      expect(new Set(chart.regions.map((r) => r.code))).toEqual(new Set([...expected.keys()].map((k) => k.split('|')[1])));
      expect(chart.points.length).toBeLessThanOrEqual(1000);
    }
  });

  it('a custom range ending before the last day keeps running totals from the first day', async () => {
    // The opening balance is derived from the total to date minus the days after `from`.
    const asOf = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!.kpis.asOf!;
    const [from, to] = [addDays(asOf, -40), addDays(asOf, -10)];
    const d = (await findDashboard(APPLE_PAY_ALIPAY, { from, to }, TODAY, 'all'))!;
    expect(d.chart.range).toMatchObject({ preset: 'custom', from, to });
    expect(d.chart.points[0]!.cumulative).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '0001-01-01', from));
    expect(d.chart.points.at(-1)!.cumulative).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '0001-01-01', to));
    expect(d.chart.points.at(-1)!.targetCumulative).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '0001-01-01', to, 'metric_targets'));
  });

  it('takes the last day of each period for level metrics (active cards)', async () => {
    const p = await t.db.partnership.findUniqueOrThrow({ where: { slug: ORBIT } });
    const got = await aggregateMetric({ partnershipId: p.id, metricKey: 'active_cards', from: '2025-01-01', to: '2025-06-30', granularity: 'month', audience: 'all' });
    const expected = await t.db.$queryRaw<{ bucket: string; region: string; value: number }[]>`
      SELECT to_char(make_date(EXTRACT(YEAR FROM x.day)::int, EXTRACT(MONTH FROM x.day)::int, 1), 'YYYY-MM-DD') AS bucket, r.code AS region, x.value::float8 AS value
      FROM metric_values x JOIN metrics m ON m.id = x."metricId" JOIN regions r ON r.id = x."regionId"
      WHERE x."partnershipId" = ${p.id} AND m.key = 'active_cards'
        AND x.day = (SELECT MAX(y.day) FROM metric_values y WHERE y."partnershipId" = x."partnershipId" AND y."regionId" = x."regionId"
                     AND y."metricId" = x."metricId" AND date_trunc('month', y.day) = date_trunc('month', x.day) AND y.day <= '2025-06-30')
        AND x.day BETWEEN '2025-01-01' AND '2025-06-30'
      ORDER BY 1, 2`;
    expect(got.map((g) => [g.periodStart, g.region, g.value])).toEqual(expected.map((e) => [e.bucket, e.region, e.value]));
  });

  it('draws deal events on the time axis and shows an empty state without metrics', async () => {
    const all = (await findDashboard(APPLE_PAY_ALIPAY, { range: 'all' }, TODAY, 'all'))!;
    expect(all.chart.events.map((e) => e.label)).toEqual(expect.arrayContaining([
      'United States: live', 'Milestone done: Public statements of interest', 'Hong Kong Monetary Authority: approved with conditions',
    ]));
    expect(all.chart.events.find((e) => e.label === 'United States: live')).toMatchObject({ day: '2014-10-20', period: '2014-10-01' });
    const empty = (await findDashboard('meridian-pay-sakura-transit', {}, TODAY, 'all'))!;
    expect(empty.chart).toMatchObject({ range: null, points: [] });
    expect(empty.kpis).toMatchObject({ asOf: null, cardsToDate: 0, pctOfTarget: null });
  });

  it('computes health from the rules and names launch blockers', async () => {
    const d = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!;
    expect(d.health.level).toBe('watch');
    expect(d.health.reasons).toContain('Term sheet signed 6 days late');
    const cn = d.rollouts.find((r) => r.region === 'CN')!;
    expect(cn.readiness.state).toBe('blocked');
    expect(cn.readiness.blockers.map((b) => b.name)).toEqual([
      "People's Bank of China", 'State Administration for Market Regulation', 'Cyberspace Administration of China', 'Pilot with selected merchants',
    ]);
    const termSheet = d.milestones.find((m) => m.title === 'Term sheet signed')!;
    expect(termSheet).toMatchObject({ originalDueOn: '2026-11-03', dueOn: '2026-11-17', slipDays: 20 });
    const portfolio = await findPortfolioOverview(TODAY, { audience: 'all' });
    expect(Object.fromEntries(portfolio.map((p) => [p.slug, p.health.level]))).toEqual({
      'apple-pay-alipay': 'watch', 'atlas-card-kestrel-wallet': 'at-risk', 'meridian-pay-sakura-transit': 'on-track', [ORBIT]: 'on-track',
    });
    const apple = portfolio.find((p) => p.slug === APPLE_PAY_ALIPAY)!;
    expect(apple.activation!.last7.actual).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '2026-11-16', '2026-11-22'));
    expect(apple.activation!.last30.target).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '2026-10-24', '2026-11-22', 'metric_targets'));
    expect(apple.activation!.daily).toHaveLength(30);
  });
});

describe('since your last review', () => {
  it('keeps one baseline per sitting and moves it on the next one; reading it writes nothing', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'executive@accord.local' } });
    const at = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00Z`);
    expect(await findReviewBaseline(user.id, appleId, at('09:00'))).toBeNull();
    await recordReviewVisit(user.id, appleId, at('09:00'));
    await recordReviewVisit(user.id, appleId, at('09:10')); // same sitting
    expect(await findReviewBaseline(user.id, appleId, at('09:20'))).toBeNull();
    // Ten visits in 32 minutes: the last ones start a second sitting, whose baseline is the first.
    for (const m of ['09:15', '09:18', '09:21', '09:24', '09:27', '09:30', '09:32']) await recordReviewVisit(user.id, appleId, at(m));
    expect(await findReviewBaseline(user.id, appleId, at('09:33'))).toEqual(at('09:00'));
    expect(await findReviewBaseline(user.id, appleId, at('09:00', '2026-11-24'))).toEqual(at('09:30'));
    await recordReviewVisit(user.id, appleId, at('09:00', '2026-11-24'));
    expect(await findReviewBaseline(user.id, appleId, at('09:05', '2026-11-24'))).toEqual(at('09:30'));
  });

  it("the dashboard's one read of the reader's own state agrees with the baseline and the Watch button's own reads", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } });
    const other = await t.db.user.findUniqueOrThrow({ where: { email: 'analyst@accord.local' } });
    const at = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00Z`);
    const reader = (who = user.id, now = at('12:00')) => findDashboardReader(who, appleId, now);
    expect(await reader()).toEqual({ baseline: null, watching: false });
    await setWatching(userActor(user), { subjectType: 'partnership', subjectId: appleId, watching: true });
    expect(await reader()).toEqual({ baseline: null, watching: true });
    expect(await isWatching(user.id, 'partnership', appleId)).toBe(true);
    expect((await reader(other.id)).watching).toBe(false); // someone else's watch is not theirs
    await recordReviewVisit(user.id, appleId, at('09:00'));
    for (const now of [at('09:10'), at('09:31'), at('12:00')]) {
      expect(await reader(user.id, now)).toEqual({ baseline: await findReviewBaseline(user.id, appleId, now), watching: true });
    }
    expect((await reader(user.id, at('12:00'))).baseline).toEqual(at('09:00'));
    await setWatching(userActor(user), { subjectType: 'partnership', subjectId: appleId, watching: false });
    expect(await reader(user.id, at('12:00'))).toEqual({ baseline: at('09:00'), watching: false });
    expect(await isWatching(user.id, 'partnership', appleId)).toBe(false);
  });

  it('a first visit from several tabs at once records one visit and fails none (npm run bench found HTTP 500s)', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'analyst@accord.local' } });
    const now = new Date('2026-11-23T09:00:00Z');
    await Promise.all(Array.from({ length: 6 }, () => recordReviewVisit(user.id, appleId, now)));
    expect(await t.db.dashboardVisit.count({ where: { userId: user.id, partnershipId: appleId } })).toBe(1);
    expect(await findReviewBaseline(user.id, appleId, new Date('2026-11-23T10:00:00Z'))).toEqual(now);
  });

  it('opening the dashboard reads only: every table is the same after its queries; the visit is recorded by the command', async () => {
    const exec = await t.db.user.findUniqueOrThrow({ where: { email: 'executive@accord.local' } });
    const before = await fingerprint(t.db);
    const d = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!;
    const baseline = await findReviewBaseline(exec.id, d.id);
    await findChangesSince(d.id, baseline ?? new Date('2026-11-09T00:00:00Z'), baseline ? 'previous-visit' : 'default', d.kpis.asOf, d.today);
    expect(await fingerprint(t.db)).toEqual(before);
    const visits = () => t.db.dashboardVisit.findUniqueOrThrow({ where: { userId_partnershipId: { userId: exec.id, partnershipId: d.id } } });
    expect((await recordReviewVisitCommand(userActor(exec), { partnershipId: d.id })).status).toBe('success');
    const first = await visits();
    expect((await recordReviewVisitCommand(userActor(exec), { partnershipId: d.id })).status).toBe('success'); // same sitting
    expect((await visits()).sittingStartedAt).toEqual(first.sittingStartedAt);
    expect(await recordReviewVisitCommand(userActor(exec), { partnershipId: 'nosuchpartnership' })).toMatchObject({ status: 'error', code: 404 });
  });

  it('summarises exports and imports in one line, apart from the changes to the deal', async () => {
    const [analyst, bd] = await Promise.all(['analyst', 'bd'].map((who) => t.db.user.findUniqueOrThrow({ where: { email: `${who}@accord.local` } })));
    const since = new Date(Date.now() - 1000);
    const data = (action: string) => ({ entityType: 'Partnership', entityId: appleId, partnershipId: appleId, action, context: { rows: 10 } });
    for (let i = 0; i < 3; i++) await recordAudit(t.db, userActor(analyst!), data('metrics.exported'));
    await recordAudit(t.db, userActor(bd!), data('metrics.imported'));
    const review = await findChangesSince(appleId, since, 'chosen', null, TODAY);
    expect(review.dataMovements).toBe('3 exports, 1 import by Blake Dev, Ana Lyst');
    expect(review.items).toEqual([]);
  });

  it('reads at most REVIEW_READ_CAP events and says when there are more', async () => {
    // Another deal and long-past days, so the other tests' reviews of the flagship see none of these.
    const bd = await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } });
    const orbitId = (await t.db.partnership.findUniqueOrThrow({ where: { slug: ORBIT } })).id;
    const since = new Date('2001-01-01T00:00:00Z');
    const base = since.getTime() + 60_000;
    const change = (i: number) => ({
      entityType: 'Partnership', entityId: orbitId, partnershipId: orbitId, action: 'partnership.updated', actorId: bd.id, actorLabel: bd.name,
      before: { summary: `Summary ${i}` }, after: { summary: `Summary ${i + 1}` }, occurredAt: new Date(base + i),
    });
    await t.db.auditEvent.createMany({ data: Array.from({ length: 3 }, (_, i) => change(i)) });
    const few = await findChangesSince(orbitId, since, 'chosen', null, TODAY);
    expect(few.more).toBe(false);
    expect(few.items).toHaveLength(3);
    await t.db.auditEvent.createMany({ data: Array.from({ length: REVIEW_READ_CAP }, (_, i) => change(i + 3)) });
    const many = await findChangesSince(orbitId, since, 'chosen', null, TODAY);
    expect(many.more).toBe(true);
    expect(many.items).toHaveLength(REVIEW_READ_CAP);
    // Newest first: the last one written leads, and the oldest three are the ones left out.
    expect(many.items[0]!.at).toBe(new Date(base + REVIEW_READ_CAP + 2).toISOString());
    expect(many.items.at(-1)!.at).toBe(new Date(base + 3).toISOString());
  });

  it('shows one slip figure for a milestone: the timeline and the review list agree', async () => {
    const d = (await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all'))!;
    const termSheet = d.milestones.find((m) => m.title === 'Term sheet signed')!;
    expect(termSheet.slipDays).toBeGreaterThan(0);
    const review = await findChangesSince(d.id, new Date('2026-11-09T00:00:00Z'), 'chosen', d.kpis.asOf, TODAY);
    const line = review.items.find((i) => i.text.startsWith('Term sheet signed: due date'))!;
    expect(line.text).toContain(`slipped ${termSheet.slipDays} days in all`);
    expect(line.text.match(/slipped (\d+) days/g)).toHaveLength(1);
  });

  it('lists a BD change in words, with its author, and activation against target since then', async () => {
    const bd = await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } });
    const termSheet = await t.db.milestone.findFirstOrThrow({ where: { partnershipId: appleId, title: 'Term sheet signed' } });
    const since = new Date(Date.now() - 60_000);
    await updateMilestone(userActor(bd), termSheet.id, { version: termSheet.version, status: 'DONE' });
    const review = await findChangesSince(appleId, since, 'previous-visit', '2026-11-22');
    expect(review.items[0]).toMatchObject({ actor: bd.name, text: 'Term sheet signed: status In progress → Done', tone: 'good' });
    const old = await findChangesSince(appleId, new Date('2026-11-09T00:00:00Z'), 'default', '2026-11-22');
    expect(old.items.map((i) => i.text).join('\n')).toMatch(/^Term sheet signed: due date moved 14 days later \(3 Nov 2026 → 17 Nov 2026\); slipped \d+ days in all$/m);
    expect(old.activation!.actual).toBe(await sqlSum(APPLE_PAY_ALIPAY, 'cards_added', '2026-11-10', '2026-11-22'));
  });

  it('refuses a stale milestone edit with the current state, and a block without a reason', async () => {
    const bd = userActor(await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } }));
    const m = await t.db.milestone.findFirstOrThrow({ where: { partnershipId: appleId, title: 'Pilot with selected merchants' } });
    await updateMilestone(bd, m.id, { version: m.version, dueOn: '2027-03-01' });
    await expect(updateMilestone(bd, m.id, { version: m.version, dueOn: '2027-04-01' })).rejects.toMatchObject({
      status: 409, details: { current: { dueOn: '2027-03-01', version: m.version + 1 } },
    });
    await expect(updateMilestone(bd, m.id, { version: m.version + 1, status: 'BLOCKED' })).rejects.toMatchObject({ status: 422 });
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).dueOn?.toISOString().slice(0, 10)).toBe('2027-03-01');
  });
});

// Kept pages (issue 14, decision 011): computed once per content version, again after a change.
describe('cached pages follow the data', () => {
  it('the dashboard, its review and the portfolio are computed once, and again after a change', async () => {
    const first = await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all');
    expect(await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all')).toBe(first); // kept: the same object
    expect(Object.isFrozen(first!.milestones)).toBe(true); // a page cannot change what the next one reads
    const since = new Date('2026-11-01T00:00:00Z');
    const review = await findChangesSince(first!.id, since, 'chosen', first!.kpis.asOf, TODAY);
    const portfolio = await findPortfolioOverview(TODAY, { audience: 'all' });
    expect(await findPortfolioOverview(TODAY, { audience: 'all' })).toBe(portfolio);

    const bd = await t.db.user.findFirstOrThrow({ where: { role: 'BUSINESS_DEVELOPMENT' } });
    const m = await t.db.milestone.findFirstOrThrow({ where: { partnership: { slug: APPLE_PAY_ALIPAY }, status: { not: 'DONE' } }, orderBy: { sortOrder: 'asc' } });
    const title = `Renamed at ${Date.now()}`;
    await updateMilestone(userActor(bd), m.id, { version: m.version, title });

    const after = await findDashboard(APPLE_PAY_ALIPAY, {}, TODAY, 'all');
    expect(after).not.toBe(first);
    expect(after!.milestones.map((x) => x.title)).toContain(title);
    expect(first!.milestones.map((x) => x.title)).not.toContain(title);
    const reviewAfter = await findChangesSince(first!.id, since, 'chosen', first!.kpis.asOf, TODAY);
    expect(reviewAfter.items.length).toBe(review.items.length + 1);
    expect(reviewAfter.items[0]!.text).toContain(title);
    const portfolioAfter = await findPortfolioOverview(TODAY, { audience: 'all' });
    expect(portfolioAfter).not.toBe(portfolio);
  });

  it('twenty requests at once for a dashboard not yet kept share one computation', async () => {
    await t.db.$executeRaw`UPDATE regions SET name = name WHERE false`; // a new version: nothing kept
    const answers = await Promise.all(Array.from({ length: 20 }, () => findDashboard(APPLE_PAY_ALIPAY, { range: '30d' }, TODAY, 'all')));
    expect(new Set(answers).size).toBe(1);
  });
});
