import { addDays, dateToDay, todayIn, type IsoDay } from '@/lib/dates';
import { spreadMonthly } from '@/lib/rules/targets';
import {
  addMetricSeries,
  createCheckpoint,
  createMilestone,
  createPartnership,
  createRollout,
  createUser,
  ensureMetrics,
  createWebhookEndpoint,
  ensureRegion,
  type MetricPoint,
  type Tx,
} from './builders';
import { webhookEventOf } from '@/lib/webhook-events';
import { buildWebhookPayload } from '@/server/webhooks/payload';
import { buildDemoSeries, US_LAUNCH_DAYS, type SeriesShape } from './demo-metrics';
import type { OrganizationKind, Prisma, PrismaClient, Role } from '@/generated/prisma/client';

/**
 * The demo dataset: the Apple Pay x Alipay case from shared/domain.md (facts of 27-28 Oct 2014;
 * every later date and figure is synthetic and flagged `isDemoData`), plus three fictional
 * partnerships so the portfolio has something to compare. Idempotent: a second run creates
 * nothing new except metric days that have passed since the first.
 */
export const DEMO_PASSWORD = 'accord-demo';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'executive@accord.local', name: 'Erin Executive', role: 'EXECUTIVE' },
  { email: 'bd@accord.local', name: 'Blake Dev', role: 'BUSINESS_DEVELOPMENT' },
  { email: 'analyst@accord.local', name: 'Ana Lyst', role: 'ANALYST' },
  { email: 'admin@accord.local', name: 'Ada Admin', role: 'ADMIN' },
];

/**
 * Someone of Alibaba Group (Alipay's side of the flagship deal) who signs in as a partner user
 * (issue 17): made once that organization exists, owns two of the deal's milestones.
 */
export const DEMO_PARTNER = { email: 'partner@accord.local', name: 'Pat Partner', role: 'PARTNER' as const, organization: 'Alibaba Group' };

export const DEMO_REGIONS = [
  { code: 'US', name: 'United States', timeZone: 'America/New_York' },
  { code: 'CN', name: 'Mainland China', timeZone: 'Asia/Shanghai' },
  { code: 'HK', name: 'Hong Kong', timeZone: 'Asia/Hong_Kong' },
  { code: 'GB', name: 'United Kingdom', timeZone: 'Europe/London' },
  { code: 'SG', name: 'Singapore', timeZone: 'Asia/Singapore' },
  { code: 'AU', name: 'Australia', timeZone: 'Australia/Sydney' },
  { code: 'JP', name: 'Japan', timeZone: 'Asia/Tokyo' },
  { code: 'DE', name: 'Germany', timeZone: 'Europe/Berlin' },
] as const;

export const APPLE_PAY_ALIPAY = 'apple-pay-alipay';
export const US_LAUNCH_DAY: IsoDay = '2014-10-20';

type Context = {
  tx: Tx;
  today: IsoDay;
  users: Record<string, { id: string }>;
  regions: Record<string, { id: number; timeZone: string }>;
  metrics: Record<string, { id: number }>;
};

export type SeedSummary = { partnershipsCreated: string[]; metricRowsAdded: number };

export async function seedDemo(db: PrismaClient, options: { today?: IsoDay } = {}): Promise<SeedSummary> {
  const today = options.today ?? todayIn('UTC');
  const summary: SeedSummary = { partnershipsCreated: [], metricRowsAdded: 0 };
  const base = await db.$transaction(async (tx) => {
    const users: Context['users'] = {};
    for (const u of DEMO_USERS) {
      const existing = await tx.user.findUnique({ where: { email: u.email } });
      users[u.role] = existing ?? (await createUser(tx, { ...u, password: DEMO_PASSWORD }));
    }
    const regions: Context['regions'] = {};
    for (const r of DEMO_REGIONS) regions[r.code] = await ensureRegion(tx, r);
    return { users, regions, metrics: await ensureMetrics(tx) };
  }, { timeout: 60_000 });

  for (const build of [appleMeetsAlipay, orbitHarbor, meridianSakura, atlasKestrel]) {
    const result = await db.$transaction((tx) => build({ tx, today, ...base }), { timeout: 300_000 });
    if (result.created) summary.partnershipsCreated.push(result.slug);
    summary.metricRowsAdded += result.metricRows;
  }
  await db.$transaction((tx) => demoSubscriptions(tx, base.users));
  await db.$transaction((tx) => demoWebhook(tx), { timeout: 60_000 });
  return summary;
}

