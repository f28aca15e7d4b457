import 'server-only';
import { isIsoDay } from '@/lib/dates';
import { MAX_VALUE_SCALED, fromScaled, toScaled } from '@/lib/decimal';
import { IMPORT_COLUMN_ALIASES, IMPORT_KINDS, IMPORT_LIMITS, type ImportColumn, type ImportKind, type ImportProblem } from '@/lib/metrics-import';
import { isMonth, parseMonthlyFigure, TARGET_YEARS } from '@/lib/rules/targets';

export type ImportContext = {
  slug: string;
  regions: Map<string, number>;
  metrics: Map<string, { id: number; whole: boolean }>;
  /** the latest day a value may have: today in the region furthest ahead of UTC */
  latestDay: string;
  /** daily metric values (a `date` column), or monthly targets (a `month` column); metrics when unset */
  kind?: ImportKind;
  /** targets only: the region codes that are part of the partnership */
  partnershipRegions?: Set<string>;
};

/**
 * Valid rows, kept as parallel arrays (compact at a million rows, and what SQL unnest takes).
 * `periods` holds days (YYYY-MM-DD) for metric values, months (YYYY-MM) for targets.
 */
export type ImportRows = { regionIds: number[]; metricIds: number[]; periods: string[]; values: string[] };

const COUNT_UNITS = new Set(['cards', 'transactions']);
export const isWholeUnit = (unit: string) => COUNT_UNITS.has(unit);

/**
 * Checks an import file line by line. Every problem is named with its line, column and reason;
 * nothing is written here. Lines are the file's own line numbers (the header is line 1).
 */
export class ImportValidator {
  readonly rows: ImportRows = { regionIds: [], metricIds: [], periods: [], values: [] };
  readonly problems: ImportProblem[] = [];
  problemCount = 0;
  dataRows = 0;
  private positions: Record<ImportColumn, number> | null = null;
  private seen = new Map<string, number>();

  private readonly columns: readonly ImportColumn[];

  constructor(private readonly ctx: ImportContext) {
    this.columns = IMPORT_KINDS[ctx.kind ?? 'metrics'].columns;
  }

  private problem(line: number, column: string, reason: string) {
    this.problemCount += 1;
    if (this.problems.length < IMPORT_LIMITS.listedProblems) this.problems.push({ line, column, reason });
  }

  /**
   * The header names the columns, in any order; other columns are left alone. The partnership
   * column may be left out (the import goes into this partnership, as Accord's own export is
   * written). Returns false when it cannot be used.
   */
  header(cells: string[], line: number): boolean {
    const positions: Partial<Record<ImportColumn, number>> = {};
    cells.forEach((cell, i) => {
      const column = IMPORT_COLUMN_ALIASES[cell.trim().toLowerCase().replace(/^\uFEFF/, '')];
      if (column && positions[column] === undefined) positions[column] = i;
    });
    const missing = this.columns.filter((c) => positions[c] === undefined && c !== 'partnership');
    for (const column of missing) this.problem(line, column, `The header has no "${column}" column. Expected: ${this.columns.join(', ')}.`);
    if (missing.length) return false;
    this.positions = positions as Record<ImportColumn, number>;
    return true;
  }

