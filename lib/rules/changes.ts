import { ACTION_LABELS, CONFIDENTIAL_CHANGE, fieldLabel, NOT_SET, valueWords } from '@/lib/audit-words';
import { daysBetween } from '@/lib/dates';
import { slipWords } from './slips';

export type AuditFact = {
  entityType: string;
  action: string;
  label: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Why (e.g. a stage move's reason); optional so older callers keep working. */
  context?: Record<string, unknown> | null;
  /** Names of the people, milestones and checkpoints that ID fields refer to (server/audit/present.ts). */
  names?: ReadonlyMap<string, string>;
  /** A milestone's slip today (lib/rules/slips.ts): the one figure the timeline shows too. */
  slipDays?: number | null;
  /**
   * Fields whose values are confidential to the reader (server/audit/redact.ts; issue 17, item 5):
   * "confidential" stands in both sides; the sentence says the field changed, without the values.
   */
  confidential?: readonly string[];
};
export type Described = { text: string; tone: 'neutral' | 'good' | 'bad' };

const GOOD = new Set(['DONE', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'LIVE', 'PILOT', 'SIGNED', 'LAUNCHED']);
const BAD = new Set(['BLOCKED', 'REJECTED', 'PAUSED', 'WITHDRAWN', 'ON_HOLD', 'ENDED']);

// The same words as the audit page (lib/audit-words.ts); "none" reads better than "not set" in a sentence.
function word(entityType: string, field: string, value: unknown, names?: ReadonlyMap<string, string>): string {
  const words = valueWords(entityType, field, value, names);
  return words === NOT_SET ? 'none' : words;
}

const FIELD_WORDS: Record<string, string> = {
  dueOn: 'due date', decisionDueOn: 'decision due', evidenceExpiresOn: 'evidence expiry', plannedLaunchOn: 'planned launch',
  plannedPilotOn: 'planned pilot', filedOn: 'filed on', decidedOn: 'decided on', blockedReason: 'reason blocked', ownerId: 'owner',
  completedAt: 'completed', actualLaunchOn: 'launched on', actualPilotOn: 'pilot started', status: 'status', stage: 'stage',
  conditions: 'conditions', risk: 'risk', title: 'title',
  name: 'name', ownerEmail: 'owner', openedOn: 'opened on', targetSignOn: 'target signing', targetLaunchOn: 'target launch',
  signedOn: 'signed on', summary: 'summary', parties: 'parties', dependsOn: 'depends on', checkpoints: 'gating checkpoints',
  milestones: 'gating milestones', flaggedReason: 'flag', deletedAt: 'deleted', sortOrder: 'position in the plan',
};

const DATE_PLANS = new Set(['dueOn', 'plannedLaunchOn', 'decisionDueOn', 'targetSignOn', 'targetLaunchOn']);

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
  if (e.action === 'targets.updated') {
    const months = Number(e.context?.months ?? Object.keys(after).length);
    return [{ text: `Targets changed for ${months} month${months === 1 ? '' : 's'}`, tone: 'neutral' }];
  }
  if (e.action === 'partnership.updated') {
    const out: Described[] = [];
    for (const field of Object.keys(after)) {
      if (field === 'summary') out.push({ text: 'Partnership: summary edited', tone: 'neutral' });
      else if (field === 'parties') out.push({ text: `Partnership: parties ${word(e.entityType, 'parties', before.parties)} → ${word(e.entityType, 'parties', after.parties)}`, tone: 'neutral' });
    }
    const rest = Object.fromEntries(Object.entries(after).filter(([k]) => k !== 'summary' && k !== 'parties'));
    return [...out, ...(Object.keys(rest).length ? describeFields({ ...e, label: e.label ?? 'Partnership', after: rest }) : [])];
  }
  return null;
}

/** One audit event as a sentence an executive reads in a review ("Term sheet: due date moved …"). */
export function describeChange(e: AuditFact): Described[] {
  if (e.entityType === 'Note') return describeNote(e);
  if (e.entityType === 'Document') return describeDocument(e);
  if (e.entityType === 'Partnership') {
    const described = describePartnership(e);
    if (described?.length) return described;
  }
  return describeFields(e);
}