/**
 * The executive's weekly digest (Monday 08:00, London) and business development's daily one,
 * each first due at once: the app's job runner writes them into the outbox within seconds of its
 * first start, so the demo shows real mails (there is no SMTP server in the demo). Once only.
 */
async function demoSubscriptions(tx: Tx, users: Context['users']) {
  const flagship = await tx.partnership.findUnique({ where: { slug: APPLE_PAY_ALIPAY }, select: { id: true } });
  const plans = [
    { role: 'EXECUTIVE', cadence: 'WEEKLY' as const, partnershipId: flagship?.id ?? null },
    { role: 'BUSINESS_DEVELOPMENT', cadence: 'DAILY' as const, partnershipId: null },
  ];
  for (const plan of plans) {
    const user = users[plan.role];
    if (!user || (await tx.subscription.count({ where: { userId: user.id } }))) continue;
    await tx.subscription.create({ data: { userId: user.id, kind: 'DIGEST', cadence: plan.cadence, partnershipId: plan.partnershipId, day: 1, localTime: '08:00', timeZone: 'Europe/London', nextRunAt: new Date() } });
  }
}

type Built = { slug: string; created: boolean; metricRows: number };

async function findOrCreate(
  ctx: Context,
  slug: string,
  create: () => Promise<{ id: string }>,
): Promise<{ id: string; created: boolean }> {
  const existing = await ctx.tx.partnership.findUnique({ where: { slug }, select: { id: true } });
  return existing ? { id: existing.id, created: false } : { id: (await create()).id, created: true };
}

type OrganizationFacts = { shortName: string; kind: OrganizationKind; country: string; website?: string };

async function organization(ctx: Context, name: string, facts: OrganizationFacts) {
  return ctx.tx.organization.upsert({ where: { name }, update: {}, create: { name, ...facts } });
}

/** Adds (or tops up to yesterday, local time) the demo series of one live region. */
async function addDemoSeries(ctx: Context, partnershipId: string, regionCode: string, from: IsoDay, shape: SeriesShape) {
  const region = ctx.regions[regionCode]!;
  const to = addDays(todayIn(region.timeZone, new Date(`${ctx.today}T12:00:00Z`)), -1);
  if (to < from) return 0;
  // Series are cumulative, so they are always built from the first day; only new days are written.
  const latest = await ctx.tx.metricValue.aggregate({
    where: { partnershipId, regionId: region.id },
    _max: { day: true },
  });
  const after = latest._max.day ? dateToDay(latest._max.day) : '';
  if (after >= to) return 0;
  const series = buildDemoSeries(`${partnershipId}:${regionCode}`, from, to, shape);
  const fresh = (points: MetricPoint[]) => points.filter((p) => p.day > after);
  let rows = 0;
  for (const key of ['cards_added', 'active_cards', 'transactions', 'payment_volume'] as const) {
    rows += await addMetricSeries(ctx.tx, { partnershipId, regionId: region.id, metricId: ctx.metrics[key]!.id, points: fresh(series[key]) });
  }
  // The plan is set per month, as business development does on the targets page: each month's
  // figure is spread over its days by the one rule (lib/rules/targets.ts), so a plan typed or
  // imported through the UI gives the same day rows. Months already planned are left alone.
  const planned = await ctx.tx.metricTarget.aggregate({ where: { partnershipId, regionId: region.id }, _max: { day: true } });
  const plannedTo = planned._max.day ? dateToDay(planned._max.day) : '';
  for (const key of ['cards_added', 'transactions'] as const) {
    rows += await addMetricSeries(ctx.tx, {
      partnershipId, regionId: region.id, metricId: ctx.metrics[key]!.id, points: monthlyPlan(series.targets[key], plannedTo), kind: 'target',
    });
  }
  return rows;
}

