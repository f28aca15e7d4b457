import { z } from 'zod';
import { APPROVAL_KINDS, APPROVAL_STATES } from '@/lib/approvals';
import { CHECKPOINT_STATUSES, MILESTONE_STATUSES, PARTNERSHIP_STAGES, RISK_LEVELS, ROLLOUT_STATUSES } from '@/lib/domain';
import { CONFIDENTIAL_FIELDS } from '@/lib/schemas/field-policies';
import { answers, day, id, instant } from './common';

// Answers about a partnership and its plan (docs/api.md, "Partnerships and metrics", "Business
// development updates", "Approvals"). See ./common.ts for what these schemas promise.

const stage = z.enum(PARTNERSHIP_STAGES);
const hiddenFields = z.array(z.enum(CONFIDENTIAL_FIELDS)).describe('The confidential fields absent from this answer (issue 17).');

const stageMove = z.object({
  from: stage.nullable(), to: stage, on: day, at: instant, by: z.string(), reason: z.string().nullable(), days: z.number().int(),
});

/** The record as internal roles read it; the keys in `hiddenFields` are absent. */
const recordShape = {
  id, slug: z.string(), name: z.string(), stage,
  summary: z.string().optional(), owner: z.object({ email: z.string(), name: z.string() }),
  openedOn: day, targetSignOn: day.nullable().optional(), targetLaunchOn: day.nullable().optional(), signedOn: day.nullable(), closedOn: day.nullable(),
  stageChangedAt: instant, daysInStage: z.number().int(), stageLimitDays: z.number().int().nullable(), stageOverdue: z.boolean(),
  isDemoData: z.boolean(), version: z.number().int(),
  parties: z.array(z.object({ organization: z.string(), role: z.string() })),
  stageHistory: z.array(stageMove).describe('Newest first; the first move has `from: null`.'),
};
export const partnershipRecord = z.object({ ...recordShape, hiddenFields }).register(answers, { id: 'Partnership' });
/** The record an approval's move leaves (POST …/approve): the whole record, as the approver may read it. */
export const partnershipRecordOfApproval = z.object(recordShape).register(answers, { id: 'PartnershipAfterApproval' });

/** What a partner user reads of a deal of theirs (issue 17). */
export const partnerPartnership = z.object({
  id, slug: z.string(), name: z.string(), stage, summary: z.string().nullable().optional(), owner: z.string(),
  version: z.number().int(), parties: z.array(z.object({ name: z.string(), role: z.string() })),
  openedOn: day, targetSignOn: day.nullable().optional(), targetLaunchOn: day.nullable().optional(), signedOn: day.nullable(), hiddenFields,
}).register(answers, { id: 'PartnerPartnership' });

export const partnershipList = z.object({ partnerships: z.array(z.object({ slug: z.string(), name: z.string(), stage })) });

export const milestone = z.object({
  id, version: z.number().int(), title: z.string(), status: z.enum(MILESTONE_STATUSES), dueOn: day.nullable(),
  ownerId: z.string().nullable(), owner: z.string().nullable(), blockedReason: z.string().nullable(), completedAt: instant.nullable(),
  sortOrder: z.number().int(), dependsOnIds: z.array(id), sharedWithPartners: z.boolean(),
}).register(answers, { id: 'Milestone' });
export const partnerMilestone = z.object({
  id, version: z.number().int(), title: z.string(), status: z.enum(MILESTONE_STATUSES), dueOn: day.nullable(), owner: z.string().nullable(),
  blockedReason: z.string().nullable(), completedAt: instant.nullable(), editable: z.boolean().describe('Owned by someone of the partner’s organization.'),
}).register(answers, { id: 'PartnerMilestone' });

export const checkpoint = z.object({
  id, version: z.number().int(), regulator: z.string(), jurisdiction: z.string(), requirement: z.string(), status: z.enum(CHECKPOINT_STATUSES),
  risk: z.enum(RISK_LEVELS), filedOn: day.nullable(), decisionDueOn: day.nullable(), decidedOn: day.nullable(), conditions: z.string().nullable(),
  evidenceExpiresOn: day.nullable(), evidence: z.enum(['none', 'valid', 'expiring', 'expired']), notes: z.string(),
  allowedStatuses: z.array(z.enum(CHECKPOINT_STATUSES)), sharedWithPartners: z.boolean(),
}).register(answers, { id: 'Checkpoint' });
export const partnerCheckpoint = z.object({
  id, regulator: z.string(), jurisdiction: z.string(), requirement: z.string(), status: z.enum(CHECKPOINT_STATUSES),
  decisionDueOn: day.nullable(), decidedOn: day.nullable(), conditions: z.string().nullable(),
}).register(answers, { id: 'PartnerCheckpoint' });

const blocker = z.object({ kind: z.enum(['checkpoint', 'milestone']), id, name: z.string(), reason: z.string() });
const rolloutDates = { plannedPilotOn: day.nullable(), plannedLaunchOn: day.nullable(), actualPilotOn: day.nullable(), actualLaunchOn: day.nullable() };
export const rollout = z.object({
  id, version: z.number().int(), region: z.string(), regionName: z.string(), status: z.enum(ROLLOUT_STATUSES), ...rolloutDates,
  flaggedReason: z.string().nullable(), notes: z.string(),
  readiness: z.object({ state: z.enum(['live', 'pilot', 'ready', 'blocked', 'paused', 'withdrawn']), blockers: z.array(blocker), lapsed: z.array(blocker) }),
  allowedStatuses: z.array(z.enum(ROLLOUT_STATUSES)), checkpointIds: z.array(id), milestoneIds: z.array(id),
}).register(answers, { id: 'Rollout' });
export const partnerRollout = z.object({ id, region: z.string(), regionName: z.string(), status: z.enum(ROLLOUT_STATUSES), ...rolloutDates })
  .register(answers, { id: 'PartnerRollout' });

export const milestoneList = z.object({ milestones: z.union([z.array(milestone), z.array(partnerMilestone)]) });
export const checkpointList = z.object({ checkpoints: z.union([z.array(checkpoint), z.array(partnerCheckpoint)]) });
export const rolloutList = z.object({ rollouts: z.union([z.array(rollout), z.array(partnerRollout)]) });

export const approval = z.object({
  id, version: z.number().int(), kind: z.enum(APPROVAL_KINDS), state: z.enum(APPROVAL_STATES), subject: z.string(),
  partnership: z.object({ slug: z.string(), name: z.string() }),
  rollout: z.object({ id, region: z.string(), regionName: z.string() }).nullable(),
  input: z.record(z.string(), z.unknown()).describe('The move to make: `status`, `actualLaunchOn`… for a launch; `to`, `signedOn`, `reason`, `movedOn` for a signing.'),
  note: z.string().nullable(),
  requestedBy: z.object({ id, name: z.string(), email: z.string() }), requestedAt: instant,
  decidedBy: z.object({ name: z.string(), email: z.string() }).nullable(), decidedAt: instant.nullable(), decisionNote: z.string().nullable(),
}).register(answers, { id: 'Approval' });
export const approvalAnswer = z.object({ approval });
export const approvalRequested = z.object({ approval }).describe('202: the move waits for a second person (four eyes).');
export const approvalList = z.object({ approvals: z.array(approval), page: z.number().int(), next: z.number().int().nullable() });
export const approvalDecided = z.union([
  z.object({ approval, rollout }),
  z.object({ approval, partnership: partnershipRecordOfApproval }),
]);
