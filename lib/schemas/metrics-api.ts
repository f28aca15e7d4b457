import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { GRANULARITIES, type Granularity } from '@/lib/granularity';
import { readParameters, unknownParameter, type ParameterProblem, type ParameterRule } from './query-params';

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

export type QueryProblem = ParameterProblem;

export const METRICS_PARAMETERS = ['metric', 'region', 'from', 'to', 'granularity', 'mode', 'format', 'download'] as const;
type Parameter = (typeof METRICS_PARAMETERS)[number];

const list = (noun: string, example: string) =>
  z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, { error: (i) => `"${clipValue(i.input)}" is not a ${noun}: use letters, digits and underscores, like ${example}.` }))
    .max(50, `Choose at most 50 ${noun}s.`);
const day = (which: 'start' | 'end') =>
  z.string().refine(isIsoDay, { error: (i) => `The ${which} date "${clipValue(i.input)}" is not a calendar date: write it like 2014-10-20.` }).nullable();

/**
 * Each parameter of a metrics view, checked on its own: the explorer keeps the right ones and
 * names every wrong one; the API answers 400 with the same words. (docs/api.md)
 */
export const METRICS_PARAMETER_RULES = {
  metric: { schema: list('metric name', 'cards_added'), message: 'A metric name uses letters, digits and underscores, like cards_added.' },
  region: { schema: list('region code', 'US'), message: 'A region code uses letters and digits, like US.' },
  from: { schema: day('start'), message: 'The start date must be a calendar date like 2014-10-20.' },
  to: { schema: day('end'), message: 'The end date must be a calendar date like 2014-10-20.' },
  granularity: { schema: z.enum(GRANULARITIES), message: 'Granularity must be day, week, month or quarter.' },
  mode: { schema: z.enum(METRIC_MODES), message: 'Values must be per period or cumulative (mode=period or mode=cumulative).' },
  format: { schema: z.enum(METRIC_FORMATS), message: 'The format must be json, csv or xlsx.' },
  download: { schema: z.enum(['0', '1', 'true', 'false']), message: 'Download must be 1 (a file) or 0.' },
} satisfies Record<Parameter, ParameterRule>;

export const REVERSED_RANGE = 'The start date is after the end date.';

const clipValue = (value: unknown) => {
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

const listOf = (params: URLSearchParams, name: string) =>
  params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** What the person typed, kept as it was for the filter form (a wrong value stays to be fixed). */
export type MetricsInput = { from: string; to: string; granularity: string };

/**
 * A metrics view read leniently: every problem named, in words, and the query with each wrong
 * parameter left at its default (a reversed range drops both dates) so a page can still show
 * something beside the messages.
 */
export function readMetricsQuery(params: URLSearchParams): { query: MetricsQuery; problems: QueryProblem[]; input: MetricsInput } {
  const problems: QueryProblem[] = [];
  const unknown = unknownParameter(params, METRICS_PARAMETERS);
  if (unknown) problems.push(unknown);
  const one = (name: string, fallback: string | null) => {
    const value = params.get(name);
    return value === null || value === '' ? fallback : value;
  };
  const read = readParameters(METRICS_PARAMETER_RULES, {
    metric: listOf(params, 'metric'),
    region: listOf(params, 'region'),
    from: one('from', null),
    to: one('to', null),
    granularity: one('granularity', 'day'),
    mode: one('mode', 'period'),
    format: one('format', 'json'),
    download: one('download', '0'),
  });
  problems.push(...read.problems);
  const v = read.data;
  let [from, to] = [v.from ?? null, v.to ?? null];
  if (from && to && from > to) {
    problems.push({ parameter: 'from', message: REVERSED_RANGE });
    [from, to] = [null, null];
  }
  return {
    query: {
      metrics: [...new Set(v.metric ?? [])],
      regions: [...new Set((v.region ?? []).map((r) => r.toUpperCase()))],
      from,
      to,
      granularity: v.granularity ?? 'day',
      mode: v.mode ?? 'period',
      format: v.format ?? 'json',
      download: v.download === '1' || v.download === 'true',
    },
    problems,
    input: { from: (params.get('from') ?? '').slice(0, 40), to: (params.get('to') ?? '').slice(0, 40), granularity: (params.get('granularity') ?? '').slice(0, 40) },
  };
}

/**
 * GET /api/v1/partnerships/{slug}/metrics parameters and the explorer's URL (docs/api.md):
 * metric and region repeatable or comma-separated; from/to ISO dates, inclusive; granularity
 * day|week|month|quarter (default day); mode period|cumulative; format json|csv|xlsx; download.
 * Strict: any problem refuses the query; the first names its parameter, all are listed.
 */
export function parseMetricsQuery(params: URLSearchParams): { query: MetricsQuery } | { problem: QueryProblem; problems: QueryProblem[] } {
  const { query, problems } = readMetricsQuery(params);
  return problems.length ? { problem: problems[0]!, problems } : { query };
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
