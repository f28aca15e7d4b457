import 'server-only';
import { addDays, dateToDay, daysBetween, todayIn, type IsoDay } from '@/lib/dates';
import type { MilestoneStatus, PartnershipStage, RolloutStatus } from '@/lib/domain';
import { computeHealth, type Health } from '@/lib/rules/health';
import { stageAge } from '@/lib/rules/stages';
import { fieldAccessFor } from '@/server/access/fields';
import { ACTIVATION_METRIC } from '@/server/dashboard/activation';
import { loadPartnershipGraphs } from '@/server/dashboard/graph';
import { checkpointCards, healthFacts, rolloutRows } from '@/server/dashboard/lists';
import { metricVisibility, type MetricAudience } from '@/server/access/metrics';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';

export type ActivationWindow = { actual: number; target: number | null };
export type PortfolioItem = {
  slug: string;
  name: string;
  stage: PartnershipStage;
  /** For the stage forms on the board: the version a move is made against, and what it needs. */
  version: number;
  signed: boolean;
  /** The stage a deal on hold left (it may resume up to there); null otherwise or when unknown. */
  previousOpenStage: PartnershipStage | null;
  /** Days in the current stage and whether that passes the stage's threshold (lib/rules/stages.ts). */
  stageAge: { days: number; limit: number | null; overdue: boolean };
  closedOn: IsoDay | null;
  owner: string;
  isDemoData: boolean;
  parties: { name: string; role: string }[];
  health: Health;
  nextMilestone: { title: string; dueOn: IsoDay | null; status: MilestoneStatus } | null;
  overdueMilestones: number;
  staleCheckpoints: number;
  blockers: string[];
  regions: { code: string; name: string; status: RolloutStatus }[];
  regionsLive: number;
  activation: { asOf: IsoDay; last7: ActivationWindow; last30: ActivationWindow; daily: number[] } | null;
};

// Live regions first: that is what an executive scans for.
const ROLLOUT_ORDER: RolloutStatus[] = ['LIVE', 'PILOT', 'PAUSED', 'PLANNED', 'WITHDRAWN'];

/** Daily activation and target for the 30 days up to each partnership's last day with data. */
async function activationWindows(): Promise<Map<string, { asOf: IsoDay; days: { day: IsoDay; actual: number; target: number | null }[] }>> {
  const rows = await db.$queryRaw<{ pid: string; last: string; day: string; actual: number | null; target: number | null }[]>`
    WITH m AS (SELECT id FROM metrics WHERE key = ${ACTIVATION_METRIC}),
    last AS (
      SELECT "partnershipId" AS pid, MAX(day) AS d FROM metric_values WHERE "metricId" = (SELECT id FROM m) GROUP BY 1
    ),
    actual AS (
      SELECT v."partnershipId" AS pid, v.day, SUM(v.value)::float8 AS value FROM metric_values v JOIN last l ON l.pid = v."partnershipId"
      WHERE v."metricId" = (SELECT id FROM m) AND v.day > l.d - 30 AND v.day <= l.d GROUP BY 1, 2
    ),
    target AS (
      SELECT t."partnershipId" AS pid, t.day, SUM(t.value)::float8 AS value FROM metric_targets t JOIN last l ON l.pid = t."partnershipId"
      WHERE t."metricId" = (SELECT id FROM m) AND t.day > l.d - 30 AND t.day <= l.d GROUP BY 1, 2
    )
    SELECT l.pid, l.d::text AS last, a.day::text AS day, a.value AS actual, t.value AS target
    FROM last l JOIN actual a ON a.pid = l.pid LEFT JOIN target t ON t.pid = a.pid AND t.day = a.day
    ORDER BY l.pid, a.day`;
  const out = new Map<string, { asOf: IsoDay; days: { day: IsoDay; actual: number; target: number | null }[] }>();
  for (const r of rows) {
    const entry = out.get(r.pid) ?? out.set(r.pid, { asOf: r.last, days: [] }).get(r.pid)!;
    entry.days.push({ day: r.day, actual: r.actual ?? 0, target: r.target });
  }
  return out;
}

function window(days: { day: IsoDay; actual: number; target: number | null }[], from: IsoDay): ActivationWindow {
  const inside = days.filter((d) => d.day >= from);
  const hasTarget = inside.some((d) => d.target !== null);
  return {
    actual: inside.reduce((s, d) => s + d.actual, 0),
    target: hasTarget ? inside.reduce((s, d) => s + (d.target ?? 0), 0) : null,
  };
}

