import 'server-only';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export type TargetContext = {
  partnership: { id: string; slug: string; name: string };
  /** every catalogue region, by code */
  regions: Map<string, { id: number; code: string; name: string }>;
  /** the regions that are part of this partnership (it has a rollout there), in catalogue order */
  partnershipRegions: { id: number; code: string; name: string }[];
  metrics: Map<string, { id: number; key: string; name: string; unit: string }>;
};

/** What a targets read or write needs to know about a partnership; 404 when there is none. */
export async function loadTargetContext(slug: string): Promise<TargetContext> {
  const partnership = await db.partnership.findUnique({ where: { slug: slug.slice(0, 200) }, select: { id: true, slug: true, name: true } });
  if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
  const [regions, rollouts, metrics] = await Promise.all([
    db.region.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } }),
    db.rollout.findMany({ where: { partnershipId: partnership.id }, select: { regionId: true } }),
    db.metric.findMany({ select: { id: true, key: true, name: true, unit: true }, orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }] }),
  ]);
  const on = new Set(rollouts.map((r) => r.regionId));
  return {
    partnership,
    regions: new Map(regions.map((r) => [r.code, r])),
    partnershipRegions: regions.filter((r) => on.has(r.id)),
    metrics: new Map(metrics.map((m) => [m.key, m])),
  };
}
