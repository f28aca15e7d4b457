/**
 * Partnership health, computed from rules (never typed in), with the reasons that drove it.
 * At risk: a rejected checkpoint, a milestone more than 14 days late, a live or pilot region whose
 *          gating approval lapsed (rejected or expired after launch), or activation below 80 % of target over the last 30 days.
 * Watch:   any overdue milestone, blocked milestone, overdue regulatory decision, evidence expiring
 *          within 30 days, or activation between 80 % and 95 % of target.
 * On track: none of these.
 */
export type HealthLevel = 'on-track' | 'watch' | 'at-risk';
export type Health = { level: HealthLevel; reasons: string[] };

export type HealthFacts = {
  rejectedCheckpoints: string[];
  overdueMilestones: { name: string; daysLate: number }[];
  blockedMilestones: string[];
  overdueDecisions: string[];
  expiringEvidence: string[];
  lapsedLiveRegions: string[];
  /** Actual / target over the last 30 days, or null when there is no target. */
  activationRatio30d: number | null;
};

export const SEVERE_DELAY_DAYS = 14;

export function computeHealth(f: HealthFacts): Health {
  const risk: string[] = [];
  const watch: string[] = [];
  for (const c of f.rejectedCheckpoints) risk.push(`${c} rejected`);
  for (const r of f.lapsedLiveRegions) risk.push(`${r} is live but a gating approval lapsed`);
  for (const m of f.overdueMilestones) {
    (m.daysLate > SEVERE_DELAY_DAYS ? risk : watch).push(`${m.name} ${m.daysLate} day${m.daysLate === 1 ? '' : 's'} late`);
  }
  for (const m of f.blockedMilestones) watch.push(`${m} blocked`);
  for (const c of f.overdueDecisions) watch.push(`${c}: decision overdue`);
  for (const c of f.expiringEvidence) watch.push(`${c}: evidence expiring`);
  if (f.activationRatio30d !== null) {
    const pct = Math.round(f.activationRatio30d * 100);
    if (f.activationRatio30d < 0.8) risk.push(`Activation at ${pct}% of target (30 days)`);
    else if (f.activationRatio30d < 0.95) watch.push(`Activation at ${pct}% of target (30 days)`);
  }
  if (risk.length) return { level: 'at-risk', reasons: [...risk, ...watch] };
  if (watch.length) return { level: 'watch', reasons: watch };
  const activation = f.activationRatio30d !== null ? ', activation on target' : '';
  return { level: 'on-track', reasons: [`Nothing overdue, blocked or rejected${activation}`] };
}

export const HEALTH_LABELS: Record<HealthLevel, string> = { 'on-track': 'On track', watch: 'Watch', 'at-risk': 'At risk' };
export const HEALTH_ORDER: HealthLevel[] = ['at-risk', 'watch', 'on-track'];
