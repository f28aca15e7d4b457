import 'server-only';
import { addDays, dateToDay, todayIn, type IsoDay } from '@/lib/dates';
import type { ChangeItem, SinceLastReview } from '@/lib/dashboard';
import { describeChange } from '@/lib/rules/changes';
import { afterVisit, reviewBaseline } from '@/lib/rules/review-sittings';
import { milestoneSlipDays } from '@/lib/rules/slips';
import { actorNames, findNamesOf, referencedIds } from '@/server/audit/present';
import { keptWhile } from '@/server/cache/versioned';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { readRows } from '@/server/db/read-rows';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { redactAuditRow } from '@/server/audit/redact';
import { activationSum } from './activation';
import { originalDueDates } from './lists';

export const DEFAULT_LOOKBACK_DAYS = 14;

/**
 * The baseline of "since your last review" for a visit at `now`, READ ONLY: the start of the
 * previous sitting (lib/rules/review-sittings.ts), or null before any earlier sitting. The page
 * render calls this and writes nothing (issue 14, goal 3); the visit itself is recorded after the
 * page has loaded, by recordReviewVisit (a server action called from the browser).
 */
export async function findReviewBaseline(userId: string, partnershipId: string, now = new Date()): Promise<Date | null> {
  return (await findDashboardReader(userId, partnershipId, now)).baseline;
}

/**
 * What the dashboard shows that is the reader's own, in one round trip: the review baseline (as
 * findReviewBaseline) and whether they watch the deal (as server/watches isWatching). Two reads by
 * primary key; as two ORM queries they were ~1.5 ms of the app's CPU per view, as one ~0.4
 * (issue 14, goal 1: the dashboard's own work against the signed-in floor's).
 */
export async function findDashboardReader(userId: string, partnershipId: string, now = new Date()): Promise<{ baseline: Date | null; watching: boolean }> {
  const [row] = await readRows<{ sittingStartedAt: Date | null; previousSittingStartedAt: Date | null; watching: boolean }>(Prisma.sql`
    SELECT v."sittingStartedAt", v."previousSittingStartedAt",
      EXISTS (SELECT 1 FROM watches w WHERE w."userId" = ${userId} AND w."subjectType" = 'PARTNERSHIP' AND w."subjectId" = ${partnershipId}) AS watching
    FROM (SELECT 1) AS one
      LEFT JOIN dashboard_visits v ON v."userId" = ${userId} AND v."partnershipId" = ${partnershipId}`);
  const visit = row?.sittingStartedAt ? { sittingStartedAt: row.sittingStartedAt, previousSittingStartedAt: row.previousSittingStartedAt } : null;
  return { baseline: reviewBaseline(visit, now), watching: row?.watching === true };
}

/**
 * Records a visit: starts a new sitting when the current one is over, else changes nothing but
 * the last-visit time. Idempotent within a sitting, so a reload or two tabs do not move the baseline.
 */
export async function recordReviewVisit(userId: string, partnershipId: string, now = new Date()): Promise<void> {
  const key = { userId_partnershipId: { userId, partnershipId } };
  const current = await db.dashboardVisit.findUnique({ where: key, select: { sittingStartedAt: true, previousSittingStartedAt: true } });
  if (!current) {
    // Two tabs may record a first visit at once: insert only if absent (ON CONFLICT DO NOTHING).
    const inserted = await db.dashboardVisit.createMany({ data: [{ userId, partnershipId, lastVisitedAt: now, ...afterVisit(null, now) }], skipDuplicates: true });
    if (inserted.count === 1) return;
  }
  const next = afterVisit(current, now);
  if (next === current) {
    await db.dashboardVisit.update({ where: key, data: { lastVisitedAt: now } });
    return;
  }
  // Only the request that still sees the old sitting moves it on (two tabs: one new sitting, not two).
  await db.dashboardVisit.updateMany({
    where: { userId, partnershipId, sittingStartedAt: current?.sittingStartedAt ?? now },
    data: { lastVisitedAt: now, ...next },
  });
}

export async function labelsFor(events: { entityType: string; entityId: string }[], today: IsoDay) {
  const ids = (type: string) => events.filter((e) => e.entityType === type).map((e) => e.entityId);
  const [milestones, checkpoints, rollouts] = await Promise.all([
    db.milestone.findMany({ where: { id: { in: ids('Milestone') } }, select: { id: true, title: true, dueOn: true, completedAt: true, status: true } }),
    db.regulatoryCheckpoint.findMany({ where: { id: { in: ids('RegulatoryCheckpoint') } }, select: { id: true, regulator: true } }),
    db.rollout.findMany({ where: { id: { in: ids('Rollout') } }, select: { id: true, region: { select: { name: true } } } }),
  ]);
  const originals = await originalDueDates(milestones.map((m) => m.id));
  // The slip of each milestone by the one rule the timeline uses (lib/rules/slips.ts).
  const slips = new Map(milestones.map((m) => [m.id, milestoneSlipDays({
    originalDueOn: originals.get(m.id) ?? null, dueOn: m.dueOn ? dateToDay(m.dueOn) : null,
    completedOn: m.completedAt ? dateToDay(m.completedAt) : null, done: m.status === 'DONE',
  }, today)]));
  const labels = new Map<string, string>([
    ...milestones.map((m) => [m.id, m.title] as const),
    ...checkpoints.map((c) => [c.id, c.regulator] as const),
    ...rollouts.map((r) => [r.id, `${r.region.name} rollout`] as const),
  ]);
  return { labels, slips };
}

