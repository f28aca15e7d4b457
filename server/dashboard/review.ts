import 'server-only';
import { addDays, dateToDay, type IsoDay } from '@/lib/dates';
import type { ChangeItem, SinceLastReview } from '@/lib/dashboard';
import { describeChange } from '@/lib/rules/changes';
import { db } from '@/server/db';
import { sumWithTarget } from '@/server/metrics/aggregate';
import { ACTIVATION_METRIC } from './activation';

// Reloads within this gap belong to the same review, so the baseline does not jump forward.
const SAME_REVIEW_MS = 30 * 60 * 1000;
export const DEFAULT_LOOKBACK_DAYS = 14;

/**
 * Records this visit and returns the baseline to compare against: the start of the previous
 * review (a visit separated from this one by at least 30 minutes), or null on a first visit.
 */
export async function recordVisit(userId: string, partnershipId: string, now = new Date()): Promise<Date | null> {
  const key = { userId_partnershipId: { userId, partnershipId } };
  let visit = await db.dashboardVisit.findUnique({ where: key });
  if (!visit) {
    // Two tabs (or a prefetch and a click) may open a dashboard for the first time at once: insert
    // only if absent (ON CONFLICT DO NOTHING), where a plain create failed the loser with HTTP 500.
    const inserted = await db.dashboardVisit.createMany({ data: [{ userId, partnershipId, lastVisitedAt: now }], skipDuplicates: true });
    if (inserted.count === 1) return null;
    visit = await db.dashboardVisit.findUnique({ where: key });
    if (!visit) return null;
  }
  const newReview = now.getTime() - visit.lastVisitedAt.getTime() >= SAME_REVIEW_MS;
  const previous = newReview ? visit.lastVisitedAt : visit.previousVisitAt;
  await db.dashboardVisit.update({
    where: key,
    data: { lastVisitedAt: now, previousVisitAt: previous },
  });
  return previous;
}


async function labelsFor(events: { entityType: string; entityId: string }[]) {
  const ids = (type: string) => events.filter((e) => e.entityType === type).map((e) => e.entityId);
  const [milestones, checkpoints, rollouts] = await Promise.all([
    db.milestone.findMany({ where: { id: { in: ids('Milestone') } }, select: { id: true, title: true } }),
    db.regulatoryCheckpoint.findMany({ where: { id: { in: ids('RegulatoryCheckpoint') } }, select: { id: true, regulator: true } }),
    db.rollout.findMany({ where: { id: { in: ids('Rollout') } }, select: { id: true, region: { select: { name: true } } } }),
  ]);
  return new Map<string, string>([
    ...milestones.map((m) => [m.id, m.title] as const),
    ...checkpoints.map((c) => [c.id, c.regulator] as const),
    ...rollouts.map((r) => [r.id, `${r.region.name} rollout`] as const),
  ]);
}

/** What changed on a partnership since `since`: audit events in words, and activation vs target. */
export async function findChangesSince(
  partnershipId: string,
  since: Date,
  source: SinceLastReview['sinceSource'],
  asOf: IsoDay | null,
): Promise<SinceLastReview> {
  const events = await db.auditEvent.findMany({
    where: { partnershipId, occurredAt: { gt: since } },
    orderBy: { occurredAt: 'desc' },
    take: 100,
  });
  const labels = await labelsFor(events);
  const items: ChangeItem[] = events.flatMap((e) =>
    describeChange({
      entityType: e.entityType,
      action: e.action,
      label: labels.get(e.entityId) ?? null,
      before: e.before as Record<string, unknown> | null,
      after: e.after as Record<string, unknown> | null,
      context: e.context as Record<string, unknown> | null,
    }).map((d) => ({ at: e.occurredAt.toISOString(), actor: e.actorLabel, ...d })),
  );
  const sinceDay = dateToDay(since);
  const activation = asOf && sinceDay <= asOf ? await sumWithTarget(partnershipId, ACTIVATION_METRIC, addDays(sinceDay, 1), asOf) : null;
  return { since: since.toISOString(), sinceSource: source, items, activation };
}
