import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR, type Engine } from '../config';
import type { Dataset } from '../data/prepare';
import type { CsvCase } from '../measure/csv-export';
import type { FileExportCase } from '../measure/file-exports';
import type { DocumentsResult } from '../measure/documents';
import type { DashboardLoad } from '../measure/dashboard-load';
import type { PagesLoad } from '../measure/page-load';
import type { FrontendRoute } from '../measure/frontend';
import type { MetricsApiResult } from '../measure/metrics-api';
import type { SearchBench } from '../measure/search';
import type { WritesResult } from '../measure/writes';
import type { Summary } from '../stats';
import { goalFigures, type Figure } from './figures';

export type EngineResult = {
  engine: Engine;
  runId: string; // the `npm run bench` invocation: engines with the same runId ran side by side
  measuredAt: string;
  wallSeconds: number;
  machine: Machine;
  dataset: Dataset;
  metricsApi: MetricsApiResult[];
  apiFloor: Summary; // GET /api/v1/me: the app's fixed cost per authenticated request
  csv: { small: CsvCase; large: CsvCase };
  /** XLSX and JSON at the CSV case's sizes (absent in results from before they were measured) */
  fileExports?: FileExportCase[];
  /** Issue 15: 1 MB and 25 MB documents, up and down, against a disk copy (absent before). */
  documents?: DocumentsResult;
  dashboard: DashboardLoad;
  /** Pages against the floor (issue 14), on the bench data and on the demo data (absent before). */
  pages?: PagesLoad[];
  writes: WritesResult;
  /** GET /api/v1/search over a set of queries (issue 15; absent in results from before it). */
  search?: SearchBench;
  frontend: FrontendRoute[] | null;
  figures: Figure[];
  /** The figures of the run before this one (same engine), for the "previous" column. */
  previous: { measuredAt: string; runId: string; commit: string; figures: Figure[] } | null;
};

export type Machine = {
  cores: number;
  cpu: string;
  memoryGb: number;
  os: string;
  node: string;
  next: string;
  prisma: string;
  pglite: string;
  database: string;
  commit: string;
};

const packageVersion = (name: string) => (JSON.parse(fs.readFileSync(path.join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

export function machineFacts(databaseVersion: string): Machine {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    if (execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8' }).trim()) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    next: packageVersion('next'),
    prisma: packageVersion('@prisma/client'),
    pglite: packageVersion('@electric-sql/pglite'),
    database: databaseVersion,
    commit,
  };
}

/** The latest earlier result of this engine (the one this run will be compared with), if any. */
export function previousResult(engine: Engine): EngineResult | null {
  if (!fs.existsSync(RESULTS_DIR)) return null;
  const files = fs.readdirSync(RESULTS_DIR).filter((f) => f.endsWith(`-${engine}.json`)).sort();
  const last = files.at(-1);
  return last ? (JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, last), 'utf8')) as EngineResult) : null;
}

export function saveResult(result: Omit<EngineResult, 'figures' | 'previous'>): { file: string; result: EngineResult } {
  const before = previousResult(result.engine);
  const previous = before ? { measuredAt: before.measuredAt, runId: before.runId, commit: before.machine.commit, figures: before.figures } : null;
  const full: EngineResult = { ...result, figures: goalFigures(result), previous };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.measuredAt.slice(0, 10)}-${result.engine}.json`);
  fs.writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return { file, result: full };
}
