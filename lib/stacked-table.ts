/**
 * Classes for a table that becomes a list of cards under 640 px (issue 13, phones): the header row
 * is not drawn there (each cell carries a visible label instead), so nothing in it - a visually
 * hidden "Actions" header included - can sit beyond the screen and make the page scroll sideways.
 * Above 640 px it is an ordinary table. `relative` keeps visually hidden text inside the frame.
 */
export const stack = {
  frame: 'relative overflow-x-auto card max-sm:overflow-x-visible',
  table: 'min-w-full text-left text-sm max-sm:block',
  head: 'border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 max-sm:hidden dark:border-slate-800 dark:text-slate-400',
  body: 'divide-y divide-slate-100 max-sm:block dark:divide-slate-800',
  row: 'max-sm:block max-sm:space-y-1 max-sm:px-4 max-sm:py-3',
  cell: 'px-4 py-3 max-sm:block max-sm:p-0',
  /** A cell's column name, shown only where the header row is not. */
  label: 'text-xs font-medium text-slate-600 sm:hidden dark:text-slate-400',
} as const;
