import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToDay } from '@/lib/dates';
import { needsReason, SIGNED_STAGES, STAGE_GRAPH } from '@/lib/rules/stages';
import { verifyPassword } from '@/server/auth/password';
import { findPortfolioOverview as findPortfolio } from '@/server/partnerships/portfolio';
import { APPLE_PAY_ALIPAY, DEMO_PARTNER, DEMO_PASSWORD, DEMO_USERS, seedDemo, type SeedSummary } from '@/tests/factories/demo';
import { fingerprint } from '@/tests/support/table-checksums';
import { cloneOf, openDemoDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

const TODAY = '2026-11-23';
let t: TestDatabase;
let first: SeedSummary;

// The run's demo world of TODAY, which one file seeds from nothing and the others copy (on PGlite a
// dump, on PostgreSQL a template schema): this file checks that world and what its seeding reported,
// instead of seeding a second one of its own (10–15 s of a worker on each engine).
beforeAll(async () => {
  const demo = await openDemoDatabase(TODAY);
  [t, first] = [demo, demo.seeded];
});
afterAll(() => t?.close());

async function counts() {
  const [row] = await t.db.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM partnerships) AS partnerships,
           (SELECT COUNT(*) FROM milestones) AS milestones, (SELECT COUNT(*) FROM regulatory_checkpoints) AS checkpoints,
           (SELECT COUNT(*) FROM rollouts) AS rollouts, (SELECT COUNT(*) FROM metric_values) AS metric_values,
           (SELECT COUNT(*) FROM metric_targets) AS metric_targets, (SELECT COUNT(*) FROM stage_changes) AS stage_changes,
           (SELECT COUNT(*) FROM organizations) AS organizations, (SELECT COUNT(*) FROM audit_events) AS audit_events`;
  return row;
}

describe('demo seed', () => {
  it('creates the Apple Pay × Alipay case and three more partnerships', async () => {
    expect(first.partnershipsCreated).toEqual([APPLE_PAY_ALIPAY, 'orbit-wallet-harbor-bank', 'meridian-pay-sakura-transit', 'atlas-card-kestrel-wallet']);
    // Every metric row of the world (values and targets) is one the seeding says it added.
    const { metric_values: values, metric_targets: targets } = (await counts())!;
    expect(first.metricRowsAdded).toBeGreaterThan(1000);
    expect(first.metricRowsAdded).toBe(Number(values) + Number(targets));
    const p = await t.db.partnership.findUniqueOrThrow({
      where: { slug: APPLE_PAY_ALIPAY },
      include: { parties: { include: { organization: true } }, rollouts: { include: { region: true, gateCheckpoints: true } }, milestones: true, checkpoints: true },
    });
    expect(p.openedOn.toISOString().slice(0, 10)).toBe('2014-10-27');
    expect(p.parties.map((x) => x.organization.name).sort()).toEqual(['Alibaba Group', 'Apple Inc.']);
    expect(p.isDemoData).toBe(true);
    const byRegion = Object.fromEntries(p.rollouts.map((r) => [r.region.code, r]));
    expect(Object.keys(byRegion).sort()).toEqual(['CN', 'HK', 'US']);
    expect(byRegion.US!.status).toBe('LIVE');
    expect(byRegion.CN!.status).toBe('PLANNED');
    expect(byRegion.CN!.gateCheckpoints).toHaveLength(3);
    expect(byRegion.HK!.gateCheckpoints).toHaveLength(1);
    const statements = p.milestones.find((m) => m.title === 'Public statements of interest');
    expect(statements?.status).toBe('DONE');
    expect(p.checkpoints.map((c) => c.regulator)).toContain("People's Bank of China");
  });

  // On PostgreSQL every other file starts from a copy of a schema seeded once per run
  // (tests/support/test-database.ts, cloneOf); on PGlite from a dump of the seeded database.
  it.runIf(testEngine() === 'postgresql')('copies into a schema of its own whole: every row, sequence, index, constraint and trigger', async () => {
    const copy = await cloneOf(t.schema!);
    try {
      const [source, copied] = [await fingerprint(t.db), await fingerprint(copy.db)];
      expect(Object.keys(copied.tables).length).toBeGreaterThan(10);
      expect(copied.tables.metric_values!.rows).toBeGreaterThan(1000);
      // Each schema records when its own migrations ran; the copy is migrated, not copied, there.
      expect(copied.tables._prisma_migrations!.rows).toBe(source.tables._prisma_migrations!.rows);
      delete copied.tables._prisma_migrations;
      delete source.tables._prisma_migrations;
      expect(copied).toEqual(source);
      // New rows in the copy take ids after the copied ones, as they would in the source.
      const [next] = await copy.db.$queryRaw<{ id: bigint }[]>`SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id`;
      expect(Number(next!.id)).toBe(Number(source.sequences.audit_events_id_seq) + 1);
    } finally {
      await copy.close();
    }
  });

  it('gives every partnership a stage history the stage graph allows, ending at its stage', async () => {
    const rows = await t.db.partnership.findMany({
      include: { stageChanges: { orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] }, milestones: true }, orderBy: { slug: 'asc' },
    });
    expect(rows).toHaveLength(4);
    for (const p of rows) {
      const h = p.stageChanges;
      expect(h.length, p.slug).toBeGreaterThan(1);
      expect(h[0]).toMatchObject({ fromStage: null });
      expect(dateToDay(h[0]!.changedAt), p.slug).toBe(dateToDay(p.openedOn));
      for (let i = 1; i < h.length; i++) {
        const [prev, move] = [h[i - 1]!, h[i]!];
        expect(move.fromStage, `${p.slug} move ${i}`).toBe(prev.toStage);
        expect(STAGE_GRAPH[move.fromStage!], `${p.slug}: ${move.fromStage} → ${move.toStage}`).toContain(move.toStage);
        expect(move.changedAt > prev.changedAt, `${p.slug} move ${i} is later than the one before`).toBe(true);
        if (needsReason(move.fromStage!, move.toStage)) expect(move.reason, `${p.slug}: ${move.fromStage} → ${move.toStage}`).toBeTruthy();
      }
      expect(h.at(-1)!.toStage).toBe(p.stage);
      expect(p.stageChangedAt).toEqual(h.at(-1)!.changedAt);
      expect(h.every((c) => c.actorId && c.changedAt <= new Date(`${TODAY}T23:59:59Z`))).toBe(true);
      if (SIGNED_STAGES.includes(p.stage)) expect(p.signedOn, p.slug).not.toBeNull();
    }
  });

  it('tells one story for Apple Pay × Alipay: opened on the public statements, paused, reopened, negotiating', async () => {
    const p = await t.db.partnership.findUniqueOrThrow({
      where: { slug: APPLE_PAY_ALIPAY }, include: { stageChanges: { orderBy: { changedAt: 'asc' } }, milestones: true },
    });
    expect(p.stageChanges.map((c) => [dateToDay(c.changedAt), c.toStage])).toEqual([
      ['2014-10-27', 'EXPLORING'], ['2014-11-03', 'NEGOTIATING'], ['2015-06-15', 'ON_HOLD'], ['2026-02-06', 'EXPLORING'], ['2026-06-16', 'NEGOTIATING'],
    ]);
    // No open milestone is due before the talks reopened: the 2026-2027 plan follows the reopening.
    const reopened = p.stageChanges[3]!.changedAt;
    for (const m of p.milestones.filter((x) => x.status !== 'DONE')) expect(m.dueOn! >= reopened, m.title).toBe(true);
    const done = (title: string) => p.milestones.find((m) => m.title === title)?.completedAt;
    expect(done('Talks resumed with a new scope')).toEqual(new Date('2026-02-06T10:00:00Z'));
    expect(p.summary).toMatch(/everything after that date here is demo data/);
  });

  it('sets kind and country of every seeded organization', async () => {
    const orgs = await t.db.organization.findMany({ orderBy: { name: 'asc' } });
    expect(orgs.map((o) => [o.name, o.kind, o.country])).toEqual([
      ['Alibaba Group', 'TECHNOLOGY', 'CN'], ['Apple Inc.', 'TECHNOLOGY', 'US'], ['Atlas Card Network (demo)', 'CARD_NETWORK', 'US'],
      ['Harbor Bank (demo)', 'BANK', 'GB'], ['Kestrel Wallet (demo)', 'PAYMENTS', 'DE'], ['Meridian Pay (demo)', 'PAYMENTS', 'JP'],
      ['Orbit Wallet (demo)', 'PAYMENTS', 'GB'], ['Sakura Transit (demo)', 'TRANSPORT', 'JP'],
    ]);
  });

  it('adds about 1,000,000 US cards over the first three days from the launch on 2014-10-20', async () => {
    const [row] = await t.db.$queryRaw<{ total: string; first_day: string; days: bigint }[]>`
      SELECT SUM(v.value)::text AS total, MIN(v.day)::text AS first_day, COUNT(*) AS days
      FROM metric_values v
      JOIN partnerships p ON p.id = v."partnershipId"
      JOIN regions r ON r.id = v."regionId"
      JOIN metrics m ON m.id = v."metricId"
      WHERE p.slug = ${APPLE_PAY_ALIPAY} AND r.code = 'US' AND m.key = 'cards_added'
        AND v.day BETWEEN '2014-10-20' AND '2014-10-22'`;
    expect(Number(row?.total)).toBe(1_000_000);
    expect(row?.first_day).toBe('2014-10-20');
    expect(row?.days).toBe(3n);
  });

  it('ends each series on the last full day of its region and leaves the unlaunched regions empty', async () => {
    const rows = await t.db.$queryRaw<{ code: string; last: string }[]>`
      SELECT r.code, MAX(v.day)::text AS last FROM metric_values v JOIN regions r ON r.id = v."regionId"
      GROUP BY r.code ORDER BY r.code`;
    expect(rows).toEqual([
      { code: 'AU', last: '2026-11-22' },
      { code: 'GB', last: '2026-11-22' },
      { code: 'SG', last: '2026-11-22' },
      { code: 'US', last: '2026-11-22' },
    ]);
  });

  it('creates one demo user per role whose password is accord-demo', async () => {
    const users = await t.db.user.findMany({ include: { accounts: true }, orderBy: { email: 'asc' } });
    expect(users.map((u) => [u.email, u.role]).sort()).toEqual([...DEMO_USERS, DEMO_PARTNER].map((u) => [u.email, u.role]).sort());
    // The partner user (issue 17) is of Alibaba Group, Alipay's side of the flagship deal; the others of no organization.
    const alibaba = await t.db.organization.findUniqueOrThrow({ where: { name: DEMO_PARTNER.organization } });
    expect(users.map((u) => [u.email, u.organizationId])).toEqual(users.map((u) => [u.email, u.email === DEMO_PARTNER.email ? alibaba.id : null]));
    for (const u of users) {
      expect(u.accounts).toHaveLength(1);
      expect(await verifyPassword(u.accounts[0]!.password!, DEMO_PASSWORD)).toBe(true);
    }
  });

  it('is idempotent: a second run on the same day changes nothing', async () => {
    const before = await counts();
    const second = await seedDemo(t.db, { today: TODAY });
    expect(second).toEqual({ partnershipsCreated: [], metricRowsAdded: 0 });
    expect(await counts()).toEqual(before);
  });

  it('feeds the portfolio: stage, owner, next milestone and regions live per partnership', async () => {
    const rows = await findPortfolio(undefined, { audience: 'all' });
    const apple = rows.find((r) => r.slug === APPLE_PAY_ALIPAY)!;
    expect(apple).toMatchObject({
      name: 'Apple Pay × Alipay',
      stage: 'NEGOTIATING',
      owner: 'Blake Dev',
      regionsLive: 1,
      nextMilestone: { title: 'Term sheet signed', dueOn: '2026-11-17', status: 'IN_PROGRESS' },
    });
    expect(apple.regions.map((r) => `${r.code}:${r.status}`)).toEqual(['US:LIVE', 'CN:PLANNED', 'HK:PLANNED']);
    // Independent check of "regions live" straight from SQL.
    const live = await t.db.$queryRaw<{ slug: string; live: bigint }[]>`
      SELECT p.slug, COUNT(r.id) FILTER (WHERE r.status = 'LIVE') AS live
      FROM partnerships p LEFT JOIN rollouts r ON r."partnershipId" = p.id GROUP BY p.slug`;
    for (const { slug, live: n } of live) expect(rows.find((r) => r.slug === slug)?.regionsLive).toBe(Number(n));
  });
});
