import 'server-only';
import { monthsOfYear } from '@/lib/rules/targets';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { loadTargetContext } from './context';

/** Metrics every targets page shows, whether or not they have targets yet (the activation plan). */
export const DEFAULT_TARGET_METRICS = ['cards_added', 'transactions'] as const;

export type MonthlyTarget = { region: string; metric: string; month: string; value: string };

export type TargetGrid = {
  metric: { key: string; name: string; unit: string };
  /** one row per region of the partnership: figure per month ('' when the month has no target) */
  rows: { region: string; regionName: string; months: Record<string, string> }[];
};

export type TargetsPage = {
  partnership: { slug: string; name: string };
  year: number;
  months: string[];
  grids: TargetGrid[];
  /** metrics without a grid this year, offered by "Add a metric" */
  otherMetrics: { key: string; name: string }[];
  /** true: the targets are confidential to this reader (issue 17, item 5): no grid, the page says so. */
  confidential: boolean;
};

/** Monthly sums of the daily target rows of one partnership and year. */
async function monthlySums(partnershipId: string, year: number): Promise<MonthlyTarget[]> {
  return db.$queryRaw<MonthlyTarget[]>`
    SELECT r.code AS region, m.key AS metric, to_char(t.day, 'YYYY-MM') AS month, trim_scale(SUM(t.value))::text AS value
    FROM metric_targets t JOIN regions r ON r.id = t."regionId" JOIN metrics m ON m.id = t."metricId"
    WHERE t."partnershipId" = ${partnershipId} AND t.day BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date
    GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`;
}

/** GET /api/v1/partnerships/{slug}/targets: the monthly figures of a year. */
export async function listTargets(actor: Actor, slug: string, year: number, metricKey?: string): Promise<MonthlyTarget[]> {
  const ctx = await loadTargetContext(actor, slug);
  const rows = (await monthlySums(ctx.partnership.id, year)).filter((r) => ctx.metrics.has(r.metric));
  return metricKey ? rows.filter((r) => r.metric === metricKey) : rows;
}

/** The targets page: a grid per metric (regions x months of the year) with the monthly figures. */
export async function findTargetsPage(actor: Actor, slug: string, year: number, chosenMetric?: string): Promise<TargetsPage> {
  const ctx = await loadTargetContext(actor, slug, { confidential: 'label' });
  if (!ctx.targetsShown) {
    return { partnership: { slug: ctx.partnership.slug, name: ctx.partnership.name }, year, months: monthsOfYear(year), grids: [], otherMetrics: [], confidential: true };
  }
  // Only the metrics the reader may see (loadTargetContext): a hidden one has no grid, row or name.
  const sums = (await monthlySums(ctx.partnership.id, year)).filter((s) => ctx.metrics.has(s.metric));
  const shown = new Set<string>([...DEFAULT_TARGET_METRICS.filter((k) => ctx.metrics.has(k)), ...sums.map((s) => s.metric), ...(chosenMetric && ctx.metrics.has(chosenMetric) ? [chosenMetric] : [])]);
  const metrics = [...ctx.metrics.values()].filter((m) => shown.has(m.key));
  const regionCodes = new Map(ctx.partnershipRegions.map((r) => [r.code, r.name]));
  // A region that left the partnership but still has targets keeps its row, so nothing is hidden.
  for (const s of sums) if (!regionCodes.has(s.region)) regionCodes.set(s.region, ctx.regions.get(s.region)?.name ?? s.region);
  const grids = metrics.map((m) => ({
    metric: { key: m.key, name: m.name, unit: m.unit },
    rows: [...regionCodes].map(([code, name]) => ({
      region: code,
      regionName: name,
      months: Object.fromEntries(sums.filter((s) => s.metric === m.key && s.region === code).map((s) => [s.month, s.value])),
    })),
  }));
  return {
    partnership: { slug: ctx.partnership.slug, name: ctx.partnership.name },
    year,
    months: monthsOfYear(year),
    grids,
    otherMetrics: [...ctx.metrics.values()].filter((m) => !shown.has(m.key)).map((m) => ({ key: m.key, name: m.name })),
    confidential: false,
  };
}
