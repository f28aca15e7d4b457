import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from '../tests/support/throwaway-postgres';
import { startAppServer, runScript, type AppServer } from '../tests/support/app-server';
import { signIn } from './support/auth';
import { OUTAGE } from './support/outage-fixture';
import { openEdit } from './support/manage';
import { answerChecker } from '../tests/support/openapi-check';

// Issue 8, outages: the production app on PostgreSQL loses its database mid-run and gets it back.
// The cluster is our own (tests/support/throwaway-postgres.ts), never the shared server on 5432,
// and so is the app server (a free port, never Playwright's own server).
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const hasPostgres = findPostgresBin() !== null;
test.skip(!hasPostgres && !process.env.CI, 'PostgreSQL server binaries (initdb, pg_ctl) are not installed.');

let pg: ThrowawayPostgres | undefined;
let app: AppServer | undefined;
let token = '';
// The OpenAPI document, read while the database is up: every 503 below is checked against it.
let check: ReturnType<typeof answerChecker>;

test.beforeAll(async () => {
  pg = await startThrowawayPostgres();
  const env = { DATABASE_URL: `${pg.url}?schema=accord`, ACCORD_AUTH_SECRET: 'outage-test-secret-0123456789abcdefghijkl' };
  token = (JSON.parse((await runScript('e2e/support/prepare-postgres.ts', env)).trim().split('\n').at(-1)!) as { token: string }).token;
  app = await startAppServer(env);
  check = answerChecker(await (await fetch(`${app.url}/api/v1/openapi.json`)).json());
});

test.afterAll(async () => {
  await app?.stop();
  pg?.destroy();
});

async function expectApiUnavailable(request: APIRequestContext, base: string, headers: Record<string, string> = {}) {
  for (const documented of ['/api/v1/me', '/api/v1/partnerships', '/api/v1/partnerships/{slug}/milestones']) {
    const path = documented.replace('{slug}', OUTAGE.slug);
    const response = await request.get(base + path, { headers });
    expect(response.status(), path).toBe(503);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(response.headers()['retry-after']).toBe('5');
    const body = await response.json();
    expect(body.error).toMatch(/^The database is unavailable right now\. Nothing was changed/);
    // As the OpenAPI document describes a 503 (body and Retry-After).
    expect(check({ method: 'GET', path: documented, status: 503, contentType: response.headers()['content-type'] ?? null, body, headers: response.headers() })).toEqual([]);
  }
}

async function expectPageUnavailable(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'The database is unavailable' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The database is not reachable' })).toBeVisible();
}

test('PostgreSQL goes down mid-run: pages say so, the API answers 503 JSON, the app survives and recovers without a restart', async ({ page, browser }) => {
  const base = app!.url;
  const bearer = { Authorization: `Bearer ${token}` };
  await signIn(page, OUTAGE.email, OUTAGE.password, '/', base);
  await expect(page.getByRole('link', { name: /Outage Drill × Standby Bank/ })).toBeVisible();
  await page.goto(`${base}/partnerships/${OUTAGE.slug}/manage`);
  await openEdit(page, 'milestone', OUTAGE.milestone);
  const form = page.getByRole('form', { name: `Update ${OUTAGE.milestone}` });

  // Two outages: a clean shutdown (connections told to go away) and a crash (connections cut).
  for (const mode of ['fast', 'immediate'] as const) {
    await test.step(`the database stops (${mode})`, async () => {
      // A form loaded while the database is up, filled in, and submitted while it is down (the
      // page was reloaded after the previous outage: open the row's panel again).
      await openEdit(page, 'milestone', OUTAGE.milestone);
      await form.getByLabel(`Due date of ${OUTAGE.milestone}`).fill('2027-03-01');
      pg!.stop(mode);

      const health = await page.request.get(`${base}/api/health`);
      expect(health.status()).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'postgresql' });
      await expectApiUnavailable(page.request, base); // with the session cookie
      await expectApiUnavailable(page.request, base, bearer); // with an API token
      const patch = await page.request.patch(`${base}/api/v1/milestones/any`, { data: { version: 1, title: 'x' }, headers: { ...bearer } });
      expect(patch.status()).toBe(503);
      expect(check({ method: 'PATCH', path: '/api/v1/milestones/{id}', status: 503, contentType: patch.headers()['content-type'] ?? null, body: await patch.json(), headers: patch.headers() })).toEqual([]);

      // The form refuses with the reason and keeps what was typed.
      await form.getByRole('button', { name: 'Save' }).click();
      await expect(form.getByRole('alert')).toContainText('The database is unavailable right now');
      await expect(form.getByLabel(`Due date of ${OUTAGE.milestone}`)).toHaveValue('2027-03-01');

      // Pages, signed in or not, show the unavailable state rather than an error.
      const other = await browser.newPage();
      await expectPageUnavailable(other, `${base}/sign-in`);
      const signInForm = await other.request.post(`${base}/api/auth/sign-in`, { form: { email: OUTAGE.email, password: OUTAGE.password }, headers: { Origin: base }, maxRedirects: 0 });
      expect(signInForm.status()).toBe(303);
      expect(signInForm.headers().location).toContain('error=unavailable');
      await other.close();
      await expectPageUnavailable(page, `${base}/`);
      await expectPageUnavailable(page, `${base}/partnerships/${OUTAGE.slug}`);
      expect(app!.alive()).toBe(true);
    });

    await test.step(`the database comes back (${mode}) and the same process serves again`, async () => {
      pg!.start();
      // Bounded wait for the first successful check (the pool reconnects on demand).
      await expect.poll(async () => (await page.request.get(`${base}/api/health`)).status(), { timeout: 30_000 }).toBe(200);
      expect((await page.request.get(`${base}/api/v1/me`)).status()).toBe(200);
      const me = await page.request.get(`${base}/api/v1/me`, { headers: bearer });
      expect(await me.json()).toMatchObject({ email: OUTAGE.email, via: 'token' });
      await page.goto(`${base}/partnerships/${OUTAGE.slug}`);
      await expect(page.getByRole('heading', { name: /Outage Drill × Standby Bank/ })).toBeVisible();
      await page.goto(`${base}/partnerships/${OUTAGE.slug}/manage`);
      expect(app!.alive()).toBe(true);
    });
  }

  // The edit that was refused during the outage goes through now, exactly once.
  await openEdit(page, 'milestone', OUTAGE.milestone);
  const again = page.getByRole('form', { name: `Update ${OUTAGE.milestone}` });
  await again.getByLabel(`Due date of ${OUTAGE.milestone}`).fill('2027-03-01');
  await again.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved "${OUTAGE.milestone}".` })).toBeVisible();
  const list = await (await page.request.get(`${base}/api/v1/partnerships/${OUTAGE.slug}/milestones`)).json();
  expect(list.milestones).toMatchObject([{ title: OUTAGE.milestone, dueOn: '2027-03-01', version: 2 }]);
  expect(app!.output()).not.toMatch(/unhandled|uncaughtException/i);
});
