import { addDays, daysBetween, type IsoDay } from '@/lib/dates';
import { hashSeed, seededRandom } from './random';
import type { MetricPoint } from './builders';

/**
 * Synthetic daily activation series for the demo (labelled as demo data in the UI). The only
 * reported fact is the US launch: about 1,000,000 cards added over Apple Pay's first three days
 * (20-22 Oct 2014); LAUNCH_DAYS reproduces it exactly, everything after is invented.
 */
export const US_LAUNCH_DAYS: readonly number[] = [400_000, 350_000, 250_000];

export type SeriesShape = {
  /** Cards added per day once the launch rush has passed. */
  steadyDaily: number;
  /** Extra cards on day 0 that decay away (a launch rush). */
  launchBoost: number;
  /** Yearly growth of the steady level (0.1 = +10 % a year). */
  growth: number;
  /** Exact figures for the first days, when the facts give them. */
  firstDays?: readonly number[];
  /** Average payment, in USD. */
  ticket: number;
};

export type DemoSeries = Record<'cards_added' | 'active_cards' | 'transactions' | 'payment_volume', MetricPoint[]> & {
  targets: Record<'cards_added' | 'transactions', MetricPoint[]>;
};

export function buildDemoSeries(key: string, from: IsoDay, to: IsoDay, shape: SeriesShape): DemoSeries {
  const rand = seededRandom(hashSeed(key));
  const out: DemoSeries = {
    cards_added: [],
    active_cards: [],
    transactions: [],
    payment_volume: [],
    targets: { cards_added: [], transactions: [] },
  };
  const days = daysBetween(from, to);
  let cumulative = 0;
  for (let d = 0; d <= days; d++) {
    const day = addDays(from, d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekly = weekday === 0 || weekday === 6 ? 0.85 : 1.05;
    const plan = shape.steadyDaily * (1 + shape.growth) ** (d / 365) + shape.launchBoost * Math.exp(-d / 14);
    const noise = 0.85 + rand() * 0.3;
    const added = shape.firstDays?.[d] ?? Math.round(plan * weekly * noise);
    cumulative += added;
    const active = Math.round(cumulative * (0.55 + 0.1 * Math.sin(d / 90)));
    const transactions = Math.round(active * 0.045 * weekly * (0.9 + rand() * 0.2));
    const volume = (transactions * shape.ticket * (0.9 + rand() * 0.2)).toFixed(2);
    out.cards_added.push({ day, value: added });
    out.active_cards.push({ day, value: active });
    out.transactions.push({ day, value: transactions });
    out.payment_volume.push({ day, value: volume });
    out.targets.cards_added.push({ day, value: shape.firstDays?.[d] ?? Math.round(plan) });
    out.targets.transactions.push({ day, value: Math.round(cumulative * 0.6 * 0.045) });
  }
  return out;
}