export type PortfolioOptions = {
  /** Ended partnerships are archived: left out unless asked for (issue 12, item 8). */
  includeEnded?: boolean;
  /**
   * Who reads (metricAudience(actor)): where cards added is hidden from them (confidential for the
   * partnership, issue 17), the row has no activation figures, sparkline or activation health reason.
   */
  audience: MetricAudience;
};

/**
 * Every partnership's row of the portfolio on `today`, kept while the content version is unchanged
 * (a change anywhere in the deal data, or in who may see which metric, computes it again;
 * server/cache/versioned.ts).
 */
export const findPortfolioOverview: (today: IsoDay | undefined, options: PortfolioOptions) => Promise<PortfolioItem[]> = keptWhile(
  'content',
  8,
  (today: IsoDay = todayIn('UTC'), options: PortfolioOptions) => computePortfolioOverview(today, options),
  (today = todayIn('UTC'), options) => [today, !!options.includeEnded, options.audience],
);

async function computePortfolioOverview(today: IsoDay, { includeEnded = false, audience }: PortfolioOptions): Promise<PortfolioItem[]> {
  const [graphs, allWindows, mayRead, fieldsOf] = await Promise.all([
    loadPartnershipGraphs(includeEnded ? {} : { stage: { not: 'ENDED' } }), activationWindows(), metricVisibility(audience), fieldAccessFor(audience),
  ]);
  const windows = new Map([...allWindows].filter(([pid]) => mayRead(pid, ACTIVATION_METRIC)));
  const items = await Promise.all(
    graphs.map(async (p) => {
      const { id, version, stageChangedAt, signedOn, closedOn } = p;
      // The move that put a deal on hold: the stage it left bounds where it may resume.
      const held = p.stageChanges.find((c) => c.toStage === 'ON_HOLD');
      const rollouts = rolloutRows(p, today);
      const checkpoints = checkpointCards(p, today);
      const w = windows.get(id);
      // Activation targets confidential to this reader (issue 17, item 5): no target, no ratio in the health.
      const targetShown = !fieldsOf(id).hidden.includes('targets');
      const withoutTarget = (x: ActivationWindow): ActivationWindow => (targetShown ? x : { actual: x.actual, target: null });
      const last7 = w ? withoutTarget(window(w.days, addDays(w.asOf, -6))) : null;
      const last30 = w ? withoutTarget(window(w.days, addDays(w.asOf, -29))) : null;
      const ratio30 = last30?.target ? last30.actual / last30.target : null;
      const open = p.milestones
        .filter((m) => m.status !== 'DONE')
        .sort((a, b) => (a.dueOn?.getTime() ?? Infinity) - (b.dueOn?.getTime() ?? Infinity));
      const gating = new Set(p.rollouts.flatMap((r) => r.gateCheckpoints.map((g) => g.checkpoint.id)));
      const regions = p.rollouts
        .map((r) => ({ code: r.region.code, name: r.region.name, status: r.status }))
        .sort((a, b) => ROLLOUT_ORDER.indexOf(a.status) - ROLLOUT_ORDER.indexOf(b.status) || a.code.localeCompare(b.code));
      const next = open[0];
      return {
        slug: p.slug,
        name: p.name,
        stage: p.stage,
        version,
        signed: signedOn !== null,
        previousOpenStage: p.stage === 'ON_HOLD' ? (held?.fromStage ?? null) : null,
        stageAge: stageAge(p.stage, dateToDay(stageChangedAt), today),
        closedOn: closedOn ? dateToDay(closedOn) : null,
        owner: p.owner.name,
        isDemoData: p.isDemoData,
        parties: p.parties.map((x) => ({ name: x.organization.name, role: x.role })),
        health: computeHealth(healthFacts(p, { rollouts, checkpoints }, today, ratio30)),
        nextMilestone: next ? { title: next.title, status: next.status, dueOn: next.dueOn ? dateToDay(next.dueOn) : null } : null,
        overdueMilestones: open.filter((m) => m.dueOn && daysBetween(dateToDay(m.dueOn), today) > 0).length,
        staleCheckpoints: checkpoints.filter((c) => c.staleDays !== null).length,
        blockers: checkpoints.filter((c) => gating.has(c.id) && c.status !== 'APPROVED' && c.status !== 'APPROVED_WITH_CONDITIONS').map((c) => c.regulator),
        regions,
        regionsLive: regions.filter((r) => r.status === 'LIVE').length,
        activation: w && last7 && last30 ? { asOf: w.asOf, last7, last30, daily: w.days.map((d) => d.actual) } : null,
      } satisfies PortfolioItem;
    }),
  );
  return items;
}
