import 'server-only';
import { dateToDay, type IsoDay } from '@/lib/dates';
import type { CheckpointStatus, MilestoneStatus, PartnershipStage, RolloutStatus } from '@/lib/domain';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { fieldAccess, fieldAccessFor } from '@/server/access/fields';
import { metricAudience } from '@/server/access/metrics';
import { partnerEditableMilestoneWhere, partnerScope, visibleCheckpointWhere, visibleMilestoneWhere, visiblePartnershipWhere } from '@/server/access/scope';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/**
 * What a partner user reads of a deal (issue 17, decision 009): built only from the filters of
 * server/access/scope.ts, and shaped so nothing internal rides along: no internal notes fields, no
 * risk assessment, no gates naming internal checkpoints, people by name only.
 */
export type PartnerDealSummary = {
  id: string; slug: string; name: string; stage: PartnershipStage; parties: { name: string; role: string }[];
  /** null also when confidential (`hiddenFields`: issue 17, item 5, partners never see those) */
  targetLaunchOn: IsoDay | null; regionsLive: number; regions: number; openMilestones: number; myMilestones: number;
  hiddenFields: ConfidentialField[];
};

export type PartnerMilestone = {
  id: string; version: number; title: string; status: MilestoneStatus; dueOn: IsoDay | null; owner: string | null;
  blockedReason: string | null; completedAt: string | null; editable: boolean;
};

export type PartnerCheckpoint = {
  id: string; regulator: string; jurisdiction: string; requirement: string; status: CheckpointStatus;
  decisionDueOn: IsoDay | null; decidedOn: IsoDay | null; conditions: string | null;
};

export type PartnerRollout = {
  id: string; region: string; regionName: string; status: RolloutStatus;
  plannedPilotOn: IsoDay | null; plannedLaunchOn: IsoDay | null; actualPilotOn: IsoDay | null; actualLaunchOn: IsoDay | null;
};

export type PartnerDeal = {
  id: string; slug: string; name: string; stage: PartnershipStage; summary: string | null; owner: string;
  parties: { name: string; role: string }[]; openedOn: IsoDay; targetSignOn: IsoDay | null; targetLaunchOn: IsoDay | null; signedOn: IsoDay | null;
  version: number;
  /** The confidential fields of the deal, null above: partners never see them (issue 17, item 5). */
  hiddenFields: ConfidentialField[];
};

const day = (v: Date | null) => (v ? dateToDay(v) : null);

function requireScope(actor: Actor) {
  const scope = partnerScope(actor);
  if (!scope) throw new Error('partner-workspace queries are for partner users');
  return scope;
}

export async function findPartnerPortfolio(actor: Actor): Promise<PartnerDealSummary[]> {
  const scope = requireScope(actor);
  const rows = await db.partnership.findMany({
    where: visiblePartnershipWhere(actor),
    orderBy: { name: 'asc' },
    select: {
      id: true, slug: true, name: true, stage: true, targetLaunchOn: true,
      parties: { orderBy: { sortOrder: 'asc' }, select: { role: true, organization: { select: { name: true } } } },
      rollouts: { select: { status: true } },
      milestones: { where: { ...visibleMilestoneWhere(actor), deletedAt: null }, select: { status: true, owner: { select: { organizationId: true } } } },
    },
  });
  const fieldsOf = await fieldAccessFor(metricAudience(actor));
  return rows.map((p) => ({
    id: p.id, slug: p.slug, name: p.name, stage: p.stage,
    targetLaunchOn: fieldsOf(p.id).hidden.includes('targetLaunchOn') ? null : day(p.targetLaunchOn), hiddenFields: fieldsOf(p.id).hidden,
    parties: p.parties.map((x) => ({ name: x.organization.name, role: x.role })),
    regionsLive: p.rollouts.filter((r) => r.status === 'LIVE').length, regions: p.rollouts.length,
    openMilestones: p.milestones.filter((m) => m.status !== 'DONE').length,
    myMilestones: p.milestones.filter((m) => m.status !== 'DONE' && m.owner?.organizationId === scope.organizationId).length,
  }));
}

/** The deal's record as a partner reads it; null (a 404) when it is not one of theirs. */
export async function findPartnerDeal(actor: Actor, slug: string): Promise<PartnerDeal | null> {
  requireScope(actor);
  const p = await db.partnership.findFirst({
    where: { slug, ...visiblePartnershipWhere(actor) },
    select: {
      id: true, slug: true, name: true, stage: true, summary: true, openedOn: true, targetSignOn: true, targetLaunchOn: true, signedOn: true, version: true,
      owner: { select: { name: true } },
      parties: { orderBy: { sortOrder: 'asc' }, select: { role: true, organization: { select: { name: true } } } },
    },
  });
  if (!p) return null;
  const { hidden } = await fieldAccess(metricAudience(actor), p.id);
  const shown = <V>(field: ConfidentialField, value: V) => (hidden.includes(field) ? null : value);
  return {
    id: p.id, slug: p.slug, name: p.name, stage: p.stage, summary: shown('summary', p.summary), owner: p.owner.name, version: p.version,
    parties: p.parties.map((x) => ({ name: x.organization.name, role: x.role })),
    openedOn: dateToDay(p.openedOn), targetSignOn: shown('targetSignOn', day(p.targetSignOn)), targetLaunchOn: shown('targetLaunchOn', day(p.targetLaunchOn)),
    signedOn: day(p.signedOn), hiddenFields: hidden,
  };
}

