import { metricsQueryString } from '@/lib/schemas/metrics-api';
import { addDays } from '@/lib/dates';
import type { Granularity } from '@/lib/granularity';
import { END_DAY, FLAGSHIP, TYPICAL } from '../config';
import type { DirectDb } from '../direct-db';

/** A question an analyst asks the metrics API. `shared`: identical data on both engines. */
export type MetricQuery = {
  id: string;
  label: string;
  slug: string;
  metrics: string[]; // empty = all
  regions: string[]; // empty = all
  from: string | null;
  to: string | null;
  granularity: Granularity;
  shared: boolean;
};

export const METRIC_QUERIES: MetricQuery[] = [
  { id: 'q1', label: 'cards added, last 90 days, daily, all regions', slug: TYPICAL, metrics: ['cards_added'], regions: [], from: addDays(END_DAY, -89), to: END_DAY, granularity: 'day', shared: true },
  { id: 'q2', label: 'transactions, last year, weekly, all regions', slug: TYPICAL, metrics: ['transactions'], regions: [], from: addDays(END_DAY, -364), to: END_DAY, granularity: 'week', shared: true },
  { id: 'q3', label: 'all metrics, all time, monthly, all regions', slug: TYPICAL, metrics: [], regions: [], from: null, to: null, granularity: 'month', shared: true },
  { id: 'q4', label: 'all metrics, 2 regions, one quarter, daily', slug: TYPICAL, metrics: [], regions: ['US', 'CN'], from: '2026-07-01', to: '2026-09-30', granularity: 'day', shared: true },
  { id: 'q5', label: 'active cards (last value), last year, monthly', slug: TYPICAL, metrics: ['active_cards'], regions: [], from: addDays(END_DAY, -364), to: END_DAY, granularity: 'month', shared: true },
  { id: 'q6', label: 'flagship: all metrics, all time, monthly, all regions', slug: FLAGSHIP, metrics: [], regions: [], from: null, to: null, granularity: 'month', shared: false },
  { id: 'q7', label: 'flagship: cards added, last 90 days, daily, all regions', slug: FLAGSHIP, metrics: ['cards_added'], regions: [], from: addDays(END_DAY, -89), to: END_DAY, granularity: 'day', shared: false },
];

export function metricsPath(q: MetricQuery, format: 'json' | 'csv' = 'json'): string {
  return `/api/v1/partnerships/${q.slug}/metrics?${metricsQueryString({ ...q, mode: 'period', format })}`;
}

const PERIOD: Record<Granularity, string> = {
  day: 'v.day',
  week: `date_trunc('week', v.day::timestamp)::date`,
  month: `date_trunc('month', v.day::timestamp)::date`,
  quarter: `date_trunc('quarter', v.day::timestamp)::date`,
};

type Ids = {
  partnerships: Map<string, string>;
  metrics: { id: number; key: string; aggregation: string }[];
  regions: Map<string, number>;
};

/** Ids the app looks up on every request; the direct side looks them up once. */
export async function loadIds(db: DirectDb): Promise<Ids> {
  const partnerships = await db.query('SELECT id, slug FROM partnerships');
  const metrics = await db.query('SELECT id, key, aggregation::text AS aggregation FROM metrics ORDER BY "sortOrder"');
  const regions = await db.query('SELECT id, code FROM regions');
  return {
    partnerships: new Map(partnerships.map((p) => [p.slug as string, p.id as string])),
    metrics: metrics.map((m) => ({ id: Number(m.id), key: m.key as string, aggregation: m.aggregation as string })),
    regions: new Map(regions.map((r) => [r.code as string, Number(r.id)])),
  };
}

export type DirectStatement = { metric: string; sql: string; params: unknown[] };

/**
 * The same answer as the API, asked of the database in its plainest form: per metric, one
 * aggregate over the daily rows (SUM for flows, the period's last day for levels), filtered only
 * by what the question names, ordered as the API orders (metric, region, period). The bench's
 * baseline, independent of how the app pages, caches or pre-aggregates.
 */
export function directStatements(q: MetricQuery, ids: Ids): DirectStatement[] {
  const partnershipId = ids.partnerships.get(q.slug);
  if (!partnershipId) throw new Error(`No partnership ${q.slug} in the bench database.`);
  const metrics = q.metrics.length ? ids.metrics.filter((m) => q.metrics.includes(m.key)) : ids.metrics;
  const period = PERIOD[q.granularity];
  return metrics.map((m) => {
    const params: unknown[] = [partnershipId, m.id];
    const where = [`v."partnershipId" = $1`, `v."metricId" = $2`];
    if (q.regions.length) {
      params.push(q.regions.map((c) => ids.regions.get(c)));
      where.push(`v."regionId" = ANY($${params.length}::int[])`);
    }
    if (q.from) {
      params.push(q.from);
      where.push(`v.day >= $${params.length}::date`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`v.day <= $${params.length}::date`);
    }
    const from = `FROM metric_values v JOIN regions r ON r.id = v."regionId" WHERE ${where.join(' AND ')}`;
    const sql =
      m.aggregation === 'SUM'
        ? `SELECT r.code AS region, ${literal(m.key)} AS metric, (${period})::text AS period_start, trim_scale(SUM(v.value))::text AS value
           ${from} GROUP BY v."regionId", r.code, ${period} ORDER BY v."regionId", ${period}`
        : `SELECT DISTINCT ON (v."regionId", ${period}) r.code AS region, ${literal(m.key)} AS metric, (${period})::text AS period_start, trim_scale(v.value)::text AS value
           ${from} ORDER BY v."regionId", ${period}, v.day DESC`;
    return { metric: m.key, sql, params };
  });
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The direct statements as one query (for COPY): parameters inlined, metrics in API order. */
export function directCopyQuery(statements: DirectStatement[]): string {
  const inline = (s: DirectStatement) =>
    s.sql.replace(/\$(\d+)(::int\[\])?/g, (_, n: string, cast?: string) => {
      const value = s.params[Number(n) - 1];
      return Array.isArray(value) ? `ARRAY[${value.join(',')}]${cast ?? ''}` : literal(String(value));
    });
  return statements.map((s) => `(${inline(s)})`).join(' UNION ALL ');
}
