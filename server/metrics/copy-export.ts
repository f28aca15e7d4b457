import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { copyCsv, copyCsvToBlob, literal } from '@/server/db/copy';
import type { ExportMeta } from './export-meta';
import { PERIOD_START_SQL } from './period-sql';
import type { ResolvedQuery } from './rows';
import { csvHead, csvTail } from './stream';

const BATCH_BYTES = 64 * 1024;

// The same neutralisation as neutralizeCell(), in SQL.
const cell = (column: string) => `CASE WHEN ${column} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${column} ELSE ${column} END`;

/**
 * One SQL statement for a whole view, in the API's order (metric as asked, region, period) and
 * with the API's numbers: flows summed, levels the last day of each period, cumulative as running
 * totals plus everything before `from`. Only validated values reach it: ids from the database,
 * ISO dates, and literals escaped by the driver.
 */
export function viewSql(q: ResolvedQuery): string {
  const period = PERIOD_START_SQL[q.query.granularity];
  const ids = (xs: number[]) => xs.map((x) => String(Math.trunc(x))).join(',');
  const metricOrder = `ARRAY[${ids(q.metrics.map((m) => m.id))}]::int[]`;
  const filter = [
    `v."partnershipId" = ${literal(q.partnership.id)}`,
    `v."regionId" IN (${ids(q.regions.map((r) => r.id))})`,
    q.query.from ? `v.day >= ${literal(q.query.from)}::date` : null,
    q.query.to ? `v.day <= ${literal(q.query.to)}::date` : null,
  ].filter(Boolean).join(' AND ');
  const flows = q.metrics.filter((m) => m.aggregation === 'SUM').map((m) => m.id);
  const levels = q.metrics.filter((m) => m.aggregation === 'LAST').map((m) => m.id);
  const parts: string[] = [];
  if (q.query.granularity === 'day') {
    // One row per metric, region and day already (the primary key): nothing to aggregate.
    parts.push(`SELECT v."metricId" AS metric_id, v."regionId" AS region_id, v.day AS period, v.value AS value, v."metricId" IN (${ids(flows.length ? flows : [-1])}) AS flow
      FROM metric_values v WHERE ${filter} AND v."metricId" IN (${ids(q.metrics.map((m) => m.id))})`);
  } else if (flows.length) {
    parts.push(`SELECT v."metricId" AS metric_id, v."regionId" AS region_id, ${period} AS period, SUM(v.value) AS value, TRUE AS flow
      FROM metric_values v WHERE ${filter} AND v."metricId" IN (${ids(flows)}) GROUP BY 1, 2, 3`);
  }
  if (levels.length && q.query.granularity !== 'day') {
    parts.push(`SELECT DISTINCT ON (v."metricId", v."regionId", ${period}) v."metricId" AS metric_id, v."regionId" AS region_id, ${period} AS period, v.value AS value, FALSE AS flow
      FROM metric_values v WHERE ${filter} AND v."metricId" IN (${ids(levels)}) ORDER BY v."metricId", v."regionId", ${period}, v.day DESC`);
  }
  const cumulative = q.query.mode === 'cumulative';
  const prior = cumulative && q.query.from && flows.length
    ? `LEFT JOIN (SELECT v."metricId" AS metric_id, v."regionId" AS region_id, SUM(v.value) AS total FROM metric_values v
         WHERE v."partnershipId" = ${literal(q.partnership.id)} AND v."regionId" IN (${ids(q.regions.map((r) => r.id))})
           AND v."metricId" IN (${ids(flows)}) AND v.day < ${literal(q.query.from)}::date GROUP BY 1, 2) p
         ON p.metric_id = x.metric_id AND p.region_id = x.region_id`
    : '';
  const value = cumulative
    ? `CASE WHEN x.flow THEN SUM(x.value) OVER (PARTITION BY x.metric_id, x.region_id ORDER BY x.period)${prior ? ' + COALESCE(p.total, 0)' : ''} ELSE x.value END`
    : 'x.value';
  return `SELECT ${cell('r.code')}, ${cell('m.key')}, to_char(x.period, 'YYYY-MM-DD'), trim_scale(${value})::text
    FROM (${parts.map((p) => `(${p})`).join(' UNION ALL ')}) x
    JOIN regions r ON r.id = x.region_id JOIN metrics m ON m.id = x.metric_id ${prior}
    ORDER BY array_position(${metricOrder}, x.metric_id), x.region_id, x.period`;
}

type Done = (count: number, completed: boolean) => Promise<void>;

/**
 * A CSV file around pieces of the database's own CSV: the head (and metadata), each piece as it
 * is asked for (the client's reading pace drives the database), then the tail with the row count.
 * `done` runs once, before the last byte (completed) or when the export stops (not completed).
 */
function csvFile(meta: ExportMeta, withMeta: boolean, source: { next: () => Promise<Uint8Array | null>; rows: () => number; stop?: (failed: boolean) => void }, done: Done): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  let finished = false;
  const finish = async (completed: boolean) => {
    if (finished) return;
    finished = true;
    source.stop?.(!completed);
    await done(source.rows(), completed);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvHead(meta, withMeta)));
          return;
        }
        const piece = await source.next();
        if (piece) {
          if (piece.length) controller.enqueue(piece);
          return;
        }
        await finish(true);
        controller.enqueue(encoder.encode(csvTail(source.rows(), withMeta)));
        controller.close();
      } catch (error) {
        console.error('[accord] CSV export (COPY) failed', error);
        await finish(false).catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await finish(false);
    },
  });
}

/** A CSV export straight from PostgreSQL's COPY, streamed in ~64 kB pieces (bounded memory). */
export async function copyCsvExport(q: ResolvedQuery, meta: ExportMeta, withMeta: boolean, done: Done): Promise<ReadableStream<Uint8Array>> {
  const copy = q.regions.length && q.metrics.length ? await copyCsv(viewSql(q)) : null;
  return csvFile(meta, withMeta, {
    async next() {
      const piece = copy ? await copy.read(BATCH_BYTES) : null;
      return piece ? new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength) : null;
    },
    rows: () => copy?.rowCount() ?? 0,
    stop: (failed) => copy?.release(failed),
  }, done);
}

/**
 * The same CSV on the embedded engine: PGlite's COPY writes into a blob in memory, so it runs once
 * per metric and region (one series, at most one row per day), in the API's order. Memory stays at
 * one series whatever the export's size, at close to COPY's own speed.
 */
export async function blobCsvExport(q: ResolvedQuery, meta: ExportMeta, withMeta: boolean, done: Done): Promise<ReadableStream<Uint8Array>> {
  const series: ResolvedQuery[] = [];
  for (const metric of q.metrics) {
    const withData = q.regions.length
      ? await db.$queryRaw<{ id: number }[]>`
          SELECT DISTINCT v."regionId" AS id FROM metric_values v
          WHERE v."partnershipId" = ${q.partnership.id} AND v."metricId" = ${metric.id} AND v."regionId" IN (${Prisma.join(q.regions.map((r) => r.id))})
          ORDER BY 1`
      : [];
    for (const { id } of withData) {
      const region = q.regions.find((r) => r.id === id)!;
      series.push({ ...q, metrics: [metric], regions: [region], query: { ...q.query, regions: [region.code] } });
    }
  }
  let next = 0;
  let rows = 0;
  return csvFile(meta, withMeta, {
    async next() {
      if (next >= series.length) return null;
      const piece = await copyCsvToBlob(viewSql(series[next++]!));
      rows += piece.rows;
      return piece.bytes;
    },
    rows: () => rows,
  }, done);
}
