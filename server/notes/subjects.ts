import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { NotFoundError } from '@/server/errors';
import type { Actor } from '@/server/auth/actor';
import { visibleCheckpointWhere, visibleMilestoneWhere, visiblePartnershipWhere, visibleRolloutWhere } from '@/server/access/scope';

type Tx = Prisma.TransactionClient;

export const SUBJECT_TYPE = { partnership: 'PARTNERSHIP', milestone: 'MILESTONE', checkpoint: 'CHECKPOINT', rollout: 'ROLLOUT' } as const;
export const SUBJECT_KIND = { PARTNERSHIP: 'partnership', MILESTONE: 'milestone', CHECKPOINT: 'checkpoint', ROLLOUT: 'rollout' } as const;

/** What a note is on, as the pages and the audit trail name it. */
export type NoteSubjectRef = {
  kind: NoteSubjectKind;
  id: string;
  partnershipId: string;
  partnershipSlug: string;
  /** "Apple Pay × Alipay", "Sign the term sheet", "PBOC (payment licence)", "Hong Kong rollout". */
  label: string;
};

const NOUN: Record<NoteSubjectKind, string> = { partnership: 'partnership', milestone: 'milestone', checkpoint: 'checkpoint', rollout: 'rollout' };

/**
 * Finds the thing a note is written on; a deleted milestone or an unknown id is a 404, and so is
 * anything outside the reader's scope when `reader` is given (a partner user, issue 17).
 */
export async function findNoteSubject(tx: Tx, kind: NoteSubjectKind, id: string, reader?: Actor): Promise<NoteSubjectRef> {
  const missing = () => new NotFoundError(`No ${NOUN[kind]} with that id.`);
  if (kind === 'partnership') {
    const p = await tx.partnership.findFirst({ where: { id, ...(reader ? visiblePartnershipWhere(reader) : {}) }, select: { id: true, slug: true, name: true } });
    if (!p) throw missing();
    return { kind, id: p.id, partnershipId: p.id, partnershipSlug: p.slug, label: p.name };
  }
  if (kind === 'milestone') {
    const m = await tx.milestone.findFirst({ where: { id, deletedAt: null, ...(reader ? visibleMilestoneWhere(reader) : {}) }, select: { id: true, title: true, partnership: { select: { id: true, slug: true } } } });
    if (!m) throw missing();
    return { kind, id: m.id, partnershipId: m.partnership.id, partnershipSlug: m.partnership.slug, label: m.title };
  }
  if (kind === 'checkpoint') {
    const c = await tx.regulatoryCheckpoint.findFirst({ where: { id, ...(reader ? visibleCheckpointWhere(reader) : {}) }, select: { id: true, regulator: true, requirement: true, partnership: { select: { id: true, slug: true } } } });
    if (!c) throw missing();
    return { kind, id: c.id, partnershipId: c.partnership.id, partnershipSlug: c.partnership.slug, label: `${c.regulator} (${c.requirement})` };
  }
  const r = await tx.rollout.findFirst({ where: { id, ...(reader ? visibleRolloutWhere(reader) : {}) }, select: { id: true, region: { select: { name: true } }, partnership: { select: { id: true, slug: true } } } });
  if (!r) throw missing();
  return { kind, id: r.id, partnershipId: r.partnership.id, partnershipSlug: r.partnership.slug, label: `${r.region.name} rollout` };
}

/** The partnership by its address (the API's /partnerships/<slug>/notes). */
export async function partnershipIdOf(tx: Tx, slug: string, reader?: Actor): Promise<string> {
  const p = await tx.partnership.findFirst({ where: { slug, ...(reader ? visiblePartnershipWhere(reader) : {}) }, select: { id: true } });
  if (!p) throw new NotFoundError('No partnership with that address.');
  return p.id;
}
