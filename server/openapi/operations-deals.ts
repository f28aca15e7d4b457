import 'server-only';
import { z } from 'zod';
import { approveSchema, approvalListQuery, rejectSchema, withdrawSchema } from '@/lib/schemas/approvals';
import { updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { fieldPoliciesSchema } from '@/lib/schemas/field-policies';
import { metricPoliciesSchema } from '@/lib/schemas/metric-policies';
import { importParamsSchema } from '@/lib/schemas/metrics-import';
import { METRICS_PARAMETER_RULES } from '@/lib/schemas/metrics-api';
import { updateMilestoneSchema } from '@/lib/schemas/milestones';
import { createPartnershipSchema, moveStageSchema, updatePartnershipSchema } from '@/lib/schemas/partnerships';
import { addPartnershipRegionSchema } from '@/lib/schemas/regions';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { putTargetsSchema, targetsQuerySchema } from '@/lib/schemas/targets';
import * as deals from '@/lib/schemas/answers/deals';
import * as metrics from '@/lib/schemas/answers/metrics';
import type { Operation, OperationKey } from './operation';

// The partnership, its plan, metrics and approvals (docs/api.md). See ./operation.ts.

const STALE = 'The `version` sent is not the current one: `current` holds the current state, with who changed it and when.';
const csv = { media: 'text/csv', description: 'The CSV itself (or a multipart form with the file in the field `file`), UTF-8, at most 64 MB and 1,000,000 rows.' } as const;
const importAnswers = {
  ok: {
    200: {
      description: 'Checked (and, unless `dry_run=1`, written in one transaction).', json: metrics.importResult,
      ndjson: {
        line: metrics.importStreamLine,
        description: 'With `Accept: application/x-ndjson`: one JSON object per line (this schema is ONE line), `progress` lines while the import runs, then one `result` or `error` line. The status is 200 once the stream has begun: the last line carries the status the JSON answer would have had.',
      },
    },
  },
  errors: {
    413: 'The file is over 64 MB.',
    422: { description: 'A problem in the file (each listed by line and column; nothing written), or a body that is not UTF-8.', json: metrics.importRefused },
  },
} satisfies Pick<Operation, 'ok' | 'errors'>;
const metricsQuery = z.object({
  metric: z.string().optional().describe('Repeatable or comma-separated metric names (default: all the caller may see).'),
  region: z.string().optional().describe('Repeatable or comma-separated region codes (default: all).'),
  from: z.iso.date().optional().describe('The first day, inclusive, in each region’s calendar.'),
  to: z.iso.date().optional().describe('The last day, inclusive.'),
  granularity: METRICS_PARAMETER_RULES.granularity.schema.optional().describe('Default `day`; weeks are ISO weeks from Monday.'),
  mode: METRICS_PARAMETER_RULES.mode.schema.optional().describe('`period` (default) or `cumulative`.'),
  format: METRICS_PARAMETER_RULES.format.schema.optional().describe('`json` (default), `csv` or `xlsx`: CSV and XLSX need `metrics.export`.'),
  download: METRICS_PARAMETER_RULES.download.schema.optional().describe('`1`: a file for people, with its filters, as-of time and row count inside (needs `metrics.export`).'),
});

export const DEAL_OPERATIONS: Partial<Record<OperationKey, Operation>> = {
  'GET /api/v1/partnerships': {
    summary: 'List the partnerships', tag: 'Partnerships', permission: 'partnerships.read', partners: true,
    description: 'Every partnership for internal roles; a partner user’s own deals.',
    ok: { 200: { description: 'The partnerships.', json: deals.partnershipList } },
  },
  'POST /api/v1/partnerships': {
    summary: 'Open a partnership', tag: 'Partnerships', permission: 'partnerships.create', body: createPartnershipSchema,
    ok: { 201: { description: 'The record; `Location` is its address.', json: deals.partnershipRecord, headers: { Location: 'The new partnership’s address.' } } },
    errors: { 409: 'The web address (slug) is taken.' },
  },
  'GET /api/v1/partnerships/{slug}': {
    summary: 'Read a partnership’s record', tag: 'Partnerships', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'The record (a partner user reads fewer fields).', json: z.union([deals.partnershipRecord, deals.partnerPartnership]) } },
  },
  'PATCH /api/v1/partnerships/{slug}': {
    summary: 'Edit a partnership’s record', tag: 'Partnerships', permission: 'partnerships.update', body: updatePartnershipSchema,
    ok: { 200: { description: 'The new record.', json: deals.partnershipRecord } },
    errors: { 409: STALE },
  },
  'POST /api/v1/partnerships/{slug}/stage': {
    summary: 'Move a partnership to another stage', tag: 'Partnerships', permission: 'partnerships.stage', body: moveStageSchema,
    description: 'Along the stage graph (docs/decisions/006-partnership-stages.md). SIGNED needs four eyes: 202 with the approval request.',
    ok: {
      200: { description: 'Moved: the record.', json: deals.partnershipRecord },
      202: { description: 'Sent for approval: nothing moves until someone else approves it.', json: deals.approvalRequested, headers: { Location: 'The approval request’s address.' } },
    },
    errors: { 409: `${STALE} Also: a signing already waits for approval.` },
  },
  'GET /api/v1/partnerships/{slug}/metrics': {
    summary: 'Read a partnership’s metrics (JSON, CSV or XLSX)', tag: 'Metrics', permission: 'metrics.read', partners: true, query: metricsQuery,
    description: 'Streamed page by page. Only the metrics the caller may see (issue 17). CSV, XLSX and `download=1` are exports: `metrics.export`.',
    ok: {
      200: {
        description: 'The rows, ordered by metric, region and period.', json: metrics.metricsJson,
        files: { 'text/csv': { description: 'Header `region,metric,period_start,value`; with `download=1`, `#` comment lines state the filters and the last line is `# Rows: n (end of export)`.' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { description: 'Sheets `Metrics` and `About this export`.', binary: true } },
        headers: { 'X-Accord-As-Of': 'The instant the figures were read.', 'X-Accord-Buckets': 'How periods are cut.' },
      },
    },
    errors: { 400: 'A parameter is wrong (`parameter` names it; `problems` lists several).' },
  },
  'POST /api/v1/partnerships/{slug}/metrics/import': {
    summary: 'Import daily metric values from CSV', tag: 'Metrics', permission: 'metrics.import', query: importParamsSchema, body: csv,
    description: 'Columns `partnership,region,metric,date,value`. `dry_run=1` previews. With `Accept: application/x-ndjson` the answer streams progress lines, then the result (`application/x-ndjson` below).',
    ...importAnswers,
  },
  'GET /api/v1/partnerships/{slug}/targets': {
    summary: 'Read the monthly activation targets', tag: 'Targets', permission: 'partnerships.read', query: targetsQuerySchema,
    ok: { 200: { description: 'The monthly figures of a year.', json: metrics.targetsAnswer } },
    errors: { 400: 'An unknown parameter, a bad `year` or an unknown `metric`.' },
  },
  'PUT /api/v1/partnerships/{slug}/targets': {
    summary: 'Set monthly activation targets', tag: 'Targets', permission: 'targets.update', body: putTargetsSchema,
    ok: { 200: { description: 'Saved: what changed.', json: metrics.targetsSaved } },
    errors: { 409: 'A cell’s `expected` figure is not the stored one: nothing saved, `current` lists the stored figures.' },
  },
  'POST /api/v1/partnerships/{slug}/targets/import': {
    summary: 'Import monthly targets from CSV', tag: 'Targets', permission: 'targets.update', query: importParamsSchema, body: csv,
    description: 'Columns `partnership,region,metric,month,value`, through the same pipeline as the metrics import.',
    ...importAnswers,
  },
  'GET /api/v1/partnerships/{slug}/metric-policies': {
    summary: 'Which metrics partners see, and which are confidential', tag: 'Sharing', permission: 'partnerships.update',
    ok: { 200: { description: 'Every metric of the catalogue.', json: metrics.metricPolicies } },
  },
  'PUT /api/v1/partnerships/{slug}/metric-policies': {
    summary: 'Change how metrics are shared', tag: 'Sharing', permission: 'partnerships.update', body: metricPoliciesSchema,
    ok: { 200: { description: 'The list as GET answers it.', json: metrics.metricPolicies } },
    errors: { 409: 'A metric’s setting changed since the version sent: nothing saved.' },
  },
  'GET /api/v1/partnerships/{slug}/field-policies': {
    summary: 'Which fields of the record are confidential', tag: 'Sharing', permission: 'partnerships.update',
    ok: { 200: { description: 'Every field that can be confidential.', json: metrics.fieldPolicies } },
  },
  'PUT /api/v1/partnerships/{slug}/field-policies': {
    summary: 'Mark fields confidential', tag: 'Sharing', permission: 'partnerships.update', body: fieldPoliciesSchema,
    ok: { 200: { description: 'The list as GET answers it.', json: metrics.fieldPolicies } },
    errors: { 409: 'A field’s setting changed since the version sent: nothing saved.' },
  },
  'GET /api/v1/partnerships/{slug}/milestones': {
    summary: 'List a partnership’s milestones', tag: 'Milestones', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'Internal roles read every milestone; a partner user the shared ones, in fewer fields.', json: deals.milestoneList } },
  },
  'PATCH /api/v1/milestones/{id}': {
    summary: 'Update a milestone', tag: 'Milestones', permission: 'milestones.update', partners: true, body: updateMilestoneSchema,
    ok: { 200: { description: 'The new state (a partner user reads it as partners do).', json: z.union([deals.milestone, deals.partnerMilestone]) } },
    errors: { 409: STALE },
  },
  'GET /api/v1/partnerships/{slug}/checkpoints': {
    summary: 'List a partnership’s regulatory checkpoints', tag: 'Checkpoints', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'Internal roles read every checkpoint; a partner user the shared ones, in fewer fields.', json: deals.checkpointList } },
  },
  'PATCH /api/v1/checkpoints/{id}': {
    summary: 'Update a regulatory checkpoint', tag: 'Checkpoints', permission: 'checkpoints.update', body: updateCheckpointSchema,
    ok: { 200: { description: 'The new state.', json: deals.checkpoint } },
    errors: { 409: STALE },
  },
  'GET /api/v1/partnerships/{slug}/rollouts': {
    summary: 'List a partnership’s regional rollouts', tag: 'Rollouts', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'With readiness and gates for internal roles; fewer fields for a partner user.', json: deals.rolloutList } },
  },
  'PATCH /api/v1/rollouts/{id}': {
    summary: 'Update a rollout', tag: 'Rollouts', permission: 'rollouts.update', body: updateRolloutSchema,
    description: 'PILOT or LIVE with an open gate: 422 with `blockers`. Going LIVE needs four eyes: 202 with the approval request.',
    ok: {
      200: { description: 'The new state.', json: deals.rollout },
      202: { description: 'Sent for approval.', json: deals.approvalRequested, headers: { Location: 'The approval request’s address.' } },
    },
    errors: { 409: `${STALE} Also: a launch already waits for approval.` },
  },
  'POST /api/v1/partnerships/{slug}/regions': {
    summary: 'Add a region to a partnership', tag: 'Regions', permission: 'partnerships.regions', body: addPartnershipRegionSchema,
    ok: { 201: { description: 'The new PLANNED rollout.', json: deals.rollout } },
    errors: { 409: 'The region is already on the partnership.' },
  },
  'DELETE /api/v1/partnerships/{slug}/regions/{code}': {
    summary: 'Remove a region from a partnership', tag: 'Regions', permission: 'partnerships.regions',
    ok: { 204: { description: 'Removed, with its rollout and gates.' } },
    errors: { 409: 'The region has metric values or targets: withdraw it instead.', 422: 'Not a region code.' },
  },
  'GET /api/v1/approvals': {
    summary: 'List approval requests', tag: 'Approvals', permission: 'approvals.read', query: approvalListQuery,
    ok: { 200: { description: 'Pending oldest first; with `state=all`, decided ones after them, newest first.', json: deals.approvalList } },
    errors: { 422: 'A bad parameter.' },
  },
  'GET /api/v1/approvals/{id}': {
    summary: 'Read an approval request', tag: 'Approvals', permission: 'approvals.read',
    ok: { 200: { description: 'The request.', json: deals.approvalAnswer } },
  },
  'POST /api/v1/approvals/{id}/approve': {
    summary: 'Approve a request: the move is made', tag: 'Approvals', permission: 'approvals.decide', body: approveSchema,
    ok: { 200: { description: 'Approved, and the rollout or partnership as the move left it.', json: deals.approvalDecided } },
    errors: { 409: 'Already decided (by whom in `current`), or a stale `version`.', 422: 'A gate closed meanwhile (`blockers`; the request stays pending), or a bad body.' },
  },
  'POST /api/v1/approvals/{id}/reject': {
    summary: 'Reject a request', tag: 'Approvals', permission: 'approvals.decide', body: rejectSchema,
    ok: { 200: { description: 'Rejected.', json: deals.approvalAnswer } },
    errors: { 409: 'Already decided.' },
  },
  'POST /api/v1/approvals/{id}/withdraw': {
    summary: 'Withdraw one’s own request', tag: 'Approvals', permission: 'approvals.read', body: withdrawSchema,
    ok: { 200: { description: 'Withdrawn.', json: deals.approvalAnswer } },
    errors: { 409: 'Already decided.' },
  },
};
