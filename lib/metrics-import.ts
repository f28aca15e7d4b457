/**
 * The CSV import's vocabulary, shared by the server and the import pages: which columns a file
 * needs, what a problem looks like, and what a preview or a commit reports. One pipeline imports
 * two kinds of file: daily metric values, and monthly targets (spread over the month's days).
 */
export const IMPORT_COLUMNS = ['partnership', 'region', 'metric', 'date', 'value'] as const;
export const TARGET_IMPORT_COLUMNS = ['partnership', 'region', 'metric', 'month', 'value'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | (typeof TARGET_IMPORT_COLUMNS)[number];
export type ImportKind = 'metrics' | 'targets';

/** Other header spellings people use for the same columns. */
export const IMPORT_COLUMN_ALIASES: Record<string, ImportColumn> = {
  partnership: 'partnership', partnership_slug: 'partnership', slug: 'partnership',
  region: 'region', region_code: 'region',
  metric: 'metric', metric_key: 'metric',
  date: 'date', day: 'date', period_start: 'date',
  month: 'month',
  value: 'value',
};

export const IMPORT_LIMITS = { maxBytes: 64 * 1024 * 1024, maxRows: 1_000_000, listedProblems: 10_000, listedChanges: 200 } as const;

export type ImportProblem = { line: number; column: string; reason: string };

/** A saved value the import would change, as the preview lists it (the first ones, in file order). */
export type ImportChange = { region: string; metric: string; date: string; old: string; new: string };

export type ImportReport = {
  dryRun: boolean;
  committed: boolean;
  fileName: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  problemCount: number;
  /** preview of daily values only: the first changed rows, old and new (`updated` counts them all) */
  changes?: ImportChange[];
};

export type ImportProgress = { phase: 'checking' | 'comparing' | 'writing'; done: number; total: number };

export const IMPORT_TEMPLATE = 'partnership,region,metric,date,value\napple-pay-alipay,US,cards_added,2014-10-20,400000\n';
export const TARGET_IMPORT_TEMPLATE = 'partnership,region,metric,month,value\napple-pay-alipay,US,cards_added,2027-01,1200000\n';

/** What differs between the two kinds of import file, for the server and the page. */
export const IMPORT_KINDS = {
  metrics: { columns: IMPORT_COLUMNS, template: IMPORT_TEMPLATE, path: 'metrics/import', permission: 'metrics.import' },
  targets: { columns: TARGET_IMPORT_COLUMNS, template: TARGET_IMPORT_TEMPLATE, path: 'targets/import', permission: 'targets.update' },
} as const satisfies Record<ImportKind, { columns: readonly ImportColumn[]; template: string; path: string; permission: string }>;
