import 'server-only';
import type { Role } from '@/lib/domain';
import type { Actor } from '@/server/auth/actor';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { confidentialAllowed } from './confidential';

/**
 * Which metrics a reader may see of a partnership: the ONE rule (issue 17, items 1 and 5). Every
 * output that shows a metric (the explorer, the API and its exports, the dashboard's chart and KPIs,
 * the portfolio's sparklines, targets, digests and scheduled exports) asks here, and the metrics
 * query builder (server/metrics/view-query.ts) drops any metric a view was not cleared for.
 *
 * A metric's policy for a partnership is its row in `partnership_metric_policies`, else the
 * metric's defaults (`sharedByDefault`, `confidentialByDefault`). Then:
 * - partners see what is shared with partners and not confidential;
 * - internal roles see everything not confidential, and confidential figures unless an
 *   administrator unticked their role (`confidential_access`; no row: allowed);
 * - operators at the CLI and the system see everything.
 * A hidden metric does not exist for its reader: no values, no name, not in a list or a file's
 * header, and asking for it is answered like an unknown metric.
 */

/** Who reads, as far as metrics go: a role, or 'all' (operators, the system). Kept pages key on it. */
export type MetricAudience = 'all' | Role;

export function metricAudience(actor: Actor): MetricAudience {
  if (actor.kind === 'operator' || actor.kind === 'system') return 'all';
  // A person without a role sees no more than a partner (fail closed).
  return actor.role ?? 'PARTNER';
}

export type MetricPolicy = { sharedWithPartners: boolean; confidential: boolean };

type Catalogue = { id: number; key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST'; sharedByDefault: boolean; confidentialByDefault: boolean }[];

type MetricRules = {
  catalogue: Catalogue;
  /** `${partnershipId}:${metricId}` -> the partnership's own policy */
  policies: Record<string, MetricPolicy>;
  /** may this audience see confidential figures */
  confidentialAllowed: boolean;
};

/**
 * The catalogue, every per-partnership policy (a small table: partnerships x metrics) and the
 * audience's confidential access, kept while the content version is unchanged: both policy tables
 * and `metrics` bump it (migration 20261203042147_partner_workspace), so a change is seen at once.
 */
const loadRules = keptWhile('content', 16, async (audience: MetricAudience): Promise<MetricRules> => {
  const [catalogue, policies, confidentialOk] = await Promise.all([
    db.metric.findMany({
      orderBy: [{ sortOrder: 'asc' }, { key: 'asc' }],
      select: { id: true, key: true, name: true, unit: true, aggregation: true, sharedByDefault: true, confidentialByDefault: true },
    }),
    db.partnershipMetricPolicy.findMany({ select: { partnershipId: true, metricId: true, sharedWithPartners: true, confidential: true } }),
    confidentialAllowed(audience), // the one role rule, shared with confidential fields (./confidential.ts)
  ]);
  return {
    catalogue,
    policies: Object.fromEntries(policies.map((p) => [`${p.partnershipId}:${p.metricId}`, { sharedWithPartners: p.sharedWithPartners, confidential: p.confidential }])),
    confidentialAllowed: confidentialOk,
  };
});

function policyOf(rules: MetricRules, partnershipId: string, metric: Catalogue[number]): MetricPolicy {
  return rules.policies[`${partnershipId}:${metric.id}`] ?? { sharedWithPartners: metric.sharedByDefault, confidential: metric.confidentialByDefault };
}

function mayRead(audience: MetricAudience, rules: MetricRules, policy: MetricPolicy): boolean {
  if (audience === 'all') return true;
  if (audience === 'PARTNER') return policy.sharedWithPartners && !policy.confidential;
  return !policy.confidential || rules.confidentialAllowed;
}

export type VisibleMetric = { id: number; key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST'; confidential: boolean };

/** The metrics this audience may see of one partnership, in catalogue order, with their confidential mark. */
export async function visibleMetrics(audience: MetricAudience, partnershipId: string): Promise<VisibleMetric[]> {
  const rules = await loadRules(audience);
  return rules.catalogue
    .map((m) => ({ m, policy: policyOf(rules, partnershipId, m) }))
    .filter(({ policy }) => mayRead(audience, rules, policy))
    .map(({ m, policy }) => ({ id: m.id, key: m.key, name: m.name, unit: m.unit, aggregation: m.aggregation, confidential: policy.confidential }));
}

export async function visibleMetricIds(audience: MetricAudience, partnershipId: string): Promise<number[]> {
  return (await visibleMetrics(audience, partnershipId)).map((m) => m.id);
}

/** The batch form (the portfolio): may this audience see `metricKey` of a partnership. */
export async function metricVisibility(audience: MetricAudience): Promise<(partnershipId: string, metricKey: string) => boolean> {
  const rules = await loadRules(audience);
  return (partnershipId, metricKey) => {
    const metric = rules.catalogue.find((m) => m.key === metricKey);
    return !!metric && mayRead(audience, rules, policyOf(rules, partnershipId, metric));
  };
}
