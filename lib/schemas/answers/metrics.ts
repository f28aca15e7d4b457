import { z } from 'zod';
import { GRANULARITIES } from '@/lib/granularity';
import { CONFIDENTIAL_FIELDS } from '@/lib/schemas/field-policies';
import { METRIC_MODES } from '@/lib/schemas/metrics-api';
import { answers, apiError, day, instant } from './common';

// Answers of the metrics API, the imports, targets and the sharing settings (docs/api.md). See ./common.ts.

export const metricsJson = z.object({
  meta: z.object({
    partnership: z.string(), partnershipName: z.string(), metrics: z.array(z.string()), regions: z.array(z.string()),
    from: day.nullable(), to: day.nullable(), granularity: z.enum(GRANULARITIES), mode: z.enum(METRIC_MODES), asOf: instant,
    buckets: z.string(), values: z.string(), columns: z.string(),
    partial: z.array(z.object({ periodStart: day, days: z.number().int(), covered: z.number().int() })),
  }),
  rows: z.array(z.object({ region: z.string(), metric: z.string(), period_start: day, value: z.number() })),
  count: z.number().int().describe('Comes last, after every row: a stream cut short has none.'),
}).register(answers, { id: 'MetricsAnswer' });

const importShape = {
  message: z.string(), dryRun: z.boolean(), committed: z.boolean(), fileName: z.string(), rows: z.number().int(),
  inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  problems: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })).describe('Up to 10,000; `problemCount` has the total.'),
  problemCount: z.number().int(),
  changes: z.array(z.object({ region: z.string(), metric: z.string(), date: day, old: z.string().nullable(), new: z.string() })).optional()
    .describe('A dry run of a metrics import: the first 200 rows whose saved value would change.'),
};
export const importResult = z.object(importShape).register(answers, { id: 'ImportResult' });
export const importRefused = z.object({ error: z.string(), ...importShape }).register(answers, { id: 'ImportRefused' });

/**
 * One line of an import's answer with `Accept: application/x-ndjson` (server/metrics/import/request.ts):
 * progress lines, then one last line, the result or the error. The document's only streamed JSON.
 */
export const importStreamLine = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'), phase: z.enum(['checking', 'comparing', 'writing']),
    done: z.number().int().min(0), total: z.number().int().min(0),
  }).describe('How far the import has got, at most every 100 ms: bytes of the file while `checking`, rows while `comparing` and `writing`.'),
  z.object({ type: z.literal('result'), status: z.literal([200, 422]), ...importShape })
    .describe('The last line when the import ran: what the JSON answer would hold, and the status it would have (422: problems, nothing written).'),
  z.object({ type: z.literal('error'), status: z.number().int().min(400).max(599), ...apiError.shape })
    .describe('The last line when the import failed after the answer began (an unknown partnership, the database unavailable…): the error answer it would have been, and its status.'),
]).register(answers, { id: 'ImportStreamLine' });

const targetCell = z.object({ region: z.string(), metric: z.string(), month: z.string().regex(/^\d{4}-\d{2}$/), value: z.number() });
export const targetsAnswer = z.object({ partnership: z.string(), year: z.number().int(), targets: z.array(targetCell) });
export const targetsSaved = z.object({ partnershipSlug: z.string(), changed: z.number().int(), unchanged: z.number().int(), targets: z.array(targetCell) });

const flags = { sharedWithPartners: z.boolean(), confidential: z.boolean() };
export const metricPolicies = z.object({
  partnership: z.string(),
  policies: z.array(z.object({ metric: z.string(), name: z.string(), unit: z.string(), ...flags, version: z.number().int(), defaults: z.object(flags) })),
}).register(answers, { id: 'MetricPolicies' });
export const fieldPolicies = z.object({
  partnership: z.string(),
  policies: z.array(z.object({ field: z.enum(CONFIDENTIAL_FIELDS), label: z.string(), confidential: z.boolean(), version: z.number().int(), default: z.boolean() })),
}).register(answers, { id: 'FieldPolicies' });
