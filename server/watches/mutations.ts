import 'server-only';
import type { WatchInput } from '@/lib/schemas/inbox';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { ForbiddenError } from '@/server/errors';
import { findNoteSubject, SUBJECT_TYPE } from '@/server/notes/subjects';

/**
 * Starts or stops watching a partnership, milestone, checkpoint or rollout: its changes then
 * reach the person's inbox (server/notifications/fanout.ts). Audited, as every change is.
 */
export async function setWatching(actor: Actor, input: WatchInput): Promise<{ watching: boolean }> {
  if (!actor.userId) throw new ForbiddenError('Watching is for people: sign in to watch.');
  const userId = actor.userId;
  return db.$transaction(async (tx) => {
    const subject = await findNoteSubject(tx, input.subjectType, input.subjectId);
    const key = { userId, subjectType: SUBJECT_TYPE[subject.kind], subjectId: subject.id };
    const held = await tx.watch.findUnique({ where: { userId_subjectType_subjectId: key }, select: { userId: true } });
    if (!!held === input.watching) return { watching: input.watching };
    if (input.watching) await tx.watch.create({ data: { ...key, partnershipId: subject.partnershipId } });
    else await tx.watch.delete({ where: { userId_subjectType_subjectId: key } });
    await recordAudit(tx, actor, {
      // No partnershipId: following a deal is not a change to it (it stays out of the deal's feed,
      // "since your last review" and digests); the context names what is watched.
      entityType: 'Watch', entityId: `${subject.kind}:${subject.id}`, action: input.watching ? 'watch.started' : 'watch.stopped',
      context: { subjectType: subject.kind, subjectId: subject.id, subjectLabel: subject.label },
    });
    return { watching: input.watching };
  });
}