export async function requirePartnerDeal(actor: Actor, slug: string): Promise<PartnerDeal> {
  const deal = await findPartnerDeal(actor, slug);
  if (!deal) throw new NotFoundError(`No partnership "${slug}".`);
  return deal;
}

type MilestoneRow = {
  id: string; version: number; title: string; status: MilestoneStatus; dueOn: Date | null; blockedReason: string | null; completedAt: Date | null;
  owner: { name: string; organizationId: string | null } | null;
};

/** A milestone as a partner reads it (also the body of a 409 to a partner). */
export function toPartnerMilestone(m: MilestoneRow, organizationId: string): PartnerMilestone {
  return {
    id: m.id, version: m.version, title: m.title, status: m.status, dueOn: day(m.dueOn), owner: m.owner?.name ?? null,
    blockedReason: m.blockedReason, completedAt: m.completedAt?.toISOString() ?? null,
    editable: !!m.owner && m.owner.organizationId === organizationId,
  };
}

export const PARTNER_MILESTONE_SELECT = {
  id: true, version: true, title: true, status: true, dueOn: true, blockedReason: true, completedAt: true,
  owner: { select: { name: true, organizationId: true } },
} as const;

/** One milestone in the partner's scope; a 404 otherwise. */
export async function requirePartnerMilestone(actor: Actor, id: string): Promise<PartnerMilestone> {
  const scope = requireScope(actor);
  const m = await db.milestone.findFirst({ where: { id, deletedAt: null, ...visibleMilestoneWhere(actor) }, select: PARTNER_MILESTONE_SELECT });
  if (!m) throw new NotFoundError('No milestone with that id.');
  return toPartnerMilestone(m, scope.organizationId);
}

export async function findPartnerMilestones(actor: Actor, partnershipId: string): Promise<PartnerMilestone[]> {
  const scope = requireScope(actor);
  const rows = await db.milestone.findMany({
    where: { partnershipId, deletedAt: null, ...visibleMilestoneWhere(actor) },
    orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
    select: PARTNER_MILESTONE_SELECT,
  });
  return rows.map((m) => toPartnerMilestone(m, scope.organizationId));
}

export async function findPartnerCheckpoints(actor: Actor, partnershipId: string): Promise<PartnerCheckpoint[]> {
  requireScope(actor);
  const rows = await db.regulatoryCheckpoint.findMany({
    where: { partnershipId, ...visibleCheckpointWhere(actor) },
    orderBy: [{ jurisdiction: 'asc' }, { regulator: 'asc' }],
    select: { id: true, regulator: true, jurisdiction: true, requirement: true, status: true, decisionDueOn: true, decidedOn: true, conditions: true },
  });
  return rows.map((c) => ({ ...c, decisionDueOn: day(c.decisionDueOn), decidedOn: day(c.decidedOn) }));
}

export async function findPartnerRollouts(actor: Actor, partnershipId: string): Promise<PartnerRollout[]> {
  requireScope(actor);
  const rows = await db.rollout.findMany({
    where: { partnershipId, partnership: visiblePartnershipWhere(actor) },
    orderBy: { region: { code: 'asc' } },
    select: {
      id: true, status: true, plannedPilotOn: true, plannedLaunchOn: true, actualPilotOn: true, actualLaunchOn: true,
      region: { select: { code: true, name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id, region: r.region.code, regionName: r.region.name, status: r.status,
    plannedPilotOn: day(r.plannedPilotOn), plannedLaunchOn: day(r.plannedLaunchOn), actualPilotOn: day(r.actualPilotOn), actualLaunchOn: day(r.actualLaunchOn),
  }));
}

/** Whether the partner may update this milestone: 'edit', 'read' (shared, not theirs) or 'none' (outside their scope). */
export async function partnerMilestoneAccess(actor: Actor, milestoneId: string): Promise<'edit' | 'read' | 'none'> {
  const [editable, visible] = await Promise.all([
    db.milestone.count({ where: { id: milestoneId, deletedAt: null, ...partnerEditableMilestoneWhere(actor) } }),
    db.milestone.count({ where: { id: milestoneId, deletedAt: null, ...visibleMilestoneWhere(actor) } }),
  ]);
  return editable ? 'edit' : visible ? 'read' : 'none';
}

/** The partner's own organization's name (their portfolio's heading). */
export async function findPartnerOrganizationName(actor: Actor): Promise<string> {
  const scope = requireScope(actor);
  const org = await db.organization.findUnique({ where: { id: scope.organizationId }, select: { name: true } });
  return org?.name ?? 'Your organization';
}
