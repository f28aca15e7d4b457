import path from 'node:path';
import pg from 'pg';

/** The PostgreSQL server the `postgres` project tests on (trust auth on this machine). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A connection of its own for work outside the app's schema (create, copy and drop schemas). */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The names of a run's template schemas begin so; global-setup drops them at the end of the run. */
export function postgresTemplatePrefix(snapshotDir: string): string {
  // The run's part of the directory's name (mkdtemp's random suffix): names stay under 63 bytes.
  return `accord_template_${path.basename(snapshotDir).split('-').pop()}_`;
}
