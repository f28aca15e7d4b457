import 'server-only';
import { todayIn } from '@/lib/dates';
import type { Dashboard } from '@/lib/dashboard';
import { computeHealth } from '@/lib/rules/health';
import type { DashboardParams } from '@/lib/schemas/dashboard';
import { loadActivationBasis } from './activation';
import { buildActivationChart } from './chart';
import { loadPartnershipGraph } from './graph';
import { computeKpis } from './kpis';
import { checkpointCards, healthFacts, milestoneRows, rolloutRows } from './lists';
import { stageHistoryRows, stageStatus } from './stages';

/** The partnership dashboard, fully computed on the server; null for an unknown slug. */
export async function findDashboard(slug: string, params: DashboardParams, today = todayIn('UTC')): Promise<Dashboard | null> {
  const p = await loadPartnershipGraph(slug);
  if (!p) return null;
  const rollouts = rolloutRows(p, today);
  const checkpoints = checkpointCards(p, today);
  const basis = loadActivationBasis(p.id); // shared by the KPIs and the chart: read once
  const [{ ratio30d, ...kpis }, chart, milestones] = await Promise.all([
    computeKpis(p, today, basis),
    buildActivationChart(p, params, basis),
    milestoneRows(p, today),
  ]);
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    stage: p.stage,
    stageStatus: stageStatus(p, today),
    stageHistory: stageHistoryRows(p, today),
    summary: p.summary,
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
