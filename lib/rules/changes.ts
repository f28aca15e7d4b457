import { daysBetween, isIsoDay } from '@/lib/dates';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, ROLLOUT_STATUS_LABELS, STAGE_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';

export type AuditFact = {
  entityType: string;
  action: string;
  label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Why (e.g. a stage move's reason); optional so older callers keep working. */
  context?: Record<string, unknown> | null;
};
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
  name: 'name', ownerEmail: 'owner', openedOn: 'opened on', targetSignOn: 'target signing', targetLaunchOn: 'target launch',
  signedOn: 'signed on', summary: 'summary', parties: 'parties',
};

const DATE_PLANS = new Set(['dueOn', 'plannedLaunchOn', 'decisionDueOn', 'targetSignOn', 'targetLaunchOn']);

type Party = { organization?: unknown; role?: unknown };
const partyWords = (value: unknown) =>
  Array.isArray(value) ? value.map((p: Party) => `${String(p.organization)} (${String(p.role)})`).join(', ') || 'none' : 'none';
const reasonOf = (e: AuditFact) => {
  const reason = e.context?.reason;
  return typeof reason === 'string' && reason.trim() ? ` (${reason.trim()})` : '';
};

/** Partnership-level events: the stage command and the record's create/edit (server/partnerships). */
function describePartnership(e: AuditFact): Described[] | null {
  const before = e.before ?? {};
  const after = e.after ?? {};
  if (e.action === 'partnership.stage_moved') {
    const to = String(after.stage);
    const signed = typeof after.signedOn === 'string' ? `, signed on ${word(e.entityType, 'signedOn', after.signedOn)}` : '';
    const tone = GOOD.has(to) ? 'good' : BAD.has(to) ? 'bad' : 'neutral';
    return [{ text: `Stage ${word(e.entityType, 'stage', before.stage)} → ${word(e.entityType, 'stage', to)}${signed}${reasonOf(e)}`, tone }];
  }
  if (e.action === 'partnership.created') {
    const template = typeof e.context?.template === 'string' ? `, plan copied from ${e.context.template}` : '';
    return [{ text: `Partnership opened at ${word(e.entityType, 'stage', after.stage)}${template}`, tone: 'neutral' }];
  }
  if (e.action === 'partnership.updated') {
    const out: Described[] = [];
    for (const field of Object.keys(after)) {
      if (field === 'summary') out.push({ text: 'Partnership: summary edited', tone: 'neutral' });
      else if (field === 'parties') out.push({ text: `Partnership: parties ${partyWords(before.parties)} → ${partyWords(after.parties)}`, tone: 'neutral' });
    }
    const rest = Object.fromEntries(Object.entries(after).filter(([k]) => k !== 'summary' && k !== 'parties'));
    return [...out, ...(Object.keys(rest).length ? describeFields({ ...e, label: e.label ?? 'Partnership', after: rest }) : [])];
  }
  return null;
}

/** One audit event as a sentence an executive reads in a review ("Term sheet: due date moved …"). */
export function describeChange(e: AuditFact): Described[] {
  if (e.entityType === 'Partnership') {
    const described = describePartnership(e);
    if (described?.length) return described;
  }
  return describeFields(e);
}

function describeFields(e: AuditFact): Described[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const subject = e.label ?? e.entityType;
  const out: Described[] = [];
  for (const field of Object.keys(after)) {
    const from = before[field];
    const to = after[field];
    if (field === 'version' || JSON.stringify(from) === JSON.stringify(to)) continue;
    const what = FIELD_WORDS[field] ?? field;
    if (DATE_PLANS.has(field) && typeof from === 'string' && typeof to === 'string') {
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