/** Daily plan figures summed per month (whole units), spread over each month not yet planned. */
function monthlyPlan(points: MetricPoint[], plannedTo: IsoDay): MetricPoint[] {
  const months = new Map<string, number>();
  for (const p of points) months.set(p.day.slice(0, 7), (months.get(p.day.slice(0, 7)) ?? 0) + Number(p.value));
  return [...months].filter(([month]) => `${month}-01` > plannedTo)
    .flatMap(([month, total]) => spreadMonthly(month, BigInt(Math.round(total)) * 10_000n).map((d) => ({ day: d.day, value: d.value })));
}

async function appleMeetsAlipay(ctx: Context): Promise<Built> {
  const { tx, today } = ctx;
  const rel = (days: number) => addDays(today, days);
  const apple = await organization(ctx, 'Apple Inc.', { shortName: 'Apple', kind: 'TECHNOLOGY', country: 'US', website: 'https://www.apple.com' });
  const alibaba = await organization(ctx, 'Alibaba Group', { shortName: 'Alibaba', kind: 'TECHNOLOGY', country: 'CN', website: 'https://www.alibabagroup.com' });
  // The demo story (issue 12, item 11). Facts end on 27-28 Oct 2014: both chiefs voiced interest and
  // Apple's CEO said he would meet Alibaba's chairman that week. Everything later is demo data that
  // explains the dates the rest of the seed uses: talks paused in 2015 over the risks the reports
  // named (regulators, Apple's platform terms) while QR-code wallets took China's shop counters, and
  // reopened this year, which is why the milestones and filings all fall in 2026-2027.
  const REOPENED = -290;
  const NEGOTIATING = -160;
  const reopened = rel(REOPENED);
  const reopenReason = 'Reopened: NFC acceptance spread in China and Hong Kong, and QR acceptance in the wallet gives a new scope.';
  const negotiateReason = 'Scope agreed (NFC wallet and QR acceptance); term sheet talks began.';
  const bd = ctx.users.BUSINESS_DEVELOPMENT!.id;
  const partner = (await tx.user.findUnique({ where: { email: DEMO_PARTNER.email }, select: { id: true } }))
    ?? (await createUser(tx, { email: DEMO_PARTNER.email, name: DEMO_PARTNER.name, role: DEMO_PARTNER.role, organizationId: alibaba.id, password: DEMO_PASSWORD }));
  const p = await findOrCreate(ctx, APPLE_PAY_ALIPAY, async () => {
    const partnership = await createPartnership(tx, {
      slug: APPLE_PAY_ALIPAY,
      name: 'Apple Pay × Alipay',
      stage: 'NEGOTIATING',
      ownerId: bd,
      openedOn: '2014-10-27',
      targetLaunchOn: rel(150),
      isDemoData: true,
      summary:
        'Bring Alipay into Apple Pay so Alipay customers can pay with their iPhone in physical stores, ' +
        'alongside the QR-code payments Alipay already supports in China. Both chiefs voiced interest ' +
        'on stage on 27 Oct 2014; everything after that date here is demo data, in which talks paused ' +
        `in 2015 and reopened in ${reopened.slice(0, 4)}.`,
      stageHistory: [
        { to: 'EXPLORING', at: '2014-10-27', reason: 'Both chiefs said on stage in Laguna Beach that they would like to work together.' },
        { to: 'NEGOTIATING', at: '2014-11-03', reason: 'After the CEO meeting both sides agreed to discuss bringing Alipay into Apple Pay.' },
        { to: 'ON_HOLD', at: '2015-06-15', reason: "Regulatory climate: Chinese regulators were scrutinising payments partnerships, no agreement on Apple's platform terms, and QR-code wallets were winning China's shop counters without NFC." },
        { to: 'EXPLORING', at: reopened, reason: reopenReason },
        { to: 'NEGOTIATING', at: rel(NEGOTIATING), reason: negotiateReason },
      ],
      parties: [
        { organizationId: apple.id, role: 'Wallet platform (Apple Pay)' },
        { organizationId: alibaba.id, role: 'Payment provider (Alipay)' },
      ],
    });
    const id = partnership.id;
    const statements = await createMilestone(tx, {
      partnershipId: id, sortOrder: 1, ownerId: bd, title: 'Public statements of interest', status: 'DONE',
      dueOn: '2014-10-27', completedAt: new Date('2014-10-27T20:00:00Z'),
      description: 'Both chiefs said on stage in Laguna Beach that they would like to work together.',
    });
    const meeting = await createMilestone(tx, {
      partnershipId: id, sortOrder: 2, ownerId: bd, title: 'CEO meeting on partnership areas', status: 'DONE',
      dueOn: '2014-10-31', completedAt: new Date('2014-10-31T18:00:00Z'), dependsOnIds: [statements.id],
    });
    // Demo data from here on: the milestones that explain the years between 2014 and the 2026 plan.
    const proposal = await createMilestone(tx, {
      partnershipId: id, sortOrder: 3, ownerId: bd, title: 'First proposal on wallet integration', status: 'DONE',
      dueOn: '2015-03-31', completedAt: new Date('2015-03-27T10:00:00Z'), dependsOnIds: [meeting.id],
      description: 'Talks went on hold after it (see the stage history).',
    });
    const resumed = await createMilestone(tx, {
      partnershipId: id, sortOrder: 4, ownerId: bd, title: 'Talks resumed with a new scope', status: 'DONE',
      dueOn: reopened, completedAt: new Date(`${reopened}T10:00:00Z`), dependsOnIds: [proposal.id],
    });
    const landscape = await createMilestone(tx, {
      partnershipId: id, sortOrder: 5, ownerId: bd, title: 'Regulatory review for mainland China and Hong Kong', status: 'DONE',
      dueOn: rel(-170), completedAt: new Date(`${rel(-175)}T10:00:00Z`), dependsOnIds: [resumed.id],
    });
    const termSheet = await createMilestone(tx, {
      partnershipId: id, sortOrder: 6, ownerId: bd, title: 'Term sheet signed', status: 'IN_PROGRESS',
      dueOn: rel(-6), dependsOnIds: [landscape.id],
    });
    // Alipay's own work, kept by their partner user and shared with their side (issue 17).
    const design = await createMilestone(tx, {
      partnershipId: id, sortOrder: 7, ownerId: partner.id, sharedWithPartners: true, title: 'Technical integration design (NFC wallet and QR acceptance)',
      status: 'BLOCKED', blockedReason: 'Waiting for the cross-border data assessment scope.', dueOn: rel(21),
      dependsOnIds: [termSheet.id],
    });
    const pilot = await createMilestone(tx, {
      partnershipId: id, sortOrder: 8, ownerId: bd, title: 'Pilot with selected merchants', dueOn: rel(75), dependsOnIds: [design.id],
    });
    const launchCn = await createMilestone(tx, {
      partnershipId: id, sortOrder: 9, ownerId: bd, title: 'Launch in mainland China', dueOn: rel(150), dependsOnIds: [pilot.id],
    });
    const launchHk = await createMilestone(tx, {
      partnershipId: id, sortOrder: 10, ownerId: partner.id, sharedWithPartners: true, title: 'Launch in Hong Kong', dueOn: rel(120), dependsOnIds: [pilot.id],
    });
    const pboc = await createCheckpoint(tx, {
      partnershipId: id, regulator: "People's Bank of China", jurisdiction: 'CN',
      requirement: 'Payment business licence covering NFC wallet acceptance', status: 'UNDER_REVIEW', risk: 'HIGH',
      filedOn: rel(-45), decisionDueOn: rel(30),
      sharedWithPartners: true, // Alipay's own licence: their side follows it too (issue 17)
    });
    const samr = await createCheckpoint(tx, {
      partnershipId: id, regulator: 'State Administration for Market Regulation', jurisdiction: 'CN',
      requirement: 'Competition review of the partnership', status: 'FILED', risk: 'MEDIUM', filedOn: rel(-20), decisionDueOn: rel(60),
    });
    const cac = await createCheckpoint(tx, {
      partnershipId: id, regulator: 'Cyberspace Administration of China', jurisdiction: 'CN',
      requirement: 'Security assessment for cross-border transfer of payment data', status: 'PREPARING', risk: 'CRITICAL',
      decisionDueOn: rel(-3), notes: 'Decision date passed before filing: the plan needs a new date.',
    });
    const hkma = await createCheckpoint(tx, {
      partnershipId: id, regulator: 'Hong Kong Monetary Authority', jurisdiction: 'HK',
      requirement: 'Stored value facility licence for wallet top-ups', status: 'APPROVED_WITH_CONDITIONS', risk: 'LOW',
      filedOn: rel(-120), decidedOn: rel(-25), evidenceExpiresOn: rel(20),
      conditions: 'Quarterly reporting of stored-value balances; customer funds held in trust.',
      sharedWithPartners: true, // the stored value facility is Alipay's: shared with their side (issue 17)
    });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.US!.id, status: 'LIVE', actualLaunchOn: US_LAUNCH_DAY, plannedLaunchOn: US_LAUNCH_DAY,
      notes: 'Apple Pay has been live in the US since 20 Oct 2014 (iPhone 6 and iPhone 6 Plus).' });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.CN!.id, plannedPilotOn: rel(75), plannedLaunchOn: rel(150),
      gateCheckpointIds: [pboc.id, samr.id, cac.id], gateMilestoneIds: [pilot.id, launchCn.id].slice(0, 1) });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.HK!.id, plannedPilotOn: rel(75), plannedLaunchOn: rel(120),
      gateCheckpointIds: [hkma.id], gateMilestoneIds: [pilot.id] });
    void launchHk;
    // A few weeks of history (demo data), so "since your last review" has something to show.
    const history = [
      // The stage moves of the demo story, as the stage command records them (stage history above).
      { days: REOPENED, entityType: 'Partnership', entityId: id, action: 'partnership.stage_moved',
        before: { stage: 'ON_HOLD' }, after: { stage: 'EXPLORING' }, context: { reason: reopenReason } },
      { days: NEGOTIATING, entityType: 'Partnership', entityId: id, action: 'partnership.stage_moved',
        before: { stage: 'EXPLORING' }, after: { stage: 'NEGOTIATING' }, context: { reason: negotiateReason } },
      { days: -25, entityType: 'RegulatoryCheckpoint', entityId: hkma.id, action: 'checkpoint.updated',
        before: { status: 'UNDER_REVIEW', decidedOn: null }, after: { status: 'APPROVED_WITH_CONDITIONS', decidedOn: rel(-25) } },
      { days: -12, entityType: 'Milestone', entityId: termSheet.id, action: 'milestone.updated',
        before: { dueOn: rel(-20) }, after: { dueOn: rel(-6) } },
      { days: -4, entityType: 'Milestone', entityId: design.id, action: 'milestone.updated',
        before: { status: 'IN_PROGRESS', blockedReason: null }, after: { status: 'BLOCKED', blockedReason: 'Waiting for the cross-border data assessment scope.' } },
      { days: -2, entityType: 'RegulatoryCheckpoint', entityId: samr.id, action: 'checkpoint.updated',
        before: { status: 'PREPARING', filedOn: null }, after: { status: 'FILED', filedOn: rel(-20) } },
    ];
    const bdUser = await tx.user.findUniqueOrThrow({ where: { id: bd }, select: { email: true } });
    for (const h of history) {
      await tx.auditEvent.create({
        data: {
          occurredAt: new Date(`${rel(h.days)}T10:00:00Z`), actorId: bd, actorLabel: bdUser.email, partnershipId: id,
          entityType: h.entityType, entityId: h.entityId, action: h.action, before: h.before, after: h.after, context: { ...h.context, demo: true },
        },
      });
    }
    return partnership;
  });
  const metricRows = await addDemoSeries(ctx, p.id, 'US', US_LAUNCH_DAY, {
    steadyDaily: 9_000, launchBoost: 60_000, growth: 0.08, firstDays: US_LAUNCH_DAYS, ticket: 38,
  });
  return { slug: APPLE_PAY_ALIPAY, created: p.created, metricRows };
}

