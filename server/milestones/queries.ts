import 'server-only';
import { dateToDay, type IsoDay } from '@/lib/dates';
import type { MilestoneStatus } from '@/lib/domain';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export type MilestoneDto = {
  id: string;
  version: number;
  title: string;
  status: MilestoneStatus;
  dueOn: IsoDay | null;
  ownerId: string | null;
  owner: string | null;
  blockedReason: string | null;
  completedAt: string | null;
  sortOrder: number;
  dependsOnIds: string[];
  /** Shown to the deal's partner users (issue 17). */
  sharedWithPartners: boolean;
};

type Row = {
  id: string; version: number; title: string; status: MilestoneStatus; dueOn: Date | null; ownerId: string | null;
  owner?: { name: string } | null; blockedReason: string | null; completedAt: Date | null; sortOrder: number;
  dependsOn?: { dependsOnId: string }[]; sharedWithPartners?: boolean;
};

export const MILESTONE_INCLUDE = {
  owner: { select: { name: true, organizationId: true } },
  dependsOn: { where: { dependsOn: { deletedAt: null } }, select: { dependsOnId: true } },
} as const;

export function toMilestoneDto(m: Row): MilestoneDto {
  return {
    id: m.id, version: m.version, title: m.title, status: m.status, dueOn: m.dueOn ? dateToDay(m.dueOn) : null,
    ownerId: m.ownerId, owner: m.owner?.name ?? null, blockedReason: m.blockedReason, completedAt: m.completedAt?.toISOString() ?? null,
    sortOrder: m.sortOrder, dependsOnIds: (m.dependsOn ?? []).map((d) => d.dependsOnId).sort(), sharedWithPartners: m.sharedWithPartners ?? false,
  };
}

export async function findMilestones(slug: string): Promise<MilestoneDto[]> {
  const p = await db.partnership.findUnique({
    where: { slug },
    select: { milestones: { where: { deletedAt: null }, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }], include: MILESTONE_INCLUDE } },
  });
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  return p.milestones.map(toMilestoneDto);
}

/** One milestone of a partnership, for its own page (null when either is unknown or it was deleted). */
export async function findMilestone(slug: string, id: string) {
  const m = await db.milestone.findFirst({
    where: { id, deletedAt: null, partnership: { slug } },
    include: { ...MILESTONE_INCLUDE, partnership: { select: { name: true, slug: true } }, dependsOn: { where: { dependsOn: { deletedAt: null } }, select: { dependsOnId: true, dependsOn: { select: { title: true } } } } },
  });
  if (!m) return null;
  return { ...toMilestoneDto(m), description: m.description, partnership: m.partnership, dependsOn: m.dependsOn.map((d) => d.dependsOn.title) };
}
