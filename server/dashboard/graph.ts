import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';

/** Everything the dashboard shows about a partnership (the portfolio reads it for all of them). */
const GRAPH_SELECT = {
  id: true, slug: true, name: true, stage: true, summary: true, isDemoData: true, stageChangedAt: true, signedOn: true, closedOn: true, version: true,
  owner: { select: { name: true } },
  parties: { orderBy: { sortOrder: 'asc' }, select: { role: true, organization: { select: { name: true } } } },
  stageChanges: {
    orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, fromStage: true, toStage: true, changedAt: true, actorLabel: true, reason: true, actor: { select: { name: true } } },
  },
  milestones: {
    where: { deletedAt: null },
    orderBy: [{ sortOrder: 'asc' }, { dueOn: 'asc' }],
    select: { id: true, title: true, status: true, dueOn: true, completedAt: true, blockedReason: true, owner: { select: { name: true } } },
  },
  checkpoints: {
    orderBy: [{ decisionDueOn: { sort: 'asc', nulls: 'last' } }, { regulator: 'asc' }],
    select: {
      id: true, regulator: true, jurisdiction: true, requirement: true, status: true, risk: true, decisionDueOn: true,
      decidedOn: true, conditions: true, evidenceExpiresOn: true, updatedAt: true,
    },
  },
  rollouts: {
    orderBy: { region: { code: 'asc' } },
    select: {
      id: true, status: true, plannedPilotOn: true, plannedLaunchOn: true, actualPilotOn: true, actualLaunchOn: true, flaggedReason: true,
      region: { select: { code: true, name: true } },
      gateCheckpoints: { select: { checkpoint: { select: { id: true, regulator: true, status: true, evidenceExpiresOn: true } } } },
      gateMilestones: { where: { milestone: { deletedAt: null } }, select: { milestone: { select: { id: true, title: true, status: true } } } },
    },
  },
} satisfies Prisma.PartnershipSelect;

/** One partnership's graph, in one query. */
export async function loadPartnershipGraph(slug: string) {
  return db.partnership.findUnique({ where: { slug }, select: GRAPH_SELECT });
}

/** Many partnerships' graphs in one query per relation, not one query set per partnership. */
export async function loadPartnershipGraphs(where: Prisma.PartnershipWhereInput) {
  return db.partnership.findMany({ where, orderBy: { name: 'asc' }, select: GRAPH_SELECT });
}

export type PartnershipGraph = NonNullable<Awaited<ReturnType<typeof loadPartnershipGraph>>>;