async function orbitHarbor(ctx: Context): Promise<Built> {
  const { tx, today } = ctx;
  const rel = (days: number) => addDays(today, days);
  const slug = 'orbit-wallet-harbor-bank';
  const orbit = await organization(ctx, 'Orbit Wallet (demo)', { shortName: 'Orbit', kind: 'PAYMENTS', country: 'GB' });
  const harbor = await organization(ctx, 'Harbor Bank (demo)', { shortName: 'Harbor', kind: 'BANK', country: 'GB' });
  const p = await findOrCreate(ctx, slug, async () => {
    const partnership = await createPartnership(tx, {
      slug, name: 'Orbit Wallet × Harbor Bank', stage: 'LAUNCHED', ownerId: ctx.users.BUSINESS_DEVELOPMENT!.id,
      openedOn: '2023-06-12', signedOn: '2023-09-18', isDemoData: true,
      stageHistory: [
        { to: 'EXPLORING', at: '2023-06-12', reason: 'Opened' },
        { to: 'NEGOTIATING', at: '2023-07-24' },
        { to: 'SIGNED', at: '2023-09-18', reason: 'Agreement signed for the United Kingdom, Singapore and Australia.' },
        { to: 'INTEGRATING', at: '2023-09-25' },
        { to: 'LAUNCHED', at: '2024-03-04', reason: 'Live in the United Kingdom.' },
      ],
      summary: 'Fictional demo partnership: Harbor Bank cards in the Orbit wallet across three markets.',
      parties: [{ organizationId: orbit.id, role: 'Wallet platform' }, { organizationId: harbor.id, role: 'Card issuer' }],
    });
    const id = partnership.id;
    await createMilestone(tx, { partnershipId: id, sortOrder: 1, title: 'Launch in the United Kingdom', status: 'DONE', dueOn: '2024-03-04', completedAt: new Date('2024-03-04T09:00:00Z') });
    await createMilestone(tx, { partnershipId: id, sortOrder: 2, title: 'Launch in Singapore', status: 'DONE', dueOn: '2024-09-02', completedAt: new Date('2024-09-02T09:00:00Z') });
    const auPilot = await createMilestone(tx, { partnershipId: id, sortOrder: 3, title: 'Australian pilot review', status: 'IN_PROGRESS', dueOn: rel(12) });
    const fca = await createCheckpoint(tx, { partnershipId: id, regulator: 'Financial Conduct Authority', jurisdiction: 'GB', requirement: 'E-money agent registration', status: 'APPROVED', risk: 'LOW', filedOn: '2023-10-02', decidedOn: '2024-01-15' });
    const mas = await createCheckpoint(tx, { partnershipId: id, regulator: 'Monetary Authority of Singapore', jurisdiction: 'SG', requirement: 'Major payment institution licence', status: 'APPROVED', risk: 'MEDIUM', filedOn: '2024-02-01', decidedOn: '2024-07-20', evidenceExpiresOn: rel(300) });
    const asic = await createCheckpoint(tx, { partnershipId: id, regulator: 'Australian Securities and Investments Commission', jurisdiction: 'AU', requirement: 'Pilot relief for stored-value product', status: 'APPROVED_WITH_CONDITIONS', risk: 'MEDIUM', filedOn: rel(-150), decidedOn: rel(-80), conditions: 'Pilot capped at 50,000 customers.' });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.GB!.id, status: 'LIVE', plannedLaunchOn: '2024-03-04', actualLaunchOn: '2024-03-04', gateCheckpointIds: [fca.id] });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.SG!.id, status: 'LIVE', plannedLaunchOn: '2024-09-02', actualLaunchOn: '2024-09-02', gateCheckpointIds: [mas.id] });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.AU!.id, status: 'PILOT', actualPilotOn: rel(-70), plannedLaunchOn: rel(60), gateCheckpointIds: [asic.id], gateMilestoneIds: [auPilot.id] });
    return partnership;
  });
  let metricRows = await addDemoSeries(ctx, p.id, 'GB', '2024-03-04', { steadyDaily: 2_400, launchBoost: 9_000, growth: 0.12, ticket: 24 });
  metricRows += await addDemoSeries(ctx, p.id, 'SG', '2024-09-02', { steadyDaily: 1_100, launchBoost: 4_000, growth: 0.2, ticket: 31 });
  metricRows += await addDemoSeries(ctx, p.id, 'AU', rel(-70), { steadyDaily: 450, launchBoost: 900, growth: 0.3, ticket: 27 });
  return { slug, created: p.created, metricRows };
}

