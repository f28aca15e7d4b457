import 'server-only';
import { db } from '@/server/db';
import { dateToDay, type IsoDay } from '@/lib/dates';
import type { MilestoneStatus, PartnershipStage, RolloutStatus } from '@/lib/domain';

/** One row of the portfolio: plain data shaped for the table, no Prisma types. */
export type PortfolioRow = {
  slug: string;
  name: string;
  stage: PartnershipStage;
  owner: string;
  parties: { name: string; role: string }[];
  isDemoData: boolean;
  nextMilestone: { title: string; dueOn: IsoDay | null; status: MilestoneStatus } | null;
  regions: { code: string; name: string; status: RolloutStatus }[];
  regionsLive: number;
};

// Live regions first: that is what an executive scans for.
const ROLLOUT_ORDER: RolloutStatus[] = ['LIVE', 'PILOT', 'PAUSED', 'PLANNED', 'WITHDRAWN'];

export async function findPortfolio(): Promise<PortfolioRow[]> {
  const rows = await db.partnership.findMany({
    orderBy: [{ name: 'asc' }],
    select: {
      slug: true,
      name: true,
      stage: true,
      isDemoData: true,
      owner: { select: { name: true } },
      parties: { orderBy: { sortOrder: 'asc' }, select: { role: true, organization: { select: { name: true } } } },
      milestones: {
        where: { status: { not: 'DONE' } },
        orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { sortOrder: 'asc' }],
        take: 1,
        select: { title: true, dueOn: true, status: true },
      },
      rollouts: {
        orderBy: { region: { code: 'asc' } },
        select: { status: true, region: { select: { code: true, name: true } } },
      },
    },
  });
  return rows.map((p) => {
    const next = p.milestones[0];
    const regions = p.rollouts
      .map((r) => ({ code: r.region.code, name: r.region.name, status: r.status }))
      .sort((a, b) => ROLLOUT_ORDER.indexOf(a.status) - ROLLOUT_ORDER.indexOf(b.status) || a.code.localeCompare(b.code));
    return {
      slug: p.slug,
      name: p.name,
      stage: p.stage,
      owner: p.owner.name,
      isDemoData: p.isDemoData,
      parties: p.parties.map((x) => ({ name: x.organization.name, role: x.role })),
      nextMilestone: next
        ? { title: next.title, status: next.status, dueOn: next.dueOn ? dateToDay(next.dueOn) : null }
        : null,
      regions,
      regionsLive: regions.filter((r) => r.status === 'LIVE').length,
    };
  });
}
