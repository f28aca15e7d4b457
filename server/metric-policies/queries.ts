import 'server-only';
import { INTERNAL_ROLES, type InternalRole } from '@/lib/domain';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** One metric's sharing for a partnership, as the sharing form and its API show it. */
export type MetricPolicyDto = {
  metric: string;
  name: string;
  unit: string;
  sharedWithPartners: boolean;
  confidential: boolean;
  /** 0: still on the metric's defaults (no row). Sent back with a change (409 when it moved). */
  version: number;
  defaults: { sharedWithPartners: boolean; confidential: boolean };
};

export type MetricPoliciesDto = { partnership: { id: string; slug: string; name: string }; policies: MetricPolicyDto[] };

/**
 * Every metric of the catalogue with its policy for one partnership (its row, else the metric's
 * defaults). Read by people who may edit the partnership, so nothing here is hidden from them.
 */
export async function findMetricPolicies(slug: string): Promise<MetricPoliciesDto> {
  const partnership = await db.partnership.findUnique({ where: { slug: slug.slice(0, 200) }, select: { id: true, slug: true, name: true } });
  if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
  const [metrics, rows] = await Promise.all([
    db.metric.findMany({ orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }], select: { id: true, key: true, name: true, unit: true, sharedByDefault: true, confidentialByDefault: true } }),
    db.partnershipMetricPolicy.findMany({ where: { partnershipId: partnership.id }, select: { metricId: true, sharedWithPartners: true, confidential: true, version: true } }),
  ]);
  const byMetric = new Map(rows.map((r) => [r.metricId, r]));
  return {
    partnership,
    policies: metrics.map((m) => {
      const row = byMetric.get(m.id);
      return {
        metric: m.key, name: m.name, unit: m.unit,
        sharedWithPartners: row?.sharedWithPartners ?? m.sharedByDefault,
        confidential: row?.confidential ?? m.confidentialByDefault,
        version: row?.version ?? 0,
        defaults: { sharedWithPartners: m.sharedByDefault, confidential: m.confidentialByDefault },
      };
    }),
  };
}

export type ConfidentialAccessDto = { role: InternalRole; allowed: boolean }[];

/** Which internal roles see confidential figures (no row: they do). */
export async function findConfidentialAccess(): Promise<ConfidentialAccessDto> {
  const rows = await db.confidentialAccess.findMany({ select: { role: true, allowed: true } });
  return INTERNAL_ROLES.map((role) => ({ role, allowed: rows.find((r) => r.role === role)?.allowed ?? true }));
}
