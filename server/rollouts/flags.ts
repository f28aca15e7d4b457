import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dateToDay, type IsoDay } from '@/lib/dates';
import { launchBlockers } from '@/lib/rules/rollouts';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';

type Tx = Prisma.TransactionClient;

/**
 * A live or pilot region whose gating approval no longer holds (rejected, moved back, evidence
 * expired) is flagged at once; the flag clears when approval is back. Regions are not paused
 * automatically: that is a business call (docs/decisions/004-gating.md).
 */
export async function reflagRollout(tx: Tx, actor: Actor, rolloutId: string, today: IsoDay) {
  const r = await tx.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    include: { gateCheckpoints: { select: { checkpoint: { select: { id: true, regulator: true, status: true, evidenceExpiresOn: true } } } } },
  });
  const launched = r.status === 'LIVE' || r.status === 'PILOT';
  const lapsed = launched
    ? launchBlockers({
        checkpoints: r.gateCheckpoints.map(({ checkpoint: c }) => ({
          id: c.id, name: c.regulator, status: c.status, evidenceExpiresOn: c.evidenceExpiresOn ? dateToDay(c.evidenceExpiresOn) : null,
        })),
        milestones: [],
      }, today)
    : [];
  const flag = lapsed.length ? `Gating approval no longer holds: ${lapsed.map((b) => `${b.name} (${b.reason})`).join('; ')}` : null;
  if (flag === r.flaggedReason || (!launched && r.flaggedReason === null)) return;
  await tx.rollout.update({ where: { id: r.id }, data: { flaggedReason: flag, version: { increment: 1 } } });
  await recordAudit(tx, actor, {
    entityType: 'Rollout', entityId: r.id, action: flag ? 'rollout.flagged' : 'rollout.flag-cleared', partnershipId: r.partnershipId,
    before: { flaggedReason: r.flaggedReason }, after: { flaggedReason: flag },
  });
}

/** After a gating checkpoint changes: re-evaluate every launched region it gates. */
export async function reflagRollouts(tx: Tx, actor: Actor, checkpointId: string, today: IsoDay) {
  const rollouts = await tx.rollout.findMany({
    where: { status: { in: ['LIVE', 'PILOT'] }, gateCheckpoints: { some: { checkpointId } } },
    select: { id: true },
  });
  for (const r of rollouts) await reflagRollout(tx, actor, r.id, today);
}