async function meridianSakura(ctx: Context): Promise<Built> {
  const { tx, today } = ctx;
  const rel = (days: number) => addDays(today, days);
  const slug = 'meridian-pay-sakura-transit';
  const meridian = await organization(ctx, 'Meridian Pay (demo)', { shortName: 'Meridian', kind: 'PAYMENTS', country: 'JP' });
  const sakura = await organization(ctx, 'Sakura Transit (demo)', { shortName: 'Sakura', kind: 'TRANSPORT', country: 'JP' });
  const p = await findOrCreate(ctx, slug, async () => {
    const partnership = await createPartnership(tx, {
      slug, name: 'Meridian Pay × Sakura Transit', stage: 'INTEGRATING', ownerId: ctx.users.BUSINESS_DEVELOPMENT!.id,
      openedOn: rel(-200), targetLaunchOn: rel(90), signedOn: rel(-118), isDemoData: true,
      stageHistory: [
        { to: 'EXPLORING', at: rel(-200), reason: 'Opened' },
        { to: 'NEGOTIATING', at: rel(-170) },
        { to: 'SIGNED', at: rel(-118), reason: 'Commercial agreement signed.' },
        { to: 'INTEGRATING', at: rel(-110), reason: 'Fare-gate reader work started.' },
      ],
      summary: 'Fictional demo partnership: tap-to-ride transit payments with Meridian Pay in Japan. No activation data yet.',
      parties: [{ organizationId: meridian.id, role: 'Payment provider' }, { organizationId: sakura.id, role: 'Transit operator' }],
    });
    const id = partnership.id;
    await createMilestone(tx, { partnershipId: id, sortOrder: 1, title: 'Commercial agreement signed', status: 'DONE', dueOn: rel(-120), completedAt: new Date(`${rel(-118)}T10:00:00Z`) });
    const gates = await createMilestone(tx, { partnershipId: id, sortOrder: 2, title: 'Fare-gate reader certification', status: 'IN_PROGRESS', dueOn: rel(30) });
    const fsa = await createCheckpoint(tx, { partnershipId: id, regulator: 'Financial Services Agency', jurisdiction: 'JP', requirement: 'Funds transfer service registration', status: 'UNDER_REVIEW', risk: 'MEDIUM', filedOn: rel(-60), decisionDueOn: rel(25) });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.JP!.id, plannedPilotOn: rel(45), plannedLaunchOn: rel(90), gateCheckpointIds: [fsa.id], gateMilestoneIds: [gates.id] });
    return partnership;
  });
  return { slug, created: p.created, metricRows: 0 };
}

