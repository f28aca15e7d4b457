import 'server-only';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { dayToDate } from '@/lib/dates';
import { monthBounds, spreadMonthly, type Month } from '@/lib/rules/targets';

type Client = PrismaClient | Prisma.TransactionClient;

/** One month of one region and metric: its new figure in 1/10,000 units, or null to clear it. */
export type MonthCell = { regionId: number; metricId: number; month: Month; scaled: bigint | null };

const keyOf = (c: { regionId: number; metricId: number; month: string }) => `${c.regionId}|${c.metricId}|${c.month}`;

/**
 * The monthly figures now stored (sum of the day rows, exact decimal text) for the given cells,
 * keyed by regionId|metricId|month; a month with no rows is absent.
 */
export async function readMonthSums(client: Client, partnershipId: string, cells: { regionId: number; metricId: number; month: Month }[]) {
  const out = new Map<string, string>();
  if (!cells.length) return out;
  const months = cells.map((c) => c.month).sort();
  const rows = await client.$queryRaw<{ region_id: number; metric_id: number; month: string; value: string }[]>`
      SELECT "regionId" AS region_id, "metricId" AS metric_id, to_char(day, 'YYYY-MM') AS month, trim_scale(SUM(value))::text AS value
      FROM metric_targets
      WHERE "partnershipId" = ${partnershipId} AND "regionId" = ANY(${[...new Set(cells.map((c) => c.regionId))]}::int[])
        AND "metricId" = ANY(${[...new Set(cells.map((c) => c.metricId))]}::int[])
        AND day BETWEEN ${monthBounds(months[0]!).first}::date AND ${monthBounds(months.at(-1)!).last}::date
      GROUP BY 1, 2, 3`;
  const wanted = new Set(cells.map(keyOf));
  for (const r of rows) {
    const key = keyOf({ regionId: r.region_id, metricId: r.metric_id, month: r.month });
    if (wanted.has(key)) out.set(key, r.value);
  }
  return out;
}
export { keyOf as monthCellKey };

/**
 * Replaces each month's day rows with the spread of its new figure (lib/rules/targets.ts), or
 * removes them when the figure is cleared. Call inside the transaction that writes the audit row.
 */
export async function replaceMonths(tx: Prisma.TransactionClient, partnershipId: string, cells: MonthCell[]): Promise<void> {
  for (const c of cells) {
    const { first, last } = monthBounds(c.month);
    await tx.metricTarget.deleteMany({
      where: { partnershipId, regionId: c.regionId, metricId: c.metricId, day: { gte: dayToDate(first), lte: dayToDate(last) } },
    });
    if (c.scaled === null) continue;
    await tx.metricTarget.createMany({
      data: spreadMonthly(c.month, c.scaled).map((d) => ({ partnershipId, regionId: c.regionId, metricId: c.metricId, day: dayToDate(d.day), value: d.value })),
    });
  }
}

/** Saves to one partnership's targets take turns with each other and with targets imports. */
export async function lockTargets(tx: Prisma.TransactionClient, partnershipId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accord.targets:${partnershipId}`}))`;
}
