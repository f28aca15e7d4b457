import 'server-only';
import { createHash } from 'node:crypto';
import { parse, CsvError } from 'csv-parse';
import { todayIn } from '@/lib/dates';
import { IMPORT_KINDS, type ImportProgress, type ImportReport } from '@/lib/metrics-import';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { metricAudience, visibleMetrics } from '@/server/access/metrics';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { exportFileProblems } from './export-file';
import { compareWithDatabase, upsertRows } from './write';
import { ImportValidator, isWholeUnit, type ImportContext } from './validate';

export type ImportInput = { text: string; fileName: string; dryRun: boolean };
export type OnProgress = (progress: ImportProgress) => void;

const PROGRESS_EVERY = 20_000;

/**
 * A CSV import into one partnership's metrics. Every line is checked first; any problem stops
 * the import with nothing written (the preview lists them all). A commit upserts every row in one
 * transaction, with its audit row, so a failure or a killed process leaves the data as it was;
 * the same file imported twice changes nothing the second time.
 */
export async function importMetrics(actor: Actor, slug: string, input: ImportInput, onProgress: OnProgress = () => {}): Promise<ImportReport> {
  authorize(actor, 'metrics.import');
  const partnership = await db.partnership.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!partnership) throw new NotFoundError(`No partnership "${slug}".`);
  const [regions, metrics] = await Promise.all([
    db.region.findMany({ select: { id: true, code: true }, orderBy: { id: 'asc' } }),
    // Only the metrics the importer may see (issue 17): a hidden one is an unknown metric here too,
    // so a preview's counts never tell about figures they may not read.
    visibleMetrics(metricAudience(actor), partnership.id),
  ]);
  const ctx: ImportContext = {
    slug: partnership.slug,
    regions: new Map(regions.map((r) => [r.code, r.id])),
    metrics: new Map(metrics.map((m) => [m.key, { id: m.id, whole: isWholeUnit(m.unit) }])),
    // The calendar furthest ahead (UTC+14): no region's "today" is later than this.
    latestDay: todayIn('Pacific/Kiritimati'),
  };
  const validator = await checkImportFile(input.text, ctx, onProgress);
  const report: ImportReport = {
    dryRun: input.dryRun, committed: false, fileName: input.fileName, rows: validator.dataRows,
    inserted: 0, updated: 0, unchanged: 0, problems: validator.problems, problemCount: validator.problemCount,
  };
  if (report.problemCount > 0) return report;
  const rows = validator.rows;
  if (input.dryRun) {
    return { ...report, ...(await compareWithDatabase(db, partnership.id, rows, (done) => onProgress({ phase: 'comparing', done, total: rows.periods.length }))) };
  }
  const counts = await db.$transaction(async (tx) => {
    // Imports into one partnership take turns (held until commit): two files touching the same
    // rows cannot deadlock or interleave; the later one applies whole, after the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accord.import:${partnership.id}`}))`;
    const result = await upsertRows(tx, partnership.id, rows, (done) => onProgress({ phase: 'writing', done, total: rows.periods.length }));
    await recordAudit(tx, actor, {
      entityType: 'Partnership', entityId: partnership.id, action: 'metrics.imported', partnershipId: partnership.id,
      context: {
        file: input.fileName, sha256: createHash('sha256').update(input.text).digest('hex'), bytes: Buffer.byteLength(input.text),
        rows: rows.periods.length, ...result,
      },
    });
    return result;
  }, { timeout: 15 * 60_000, maxWait: 60_000 });
  return { ...report, ...counts, committed: true };
}

/** Reads and checks a whole import file (either kind): every problem listed, nothing written. */
export async function checkImportFile(text: string, ctx: ImportContext, onProgress: OnProgress): Promise<ImportValidator> {
  const validator = new ImportValidator(ctx);
  const total = Buffer.byteLength(text);
  if ((ctx.kind ?? 'metrics') === 'metrics') {
    const refused = exportFileProblems(text, ctx.slug);
    if (refused.length) {
      validator.problemCount += refused.length;
      validator.problems.push(...refused);
      return validator;
    }
  }
  // Lines starting with # are comments (an Accord export's metadata and its closing row count).
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, comment: '#', comment_no_infix: true });
  parser.end(text);
  let headerRead = false;
  let usable = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number; bytes: number } }>) {
      if (!headerRead) {
        headerRead = true;
        usable = validator.header(record, info.lines);
        if (!usable) break;
        continue;
      }
      validator.row(record, info.lines);
      if (info.records % PROGRESS_EVERY === 0) onProgress({ phase: 'checking', done: info.bytes, total });
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 0;
    validator.problemCount += 1;
    validator.problems.push({ line, column: '', reason: `The file is not valid CSV here: ${error.message.replace(/^Invalid [^:]*: /, '')}` });
    return validator;
  }
  if (!headerRead) {
    validator.problemCount += 1;
    validator.problems.push({ line: 1, column: '', reason: `The file is empty: it needs a header line (${IMPORT_KINDS[ctx.kind ?? 'metrics'].columns.join(',')}) and at least one row.` });
  } else if (usable && validator.dataRows === 0) {
    validator.problemCount += 1;
    validator.problems.push({ line: 2, column: '', reason: 'The file has a header but no rows.' });
  }
  onProgress({ phase: 'checking', done: total, total });
  return validator;
}
