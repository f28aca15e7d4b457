import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { applyPendingMigrations } from '@/server/db/schema-engine';
import { openTestDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

// The route handler itself, on a real database of each engine (e2e covers it over HTTP).
let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase({ migrate: false });
});
afterAll(() => t?.close());

describe('GET /api/health', () => {
  it('answers 503 on a database whose migrations are behind, naming the command that fixes it', async () => {
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'unavailable', database: testEngine(), migrations: 'behind' });
    expect(body.reason).toContain('npm run db:migrate');
  });

  it('answers 200 once the migrations are applied', async () => {
    await applyPendingMigrations(t.adapter.factory);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: testEngine(), migrations: 'up-to-date' });
  });
});
