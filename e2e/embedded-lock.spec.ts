import { expect, test } from '@playwright/test';
import { E2E_DATA_DIR } from '../playwright.config';
import { startAppServer } from '../tests/support/app-server';

// Issue 8, PGlite mode: the embedded database is one process. Playwright's own server holds
// E2E_DATA_DIR; a second app process on the same directory must refuse to open it (two processes
// would corrupt it) and say why, on every page and API route, without crashing.
test('a second app process on the embedded database is refused by the lock, with a clear message', async ({ page }) => {
  test.setTimeout(90_000);
  // One app process with the database in it, as the first (playwright.config.ts). Several app
  // processes refuse to start at all on a held directory (tests/db/app-processes.test.ts).
  const second = await startAppServer({ ACCORD_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: '', ACCORD_PROCESSES: '1' });
  try {
    const health = await page.request.get(`${second.url}/api/health`);
    expect(health.status()).toBe(503);
    const body = await health.json();
    expect(body).toMatchObject({ status: 'unavailable', database: 'pglite' });
    expect(body.reason).toMatch(/The embedded database is in use by another process: pid \d+/);
    expect(body.reason).toContain('Stop that process first, or point DATABASE_URL at a PostgreSQL server');

    const api = await page.request.get(`${second.url}/api/v1/me`, { headers: { Authorization: `Bearer acc_${'x'.repeat(43)}` } });
    expect(api.status()).toBe(503);
    expect((await api.json()).error).toMatch(/database is unavailable/);

    await page.goto(`${second.url}/sign-in`);
    await expect(page.getByRole('heading', { name: 'The database is unavailable' })).toBeVisible();
    await expect(page.getByText(/in use by another process/)).toBeVisible();

    // The first server is untouched and still serves.
    expect((await page.request.get('/api/health')).status()).toBe(200);
    expect(second.alive()).toBe(true);
  } finally {
    await second.stop();
  }
});
