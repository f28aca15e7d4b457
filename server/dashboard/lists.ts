import 'server-only';
import { dateToDay, daysBetween, type IsoDay } from '@/lib/dates';
import type { CheckpointCard, MilestoneRow, RolloutRow } from '@/lib/dashboard';
import { evidenceState, isDecisionOverdue } from '@/lib/rules/checkpoints';
import type { HealthFacts } from '@/lib/rules/health';
import { launchBlockers, rolloutReadiness } from '@/lib/rules/rollouts';
import { milestoneSlipDays } from '@/lib/rules/slips';
import { db } from '@/server/db';
import type { PartnershipGraph } from './graph';

const day = (d: Date | null) => (d ? dateToDay(d) : null);
export const STALE_AFTER_DAYS = 30;

export function rolloutRows(p: PartnershipGraph, today: IsoDay): RolloutRow[] {
  return p.rollouts.map((r) => {
    const blockers = launchBlockers({
      checkpoints: r.gateCheckpoints.map(({ checkpoint: c }) => ({ id: c.id, name: c.regulator, status: c.status, evidenceExpiresOn: day(c.evidenceExpiresOn) })),
      milestones: r.gateMilestones.map(({ milestone: m }) => ({ id: m.id, name: m.title, status: m.status })),
    }, today);
    return {
      id: r.id, region: r.region.code, regionName: r.region.name, status: r.status,
      plannedLaunchOn: day(r.plannedLaunchOn), actualLaunchOn: day(r.actualLaunchOn),
      plannedPilotOn: day(r.plannedPilotOn), actualPilotOn: day(r.actualPilotOn),
      readiness: rolloutReadiness(r.status, blockers), flaggedReason: r.flaggedReason,
    };
  });
}

export function checkpointCards(p: PartnershipGraph, today: IsoDay): CheckpointCard[] {
  return p.checkpoints.map((c) => {
    const decisionDueOn = day(c.decisionDueOn);
    const updated = dateToDay(c.updatedAt);
    const decided = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'].includes(c.status);
    return {
      id: c.id, regulator: c.regulator, jurisdiction: c.jurisdiction, requirement: c.requirement, status: c.status, risk: c.risk,
      decisionDueOn, decidedOn: day(c.decidedOn), decisionOverdue: isDecisionOverdue({ status: c.status, decisionDueOn }, today),
      evidence: evidenceState(day(c.evidenceExpiresOn), today), evidenceExpiresOn: day(c.evidenceExpiresOn), conditions: c.conditions,
      staleDays: !decided && daysBetween(updated, today) >= STALE_AFTER_DAYS ? daysBetween(updated, today) : null,
    };
  });
}

/** The first due date each milestone had, from the audit trail (before any slip). */
export async function originalDueDates(milestoneIds: string[]): Promise<Map<string, IsoDay>> {
  if (!milestoneIds.length) return new Map();
  const rows = await db.$queryRaw<{ id: string; due: string }[]>`
    SELECT DISTINCT ON ("entityId") "entityId" AS id, before->>'dueOn' AS due
    FROM audit_events
    WHERE "entityType" = 'Milestone' AND "entityId" = ANY(${milestoneIds}) AND before ? 'dueOn' AND before->>'dueOn' IS NOT NULL
    ORDER BY "entityId", id ASC`;
  return new Map(rows.map((r) => [r.id, r.due.slice(0, 10)]));
}

export async function milestoneRows(p: PartnershipGraph, today: IsoDay): Promise<MilestoneRow[]> {
  const originals = await originalDueDates(p.milestones.map((m) => m.id));
  return p.milestones.map((m) => {
    const dueOn = day(m.dueOn);
    const completedOn = m.completedAt ? dateToDay(m.completedAt) : null;
    const original = originals.get(m.id) ?? null;
    return {
      id: m.id, title: m.title, status: m.status, owner: m.owner?.name ?? null, dueOn, completedOn, blockedReason: m.blockedReason,
      originalDueOn: original,
      slipDays: milestoneSlipDays({ originalDueOn: original, dueOn, completedOn, done: m.status === 'DONE' }, today),
    };
  });
}

export function healthFacts(
  p: PartnershipGraph,
  lists: { rollouts: RolloutRow[]; checkpoints: CheckpointCard[] },
  today: IsoDay,
  activationRatio30d: number | null,
): HealthFacts {
  return {
    rejectedCheckpoints: lists.checkpoints.filter((c) => c.status === 'REJECTED').map((c) => c.regulator),
    overdueMilestones: p.milestones
      .filter((m) => m.status !== 'DONE' && m.dueOn && dateToDay(m.dueOn) < today)
      .map((m) => ({ name: m.title, daysLate: daysBetween(dateToDay(m.dueOn!), today) })),
    blockedMilestones: p.milestones.filter((m) => m.status === 'BLOCKED').map((m) => m.title),
    overdueDecisions: lists.checkpoints.filter((c) => c.decisionOverdue).map((c) => c.regulator),
    expiringEvidence: lists.checkpoints.filter((c) => c.evidence === 'expiring').map((c) => c.regulator),
    lapsedLiveRegions: lists.rollouts.filter((r) => r.readiness.lapsed.length > 0).map((r) => r.regionName),
    activationRatio30d,
  };
}
