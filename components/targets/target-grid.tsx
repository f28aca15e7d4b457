'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { formatScaled, parseMonthlyFigure } from '@/lib/rules/targets';
import { cellField, seenField } from '@/lib/target-fields';

export type TargetGridProps = {
  slug: string;
  year: number;
  months: string[];
  metric: { key: string; name: string; unit: string };
  rows: { region: string; regionName: string; months: Record<string, string> }[];
  /** the save action when the viewer may edit (targets.update); read-only otherwise */
  action: Action | null;
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (month: string) => MONTH_NAMES[Number(month.slice(5, 7)) - 1]!;

/** Exact sums of decimal texts (BigInt in 1/10,000 units), shown with digit grouping. */
function total(values: (string | undefined)[]): string | null {
  let sum = 0n;
  let any = false;
  for (const v of values) {
    if (!v) continue;
    const parsed = parseMonthlyFigure(v);
    if (parsed.ok) {
      sum += parsed.scaled;
      any = true;
    }
  }
  return any ? group(formatScaled(sum)) : null;
}
export function group(text: string): string {
  const [whole, fraction] = text.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * One metric's targets for a year: regions as rows, months as columns, monthly figures (the sums
 * of the daily target rows). Editors get one form for the grid; only edited cells are sent, each
 * with the figure shown here, so a figure someone else changed meanwhile is refused (409), not
 * overwritten. Works without JavaScript: the form posts to the server action.
 */
export function TargetGrid({ slug, year, months, metric, rows, action }: TargetGridProps) {
  const editable = action !== null;
  const form = useActionForm(action ?? (async (s) => s));
  const typed = form.state.status === 'error' ? form.state.values : undefined;
  const caption = `${metric.name} targets, ${year}`;
  const id = `grid-${metric.key}`;
  // The table remounts when a save brings new figures, so its inputs show what is stored now;
  // the form (and the save's outcome) stays.
  const table = <GridTable key={JSON.stringify(rows)} {...{ year, months, metric, rows, editable, typed, caption }} />;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2">
      <h2 id={`${id}-title`} className="text-lg font-semibold">{metric.name} <span className="text-sm font-normal muted">({metric.unit} per month)</span></h2>
      {!rows.length ? (
        <p className="text-sm muted">This partnership has no regions yet: add a region to plan its targets.</p>
      ) : editable ? (
        <form action={form.formAction} onSubmit={form.onSubmit} aria-label={caption} className="space-y-2">
          <input type="hidden" name="partnershipSlug" value={slug} />
          {table}
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={form.pending} className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
              {form.pending ? 'Saving…' : `Save ${metric.name.toLowerCase()} targets`}
            </button>
            <p className="text-xs muted">Each month is spread over its days so they add up exactly; a blank cell clears the month.</p>
            <ActionOutcome state={form.state} />
          </div>
        </form>
      ) : (
        table
      )}
    </section>
  );
}

function GridTable({ year, months, metric, rows, editable, typed, caption }: Pick<TargetGridProps, 'year' | 'months' | 'metric' | 'rows'> & { editable: boolean; typed: Record<string, string> | undefined; caption: string }) {
  return (
    <div className="overflow-x-auto card">
      <table className="w-full min-w-[60rem] border-collapse text-sm" data-testid={`targets-${metric.key}`}>
        <caption className="sr-only">{caption} per region and month ({metric.unit}); the last column and row are totals.</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <th scope="col" className="sticky left-0 bg-white px-3 py-2 text-left font-medium dark:bg-slate-900">Region</th>
            {months.map((m) => (
              <th key={m} scope="col" className="px-1 py-2 text-right font-medium"><abbr title={`${monthName(m)} ${year}`} className="no-underline">{monthName(m)}</abbr></th>
            ))}
            <th scope="col" className="min-w-28 px-3 py-2 text-right font-medium">Year</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.region} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="sticky left-0 bg-white px-3 py-1.5 text-left font-medium dark:bg-slate-900" title={row.regionName}>
                {row.region}<span className="sr-only"> {row.regionName}</span>
              </th>
              {months.map((m) => {
                const seen = row.months[m] ?? '';
                const name = cellField(row.region, metric.key, m);
                return (
                  <td key={m} className="px-0.5 py-1 text-right tabular-nums">
                    {editable ? (
                      <>
                        <input type="hidden" name={seenField(row.region, metric.key, m)} value={seen} />
                        <input
                          name={name}
                          defaultValue={typed?.[name] ?? seen}
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={`${row.regionName} (${row.region}), ${monthName(m)} ${year}`}
                          data-testid={`cell-${metric.key}-${row.region}-${m}`}
                          className="w-20 rounded border border-slate-300 bg-white px-1 py-1 text-right text-[13px] tabular-nums dark:border-slate-700 dark:bg-slate-950"
                        />
                      </>
                    ) : (
                      <span data-testid={`cell-${metric.key}-${row.region}-${m}`}>{seen ? group(seen) : <span className="text-slate-400 dark:text-slate-500" aria-label="no target">—</span>}</span>
                    )}
                  </td>
                );
              })}
              <td className="px-3 py-1.5 text-right font-medium tabular-nums" data-testid={`total-${metric.key}-${row.region}`}>{total(months.map((m) => row.months[m])) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="text-slate-800 dark:text-slate-200">
            <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-semibold dark:bg-slate-900">Total</th>
            {months.map((m) => (
              <td key={m} className="px-1 py-2 text-right font-semibold tabular-nums" data-testid={`total-${metric.key}-${m}`}>{total(rows.map((r) => r.months[m])) ?? '—'}</td>
            ))}
            <td className="px-3 py-2 text-right font-semibold tabular-nums" data-testid={`total-${metric.key}`}>{total(rows.flatMap((r) => months.map((m) => r.months[m]))) ?? '—'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
