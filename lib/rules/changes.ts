import { daysBetween, isIsoDay } from '@/lib/dates';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, ROLLOUT_STATUS_LABELS, STAGE_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';

export type AuditFact = { entityType: string; action: string; label: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
export type Described = { text: string; tone: 'neutral' | 'good' | 'bad' };

const LABELS: Record<string, Record<string, string>> = {
  stage: STAGE_LABELS,
  'Milestone.status': MILESTONE_STATUS_LABELS,
  'RegulatoryCheckpoint.status': CHECKPOINT_STATUS_LABELS,
  'Rollout.status': ROLLOUT_STATUS_LABELS,
};

const GOOD = new Set(['DONE', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'LIVE', 'PILOT', 'SIGNED', 'LAUNCHED']);
const BAD = new Set(['BLOCKED', 'REJECTED', 'PAUSED', 'WITHDRAWN', 'ON_HOLD', 'ENDED']);

function word(entityType: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  const table = LABELS[`${entityType}.${field}`] ?? LABELS[field];
  if (typeof value === 'string' && table?.[value]) return table[value]!;
  if (typeof value === 'string' && isIsoDay(value.slice(0, 10)) && value.length <= 24) return formatDay(value.slice(0, 10));
  return String(value);
}

const FIELD_WORDS: Record<string, string> = {
  dueOn: 'due date', decisionDueOn: 'decision due', evidenceExpiresOn: 'evidence expiry', plannedLaunchOn: 'planned launch',
  plannedPilotOn: 'planned pilot', filedOn: 'filed on', decidedOn: 'decided on', blockedReason: 'reason blocked', ownerId: 'owner',
  completedAt: 'completed', actualLaunchOn: 'launched on', actualPilotOn: 'pilot started', status: 'status', stage: 'stage',
  conditions: 'conditions', risk: 'risk', title: 'title',
};

/** One audit event as a sentence an executive reads in a review ("Term sheet: due date moved …"). */
export function describeChange(e: AuditFact): Described[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const subject = e.label ?? e.entityType;
  const out: Described[] = [];
  for (const field of Object.keys(after)) {
    const from = before[field];
    const to = after[field];
    if (field === 'version' || JSON.stringify(from) === JSON.stringify(to)) continue;
    const what = FIELD_WORDS[field] ?? field;
    if ((field === 'dueOn' || field === 'plannedLaunchOn' || field === 'decisionDueOn') && typeof from === 'string' && typeof to === 'string') {
      const days = daysBetween(from.slice(0, 10), to.slice(0, 10));
      const direction = days > 0 ? `slipped ${days} day${days === 1 ? '' : 's'}` : `brought forward ${-days} day${days === -1 ? '' : 's'}`;
      out.push({ text: `${subject}: ${what} ${direction} (${word(e.entityType, field, from)} → ${word(e.entityType, field, to)})`, tone: days > 0 ? 'bad' : 'good' });
      continue;
    }
    const tone = typeof to === 'string' && GOOD.has(to) ? 'good' : typeof to === 'string' && BAD.has(to) ? 'bad' : 'neutral';
    out.push({ text: `${subject}: ${what} ${word(e.entityType, field, from)} → ${word(e.entityType, field, to)}`, tone });
  }
  if (!out.length) out.push({ text: `${subject}: ${e.action.replace(/^[a-z]+\./, '').replace(/-/g, ' ')}`, tone: 'neutral' });
  return out;
}
