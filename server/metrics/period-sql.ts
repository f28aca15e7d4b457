import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Granularity } from '@/lib/granularity';

/**
 * The first day of a value's period, in SQL: the database's twin of periodStart() in
 * lib/periods.ts (ISO weeks start on Monday, as date_trunc('week') does; months and quarters are
 * calendar ones). Written once here for every query that groups by period.
 */
export const PERIOD_START_SQL: Record<Granularity, string> = {
  day: 'v.day',
  week: "date_trunc('week', v.day::timestamp)::date",
  month: "date_trunc('month', v.day::timestamp)::date",
  quarter: "date_trunc('quarter', v.day::timestamp)::date",
};

/** The same expression for a tagged Prisma query (the alias of the values table must be `v`). */
export const periodStartSql = (granularity: Granularity): Prisma.Sql => Prisma.raw(PERIOD_START_SQL[granularity]);
