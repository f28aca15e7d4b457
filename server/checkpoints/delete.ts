import 'server-only';
import type { z } from 'zod';
import { dateToDay, todayIn } from '@/lib/dates';
import type { deleteCheckpointSchema } from '@/lib/schemas/checkpoints';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { reflagRollout } from '@/server/rollouts/flags';
import { toCheckpointDto } from './queries';

/**
 * Deletes a checkpoint entered by mistake or no longer required, if nobody changed it since
 * `version`. The regions it gated stop waiting on it in the same transaction: each loses the gate
 * (version bumped, audited) and is re-flagged, since a lapsed approval it carried no longer counts.
 * Deleting is final (unlike milestones): the audit trail keeps what the checkpoint said.
 */
export async function deleteCheckpoint(actor: Actor, input: z.infer<typeof deleteCheckpointSchema>) {
  const today = todayIn('UTC');
  return db.$transaction(async (tx) => {
    const c = await tx.regulatoryCheckpoint.findUnique({
      where: { id: input.id },
      include: { gatedRollouts: { select: { rollout: { select: { id: true, version: true, region: { select: { name: true } }, gateCheckpoints: { select: { checkpointId: true } } } } } } },
    });
    if (!c) throw new NotFoundError('No checkpoint with that id (it may already be deleted).');
    await assertVersion(tx, { type: 'RegulatoryCheckpoint', id: c.id, noun: 'checkpoint', version: c.version }, input.version, () => toCheckpointDto(c, today));
    const deleted = await tx.regulatoryCheckpoint.deleteMany({ where: { id: c.id, version: input.version } });
    if (deleted.count !== 1) throw lostRace('checkpoint');
    // Deleting the checkpoint removed its gate rows (cascade); record that on each region it gated.
    const rollouts = c.gatedRollouts.map((g) => g.rollout).sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const r of rollouts) {
      await tx.rollout.update({ where: { id: r.id }, data: { version: { increment: 1 } } });
      const before = r.gateCheckpoints.map((g) => g.checkpointId).sort();
      await recordAudit(tx, actor, {
        entityType: 'Rollout', entityId: r.id, action: 'rollout.gates-changed', partnershipId: c.partnershipId,
        before: { checkpoints: before }, after: { checkpoints: before.filter((id) => id !== c.id) }, context: { deletedCheckpoint: c.regulator },
      });
      await reflagRollout(tx, actor, r.id, today);
    }
    const d = (v: Date | null) => (v ? dateToDay(v) : null);
    await recordAudit(tx, actor, {
      entityType: 'RegulatoryCheckpoint', entityId: c.id, action: 'checkpoint.deleted', partnershipId: c.partnershipId,
      before: {
        regulator: c.regulator, jurisdiction: c.jurisdiction, requirement: c.requirement, status: c.status, risk: c.risk,
        filedOn: d(c.filedOn), decisionDueOn: d(c.decisionDueOn), decidedOn: d(c.decidedOn), conditions: c.conditions, version: c.version,
      },
      after: null,
      context: { ungated: rollouts.map((r) => r.region.name) },
    });
    return { id: c.id, regulator: c.regulator, ungated: rollouts.map((r) => r.region.name) };
  });
}
