import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { createOrganization } from '@/tests/factories/builders';
import { migrateDataDir, openTestDatabase, testEngine } from '@/tests/support/test-database';

// The operators' CLI (scripts/accord.ts) run as `npm run accord` runs it, in a child process on this
// file's database: on PostgreSQL this file's schema, on PGlite a data directory the child opens while
// this process has it closed (the embedded database admits one process). Issue 17: partner users.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'));
let config: DatabaseConfig;
let handle: DatabaseHandle | null = null;

async function open(): Promise<DatabaseHandle> {
  if (handle) return handle;
  handle = createDatabase(config);
  installDatabase(handle);
  return handle;
}
async function closeForChild() {
  if (testEngine() === 'postgresql' || !handle) return;
  installDatabase(undefined);
  await handle.close();
  handle = null;
}

beforeAll(async () => {
  if (testEngine() === 'postgresql') {
    handle = await openTestDatabase();
    config = handle.config;
  } else {
    config = { engine: 'pglite', dataDir: path.join(dir, 'data', 'pglite') };
    await migrateDataDir(config.dataDir!);
  }
  const { db } = await open();
  await createOrganization(db, { name: 'Alibaba Group', shortName: 'Alibaba' });
  await createOrganization(db, { name: 'Harbor Bank (demo)', shortName: 'Harbor' });
});

afterAll(async () => {
  installDatabase(undefined);
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function databaseEnv(): Record<string, string> {
  if (config.engine === 'pglite') return { ACCORD_DATA_DIR: path.join(dir, 'data') };
  const url = new URL(config.connectionString);
  if (config.schema) url.searchParams.set('schema', config.schema);
  return { DATABASE_URL: url.toString() };
}

async function accord(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  await closeForChild();
  const env: NodeJS.ProcessEnv = { ...process.env, ...databaseEnv() };
  if (config.engine === 'pglite') delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/accord.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

describe('accord user create (issue 17: partner users)', () => {
  it('creates a PARTNER of the organization named by its short name, with a temporary password on stdout', async () => {
    const run = await accord('user', 'create', '--email', 'lin@alipay.example', '--role', 'PARTNER', '--organization', 'alibaba', '--name', 'Lin Partner');
    expect(run.stderr).toContain('Created lin@alipay.example (PARTNER, Alibaba Group)');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const { db } = await open();
    const user = await db.user.findUniqueOrThrow({ where: { email: 'lin@alipay.example' }, include: { organization: true } });
    expect(user).toMatchObject({ role: 'PARTNER', name: 'Lin Partner', mustChangePassword: true, organization: { name: 'Alibaba Group' } });
    expect(await db.auditEvent.count({ where: { action: 'user.created', entityId: user.id, actorId: null } })).toBe(1);
  });

  it('refuses PARTNER without --organization, --organization for an internal role, and an organization that does not exist', async () => {
    const missing = await accord('user', 'create', '--email', 'a@partner.example', '--role', 'PARTNER');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--role PARTNER needs --organization/);
    const internal = await accord('user', 'create', '--email', 'b@partner.example', '--role', 'ANALYST', '--organization', 'Alibaba Group');
    expect(internal.code).toBe(1);
    expect(internal.stderr).toMatch(/--organization is only for --role PARTNER/);
    const unknown = await accord('user', 'create', '--email', 'c@partner.example', '--role', 'PARTNER', '--organization', 'Tencent');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No organization named "Tencent"\. Organizations: Alibaba Group, Harbor Bank \(demo\)\./);
    const { db } = await open();
    expect(await db.user.count({ where: { email: { endsWith: '@partner.example' } } })).toBe(0);
  });

  it('set-role cannot turn a partner internal, nor anyone into a partner; the help names --organization', async () => {
    const toInternal = await accord('user', 'set-role', '--email', 'lin@alipay.example', '--role', 'ANALYST');
    expect(toInternal.code).toBe(1);
    expect(toInternal.stderr).toMatch(/partner user/);
    const toPartner = await accord('user', 'set-role', '--email', 'lin@alipay.example', '--role', 'PARTNER');
    expect(toPartner.code).toBe(1);
    expect(toPartner.stderr).toMatch(/Nobody becomes a partner user by a role change/);
    const help = await accord('--help');
    expect(help.stderr).toContain('--organization O');
    const { db } = await open();
    expect((await db.user.findUniqueOrThrow({ where: { email: 'lin@alipay.example' } })).role).toBe('PARTNER');
  });
});
