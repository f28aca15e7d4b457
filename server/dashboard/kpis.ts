import 'server-only';
import { addDays, dateToDay, type IsoDay } from '@/lib/dates';
import type { Kpis } from '@/lib/dashboard';
import { isPending } from '@/lib/rules/checkpoints';
import { activationSum, type ActivationBasis } from './activation';
import type { PartnershipGraph } from './graph';

/** Headline figures. Activation counts are as of the last day with data (shown on the page). */
export async function computeKpis(
  p: PartnershipGraph,
  today: IsoDay,
  basis: ActivationBasis | Promise<ActivationBasis>,
): Promise<Kpis & { ratio30d: number | null }> {
  const resolved = await basis;
  const { span, toDate, shown, targetShown } = resolved;
  const asOf = span?.last ?? null;
  // Without the targets (confidential to this reader) every target is null: no % of target, no health ratio.
  const sum = (from: IsoDay, to: IsoDay) => activationSum(resolved, p.id, from, to);
  const [last7, previous7, last30] = asOf
    ? await Promise.all([sum(addDays(asOf, -6), asOf), sum(addDays(asOf, -13), addDays(asOf, -7)), sum(addDays(asOf, -29), asOf)])
    : [null, null, null];
  return {
    activationShown: shown,
    targetShown,
    asOf,
    cardsToDate: toDate?.actual ?? 0,
    last7: last7?.actual ?? 0,
    previous7: previous7?.actual ?? 0,
    pctOfTarget: toDate?.target ? toDate.actual / toDate.target : null,
    ratio30d: last30?.target ? last30.actual / last30.target : null,
    regionsLive: p.rollouts.filter((r) => r.status === 'LIVE').length,
    regionsTotal: p.rollouts.length,
    approvalsPending: p.checkpoints.filter((c) => isPending(c.status)).length,
    milestonesOverdue: p.milestones.filter((m) => m.status !== 'DONE' && m.dueOn && dateToDay(m.dueOn) < today).length,
  };
}
