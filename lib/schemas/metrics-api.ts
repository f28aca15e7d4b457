import { isIsoDay } from '@/lib/dates';
import { GRANULARITIES, type Granularity } from '@/lib/granularity';

export type MetricsQuery = {
  metrics: string[];
  regions: string[];
  from: string | null;
  to: string | null;
  granularity: Granularity;
  format: 'json' | 'csv';
};

export type QueryProblem = { parameter: string; message: string };

const listOf = (params: URLSearchParams, name: string) =>
  params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/**
 * GET /api/v1/partnerships/{slug}/metrics parameters (docs/api.md): metric and region repeatable
 * or comma-separated; from/to ISO dates, inclusive; granularity day|week|month|quarter (default
 * day); format json|csv (default json). Returns the first problem, naming the parameter.
 */
export function parseMetricsQuery(params: URLSearchParams): { query: MetricsQuery } | { problem: QueryProblem } {
  const allowed = new Set(['metric', 'region', 'from', 'to', 'granularity', 'format']);
  for (const key of params.keys()) if (!allowed.has(key)) return { problem: { parameter: key, message: `Unknown parameter "${key}". Use ${[...allowed].join(', ')}.` } };
  const metrics = listOf(params, 'metric');
  const regions = listOf(params, 'region');
  for (const [name, values] of [['metric', metrics], ['region', regions]] as const) {
    if (values.length > 50) return { problem: { parameter: name, message: `At most 50 values for ${name}.` } };
    const bad = values.find((v) => !/^[A-Za-z0-9_]{1,64}$/.test(v));
    if (bad !== undefined) return { problem: { parameter: name, message: `"${bad.slice(0, 40)}" is not a valid ${name}.` } };
  }
  const day = (name: 'from' | 'to') => {
    const value = params.get(name);
    if (value === null || value === '') return { value: null };
    return isIsoDay(value) ? { value } : { problem: { parameter: name, message: `${name} must be a calendar date like 2014-10-20.` } };
  };
  const from = day('from');
  if ('problem' in from) return { problem: from.problem! };
  const to = day('to');
  if ('problem' in to) return { problem: to.problem! };
  if (from.value && to.value && from.value > to.value) return { problem: { parameter: 'from', message: 'from must be on or before to.' } };
  const granularity = params.get('granularity') ?? 'day';
  if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
    return { problem: { parameter: 'granularity', message: `granularity must be one of ${GRANULARITIES.join(', ')}.` } };
  }
  const format = params.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    return { problem: { parameter: 'format', message: format === 'xlsx' ? 'format=xlsx is not available yet; use json or csv.' : 'format must be json or csv.' } };
  }
  return { query: { metrics, regions: regions.map((r) => r.toUpperCase()), from: from.value, to: to.value, granularity: granularity as Granularity, format } };
}