  row(cells: string[], line: number): void {
    const at = this.positions;
    if (!at) return;
    this.dataRows += 1;
    if (this.dataRows > IMPORT_LIMITS.maxRows) {
      if (this.dataRows === IMPORT_LIMITS.maxRows + 1) this.problem(line, '', `The file has more than ${IMPORT_LIMITS.maxRows.toLocaleString('en-US')} rows; split it into smaller files.`);
      return;
    }
    const used = this.columns.filter((c) => at[c] !== undefined);
    const width = Math.max(...used.map((c) => at[c])) + 1;
    if (cells.length < width) {
      this.problem(line, '', `Expected ${used.length} columns, found ${cells.length}.`);
      return;
    }
    const cell = (c: ImportColumn) => (at[c] === undefined ? '' : (cells[at[c]] ?? '').trim());
    const targets = this.ctx.kind === 'targets';
    const before = this.problemCount;

    const slug = at.partnership === undefined ? this.ctx.slug : cell('partnership');
    if (!slug) this.problem(line, 'partnership', 'The partnership is missing.');
    else if (slug !== this.ctx.slug) this.problem(line, 'partnership', `Unknown partnership "${clip(slug)}" for this import: it goes into "${this.ctx.slug}".`);

    const code = cell('region').toUpperCase();
    const regionId = this.ctx.regions.get(code);
    if (!code) this.problem(line, 'region', 'The region is missing.');
    else if (regionId === undefined) this.problem(line, 'region', `Unknown region "${clip(cell('region'))}". Known: ${[...this.ctx.regions.keys()].join(', ')}.`);
    else if (this.ctx.partnershipRegions && !this.ctx.partnershipRegions.has(code)) {
      this.problem(line, 'region', `Region ${code} is not part of this partnership (it has ${[...this.ctx.partnershipRegions].join(', ') || 'no regions'}); add the region first.`);
    }

    const key = cell('metric');
    const metric = this.ctx.metrics.get(key);
    if (!key) this.problem(line, 'metric', 'The metric is missing.');
    else if (!metric) this.problem(line, 'metric', `Unknown metric "${clip(key)}". Known: ${[...this.ctx.metrics.keys()].join(', ')}.`);

    const day = targets ? cell('month') : cell('date');
    if (targets) {
      if (!day) this.problem(line, 'month', 'The month is missing.');
      else if (!isMonth(day)) this.problem(line, 'month', `Bad month "${clip(day)}": use a month like 2027-01 (YYYY-MM) between ${TARGET_YEARS.min} and ${TARGET_YEARS.max}.`);
    } else if (!day) this.problem(line, 'date', 'The date is missing.');
    else if (!isIsoDay(day)) this.problem(line, 'date', `Bad date "${clip(day)}": use a calendar date like 2014-10-20 (YYYY-MM-DD).`);
    else if (day < '2000-01-01' || day > this.ctx.latestDay) this.problem(line, 'date', `Date ${day} is out of range: it must be between 2000-01-01 and today (${this.ctx.latestDay}).`);

    const value = targets ? this.monthlyFigure(cell('value'), line) : this.value(cell('value'), line, metric?.whole ?? false);

    if (this.problemCount > before || regionId === undefined || !metric || value === null) return;
    const identity = `${regionId}|${metric.id}|${day}`;
    const first = this.seen.get(identity);
    if (first !== undefined) {
      this.problem(line, '', `Duplicate row: line ${first} already has ${code} ${key} on ${day}.`);
      return;
    }
    this.seen.set(identity, line);
    this.rows.regionIds.push(regionId);
    this.rows.metricIds.push(metric.id);
    this.rows.periods.push(day);
    this.rows.values.push(value);
  }

  /** A monthly target: the spread rule's own reading (lib/rules/targets.ts). */
  private monthlyFigure(text: string, line: number): string | null {
    const parsed = parseMonthlyFigure(text);
    if (parsed.ok) return parsed.text;
    this.problem(line, 'value', parsed.reason);
    return null;
  }

  private value(text: string, line: number, whole: boolean): string | null {
    if (!text) {
      this.problem(line, 'value', 'The value is missing.');
      return null;
    }
    const plain = text.replace(/_/g, '');
    if (!/^[+-]?\d+(\.\d+)?$/.test(plain)) {
      this.problem(line, 'value', `"${clip(text)}" is not a number: write digits with an optional decimal point, no thousands separators.`);
      return null;
    }
    if (plain.startsWith('-') && /[1-9]/.test(plain)) {
      this.problem(line, 'value', `Negative count ${clip(text)}: metric values cannot be below zero.`);
      return null;
    }
    const digits = plain.replace(/^[+-]/, '');
    const decimals = digits.split('.')[1]?.length ?? 0;
    if (whole && decimals > 0 && /[1-9]/.test(digits.split('.')[1]!)) {
      this.problem(line, 'value', `Value ${clip(text)} is out of range: this metric counts whole items.`);
      return null;
    }
    if (decimals > 4) {
      this.problem(line, 'value', `Value ${clip(text)} is out of range: at most 4 decimal places.`);
      return null;
    }
    const scaled = toScaled(digits);
    if (scaled > MAX_VALUE_SCALED) {
      this.problem(line, 'value', `Value ${clip(text)} is out of range: at most 16 digits before the decimal point.`);
      return null;
    }
    return fromScaled(scaled);
  }
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);
