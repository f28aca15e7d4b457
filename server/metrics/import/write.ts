import 'server-only';
import type { Prisma, PrismaClient } from '@/generated/prisma/client';
import { IMPORT_LIMITS, type ImportChange } from '@/lib/metrics-import';
import type { ImportRows } from './validate';

const BATCH = 5000;
type Client = PrismaClient | Prisma.TransactionClient;

function* batches(rows: ImportRows) {
  for (let start = 0; start < rows.periods.length; start += BATCH) {
    const end = start + BATCH;
    yield {
      end: Math.min(end, rows.periods.length),
      regionIds: rows.regionIds.slice(start, end),
      metricIds: rows.metricIds.slice(start, end),
      days: rows.periods.slice(start, end),
      values: rows.values.slice(start, end),
    };
  }
}

/**
 * What a commit would do: rows new to the database, rows whose value would change, the rest; and
 * the first changed rows with their saved and new values, for the preview to show.
 */
export async function compareWithDatabase(client: Client, partnershipId: string, rows: ImportRows, progress: (done: number) => void) {
  const out: { inserted: number; updated: number; unchanged: number; changes: ImportChange[] } = { inserted: 0, updated: 0, unchanged: 0, changes: [] };
  for (const b of batches(rows)) {
    const [r] = await client.$queryRaw<{ inserted: number; updated: number; unchanged: number }[]>`
      SELECT COUNT(*) FILTER (WHERE v.value IS NULL)::int AS inserted,
             COUNT(*) FILTER (WHERE v.value <> k.value)::int AS updated,
             COUNT(*) FILTER (WHERE v.value = k.value)::int AS unchanged
      FROM unnest(${b.regionIds}::int[], ${b.metricIds}::int[], ${b.days}::date[], ${b.values}::numeric[]) AS k(region_id, metric_id, day, value)
      LEFT JOIN metric_values v ON v."partnershipId" = ${partnershipId} AND v."regionId" = k.region_id AND v."metricId" = k.metric_id AND v.day = k.day`;
    out.inserted += r!.inserted;
    out.updated += r!.updated;
    out.unchanged += r!.unchanged;
    const room = IMPORT_LIMITS.listedChanges - out.changes.length;
    if (r!.updated > 0 && room > 0) {
      out.changes.push(...await client.$queryRaw<ImportChange[]>`
        SELECT rg.code AS region, m.key AS metric, k.day::text AS date, trim_scale(v.value)::text AS "old", trim_scale(k.value)::text AS "new"
        FROM unnest(${b.regionIds}::int[], ${b.metricIds}::int[], ${b.days}::date[], ${b.values}::numeric[]) WITH ORDINALITY AS k(region_id, metric_id, day, value, n)
        JOIN metric_values v ON v."partnershipId" = ${partnershipId} AND v."regionId" = k.region_id AND v."metricId" = k.metric_id AND v.day = k.day
        JOIN regions rg ON rg.id = k.region_id JOIN metrics m ON m.id = k.metric_id
        WHERE v.value <> k.value ORDER BY k.n LIMIT ${room}`);
    }
    progress(b.end);
  }
  return out;
}

/** Upserts every row (call inside the import's transaction); a row whose value is equal is left alone. */
export async function upsertRows(tx: Prisma.TransactionClient, partnershipId: string, rows: ImportRows, progress: (done: number) => void) {
  const out = { inserted: 0, updated: 0, unchanged: 0 };
  for (const b of batches(rows)) {
    const [r] = await tx.$queryRaw<{ inserted: number; updated: number }[]>`
      WITH up AS (
        INSERT INTO metric_values ("partnershipId", "regionId", "metricId", day, value, "updatedAt")
        SELECT ${partnershipId}, k.region_id, k.metric_id, k.day, k.value, now()
        FROM unnest(${b.regionIds}::int[], ${b.metricIds}::int[], ${b.days}::date[], ${b.values}::numeric[]) AS k(region_id, metric_id, day, value)
        ON CONFLICT ("partnershipId", "regionId", "metricId", day) DO UPDATE
          SET value = EXCLUDED.value, version = metric_values.version + 1, "updatedAt" = now()
          WHERE metric_values.value IS DISTINCT FROM EXCLUDED.value
        RETURNING (xmax = 0) AS fresh)
      SELECT COUNT(*) FILTER (WHERE fresh)::int AS inserted, COUNT(*) FILTER (WHERE NOT fresh)::int AS updated FROM up`;
    out.inserted += r!.inserted;
    out.updated += r!.updated;
    out.unchanged += b.days.length - r!.inserted - r!.updated;
    progress(b.end);
  }
  return out;
}
