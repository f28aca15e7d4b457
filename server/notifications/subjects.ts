import 'server-only';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import type { Db } from '@/server/db';

const FOLDER = { milestone: 'milestones', checkpoint: 'checkpoints', rollout: 'rollouts' } as const;
const KIND_OF_ENTITY: Record<string, NoteSubjectKind> = { Partnership: 'partnership', Milestone: 'milestone', RegulatoryCheckpoint: 'checkpoint', Rollout: 'rollout' };

/** What a notification is about: the thing people watch or own, and where it lives. */
export type Subject = {
  kind: NoteSubjectKind;
  id: string;
  partnershipId: string;
  partnershipOwnerId: string;
  /** The milestone's owner, for a milestone. */
  ownerId: string | null;
  /** "Sign the term sheet", "PBOC (payment licence)", "Hong Kong rollout", "Apple Pay × Alipay". */
  label: string;
  dealName: string;
  href: string;
};

/** The page of a partnership's part (its dashboard for the partnership itself). */
export function subjectHref(slug: string, kind: NoteSubjectKind, id: string): string {
  return kind === 'partnership' ? `/partnerships/${slug}` : `/partnerships/${slug}/${FOLDER[kind]}/${id}`;
}

/**
 * The subject of an event on `entityType`/`entityId`: a partnership, milestone, checkpoint or rollout
 * (a note or a document resolves to what it is on). A part that is gone (a deleted checkpoint)
 * falls back to its partnership; null when even that is unknown.
 */
export async function findEventSubject(db: Db, entityType: string, entityId: string, partnershipId: string | null): Promise<Subject | null> {
  let kind = KIND_OF_ENTITY[entityType];
  let id = entityId;
  if (entityType === 'Note') {
    const note = await db.note.findUnique({ where: { id: entityId }, select: { subjectType: true, subjectId: true } });
    if (note) {
      kind = note.subjectType.toLowerCase() as NoteSubjectKind;
      id = note.subjectId;
    }
  } else if (entityType === 'Document') {
    const doc = await db.document.findUnique({ where: { id: entityId }, select: { checkpointId: true, partnershipId: true } });
    if (doc) [kind, id] = doc.checkpointId ? ['checkpoint', doc.checkpointId] : ['partnership', doc.partnershipId];
  }
  const found = kind ? await subjectOf(db, kind, id) : null;
  if (found) return found;
  return partnershipId ? subjectOf(db, 'partnership', partnershipId) : null;
}

const DEAL = { select: { id: true, slug: true, name: true, ownerId: true } } as const;

export async function subjectOf(db: Db, kind: NoteSubjectKind, id: string): Promise<Subject | null> {
  const make = (p: { id: string; slug: string; name: string; ownerId: string }, label: string, ownerId: string | null = null): Subject => ({
    kind, id, partnershipId: p.id, partnershipOwnerId: p.ownerId, ownerId, label, dealName: p.name, href: subjectHref(p.slug, kind, id),
  });
  if (kind === 'partnership') {
    const p = await db.partnership.findUnique({ where: { id }, ...DEAL });
    return p && make(p, p.name);
  }
  if (kind === 'milestone') {
    // A deleted milestone still has its owner and its title: its deletion is news to them.
    const m = await db.milestone.findUnique({ where: { id }, select: { title: true, ownerId: true, deletedAt: true, partnership: DEAL } });
    if (!m) return null;
    const s = make(m.partnership, m.title, m.ownerId);
    return m.deletedAt ? { ...s, href: subjectHref(m.partnership.slug, 'partnership', m.partnership.id) } : s;
  }
  if (kind === 'checkpoint') {
    const c = await db.regulatoryCheckpoint.findUnique({ where: { id }, select: { regulator: true, requirement: true, partnership: DEAL } });
    return c && make(c.partnership, `${c.regulator} (${c.requirement})`);
  }
  const r = await db.rollout.findUnique({ where: { id }, select: { region: { select: { name: true } }, partnership: DEAL } });
  return r && make(r.partnership, `${r.region.name} rollout`);
}
