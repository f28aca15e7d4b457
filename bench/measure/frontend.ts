import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, DATA_DIR, type Engine } from '../config';

type LighthouseRun = { score: number | null; lcpMs: number | null; tbtMs: number | null; cls: number | null; error?: string };

export type FrontendRoute = {
  route: string;
  scripts: number;
  gzipKb: number;
  lighthouse: { desktop: LighthouseRun; mobile: LighthouseRun } | null;
};

/**
 * First-load JavaScript (gzip) per route and Lighthouse performance, desktop and mobile, through
 * scripts/measure-frontend.mjs (its own process: Lighthouse and Chromium stay out of the bench's
 * timings), signed in as the bench executive.
 */
export async function measureFrontend(ctx: { engine: Engine; routes: string[]; email: string; password: string; lighthouse: boolean; log: (line: string) => void }): Promise<FrontendRoute[]> {
  const out = path.join(DATA_DIR, `frontend-${ctx.engine}.json`);
  fs.rmSync(out, { force: true });
  const env = {
    ...process.env, BASE_URL, MEASURE_EMAIL: ctx.email, MEASURE_PASSWORD: ctx.password, MEASURE_ROUTES: ctx.routes.join(','), MEASURE_OUT: out,
    ...(ctx.lighthouse ? {} : { SKIP_LIGHTHOUSE: '1' }),
  };
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['scripts/measure-frontend.mjs'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) if (line.startsWith('| /')) ctx.log(`  ${line}`);
    });
    child.on('close', resolve);
  });
  if (code !== 0 || !fs.existsSync(out)) throw new Error(`scripts/measure-frontend.mjs failed (exit ${code})`);
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as { results: FrontendRoute[] }).results;
}