// Data moved in or out, not a change to the deal: summarised in one line apart from the changes.
const DATA_MOVEMENTS: Record<string, [string, string]> = {
  'metrics.exported': ['export', 'exports'],
  'metrics.imported': ['import', 'imports'],
  'targets.imported': ['targets import', 'targets imports'],
};

function summariseMovements(events: { action: string; actor: string }[]): string | null {
  if (!events.length) return null;
  const counts = Object.entries(DATA_MOVEMENTS)
    .map(([action, [one, many]]) => [events.filter((e) => e.action === action).length, one, many] as const)
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  return `${counts.join(', ')} by ${[...new Set(events.map((e) => e.actor))].join(', ')}`;
}

/**
 * Notes in the review list: one line per note, with its text as it reads now (an edit shows the new
 * words on the note's line; a note deleted since is left out, its text gone from every page).
 */
async function currentNoteTexts(events: { id: bigint; entityType: string; entityId: string; action: string; after: unknown }[]) {
  const noteEvents = events.filter((e) => e.entityType === 'Note');
  const rows = noteEvents.length
    ? await db.note.findMany({ where: { id: { in: [...new Set(noteEvents.map((e) => e.entityId))] } }, select: { id: true, body: true, deletedAt: true } })
    : [];
  const current = new Map(rows.map((r) => [r.id, r]));
  // Events are newest first: the first seen for a note is the one line it gets.
  const shown = new Set<bigint>();
  const seen = new Set<string>();
  for (const e of noteEvents) {
    if (seen.has(e.entityId)) continue;
    seen.add(e.entityId);
    const note = current.get(e.entityId);
    if (e.action === 'note.deleted' || (note && !note.deletedAt)) shown.add(e.id);
  }
  return {
    keep: (e: { id: bigint; entityType: string }) => e.entityType !== 'Note' || shown.has(e.id),
    after: (e: { entityType: string; entityId: string; after: unknown }) =>
      (e.entityType === 'Note' && current.get(e.entityId) ? { body: current.get(e.entityId)!.body } : e.after) as Record<string, unknown> | null,
  };
}

/**
 * What changed on a partnership since `since`: real changes in words, data movements in one line,
 * activation vs target. Kept while the content version is unchanged (server/cache/versioned.ts);
 * a person's baseline stays put for a sitting, so their reloads are kept answers.
 */
export const findChangesSince: (
  partnershipId: string,
  since: Date,
  source: SinceLastReview['sinceSource'],
  asOf: IsoDay | null,
  today?: IsoDay,
  hidden?: readonly ConfidentialField[],
) => Promise<SinceLastReview> = keptWhile(
  'content',
  256,
  (partnershipId: string, since: Date, source: SinceLastReview['sinceSource'], asOf: IsoDay | null, today: IsoDay = todayIn('UTC'), hidden: readonly ConfidentialField[] = []) =>
    computeChangesSince(partnershipId, since, source, asOf, today, hidden),
  // `hidden` (the dashboard's hiddenFields) is in the key: a reader the targets or target dates are
  // confidential to never gets the answer computed for one who sees them, nor the other way round.
  (partnershipId, since, source, asOf, today = todayIn('UTC'), hidden = []) => [partnershipId, since.toISOString(), source, asOf, today, [...hidden].sort()],
);

/** The most audit events a review reads: a busy month is summed up by its latest changes, the rest is in the activity feed. */
export const REVIEW_READ_CAP = 200;

async function computeChangesSince(
  partnershipId: string,
  since: Date,
  source: SinceLastReview['sinceSource'],
  asOf: IsoDay | null,
  today: IsoDay,
  hidden: readonly ConfidentialField[],
): Promise<SinceLastReview> {
  const read = await db.auditEvent.findMany({
    where: { partnershipId, occurredAt: { gt: since } },
    orderBy: { occurredAt: 'desc' },
    take: REVIEW_READ_CAP + 1,
  });
  const more = read.length > REVIEW_READ_CAP;
  const events = read.slice(0, REVIEW_READ_CAP).map((e) => redactAuditRow(e, { hidden })); // confidential values: issue 17, item 5 (server/audit/redact.ts)
  const [{ labels, slips }, names] = await Promise.all([
    labelsFor(events, today),
    findNamesOf([...new Set([...referencedIds(events), ...events.map((e) => e.actorId).filter((x): x is string => !!x)])]),
  ]);
  const movements = events.filter((e) => e.action in DATA_MOVEMENTS);
  const notes = await currentNoteTexts(events);
  const items: ChangeItem[] = events.filter((e) => !(e.action in DATA_MOVEMENTS) && notes.keep(e)).flatMap((e) =>
    describeChange({
      entityType: e.entityType,
      action: e.action,
      label: labels.get(e.entityId) ?? null,
      before: e.before as Record<string, unknown> | null,
      after: notes.after(e),
      context: e.context as Record<string, unknown> | null,
      names,
      slipDays: e.entityType === 'Milestone' ? (slips.get(e.entityId) ?? null) : undefined,
      confidential: e.confidential,
    }).map((d) => ({ at: e.occurredAt.toISOString(), actor: actorNames(e, names), ...d })),
  );
  const sinceDay = dateToDay(since);
  const activation = asOf && sinceDay <= asOf ? await activationSum({ targetShown: !hidden.includes('targets') }, partnershipId, addDays(sinceDay, 1), asOf) : null;
  return {
    since: since.toISOString(), sinceSource: source, items, more,
    dataMovements: summariseMovements(movements.map((e) => ({ action: e.action, actor: actorNames(e, names) }))),
    activation,
  };
}