// A note in the review list: where it was written and its opening words (the full text is on the page).
export const NOTE_EXCERPT_CHARACTERS = 140;
function describeNote(e: AuditFact): Described[] {
  const where = typeof e.context?.subjectLabel === 'string' ? ` on ${e.context.subjectLabel}` : '';
  // A deleted note's text is gone from every page: the trail keeps it for whoever audits.
  if (e.action === 'note.deleted') return [{ text: `Deleted a note${where}`, tone: 'neutral' }];
  const body = typeof e.after?.body === 'string' ? e.after.body : '';
  const flat = body.replace(/\s+/g, ' ').trim();
  const excerpt = flat.length > NOTE_EXCERPT_CHARACTERS ? `${flat.slice(0, NOTE_EXCERPT_CHARACTERS - 1)}…` : flat;
  const verb = e.action === 'note.edited' ? 'Edited a note' : 'Note';
  return [{ text: `${verb}${where}: “${excerpt}”`, tone: 'neutral' }];
}

// An upload in one line: the file, its version, what it replaces and when the evidence expires.
function describeDocument(e: AuditFact): Described[] {
  const after = e.after ?? {};
  const file = typeof after.fileName === 'string' ? after.fileName : typeof e.context?.file === 'string' ? e.context.file : null;
  const name = file ? `“${file}”` : 'a document';
  if (e.action === 'document.integrity-failed') return [{ text: `Refused a download of ${name}: its stored bytes had changed`, tone: 'bad' }];
  const parts = [
    typeof after.versionNumber === 'number' && after.versionNumber > 1 ? `version ${after.versionNumber}` : null,
    typeof e.context?.supersedes === 'string' ? `replaces “${e.context.supersedes}”` : null,
    typeof after.expiresOn === 'string' ? `evidence expires ${word(e.entityType, 'expiresOn', after.expiresOn)}` : null,
  ].filter(Boolean);
  return [{ text: `Uploaded ${name}${parts.length ? ` (${parts.join('; ')})` : ''}`, tone: 'neutral' }];
}

function describeFields(e: AuditFact): Described[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const subject = e.label ?? e.entityType;
  const verb = e.action.split('.')[1] ?? '';
  if (verb in LIFECYCLE) return [{ text: `${subject}: ${e.action === 'rollout.created' ? 'added to the rollout' : e.action === 'rollout.deleted' ? 'removed from the rollout' : LIFECYCLE[verb]}`, tone: 'neutral' }];
  const out: Described[] = [];
  for (const field of Object.keys(after)) {
    const from = before[field];
    const to = after[field];
    if (field === 'version') continue;
    if (e.confidential?.includes(field)) {
      out.push({ text: `${subject}: ${FIELD_WORDS[field] ?? fieldLabel(field).toLowerCase()} ${CONFIDENTIAL_CHANGE}`, tone: 'neutral' });
      continue;
    }
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const was = word(e.entityType, field, from, e.names);
    const now = word(e.entityType, field, to, e.names);
    if (was === now) continue; // not a change a reader can see ("owner none → none")
    const what = FIELD_WORDS[field] ?? fieldLabel(field).toLowerCase();
    if (DATE_PLANS.has(field) && typeof from === 'string' && typeof to === 'string') {
      const days = daysBetween(from.slice(0, 10), to.slice(0, 10));
      const direction = days > 0 ? `moved ${days} day${days === 1 ? '' : 's'} later` : `brought forward ${-days} day${days === -1 ? '' : 's'}`;
      // A milestone's slip is the one figure of lib/rules/slips.ts (the timeline's), not this move alone.
      const slip = e.entityType === 'Milestone' && e.slipDays !== undefined ? `; ${slipWords(e.slipDays)} in all` : '';
      const late = e.entityType === 'Milestone' && e.slipDays !== undefined ? (e.slipDays ?? 0) > 0 : days > 0;
      out.push({ text: `${subject}: ${what} ${direction} (${was} → ${now})${slip}`, tone: late ? 'bad' : 'good' });
      continue;
    }
    const tone = typeof to === 'string' && GOOD.has(to) ? 'good' : typeof to === 'string' && BAD.has(to) ? 'bad' : 'neutral';
    out.push({ text: `${subject}: ${what} ${was} → ${now}`, tone });
  }
  if (!out.length && !e.before && !e.after) out.push({ text: `${subject}: ${ACTION_WORDS[e.action] ?? 'changed'}`, tone: 'neutral' });
  return out;
}

// Records added, removed or moved: one line, not a list of their fields.
const LIFECYCLE: Record<string, string> = { created: 'added', deleted: 'deleted', restored: 'restored', reordered: 'moved in the plan' };

const ACTION_WORDS: Record<string, string> = Object.fromEntries(
  Object.entries(ACTION_LABELS).map(([code, label]) => [code, label.charAt(0).toLowerCase() + label.slice(1)]),
);
