// Runs once when a server instance starts (Next.js instrumentation). Starts the durable job runner
// in the Node.js runtime (docs/decisions/008-jobs.md), unless ACCORD_JOBS=off leaves the jobs to
// `npm run worker`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.ACCORD_JOBS === 'off') return;
  const { startJobRunner } = await import('./server/jobs/start');
  startJobRunner();
}
