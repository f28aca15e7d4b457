import 'server-only';
import { actionLabel } from '@/lib/audit-words';
import { todayIn } from '@/lib/dates';
import { describeChange, type Described } from '@/lib/rules/changes';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { actorNames, findNamesOf, referencedIds } from '@/server/audit/present';
import { redactAuditRow } from '@/server/audit/redact';
import { labelsFor } from '@/server/dashboard/review';
import { db } from '@/server/db';
import { NOTE_SELECT, toNoteDto, type NoteDto } from '@/server/notes/queries';

export const ACTIVITY_PAGE_SIZE = 50;

/** One line of a partnership's activity feed: a note (shown whole) or a change in words. */
export type ActivityItem = {
  id: string;
  at: string;
  actor: string;
  kind: 'note' | 'stage' | 'change';
  /** The words of a change (one event may change several fields); empty for a note. */
  texts: Described[];
  note: NoteDto | null;
  /** What a note is on, as named when it was written ("PBOC (payment licence)"). */
  noteOn: string | null;
};

// Reading is not a change: exports and API token use stay on the audit page only.
const NOT_ACTIVITY = ['metrics.exported', 'token.used'];
// Data moved in: one line in words, not the import's bookkeeping fields.
const IN_WORDS = new Set(['metrics.imported', 'targets.imported']);

/**
 * A partnership's activity, newest first: notes (as they read now), stage moves and every other
 * change, merged in time order from the audit trail, which holds them all in the order they were
 * made (issue 15). `before` pages on by the audit row's id; a note edited later appears once, at the
 * time it was written, marked edited; a deleted note leaves only the line that says so.
 */
export async function findActivity(partnershipId: string, before?: bigint, hidden: readonly ConfidentialField[] = []): Promise<{ items: ActivityItem[]; nextBefore: string | null }> {
  const events = await db.auditEvent.findMany({
    where: { partnershipId, action: { notIn: NOT_ACTIVITY }, NOT: { action: 'note.edited' }, ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: 'desc' },
    take: ACTIVITY_PAGE_SIZE + 1,
  });
  const page = events.slice(0, ACTIVITY_PAGE_SIZE);
  const noteIds = page.filter((e) => e.action === 'note.created').map((e) => e.entityId);
  const today = todayIn('UTC');
  const [{ labels, slips }, names, notes] = await Promise.all([
    labelsFor(page, today),
    findNamesOf([...new Set([...referencedIds(page), ...page.map((e) => e.actorId).filter((x): x is string => !!x)])]),
    noteIds.length ? db.note.findMany({ where: { id: { in: noteIds }, deletedAt: null }, select: NOTE_SELECT }) : [],
  ]);
  const byId = new Map(notes.map((n) => [n.id, toNoteDto(n)]));
  // Confidential fields (issue 17, item 5): an edit of one hidden from this reader says the field
  // changed, never its values (server/audit/redact.ts).
  const items = page.map((e) => redactAuditRow(e, { hidden })).flatMap((e): ActivityItem[] => {
    const base = { id: e.id.toString(), at: e.occurredAt.toISOString(), actor: actorNames(e, names) };
    if (e.action === 'note.created') {
      const note = byId.get(e.entityId);
      const on = (e.context as { subjectLabel?: unknown } | null)?.subjectLabel;
      return note ? [{ ...base, kind: 'note', texts: [], note, noteOn: typeof on === 'string' ? on : null }] : [];
    }
    const texts = IN_WORDS.has(e.action)
      ? [{ text: actionLabel(e.action), tone: 'neutral' as const }]
      : describeChange({
          entityType: e.entityType, action: e.action, label: labels.get(e.entityId) ?? null, names,
          before: e.before as Record<string, unknown> | null, after: e.after as Record<string, unknown> | null, context: e.context as Record<string, unknown> | null,
          slipDays: e.entityType === 'Milestone' ? (slips.get(e.entityId) ?? null) : undefined, confidential: e.confidential,
        });
    if (!texts.length) return [];
    return [{ ...base, kind: e.action === 'partnership.stage_moved' ? 'stage' : 'change', texts, note: null, noteOn: null }];
  });
  return { items, nextBefore: events.length > ACTIVITY_PAGE_SIZE ? page.at(-1)!.id.toString() : null };
}