async function atlasKestrel(ctx: Context): Promise<Built> {
  const { tx, today } = ctx;
  const rel = (days: number) => addDays(today, days);
  const slug = 'atlas-card-kestrel-wallet';
  const atlas = await organization(ctx, 'Atlas Card Network (demo)', { shortName: 'Atlas', kind: 'CARD_NETWORK', country: 'US' });
  const kestrel = await organization(ctx, 'Kestrel Wallet (demo)', { shortName: 'Kestrel', kind: 'PAYMENTS', country: 'DE' });
  const p = await findOrCreate(ctx, slug, async () => {
    const partnership = await createPartnership(tx, {
      slug, name: 'Atlas Card × Kestrel Wallet', stage: 'ON_HOLD', ownerId: ctx.users.BUSINESS_DEVELOPMENT!.id,
      openedOn: rel(-400), signedOn: rel(-260), isDemoData: true,
      stageHistory: [
        { to: 'EXPLORING', at: rel(-400), reason: 'Opened' },
        { to: 'NEGOTIATING', at: rel(-350) },
        { to: 'SIGNED', at: rel(-260), reason: 'Agreement signed for Germany.' },
        { to: 'INTEGRATING', at: rel(-240) },
        { to: 'ON_HOLD', at: rel(-38), reason: 'BaFin refused the payment institution authorisation (safeguarding of customer funds); on hold until the refiling.' },
      ],
      summary: 'Fictional demo partnership: on hold after the German regulator refused the first filing.',
      parties: [{ organizationId: atlas.id, role: 'Card network' }, { organizationId: kestrel.id, role: 'Wallet platform' }],
    });
    const id = partnership.id;
    const refile = await createMilestone(tx, { partnershipId: id, sortOrder: 1, title: 'Refile with revised safeguarding model', status: 'NOT_STARTED', dueOn: rel(-14) });
    const bafin = await createCheckpoint(tx, { partnershipId: id, regulator: 'Federal Financial Supervisory Authority (BaFin)', jurisdiction: 'DE', requirement: 'Payment institution authorisation', status: 'REJECTED', risk: 'CRITICAL', filedOn: rel(-200), decidedOn: rel(-40), notes: 'Safeguarding of customer funds found insufficient.' });
    await createRollout(tx, { partnershipId: id, regionId: ctx.regions.DE!.id, status: 'PAUSED', plannedLaunchOn: rel(200), gateCheckpointIds: [bafin.id], gateMilestoneIds: [refile.id] });
    return partnership;
  });
  return { slug, created: p.created, metricRows: 0 };
}

