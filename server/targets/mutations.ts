import 'server-only';
import { parseMonthlyFigure } from '@/lib/rules/targets';
import type { SaveTargetsInput } from '@/lib/schemas/targets';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { ConflictError, ValidationError } from '@/server/errors';
import { loadTargetContext } from './context';
import { lockTargets, monthCellKey, readMonthSums, replaceMonths, type MonthCell } from './write';

export type SavedTarget = { region: string; metric: string; month: string; value: string | null };
export type SaveTargetsResult = { partnershipSlug: string; changed: number; unchanged: number; targets: SavedTarget[] };

const scaledOf = (text: string | null) => (text === null ? null : (parseMonthlyFigure(text) as { scaled: bigint }).scaled);
const label = (c: { region: string; metric: string; month: string }) => `${c.region} ${c.metric} ${c.month}`;

/**
 * Sets monthly targets of one partnership: each changed month's day rows are replaced by the exact
 * spread of its figure (a cleared month loses its rows). A cell sent with `expected` (the figure the
 * editor saw) is refused with 409, naming the cell, when the stored figure differs: nothing is saved.
 * One audit row holds every changed month's figure before and after.
 */
export async function saveTargets(actor: Actor, input: SaveTargetsInput): Promise<SaveTargetsResult> {
  authorize(actor, 'targets.update');
  const ctx = await loadTargetContext(actor, input.partnershipSlug);
  const { partnership } = ctx;
  const onDeal = new Set(ctx.partnershipRegions.map((r) => r.code));

  const fieldErrors: Record<string, string[]> = {};
  const cells = input.targets.map((t, i) => {
    const region = ctx.regions.get(t.region);
    const metric = ctx.metrics.get(t.metric);
    if (!region) fieldErrors[`targets.${i}.region`] = [`Unknown region "${t.region}".`];
    else if (!onDeal.has(region.code)) fieldErrors[`targets.${i}.region`] = [`Region ${region.code} is not part of ${partnership.name}; add the region first.`];
    if (!metric) fieldErrors[`targets.${i}.metric`] = [`Unknown metric "${t.metric}". Known: ${[...ctx.metrics.keys()].join(', ')}.`];
    return { ...t, regionId: region?.id ?? 0, metricId: metric?.id ?? 0 };
  });
  if (Object.keys(fieldErrors).length) {
    const first = Object.values(fieldErrors)[0]![0]!;
    throw new ValidationError(`Nothing was saved: ${first}`, fieldErrors);
  }

  return db.$transaction(async (tx) => {
    await lockTargets(tx, partnership.id);
    const current = await readMonthSums(tx, partnership.id, cells);
    const stale = cells.filter((c) => c.expected !== undefined && scaledOf(c.expected) !== scaledOf(current.get(monthCellKey(c)) ?? null));
    if (stale.length) {
      const c = stale[0]!;
      const now = current.get(monthCellKey(c)) ?? 'empty';
      throw new ConflictError(
        `The target for ${label(c)} was changed by someone else since you loaded it (you saw ${c.expected ?? 'empty'}, it is now ${now})` +
          `${stale.length > 1 ? `, and ${stale.length - 1} more` : ''}. Nothing was saved; review the current figures and try again.`,
        { targets: stale.map((s) => ({ region: s.region, metric: s.metric, month: s.month, value: current.get(monthCellKey(s)) ?? null })) },
      );
    }
    const changes = cells.filter((c) => scaledOf(c.value) !== scaledOf(current.get(monthCellKey(c)) ?? null));
    const result: SaveTargetsResult = {
      partnershipSlug: partnership.slug,
      changed: changes.length,
      unchanged: cells.length - changes.length,
      targets: cells.map((c) => ({ region: c.region, metric: c.metric, month: c.month, value: c.value })),
    };
    if (!changes.length) return result;
    await replaceMonths(tx, partnership.id, changes.map((c): MonthCell => ({ regionId: c.regionId, metricId: c.metricId, month: c.month, scaled: scaledOf(c.value) })));
    await recordAudit(tx, actor, {
      entityType: 'Partnership', entityId: partnership.id, action: 'targets.updated', partnershipId: partnership.id,
      before: Object.fromEntries(changes.map((c) => [`target ${label(c)}`, current.get(monthCellKey(c)) ?? null])),
      after: Object.fromEntries(changes.map((c) => [`target ${label(c)}`, c.value])),
      context: { months: changes.length },
    });
    return result;
  });
}
