import 'server-only';
import { fieldAccess } from '@/server/access/fields';
import { metricAudience, visibleMetrics } from '@/server/access/metrics';
import { visiblePartnershipWhere } from '@/server/access/scope';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { ForbiddenError, NotFoundError } from '@/server/errors';

export type TargetContext = {
  partnership: { id: string; slug: string; name: string };
  /** every catalogue region, by code */
  regions: Map<string, { id: number; code: string; name: string }>;
  /** the regions that are part of this partnership (it has a rollout there), in catalogue order */
  partnershipRegions: { id: number; code: string; name: string }[];
  metrics: Map<string, { id: number; key: string; name: string; unit: string }>;
  /** false: the activation targets of this deal are confidential to the actor (only with `confidential: 'label'`). */
  targetsShown: boolean;
};

/** The answer to anyone the targets of a deal are confidential to (issue 17, item 5): reads and writes alike. */
export const targetsConfidential = () =>
  new ForbiddenError('The activation targets of this partnership are confidential and not shown to your role.');

/**
 * What a targets read or write needs to know about a partnership, as `actor` may see it; 404 when
 * there is none. `metrics` holds only those the actor may see (server/access/metrics.ts): a hidden
 * metric's targets are neither shown nor written, and its key is an unknown metric (issue 17).
 */
export async function loadTargetContext(actor: Actor, slug: string, { confidential = 'refuse' }: { confidential?: 'refuse' | 'label' } = {}): Promise<TargetContext> {
  const partnership = await db.partnership.findFirst({ where: { slug: slug.slice(0, 200), ...visiblePartnershipWhere(actor) }, select: { id: true, slug: true, name: true } });
  if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
  // Confidential targets (issue 17, item 5): refused (403) before anything is read or written, or,
  // for the page that says so (`label`), a context without a metric: no grid, figure or name.
  const targetsShown = !(await fieldAccess(metricAudience(actor), partnership.id)).hidden.includes('targets');
  if (!targetsShown && confidential === 'refuse') throw targetsConfidential();
  const [regions, rollouts, metrics] = await Promise.all([
    db.region.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: 'asc' } }),
    db.rollout.findMany({ where: { partnershipId: partnership.id }, select: { regionId: true } }),
    targetsShown ? visibleMetrics(metricAudience(actor), partnership.id) : [],
  ]);
  const on = new Set(rollouts.map((r) => r.regionId));
  return {
    partnership,
    regions: new Map(regions.map((r) => [r.code, r])),
    partnershipRegions: regions.filter((r) => on.has(r.id)),
    metrics: new Map(metrics.map(({ id, key, name, unit }) => [key, { id, key, name, unit }])),
    targetsShown,
  };
}
