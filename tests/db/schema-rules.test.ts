import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateToDay } from '@/lib/dates';
import { addMetricSeries, createPartnership, createUser, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

describe('schema rules on each engine', () => {
  it('keeps the audit trail append-only: UPDATE and DELETE are refused by the database', async () => {
    const event = await t.db.auditEvent.create({
      data: { actorLabel: 'test', entityType: 'Partnership', entityId: 'p1', action: 'update', before: { stage: 'EXPLORING' }, after: { stage: 'SIGNED' } },
    });
    await expect(t.db.auditEvent.update({ where: { id: event.id }, data: { action: 'tampered' } })).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.delete({ where: { id: event.id } })).rejects.toThrow(/append-only/);
    const kept = await t.db.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(kept.action).toBe('update');
    expect(kept.after).toEqual({ stage: 'SIGNED' });
  });

  it('stores a day as a calendar date, whatever the time zone of the writer', async () => {
    const owner = await createUser(t.db);
    const p = await createPartnership(t.db, { ownerId: owner.id, openedOn: '2014-10-27' });
    const [row] = await t.db.$queryRaw<{ day: string }[]>`SELECT "openedOn"::text AS day FROM partnerships WHERE id = ${p.id}`;
    expect(row?.day).toBe('2014-10-27');
    const read = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id } });
    expect(dateToDay(read.openedOn)).toBe('2014-10-27');
  });

  it('keeps money exact as Decimal and starts every editable row at version 1', async () => {
    const owner = await createUser(t.db);
    const p = await createPartnership(t.db, { ownerId: owner.id });
    const region = await ensureRegion(t.db, { code: 'ZZ', name: 'Test region', timeZone: 'UTC' });
    const metrics = await ensureMetrics(t.db);
    await addMetricSeries(t.db, {
      partnershipId: p.id, regionId: region.id, metricId: metrics.payment_volume!.id,
      points: [{ day: '2020-01-01', value: '0.1' }, { day: '2020-01-02', value: '0.2' }, { day: '2020-01-03', value: '12345678901234.5678' }],
    });
    const [sum] = await t.db.$queryRaw<{ total: string }[]>`
      SELECT SUM(value)::text AS total FROM metric_values WHERE "partnershipId" = ${p.id}`;
    expect(sum?.total).toBe('12345678901234.8678');
    expect(p.version).toBe(1);
    expect(owner.version).toBe(1);
  });

  it('refuses a second value for the same partnership, region, metric and day', async () => {
    const owner = await createUser(t.db);
    const p = await createPartnership(t.db, { ownerId: owner.id });
    const region = await ensureRegion(t.db, { code: 'ZY', name: 'Other region', timeZone: 'Asia/Tokyo' });
    const metrics = await ensureMetrics(t.db);
    const key = { partnershipId: p.id, regionId: region.id, metricId: metrics.cards_added!.id, day: new Date('2020-01-01T00:00:00Z') };
    await t.db.metricValue.create({ data: { ...key, value: '5' } });
    await expect(t.db.metricValue.create({ data: { ...key, value: '6' } })).rejects.toThrow();
    // skipDuplicates (how imports and the seed add days) leaves the first value alone.
    expect(await addMetricSeries(t.db, { ...key, day: undefined, points: [{ day: '2020-01-01', value: 7 }] } as never)).toBe(0);
    const kept = await t.db.metricValue.findUniqueOrThrow({ where: { partnershipId_regionId_metricId_day: key } });
    expect(kept.value.toString()).toBe('5');
  });
});
