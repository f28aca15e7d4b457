import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { addDays, dateToDay, dayToDate } from '@/lib/dates';

type Tx = Prisma.TransactionClient;

const shift = (d: Date | null, offset: number) => (d ? dayToDate(addDays(dateToDay(d), offset)) : null);

/**
 * Copies another partnership's plan into a new one (issue 12, "start from a template"): milestones
 * (title, description, owner, order, dependencies, due dates moved by `offsetDays`, status reset),
 * regulatory checkpoints (regulator, jurisdiction, requirement, risk; status reset) and regions as
 * PLANNED rollouts with their gates, every id remapped to the copies. Never metrics, targets,
 * stage history or audit rows: those are facts of the other deal.
 */
export async function copyPlan(tx: Tx, fromId: string, toId: string, offsetDays: number) {
  const milestones = await tx.milestone.findMany({ where: { partnershipId: fromId, deletedAt: null }, orderBy: { sortOrder: 'asc' }, include: { dependsOn: { select: { dependsOnId: true } } } });
  const checkpoints = await tx.regulatoryCheckpoint.findMany({ where: { partnershipId: fromId }, orderBy: { createdAt: 'asc' } });
  const rollouts = await tx.rollout.findMany({ where: { partnershipId: fromId }, include: { gateCheckpoints: true, gateMilestones: true } });
  const milestoneIds = new Map<string, string>();
  for (const m of milestones) {
    const copy = await tx.milestone.create({
      data: { partnershipId: toId, title: m.title, description: m.description, ownerId: m.ownerId, sortOrder: m.sortOrder, dueOn: shift(m.dueOn, offsetDays) },
      select: { id: true },
    });
    milestoneIds.set(m.id, copy.id);
  }
  const dependencies = milestones.flatMap((m) =>
    m.dependsOn.filter((d) => milestoneIds.has(d.dependsOnId)).map((d) => ({ milestoneId: milestoneIds.get(m.id)!, dependsOnId: milestoneIds.get(d.dependsOnId)! })),
  );
  if (dependencies.length) await tx.milestoneDependency.createMany({ data: dependencies });
  const checkpointIds = new Map<string, string>();
  for (const c of checkpoints) {
    const copy = await tx.regulatoryCheckpoint.create({
      data: { partnershipId: toId, regulator: c.regulator, jurisdiction: c.jurisdiction, requirement: c.requirement, risk: c.risk },
      select: { id: true },
    });
    checkpointIds.set(c.id, copy.id);
  }
  for (const r of rollouts) {
    await tx.rollout.create({
      data: {
        partnershipId: toId,
        regionId: r.regionId,
        status: 'PLANNED',
        plannedPilotOn: shift(r.plannedPilotOn, offsetDays),
        plannedLaunchOn: shift(r.plannedLaunchOn, offsetDays),
        gateCheckpoints: { create: r.gateCheckpoints.filter((g) => checkpointIds.has(g.checkpointId)).map((g) => ({ checkpointId: checkpointIds.get(g.checkpointId)! })) },
        gateMilestones: { create: r.gateMilestones.filter((g) => milestoneIds.has(g.milestoneId)).map((g) => ({ milestoneId: milestoneIds.get(g.milestoneId)! })) },
      },
    });
  }
  return { milestones: milestones.length, checkpoints: checkpoints.length, regions: rollouts.length };
}
