import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataVersions } from '@/server/cache/versioned';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

/**
 * Pages computed from the deal data are kept per process while data_versions.content is unchanged
 * (issue 14). Their correctness rests on every table those pages may read bumping that version in
 * the same transaction: this file finds the tables in the database itself, so a new table fails
 * here until it bumps the version or is listed below with the reason it may not.
 */
const LEFT_OUT: Record<string, string> = {
  document_chunks: "a document's bytes: no page reads them, and they are written with the document's row, which bumps",
  _prisma_migrations: 'migration bookkeeping',
  data_versions: 'the versions themselves',
  sessions: 'sign-in sessions: touched every minute of use, never shown on a cached page',
  accounts: 'password hashes',
  verifications: 'one-time tokens',
  rate_limits: 'sign-in attempt counters',
  api_rate_limits: 'API request counters (issue 18): written on every API request; bumping would throw away every kept page on each call',
  sign_in_policy: 'how people sign in (issue 18): read by sign-in and the single sign-on settings page, never from a kept page',
  api_tokens: 'touched on every API call; shown only on the tokens page, which is not cached',
  dashboard_visits: 'the review baseline, read per person before the cached part',
  jobs: 'the job queue (decision 008): written by runners every few seconds, never shown on a cached page',
  job_schedules: 'when each recurring job is next due: runner bookkeeping',
  notifications: "a person's inbox: read per person on the inbox page and the shell's count, never from a kept page",
  watches: 'who follows what: read per person on the pages that show the Watch button, outside the kept part',
  webhook_endpoints: 'webhook registrations: shown only on the webhooks page, which is not cached',
  webhook_deliveries: 'webhook delivery log: written by the job runner, shown only on the webhooks page',
  webhook_attempts: 'webhook attempt log: written by the job runner, shown only on the webhooks page',
  subscriptions: "a person's mail subscriptions: read on the profile page and by the mail jobs, never from a kept page",
  outbox_mails: 'the mail outbox: written by the mail jobs, read on the outbox page only',
  outbox_attachments: "an outbox mail's attached export",
  invitations: 'partner invitations: shown only on the partners page, which is not cached',
};

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

async function contentVersion() {
  const [row] = await t.db.$queryRaw<{ version: bigint }[]>`SELECT version FROM data_versions WHERE name = 'content'`;
  return row!.version;
}

describe('data versions: what bumps the content version', () => {
  it('every table bumps it by a statement trigger, or is left out with a reason', async () => {
    const tables = await t.db.$queryRaw<{ table: string; bumps: boolean }[]>`
      SELECT c.relname AS table,
             EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_proc f ON f.oid = g.tgfoid
                     WHERE g.tgrelid = c.oid AND f.proname = 'bump_content_version' AND NOT g.tgisinternal) AS bumps
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = current_schema()
      ORDER BY 1`;
    expect(tables.length).toBeGreaterThan(15);
    const missing = tables.filter((x) => !x.bumps && !(x.table in LEFT_OUT)).map((x) => x.table);
    expect(missing, 'tables whose changes would leave cached pages stale').toEqual([]);
    const needless = tables.filter((x) => x.bumps && x.table in LEFT_OUT).map((x) => x.table);
    expect(needless).toEqual([]);
    for (const name of Object.keys(LEFT_OUT).filter((n) => n !== '_prisma_migrations')) {
      expect(tables.map((x) => x.table), `${name} is listed as left out but does not exist`).toContain(name);
    }
  });

  it('a committed change raises it; a rolled-back one does not', async () => {
    const before = await contentVersion();
    await t.db.$executeRaw`UPDATE milestones SET "blockedReason" = "blockedReason" WHERE false`;
    const afterEmpty = await contentVersion();
    expect(afterEmpty).toBeGreaterThan(before); // a statement trigger fires for zero rows too: safe side
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE organizations SET name = name`;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await contentVersion()).toBe(afterEmpty);
    const { content, metrics } = await readDataVersions();
    expect(content).toBe(afterEmpty);
    expect(metrics).toBeGreaterThan(0n);
  });
});
