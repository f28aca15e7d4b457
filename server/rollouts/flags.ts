import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dateToDay, type IsoDay } from '@/lib/dates';
import { launchBlockers } from '@/lib/rules/rollouts';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';

/**
 * After a gating checkpoint changes: a live or pilot region whose gating approval no longer
 * holds (rejected; evidence expired) is flagged at once, and the flag clears when approval is
 * back. Regions are not paused automatically: that is a business call (docs/decisions/004).
 */
export async function reflagRollouts(tx: Prisma.TransactionClient, actor: Actor, checkpointId: string, today: IsoDay) {
  const rollouts = await tx.rollout.findMany({
    where: { status: { in: ['LIVE', 'PILOT'] }, gateCheckpoints: { some: { checkpointId } } },
    include: {
      region: { select: { name: true } },
      gateCheckpoints: { select: { checkpoint: { select: { id: true, regulator: true, status: true, evidenceExpiresOn: true } } } },
    },
  });
  for (const r of rollouts) {
    const lapsed = launchBlockers({
      checkpoints: r.gateCheckpoints.map(({ checkpoint: c }) => ({
        id: c.id, name: c.regulator, status: c.status, evidenceExpiresOn: c.evidenceExpiresOn ? dateToDay(c.evidenceExpiresOn) : null,
      })),
      milestones: [],
    }, today);
    const flag = lapsed.length ? `Gating approval no longer holds: ${lapsed.map((b) => `${b.name} (${b.reason})`).join('; ')}` : null;
    if (flag === r.flaggedReason) continue;
    await tx.rollout.update({ where: { id: r.id }, data: { flaggedReason: flag, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entityType: 'Rollout', entityId: r.id, action: flag ? 'rollout.flagged' : 'rollout.flag-cleared', partnershipId: r.partnershipId,
      before: { flaggedReason: r.flaggedReason }, after: { flaggedReason: flag },
    });
  }
}
