import 'server-only';
import { createHash } from 'node:crypto';
import type { ImportReport } from '@/lib/metrics-import';
import { parseMonthlyFigure } from '@/lib/rules/targets';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { checkImportFile, type ImportInput, type OnProgress } from '@/server/metrics/import/run';
import type { ImportContext } from '@/server/metrics/import/validate';
import { loadTargetContext } from './context';
import { lockTargets, monthCellKey, readMonthSums, replaceMonths, type MonthCell } from './write';

/**
 * A CSV of monthly targets (partnership,region,metric,month,value) through the metrics import's
 * pipeline: every line checked first, every problem listed, nothing written unless the whole file
 * is clean; then each month is replaced by its exact day spread, with one audit row, in one
 * transaction. A month whose figure is already stored is left alone: the same file twice changes nothing.
 */
export async function importTargets(actor: Actor, slug: string, input: ImportInput, onProgress: OnProgress = () => {}): Promise<ImportReport> {
  authorize(actor, 'targets.update');
  const t = await loadTargetContext(actor, slug);
  const ctx: ImportContext = {
    kind: 'targets',
    slug: t.partnership.slug,
    regions: new Map([...t.regions.values()].map((r) => [r.code, r.id])),
    partnershipRegions: new Set(t.partnershipRegions.map((r) => r.code)),
    metrics: new Map([...t.metrics.values()].map((m) => [m.key, { id: m.id, whole: false }])),
    latestDay: '9999-12-31', // targets plan ahead: months are bounded by the spread rule instead
  };
  const validator = await checkImportFile(input.text, ctx, onProgress);
  const report: ImportReport = {
    dryRun: input.dryRun, committed: false, fileName: input.fileName, rows: validator.dataRows,
    inserted: 0, updated: 0, unchanged: 0, problems: validator.problems, problemCount: validator.problemCount,
  };
  if (report.problemCount > 0) return report;
  const { rows } = validator;
  const cells: MonthCell[] = rows.periods.map((month, i) => ({
    regionId: rows.regionIds[i]!, metricId: rows.metricIds[i]!, month, scaled: (parseMonthlyFigure(rows.values[i]!) as { scaled: bigint }).scaled,
  }));
  const compare = (current: Map<string, string>) => {
    const changed = cells.filter((c) => current.get(monthCellKey(c)) === undefined || (parseMonthlyFigure(current.get(monthCellKey(c))!) as { scaled: bigint }).scaled !== c.scaled);
    const inserted = changed.filter((c) => !current.has(monthCellKey(c))).length;
    return { changed, counts: { inserted, updated: changed.length - inserted, unchanged: cells.length - changed.length } };
  };
  if (input.dryRun) {
    onProgress({ phase: 'comparing', done: 0, total: cells.length });
    return { ...report, ...compare(await readMonthSums(db, t.partnership.id, cells)).counts };
  }
  const counts = await db.$transaction(async (tx) => {
    await lockTargets(tx, t.partnership.id);
    const { changed, counts } = compare(await readMonthSums(tx, t.partnership.id, cells));
    onProgress({ phase: 'writing', done: 0, total: changed.length });
    await replaceMonths(tx, t.partnership.id, changed);
    await recordAudit(tx, actor, {
      entityType: 'Partnership', entityId: t.partnership.id, action: 'targets.imported', partnershipId: t.partnership.id,
      context: { file: input.fileName, sha256: createHash('sha256').update(input.text).digest('hex'), bytes: Buffer.byteLength(input.text), rows: cells.length, ...counts },
    });
    return counts;
  }, { timeout: 5 * 60_000, maxWait: 60_000 });
  return { ...report, ...counts, committed: true };
}
