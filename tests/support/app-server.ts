// A production server of its own (`next start`) for tests that need their own database: the e2e
// outage and lock tests, and the OpenAPI contract over HTTP (tests/db/openapi-contract-http.test.ts),
// on a free port: never Playwright's own web server (3210 in CI). Needs `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './throwaway-postgres';

/** `pid`: the process serve.sh leaves running: `next start`, or on PostgreSQL the primary of its app processes (decision 027). */
export type AppServer = { url: string; pid: number; alive(): boolean; output(): string; stop(): Promise<void> };

/** `env` is laid over this process's environment; a name set to undefined is left out. */
export async function startAppServer(env: Record<string, string | undefined>): Promise<AppServer> {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('No production build: run npm run build first (npm test does).');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn('bash', ['scripts/serve.sh', '-p', String(port), '-H', '127.0.0.1', '--keepAliveTimeout', '65000'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const server: AppServer = {
    url,
    pid: child.pid!,
    alive: () => !exited,
    output: () => log,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(forced);
    },
  };
  // Ready when /api/health answers at all (200, or 503 when the database is down on purpose).
  for (let attempt = 0; attempt < 240; attempt++) {
    if (exited) throw new Error(`The app server exited during start:\n${log}`);
    const answered = await fetch(`${url}/api/health`).then(() => true, () => false);
    if (answered) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`The app server did not answer on ${url}:\n${log}`);
}

/** Runs a TypeScript script with tsx (as npm run db:* does); resolves with its stdout. */
export function runScript(script: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}:\n${err}${out}`))));
  });
}
