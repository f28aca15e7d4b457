import { daysBetween, type IsoDay } from './dates';

export const GRANULARITIES = ['day', 'week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Granularity follows the range so a chart never carries more than about one point per pixel
 * (a ~1000 px plot): up to 120 days daily, up to 3 years weekly, beyond that monthly.
 */
export function granularityFor(from: IsoDay, to: IsoDay): Granularity {
  const days = daysBetween(from, to) + 1;
  if (days <= 120) return 'day';
  if (days <= 3 * 366) return 'week';
  return 'month';
}

export const RANGE_PRESETS = ['7d', '30d', '90d', '1y', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_DAYS: Record<Exclude<RangePreset, 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 };
