/**
 * The CSV import's vocabulary, shared by the server and the import page: which columns a file
 * needs, what a problem looks like, and what a preview or a commit reports.
 */
export const IMPORT_COLUMNS = ['partnership', 'region', 'metric', 'date', 'value'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Other header spellings people use for the same columns. */
export const IMPORT_COLUMN_ALIASES: Record<string, ImportColumn> = {
  partnership: 'partnership', partnership_slug: 'partnership', slug: 'partnership',
  region: 'region', region_code: 'region',
  metric: 'metric', metric_key: 'metric',
  date: 'date', day: 'date', period_start: 'date',
  value: 'value',
};

export const IMPORT_LIMITS = { maxBytes: 64 * 1024 * 1024, maxRows: 1_000_000, listedProblems: 10_000 } as const;

export type ImportProblem = { line: number; column: string; reason: string };

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
};

export type ImportProgress = { phase: 'checking' | 'comparing' | 'writing'; done: number; total: number };

export const IMPORT_TEMPLATE = 'partnership,region,metric,date,value\napple-pay-alipay,US,cards_added,2014-10-20,400000\n';
