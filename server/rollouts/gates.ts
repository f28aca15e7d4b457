import 'server-only';
import type { z } from 'zod';
import { todayIn } from '@/lib/dates';
import type { rolloutGatesSchema } from '@/lib/schemas/structure';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { reflagRollout } from './flags';
import { ROLLOUT_INCLUDE, toRolloutDto } from './queries';

/** Sets which checkpoints and milestones gate a region (all of the same partnership). */
export async function setRolloutGates(actor: Actor, input: z.infer<typeof rolloutGatesSchema>) {
  const today = todayIn('UTC');
  return db.$transaction(async (tx) => {
    const r = await tx.rollout.findUnique({ where: { id: input.id }, include: ROLLOUT_INCLUDE });
    if (!r) throw new NotFoundError('No rollout with that id.');
    await assertVersion(tx, { type: 'Rollout', id: r.id, noun: 'rollout', version: r.version }, input.version, () => toRolloutDto(r, today));
    const checkpointIds = [...new Set(input.checkpointIds)].sort();
    const milestoneIds = [...new Set(input.milestoneIds)].sort();
    const cps = await tx.regulatoryCheckpoint.count({ where: { id: { in: checkpointIds }, partnershipId: r.partnershipId } });
    const ms = await tx.milestone.count({ where: { id: { in: milestoneIds }, partnershipId: r.partnershipId, deletedAt: null } });
    if (cps !== checkpointIds.length || ms !== milestoneIds.length) {
      throw new ValidationError('Gates must be checkpoints and milestones of the same partnership.');
    }
    const before = {
      checkpoints: r.gateCheckpoints.map((g) => g.checkpoint.id).sort(),
      milestones: r.gateMilestones.map((g) => g.milestone.id).sort(),
    };
    const after = { checkpoints: checkpointIds, milestones: milestoneIds };
    if (JSON.stringify(before) === JSON.stringify(after)) return toRolloutDto(r, today);
    const updated = await tx.rollout.updateMany({ where: { id: r.id, version: input.version }, data: { version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('rollout');
    await tx.rolloutCheckpointGate.deleteMany({ where: { rolloutId: r.id } });
    await tx.rolloutMilestoneGate.deleteMany({ where: { rolloutId: r.id } });
    await tx.rolloutCheckpointGate.createMany({ data: checkpointIds.map((checkpointId) => ({ rolloutId: r.id, checkpointId })) });
    await tx.rolloutMilestoneGate.createMany({ data: milestoneIds.map((milestoneId) => ({ rolloutId: r.id, milestoneId })) });
    await recordAudit(tx, actor, { entityType: 'Rollout', entityId: r.id, action: 'rollout.gates-changed', partnershipId: r.partnershipId, before, after });
    await reflagRollout(tx, actor, r.id, today);
    return toRolloutDto(await tx.rollout.findUniqueOrThrow({ where: { id: r.id }, include: ROLLOUT_INCLUDE }), today);
  });
}
