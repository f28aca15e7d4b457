import { STANDARD_METRICS } from '@/tests/factories/builders';
import type { Profile } from '../config';
import { BENCH_REGIONS } from './regions';
import { lit, specCte, specRows } from './sql';

/** The regions (in order: a region's index is its rank by id) and the four standard metrics. */
export function referenceStatements(): string[] {
  const regions = BENCH_REGIONS.map((r) => `(${lit(r.code)}, ${lit(r.name)}, ${lit(r.timeZone)})`).join(', ');
  const metrics = STANDARD_METRICS.map(
    (m, i) => `(${lit(m.key)}, ${lit(m.name)}, ${lit(m.unit)}, ${lit(m.aggregation)}::"MetricAggregation", ${lit(m.description)}, ${i})`,
  ).join(', ');
  return [
    `INSERT INTO regions (code, name, "timeZone") VALUES ${regions}`,
    `INSERT INTO metrics (key, name, unit, aggregation, description, "sortOrder") VALUES ${metrics}`,
  ];
}

/**
 * Daily values and targets, set-based (INSERT ... SELECT generate_series):
 * seconds for a million rows. Values are deterministic functions of (partnership, region, day):
 * plain IEEE arithmetic, so both engines compute the same numbers. Rows are written in day order,
 * as daily imports would lay them on disk.
 */
export function metricStatements(profile: Profile): string[] {
  const cte = specCte(specRows(profile));
  // Per partnership x region x day: the plan (steady daily cards with linear yearly growth), the
  // weekday factor, three pseudo-random factors in [0, 1) and an average ticket in USD.
  const base = `base AS (
      SELECT s.pid, r.id AS region_id, s.from_day + d AS day, d,
        (200 + (r.ri * 37 + s.pi * 101) % 900) * (1 + (0.05 + ((r.ri * 13 + s.pi * 7) % 20) / 100.0) * d / 365.0)::float8 AS plan,
        CASE WHEN extract(isodow FROM s.from_day + d) >= 6 THEN 0.85 ELSE 1.05 END::float8 AS weekly,
        ((d::bigint * 7919 + r.ri * 104729 + s.pi * 1299709) % 1000) / 1000.0::float8 AS n1,
        ((d::bigint * 6151 + r.ri * 7127 + s.pi * 3301 + 17) % 1000) / 1000.0::float8 AS n2,
        ((d::bigint * 3571 + r.ri * 911 + s.pi * 5519 + 29) % 1000) / 1000.0::float8 AS n3,
        (20 + (s.pi * 3 + r.ri) % 30)::float8 AS ticket
      FROM spec s JOIN reg r ON r.ri < s.nregions CROSS JOIN LATERAL generate_series(0, s.ndays - 1) AS d
      WHERE s.from_day IS NOT NULL
    )`;
  return [
    `INSERT INTO metric_values ("partnershipId", "regionId", "metricId", day, value, "updatedAt")
     WITH ${cte}, ${base},
     calc AS (
       SELECT pid, region_id, day,
         round(plan * weekly * (0.85 + 0.3 * n1)) AS cards_added,
         round(plan * (d + 30) * 0.55) AS active_cards,
         round(round(plan * (d + 30) * 0.55) * 0.045 * weekly * (0.9 + 0.2 * n2)) AS transactions,
         round((round(round(plan * (d + 30) * 0.55) * 0.045 * weekly * (0.9 + 0.2 * n2)) * ticket * (0.9 + 0.2 * n3))::numeric, 2) AS payment_volume
       FROM base
     )
     SELECT c.pid, c.region_id, m.id, c.day,
       CASE m.key WHEN 'cards_added' THEN c.cards_added::numeric WHEN 'active_cards' THEN c.active_cards::numeric
         WHEN 'transactions' THEN c.transactions::numeric ELSE c.payment_volume END,
       TIMESTAMP '2026-11-01 00:00:00'
     FROM calc c CROSS JOIN metrics m
     ORDER BY c.day, c.pid, c.region_id, m.id`,
    // The plan the dashboard compares cards added against (daily, like the values).
    `INSERT INTO metric_targets ("partnershipId", "regionId", "metricId", day, value, "updatedAt")
     WITH ${cte}, ${base}
     SELECT b.pid, b.region_id, (SELECT id FROM metrics WHERE key = 'cards_added'), b.day, round(b.plan)::numeric, TIMESTAMP '2026-11-01 00:00:00'
     FROM base b ORDER BY b.day, b.pid, b.region_id`,
  ];
}
