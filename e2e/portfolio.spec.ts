import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { E2E_DATA_DIR } from '../playwright.config';
import { chooseTheme } from './support/theme';

test.describe('portfolio', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.EXECUTIVE);
  });

  test('lists every seeded partnership with stage, owner, next milestone and regions live', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible();
    // Other specs change the shared e2e database (a BD spec launches a region): assert what they do not touch.
    await expect(page.getByText(/^4 partnerships · \d of 8 regions live · \d at risk$/)).toBeVisible();

    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(5); // header + 4 partnerships
    const apple = rows.filter({ hasText: 'Apple Pay × Alipay' });
    await expect(apple).toContainText('Demo data');
    await expect(apple).toContainText('Negotiating');
    await expect(apple).toContainText('Blake Dev');
    await expect(apple).toContainText('Term sheet signed');
    await expect(apple).toContainText('overdue');
    await expect(apple).toContainText('1 of 3');
    await expect(apple.getByRole('list', { name: 'Regions of Apple Pay × Alipay' })).toContainText('US Live');

    await expect(rows.filter({ hasText: 'Meridian Pay × Sakura Transit' })).toContainText(/[01] of 1/);
    await expect(rows.filter({ hasText: 'Orbit Wallet × Harbor Bank' })).toContainText('2 of 3');

    await expectNoAxeViolations(page);
    await saveScreenshot(page, { path: 'test-results/screens/portfolio-light.png', fullPage: true });
  });

  test('a link fetches its page ahead when pointed at, not when it merely shows (docs/decisions/014)', async ({ page }) => {
    const prefetched: string[] = [];
    page.on('request', (request) => {
      if (request.headers()['next-router-prefetch']) prefetched.push(new URL(request.url()).pathname);
    });
    await page.goto('/');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(5);
    await page.waitForLoadState('networkidle');
    expect(prefetched).toEqual([]);
    const link = page.getByRole('link', { name: 'Apple Pay × Alipay' });
    await link.hover();
    // That page and nothing else; maybe asked twice: on a loaded machine (a suite run beside another
    // CPU-heavy job) the pointer's arrival was seen twice and the same prefetch went out again.
    await expect.poll(() => [...new Set(prefetched)]).toEqual(['/partnerships/apple-pay-alipay']);
    // The links are plain anchors that one handler opens client-side (components/link.tsx): the
    // click loads no new document, and the page it opens is the one fetched ahead.
    const documents: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'document') documents.push(request.url());
    });
    await link.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Apple Pay × Alipay' })).toBeVisible();
    await expect(page).toHaveURL(/\/partnerships\/apple-pay-alipay$/);
    expect(documents).toEqual([]);
    // Back is the browser's, and a click with a modifier key is left to the browser (a new tab).
    await page.goBack();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(5);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
    await expect(tab).toHaveURL(/\/partnerships\/apple-pay-alipay$/);
    await tab.close();
    await expect(page).toHaveURL(/\/$/);
    expect(documents).toEqual([]);
  });

  test('remembers a dark theme across reloads and stays accessible in it', async ({ page }) => {
    await page.goto('/');
    await chooseTheme(page, 'dark');
    await expect(page.locator('html')).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, { path: 'test-results/screens/portfolio-dark.png', fullPage: true });
  });

  test('is usable from the keyboard: skip link first, then the navigation', async ({ page }) => {
    await page.goto('/');
    await page.locator('body').click({ position: { x: 1, y: 300 } });
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('prints without navigation chrome', async ({ page }) => {
    await page.goto('/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.getByRole('table')).toBeVisible();
  });
});

test.describe('health and the embedded database', () => {
  test('GET /api/health reports the embedded engine and current migrations', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', database: 'pglite', migrations: 'up-to-date' });
    // Idle connections are kept longer than a load balancer's (or a test client's) idle reuse:
    // with Node's 5 s, a request on a connection the server was closing got ECONNRESET on a busy
    // machine (tests/unit/keep-alive.test.ts covers every place that starts the server).
    expect(response.headers()['keep-alive']).toBe('timeout=65');
  });

  test('a second process on the same data directory is refused and told who holds it', () => {
    const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'prisma/seed.ts'], {
      env: { ...process.env, ACCORD_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/in use by another process: pid \d+ \(next/);
  });
});
