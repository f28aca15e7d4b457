import { addDays, daysBetween } from '@/lib/dates';
import { END_DAY, slugOf, type PartnershipSpec, type Profile } from '../config';

/** SQL literal helpers for generated statements (inputs are the bench's own constants). */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const day = (d: string) => `DATE ${lit(d)}`;

export type SpecRow = PartnershipSpec & { id: string; pi: number; openedOn: string; days: number };

/** The profile's partnerships with what the SQL needs: id, index, opened day, number of metric days. */
export function specRows(profile: Profile): SpecRow[] {
  return profile.partnerships.map((p, pi) => ({
    ...p,
    id: slugOf(p.key),
    pi,
    openedOn: p.metricsFrom ? addDays(p.metricsFrom, -365) : addDays(END_DAY, -400),
    days: p.metricsFrom ? daysBetween(p.metricsFrom, END_DAY) + 1 : 0,
  }));
}

/** `WITH spec(...) AS (VALUES ...)`: one row per partnership, for set-based INSERT ... SELECT. */
export function specCte(rows: SpecRow[]): string {
  const values = rows.map(
    (s) =>
      `(${lit(s.id)}, ${s.pi}, ${lit(s.key)}, ${s.metricsFrom ? day(s.metricsFrom) : 'NULL::date'}, ${s.days}, ${s.regions}, ${s.milestones}, ${day(s.openedOn)})`,
  );
  return `spec(pid, pi, key, from_day, ndays, nregions, nmilestones, opened_on) AS (VALUES ${values.join(', ')}),
    reg AS (SELECT id, code, name, (row_number() OVER (ORDER BY id) - 1)::int AS ri FROM regions)`;
}

/** Expected metric rows of a profile: the figure the bench reports and checks after generating. */
export function expectedMetricRows(profile: Profile): number {
  return specRows(profile).reduce((n, s) => n + s.days * s.regions * 4, 0);
}
