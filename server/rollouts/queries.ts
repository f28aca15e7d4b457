import 'server-only';
import { dateToDay, todayIn, type IsoDay } from '@/lib/dates';
import type { RolloutStatus } from '@/lib/domain';
import { launchBlockers, rolloutReadiness, type Readiness } from '@/lib/rules/rollouts';
import { ROLLOUT_TRANSITIONS } from '@/lib/rules/transitions';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export const ROLLOUT_INCLUDE = {
  region: { select: { code: true, name: true, timeZone: true } },
  gateCheckpoints: { select: { checkpoint: { select: { id: true, regulator: true, status: true, evidenceExpiresOn: true } } } },
  gateMilestones: { where: { milestone: { deletedAt: null } }, select: { milestone: { select: { id: true, title: true, status: true } } } },
} satisfies Prisma.RolloutInclude;

type Row = Prisma.RolloutGetPayload<{ include: typeof ROLLOUT_INCLUDE }>;

export type RolloutDto = {
  id: string; version: number; region: string; regionName: string; status: RolloutStatus;
  plannedPilotOn: IsoDay | null; plannedLaunchOn: IsoDay | null; actualPilotOn: IsoDay | null; actualLaunchOn: IsoDay | null;
  flaggedReason: string | null; notes: string; readiness: Readiness; allowedStatuses: readonly RolloutStatus[];
  checkpointIds: string[]; milestoneIds: string[];
};
const d = (v: Date | null) => (v ? dateToDay(v) : null);

export function gatesOf(r: Row, today: IsoDay) {
  return launchBlockers({
    checkpoints: r.gateCheckpoints.map(({ checkpoint: c }) => ({ id: c.id, name: c.regulator, status: c.status, evidenceExpiresOn: d(c.evidenceExpiresOn) })),
    milestones: r.gateMilestones.map(({ milestone: m }) => ({ id: m.id, name: m.title, status: m.status })),
  }, today);
}

export function toRolloutDto(r: Row, today = todayIn('UTC')): RolloutDto {
  return {
    id: r.id, version: r.version, region: r.region.code, regionName: r.region.name, status: r.status,
    plannedPilotOn: d(r.plannedPilotOn), plannedLaunchOn: d(r.plannedLaunchOn), actualPilotOn: d(r.actualPilotOn), actualLaunchOn: d(r.actualLaunchOn),
    flaggedReason: r.flaggedReason, notes: r.notes, readiness: rolloutReadiness(r.status, gatesOf(r, today)), allowedStatuses: ROLLOUT_TRANSITIONS[r.status],
    checkpointIds: r.gateCheckpoints.map((g) => g.checkpoint.id).sort(), milestoneIds: r.gateMilestones.map((g) => g.milestone.id).sort(),
  };
}

export async function findRollouts(slug: string): Promise<RolloutDto[]> {
  const p = await db.partnership.findUnique({ where: { slug }, select: { rollouts: { include: ROLLOUT_INCLUDE, orderBy: { region: { code: 'asc' } } } } });
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  return p.rollouts.map((r) => toRolloutDto(r));
}

/** One region's rollout of a partnership, for its own page (null when either is unknown). */
export async function findRollout(slug: string, id: string) {
  const r = await db.rollout.findFirst({ where: { id, partnership: { slug } }, include: { ...ROLLOUT_INCLUDE, partnership: { select: { name: true, slug: true } } } });
  if (!r) return null;
  const today = todayIn('UTC');
  return { ...toRolloutDto(r, today), partnership: r.partnership, gates: gatesOf(r, today) };
}
