import 'server-only';
import type { RolloutStatus } from '@/lib/domain';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** A catalogue region, with what makes its code and time zone fixed (metric days in its zone). */
export type CatalogueRegion = {
  id: number; code: string; name: string; timeZone: string; version: number;
  partnerships: number; hasMetrics: boolean;
};

export async function findRegionCatalogue(): Promise<CatalogueRegion[]> {
  const rows = await db.region.findMany({
    orderBy: { code: 'asc' },
    select: { id: true, code: true, name: true, timeZone: true, version: true, _count: { select: { rollouts: true, metricValues: true, metricTargets: true } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, partnerships: _count.rollouts, hasMetrics: _count.metricValues + _count.metricTargets > 0 }));
}

export type PartnershipRegions = {
  slug: string;
  onDeal: { code: string; name: string; rolloutId: string; version: number; status: RolloutStatus; hasMetrics: boolean }[];
  available: { code: string; name: string }[];
};

/** The regions a partnership has (each with its rollout) and the catalogue regions it could add. */
export async function findPartnershipRegions(slug: string): Promise<PartnershipRegions> {
  const p = await db.partnership.findUnique({
    where: { slug },
    select: { id: true, rollouts: { select: { id: true, version: true, status: true, region: { select: { id: true, code: true, name: true } } }, orderBy: { region: { code: 'asc' } } } },
  });
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  const [values, targets, catalogue] = await Promise.all([
    db.metricValue.groupBy({ by: ['regionId'], where: { partnershipId: p.id } }),
    db.metricTarget.groupBy({ by: ['regionId'], where: { partnershipId: p.id } }),
    db.region.findMany({ select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const withMetrics = new Set([...values, ...targets].map((r) => r.regionId));
  const taken = new Set(p.rollouts.map((r) => r.region.id));
  return {
    slug,
    onDeal: p.rollouts.map((r) => ({ code: r.region.code, name: r.region.name, rolloutId: r.id, version: r.version, status: r.status, hasMetrics: withMetrics.has(r.region.id) })),
    available: catalogue.filter((r) => !taken.has(r.id)).map(({ code, name }) => ({ code, name })),
  };
}
