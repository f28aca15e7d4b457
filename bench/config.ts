import path from 'node:path';

/**
 * What the bench builds and where (issue 7). Each engine gets a database of its own, never the
 * app's ./data nor the test schemas: PostgreSQL a schema `accord_bench` in database `test`,
 * PGlite the directory bench/.data/pglite. A "typical" partnership (20 regions, 3 years daily) is
 * identical on both engines, so their figures on it compare like with like; the "flagship" is the
 * one that makes the scale (on PostgreSQL it alone has over 1M metric rows, for the 1M-row CSV).
 */
export type Engine = 'postgres' | 'pglite';
export const ENGINES: Engine[] = ['postgres', 'pglite'];

export const BENCH_DIR = path.resolve('bench');
export const DATA_DIR = path.join(BENCH_DIR, '.data');
export const PGLITE_DATA_ROOT = DATA_DIR; // ACCORD_DATA_DIR: the app opens <root>/pglite
export const PGLITE_DIR = path.join(PGLITE_DATA_ROOT, 'pglite');
export const PGLITE_DIRECT_DIR = path.join(DATA_DIR, 'pglite-direct'); // the bench's own copy
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const POSTGRES_SCHEMA = process.env.BENCH_POSTGRES_SCHEMA ?? 'accord_bench';
export const PORT = Number(process.env.BENCH_PORT ?? 3400);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// V8 flags for the servers the bench starts, space-separated: `BENCH_NODE_FLAGS=--trace-gc` shows
// when the app's heap is collected and how big it grew (NODE_OPTIONS refuses --trace-gc). That is
// how the export and document memory notes of 2026-12-03 (bench/results/notes.md) were traced.
export const SERVER_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

/** The last day of generated data: fixed, so the data (and its checksum) never depend on today. */
export const END_DAY = '2026-10-31';

export type PartnershipSpec = {
  key: string; // slug suffix and id stem
  name: string;
  stage: 'NEGOTIATING' | 'SIGNED' | 'INTEGRATING' | 'LAUNCHED' | 'EXPLORING';
  regions: number; // the first N bench regions (rollouts and checkpoints for each)
  metricsFrom: string | null; // first day of daily metrics (to END_DAY), null = no metrics yet
  milestones: number;
};

export type Profile = {
  partnerships: PartnershipSpec[];
  /** Audit rows that are not changes to milestones or checkpoints: sign-ins, token use, exports. */
  noiseAuditRows: number;
  /** Changes recorded per milestone and per checkpoint in the generated history. */
  auditPerMilestone: number;
  auditPerCheckpoint: number;
  /** Notes on partnerships, milestones, checkpoints and rollouts, and documents (issue 15: search). */
  notes: number;
  documents: number;
};

const typical = (n: number): PartnershipSpec => ({
  key: `typical-${String(n).padStart(2, '0')}`, name: `Typical Wallet ${n} × Metro Bank ${n} (bench)`, stage: 'LAUNCHED',
  regions: 20, metricsFrom: '2023-11-01', milestones: 40,
});
const early = (n: number): PartnershipSpec => ({
  key: `early-${String(n).padStart(2, '0')}`, name: `Early Deal ${n} (bench)`, stage: n % 2 ? 'NEGOTIATING' : 'INTEGRATING',
  regions: 3, metricsFrom: null, milestones: 15,
});

export const PROFILES: Record<Engine, Profile> = {
  // 60 x 4,395 x 4 = 1,054,800 (flagship) + 3 x 87,680 (typical) = 1,317,840 metric rows; 500 partnerships.
  postgres: {
    partnerships: [
      { key: 'flagship', name: 'Global Wallet × Continental Bank (bench)', stage: 'LAUNCHED', regions: 60, metricsFrom: '2014-10-20', milestones: 120 },
      typical(1), typical(2), typical(3),
      // Early deals up to a portfolio of 500 partnerships (issue 14, goal 1).
      ...Array.from({ length: 496 }, (_, i) => early(i + 1)),
    ],
    noiseAuditRows: 60_000,
    auditPerMilestone: 20,
    auditPerCheckpoint: 6,
    notes: 1_000,
    documents: 500,
  },
  // 25 x 2,191 x 4 = 219,100 (flagship) + 87,680 (typical) = 306,780 metric rows; 500 partnerships.
  pglite: {
    partnerships: [
      { key: 'flagship', name: 'Global Wallet × Continental Bank (bench)', stage: 'LAUNCHED', regions: 25, metricsFrom: '2020-11-01', milestones: 120 },
      typical(1),
      ...Array.from({ length: 498 }, (_, i) => early(i + 1)),
    ],
    noiseAuditRows: 15_000,
    auditPerMilestone: 20,
    auditPerCheckpoint: 6,
    notes: 1_000,
    documents: 500,
  },
};

export const slugOf = (key: string) => `bench-${key}`;
export const FLAGSHIP = slugOf('flagship');
export const TYPICAL = slugOf('typical-01');

/** Accounts the bench signs in with (created through server/users, only in the bench databases). */
export const BENCH_ACCOUNTS = {
  analyst: { email: 'analyst@bench.accord.local', name: 'Bench Analyst', role: 'ANALYST' },
  bd: { email: 'bd@bench.accord.local', name: 'Bench BD', role: 'BUSINESS_DEVELOPMENT' },
  executive: { email: 'executive@bench.accord.local', name: 'Bench Executive', role: 'EXECUTIVE' },
} as const;
// A bench-only database on this machine; never a real deployment's account.
export const BENCH_PASSWORD = 'bench-password-accord';

/** A page the bench loads, by the name its report gives it. */
export type BenchPage = { page: string; path: string };

/** The signed-in floor (issue 14: "a minimal signed-in page that only checks the session and renders the shell"). */
export const SIGNED_IN_FLOOR: BenchPage = { page: 'floor: signed in, search page with no query', path: '/search' };

/**
 * The demo data's pages measured against the floor, and pages whose payload is only weighed (issue
 * 14, goals 1 and 4). e2e/payload.spec.ts holds the same pages to a payload budget on every CI run.
 */
export const DEMO_PAGES: { pages: BenchPage[]; payloadOnly: BenchPage[] } = {
  pages: [
    { page: 'portfolio (demo)', path: '/' },
    { page: 'dashboard apple-pay-alipay', path: '/partnerships/apple-pay-alipay' },
    { page: 'metrics explorer apple-pay-alipay', path: '/partnerships/apple-pay-alipay/metrics' },
    { page: 'audit trail (demo)', path: '/audit' },
  ],
  payloadOnly: [
    { page: 'dashboard apple-pay-alipay, every change since 2014 listed', path: '/partnerships/apple-pay-alipay?since=2014-01-01' },
    { page: 'activity apple-pay-alipay', path: '/partnerships/apple-pay-alipay/activity' },
  ],
};
