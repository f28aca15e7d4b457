import 'server-only';
import { todayIn, type IsoDay } from '@/lib/dates';
import type { Dashboard } from '@/lib/dashboard';
import { computeHealth } from '@/lib/rules/health';
import type { DashboardParams } from '@/lib/schemas/dashboard';
import { fieldAccess } from '@/server/access/fields';
import type { MetricAudience } from '@/server/access/metrics';
import { keptWhile } from '@/server/cache/versioned';
import { loadActivationBasis } from './activation';
import { buildActivationChart } from './chart';
import { loadPartnershipGraph } from './graph';
import { computeKpis } from './kpis';
import { checkpointCards, healthFacts, milestoneRows, rolloutRows } from './lists';
import { stageHistoryRows, stageStatus } from './stages';

/**
 * The partnership dashboard, fully computed on the server; null for an unknown slug. Kept while the
 * content version is unchanged (server/cache/versioned.ts): a repeated view costs one version read.
 * About 100-300 kB each: 64 kept (slug x range x day x audience). `audience` (metricAudience(actor)):
 * the activation figures follow which metrics the reader may see (server/access/metrics.ts), the
 * summary and targets which fields (server/access/fields.ts); the policies and the role access
 * that decide both bump the content version, so the audience in the key is enough.
 */
export const findDashboard: (slug: string, params: DashboardParams, today: IsoDay | undefined, audience: MetricAudience) => Promise<Dashboard | null> = keptWhile(
  'content',
  64,
  (slug: string, params: DashboardParams, today: IsoDay = todayIn('UTC'), audience: MetricAudience) => computeDashboard(slug, params, today, audience),
  (slug, params, today = todayIn('UTC'), audience) => [slug, params.range ?? null, params.from ?? null, params.to ?? null, today, audience],
);

async function computeDashboard(slug: string, params: DashboardParams, today: IsoDay, audience: MetricAudience): Promise<Dashboard | null> {
  const p = await loadPartnershipGraph(slug);
  if (!p) return null;
  const rollouts = rolloutRows(p, today);
  const checkpoints = checkpointCards(p, today);
  const basis = loadActivationBasis(p.id, audience); // shared by the KPIs and the chart: read once
  const [{ ratio30d, ...kpis }, chart, milestones, fields] = await Promise.all([
    computeKpis(p, today, basis),
    buildActivationChart(p, params, basis),
    milestoneRows(p, today),
    fieldAccess(audience, p.id),
  ]);
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    stage: p.stage,
    stageStatus: stageStatus(p, today),
    stageHistory: stageHistoryRows(p, today),
    // Confidential fields (issue 17, item 5): a hidden summary is not in the page's data at all.
    summary: fields.hidden.includes('summary') ? null : p.summary,
    hiddenFields: fields.hidden,
    owner: p.owner.name,
    isDemoData: p.isDemoData,
    parties: p.parties.map((x) => ({ name: x.organization.name, role: x.role })),
    today,
    health: computeHealth(healthFacts(p, { rollouts, checkpoints }, today, ratio30d)),
    kpis,
    chart,
    rollouts,
    checkpoints,
    milestones,
  };
}
