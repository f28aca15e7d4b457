import 'server-only';
import type { NotificationReason } from '@/generated/prisma/client';
import { roleCan } from '@/lib/permissions';
import type { Db } from '@/server/db';
import { SUBJECT_TYPE } from '@/server/notes/subjects';
import type { Subject } from './subjects';

/** When one person has several reasons to hear of one thing, the strongest one is named. */
const STRENGTH: NotificationReason[] = ['MENTION', 'APPROVAL_DECIDED', 'APPROVAL_REQUESTED', 'DECISION', 'IMPORT_FINISHED', 'EVIDENCE_EXPIRING', 'MILESTONE_OVERDUE', 'WEBHOOK_DISABLED', 'OWNED', 'WATCHED'];

export class Recipients {
  private readonly reasons = new Map<string, NotificationReason>();

  add(userIds: Iterable<string | null | undefined>, reason: NotificationReason): this {
    for (const id of userIds) {
      if (!id) continue;
      const held = this.reasons.get(id);
      if (!held || STRENGTH.indexOf(reason) < STRENGTH.indexOf(held)) this.reasons.set(id, reason);
    }
    return this;
  }

  /**
   * Whoever may still read the deal, without the person who acted (no news of one's own action).
   * `readers` (from activeReaders) saves the lookup when many sets are finished at once.
   */
  async final(db: Pick<Db, 'user'>, actorId: string | null, readers?: ReadonlySet<string>): Promise<[string, NotificationReason][]> {
    const ids = [...this.reasons.keys()].filter((id) => id !== actorId);
    if (!ids.length) return [];
    const allowed = readers ?? (await activeReaders(db, ids));
    return [...this.reasons].filter(([id]) => id !== actorId && allowed.has(id));
  }
}

/**
 * People who are active and may read deals (all of them, or among `ids`). Partner users are not
 * told of changes yet (issue 17): an inbox line names what changed, and the fan-out does not scope
 * its words to what a partner may see, so they hear nothing rather than too much.
 */
export async function activeReaders(db: Pick<Db, 'user'>, ids?: string[]): Promise<Set<string>> {
  const people = await db.user.findMany({ where: { ...(ids ? { id: { in: ids } } : {}), deactivatedAt: null }, select: { id: true, role: true } });
  return new Set(people.filter((p) => p.role !== 'PARTNER' && roleCan(p.role, 'partnerships.read')).map((p) => p.id));
}

/** Who watches the subject itself or its whole partnership. */
export async function watchersOf(db: Db, subject: Pick<Subject, 'kind' | 'id' | 'partnershipId'>): Promise<string[]> {
  const rows = await db.watch.findMany({
    where: {
      OR: [
        { subjectType: SUBJECT_TYPE[subject.kind], subjectId: subject.id },
        { subjectType: 'PARTNERSHIP', subjectId: subject.partnershipId },
      ],
    },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