/** The demo webhook's id (e2e/screens.spec.ts opens its page). */
export const DEMO_WEBHOOK_ID = 'demo-webhook';

/**
 * One webhook (issue 16), registered disabled, so the administrators' pages show an endpoint and a
 * delivery log: it points at 127.0.0.1:9 (the discard port, where nothing listens), and its two
 * deliveries of the demo history failed there. Enabling it sends nothing anywhere until an
 * administrator points it at a receiver they run. Created once.
 */
async function demoWebhook(tx: Tx) {
  if (await tx.webhookEndpoint.findUnique({ where: { id: DEMO_WEBHOOK_ID }, select: { id: true } })) return;
  const hook = await createWebhookEndpoint(tx, {
    id: DEMO_WEBHOOK_ID, url: 'http://127.0.0.1:9/accord-demo', description: 'Demo receiver (nothing listens there)', events: ['milestone', 'checkpoint', 'stage'],
    allowPrivate: true, active: false, disabledReason: 'Demo data: registered disabled. Point it at a receiver you run, then enable it',
  });
  const deal = await tx.partnership.findUnique({ where: { slug: APPLE_PAY_ALIPAY }, select: { id: true } });
  const events = deal
    ? await tx.auditEvent.findMany({ where: { partnershipId: deal.id, action: { in: ['checkpoint.updated', 'milestone.updated'] } }, orderBy: { id: 'desc' }, take: 2 })
    : [];
  const error = 'Could not connect: connect ECONNREFUSED 127.0.0.1:9';
  for (const event of events.reverse()) {
    const made = new Date(event.occurredAt.getTime() + 1_000);
    const tries = [made, new Date(made.getTime() + 31_000)];
    await tx.webhookDelivery.create({
      data: {
        endpointId: hook.id, auditEventId: event.id, event: event.action, entityKey: `${event.entityType}:${event.entityId}`,
        payload: (await buildWebhookPayload(tx, event, webhookEventOf(event.action)!)) as unknown as Prisma.InputJsonObject,
        state: 'FAILED', attempts: tries.length, lastError: error, lastDurationMs: 2, createdAt: made,
        attemptLog: { create: tries.map((at) => ({ at, status: null, durationMs: 2, error })) },
      },
    });
  }
}
