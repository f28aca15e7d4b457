import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { GRANULARITIES, type Granularity } from '@/lib/granularity';

export const METRIC_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type MetricFormat = (typeof METRIC_FORMATS)[number];
export const METRIC_MODES = ['period', 'cumulative'] as const;
export type MetricMode = (typeof METRIC_MODES)[number];

/** One view of a partnership's metrics: the explorer's URL state and the API's parameters. */
export type MetricsQuery = {
  metrics: string[];
  regions: string[];
  from: string | null;
  to: string | null;
  granularity: Granularity;
  /** per period, or a running total since the first recorded day (flows only; levels stay as they are) */
  mode: MetricMode;
  format: MetricFormat;
  /** a file for people: attachment, metadata inside the file, audited as an export */
  download: boolean;
};

export type QueryProblem = { parameter: string; message: string };

const PARAMETERS = ['metric', 'region', 'from', 'to', 'granularity', 'mode', 'format', 'download'] as const;

const list = (name: string) =>
  z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, { error: (i) => `"${String(i.input).slice(0, 40)}" is not a valid ${name}.` }))
    .max(50, `At most 50 values for ${name}.`);
const day = (name: string) => z.string().refine(isIsoDay, `${name} must be a calendar date like 2014-10-20.`).nullable();

const schema = z
  .object({
    metric: list('metric'),
    region: list('region'),
    from: day('from'),
    to: day('to'),
    granularity: z.enum(GRANULARITIES, `granularity must be one of ${GRANULARITIES.join(', ')}.`),
    mode: z.enum(METRIC_MODES, `mode must be one of ${METRIC_MODES.join(', ')}.`),
    format: z.enum(METRIC_FORMATS, `format must be one of ${METRIC_FORMATS.join(', ')}.`),
    download: z.enum(['0', '1', 'true', 'false'], 'download must be 1 or 0.'),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from must be on or before to.', path: ['from'] });

const listOf = (params: URLSearchParams, name: string) =>
  params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/**
 * GET /api/v1/partnerships/{slug}/metrics parameters and the explorer's URL (docs/api.md):
 * metric and region repeatable or comma-separated; from/to ISO dates, inclusive; granularity
 * day|week|month|quarter (default day); mode period|cumulative; format json|csv|xlsx; download.
 * Returns the first problem, naming the parameter.
 */
export function parseMetricsQuery(params: URLSearchParams): { query: MetricsQuery } | { problem: QueryProblem } {
  const allowed = new Set<string>(PARAMETERS);
  for (const key of params.keys()) {
    if (!allowed.has(key)) {
      const name = key.slice(0, 40) || '(empty name)';
      return { problem: { parameter: name, message: `Unknown parameter "${name}". Use ${PARAMETERS.join(', ')}.` } };
    }
  }
  const one = (name: string, fallback: string | null) => {
    const value = params.get(name);
    return value === null || value === '' ? fallback : value;
  };
  const parsed = schema.safeParse({
    metric: listOf(params, 'metric'),
    region: listOf(params, 'region'),
    from: one('from', null),
    to: one('to', null),
    granularity: one('granularity', 'day'),
    mode: one('mode', 'period'),
    format: one('format', 'json'),
    download: one('download', '0'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: { parameter: String(issue.path[0] ?? 'query'), message: issue.message } };
  }
  const v = parsed.data;
  return {
    query: {
      metrics: [...new Set(v.metric)],
      regions: [...new Set(v.region.map((r) => r.toUpperCase()))],
      from: v.from,
      to: v.to,
      granularity: v.granularity,
      mode: v.mode,
      format: v.format,
      download: v.download === '1' || v.download === 'true',
    },
  };
}

/** The query string of a view (the explorer's links and export buttons; same order every time). */
export function metricsQueryString(q: Omit<MetricsQuery, 'format' | 'download'> & { format?: MetricFormat; download?: boolean; page?: number }): string {
  const params = new URLSearchParams();
  if (q.metrics.length) params.set('metric', q.metrics.join(','));
  if (q.regions.length) params.set('region', q.regions.join(','));
  if (q.from) params.set('from', q.from);
  if (q.to) params.set('to', q.to);
  params.set('granularity', q.granularity);
  if (q.mode !== 'period') params.set('mode', q.mode);
  if (q.format && (q.format !== 'json' || q.download)) params.set('format', q.format);
  if (q.download) params.set('download', '1');
  if (q.page && q.page > 1) params.set('page', String(q.page));
  return params.toString();
}
