import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateToDay, todayIn } from '@/lib/dates';
import { userActor, type Actor } from '@/server/auth/actor';
import { findPortfolioOverview } from '@/server/partnerships/portfolio';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { createPartnership, createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// The portfolio's part of issue 12: days in stage, the stale-stage flag, Ended archived by default.
let t: TestDatabase;
let bd: Actor;
let ownerId: string;

beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = userActor(user);
  ownerId = user.id;
});
afterAll(() => t?.close());

async function item(slug: string, { today = todayIn('UTC'), includeEnded = false }: { today?: string; includeEnded?: boolean } = {}) {
  return (await findPortfolioOverview(today, { includeEnded, audience: 'all' })).find((p) => p.slug === slug);
}
const daysAfter = (moment: Date, days: number) => addDays(dateToDay(moment), days);

describe('portfolio: days in stage and stale stages', () => {
  it('counts days since the stage began and flags a deal past its stage threshold (Negotiating: 180 days)', async () => {
    const p = await createPartnership(t.db, { ownerId, slug: 'stale-talks', stage: 'NEGOTIATING' });
    expect((await item('stale-talks', { today: daysAfter(p.stageChangedAt, 180) }))!.stageAge).toEqual({ days: 180, limit: 180, overdue: false });
    expect((await item('stale-talks', { today: daysAfter(p.stageChangedAt, 181) }))!.stageAge).toEqual({ days: 181, limit: 180, overdue: true });
  });

  it('never flags a launched deal (no threshold)', async () => {
    const p = await createPartnership(t.db, { ownerId, slug: 'long-live', stage: 'LAUNCHED' });
    expect((await item('long-live', { today: daysAfter(p.stageChangedAt, 2000) }))!.stageAge).toEqual({ days: 2000, limit: null, overdue: false });
  });

  it('restarts the count on a move, carries the new version and the stage a deal on hold left', async () => {
    const p = await createPartnership(t.db, { ownerId, slug: 'paused-deal', stage: 'NEGOTIATING' });
    await movePartnershipStage(bd, 'paused-deal', { version: p.version, to: 'ON_HOLD', reason: 'Budget freeze' });
    const row = await t.db.partnership.findUniqueOrThrow({ where: { slug: 'paused-deal' } });
    const moved = (await item('paused-deal', { today: daysAfter(row.stageChangedAt, 61) }))!;
    expect(moved).toMatchObject({ stage: 'ON_HOLD', version: p.version + 1, previousOpenStage: 'NEGOTIATING', signed: false, closedOn: null });
    expect(moved.stageAge).toEqual({ days: 61, limit: 60, overdue: true });
  });
});

describe('portfolio: ended partnerships are archived', () => {
  it('leaves them out by default and lists them, with the closing date, when asked', async () => {
    const p = await createPartnership(t.db, { ownerId, slug: 'closed-deal', stage: 'EXPLORING' });
    await movePartnershipStage(bd, 'closed-deal', { version: p.version, to: 'ENDED', reason: 'No fit' });
    const current = await findPortfolioOverview(todayIn('UTC'), { audience: 'all' });
    expect(current.map((r) => r.slug)).not.toContain('closed-deal');
    expect(current.map((r) => r.slug)).toEqual(expect.arrayContaining(['stale-talks', 'long-live', 'paused-deal']));
    expect(current.every((r) => r.stage !== 'ENDED')).toBe(true);

    const ended = (await item('closed-deal', { includeEnded: true }))!;
    const row = await t.db.partnership.findUniqueOrThrow({ where: { slug: 'closed-deal' } });
    expect(ended).toMatchObject({ stage: 'ENDED', closedOn: dateToDay(row.closedOn!), stageAge: { days: 0, limit: null, overdue: false } });
    expect(ended.closedOn).toBe(todayIn('UTC'));
  });
});

describe('stage command: the signing date a move asks for is kept', () => {
  it('records signedOn when a deal with none resumes into Integrating', async () => {
    const p = await createPartnership(t.db, { ownerId, slug: 'unsigned-hold', stage: 'ON_HOLD', openedOn: '2024-01-01' });
    await movePartnershipStage(bd, 'unsigned-hold', { version: p.version, to: 'INTEGRATING', reason: 'Back on', signedOn: '2025-03-01' });
    const row = await t.db.partnership.findUniqueOrThrow({ where: { slug: 'unsigned-hold' } });
    expect(row.signedOn && dateToDay(row.signedOn)).toBe('2025-03-01');
    expect((await item('unsigned-hold'))!.signed).toBe(true);
  });
});
