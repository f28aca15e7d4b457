import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { chooseOwnPassword, DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { chooseTheme } from './support/theme';

const ALL_PAGES = ['/organizations', '/approvals', '/partners', '/audit', '/admin/users', '/admin/regions', '/admin/jobs', '/admin/webhooks', '/settings/tokens', '/profile', '/partnerships/new', '/partnerships/apple-pay-alipay/edit'] as const;
const ROLES = [
  { role: 'EXECUTIVE', email: DEMO.EXECUTIVE, nav: ['Portfolio', 'Organizations', 'Approvals', 'Audit trail'], pages: ['/organizations', '/approvals', '/audit', '/profile'] },
  { role: 'BUSINESS_DEVELOPMENT', email: DEMO.BUSINESS_DEVELOPMENT, nav: ['Portfolio', 'Organizations', 'Approvals', 'Partners', 'API tokens'], pages: ['/organizations', '/approvals', '/partners', '/settings/tokens', '/profile', '/partnerships/new', '/partnerships/apple-pay-alipay/edit'] },
  { role: 'ANALYST', email: DEMO.ANALYST, nav: ['Portfolio', 'Organizations', 'API tokens'], pages: ['/organizations', '/settings/tokens', '/profile'] },
  { role: 'ADMIN', email: DEMO.ADMIN, nav: ['Portfolio', 'Organizations', 'Approvals', 'Partners', 'Audit trail', 'API tokens'], admin: ['Users', 'Regions', 'Jobs', 'Webhooks'], pages: ['/organizations', '/approvals', '/partners', '/audit', '/admin/users', '/admin/regions', '/admin/jobs', '/admin/webhooks', '/settings/tokens', '/profile', '/partnerships/new', '/partnerships/apple-pay-alipay/edit'] },
] as const;

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link');

test.describe('signed out', () => {
  test('every page sends you to sign-in and brings you back afterwards', async ({ page }) => {
    await page.goto('/audit');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, { path: 'test-results/screens/sign-in.png' });
    await page.getByLabel('Email').fill(DEMO.EXECUTIVE);
    await page.getByLabel('Password').fill('accord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  });

  test('every API call gets 401 with a JSON error', async ({ request, baseURL }) => {
    for (const path of ['/api/v1/me', '/api/v1/tokens/abc']) {
      const response = path.endsWith('abc') ? await request.delete(path, { headers: { Origin: baseURL! } }) : await request.get(path);
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error).toMatch(/Sign in|API token/);
    }
  });

  test('a wrong password says so without saying whether the email exists, and keeps the email typed', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('nobody-here@accord.local');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Email or password is incorrect.');
    await expect(page.getByLabel('Email')).toHaveValue('nobody-here@accord.local');
  });
});

for (const r of ROLES) {
  test(`${r.role} sees exactly the pages the role allows, and the server refuses the others`, async ({ page, baseURL }) => {
    await signIn(page, r.email);
    // The API over real HTTP with this role's session: reads allowed, writes only with the permission.
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: r.email, role: r.role, via: 'user' });
    const write = await page.request.delete('/api/v1/tokens/no-such-token', { headers: { Origin: baseURL! } });
    const mayManageTokens = (r.pages as readonly string[]).includes('/settings/tokens');
    expect(write.status()).toBe(mayManageTokens ? 404 : 403);
    await expect(navLinks(page)).toHaveText([...r.nav]);
    // The header holds one line at 1440 px for every role (ten entries once wrapped it for administrators).
    // Measured once the header's unread count has arrived (its badge widens the Inbox link).
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForLoadState('networkidle');
    expect((await page.getByRole('navigation', { name: 'Main' }).boundingBox())!.height, 'the navigation on one line at 1440 px').toBeLessThan(48);
    // The administrators' pages sit under one "Administration" entry (the header fits one line at 1440 px).
    const administration = page.getByRole('navigation', { name: 'Main' }).getByText('Administration', { exact: true });
    if ('admin' in r) {
      await administration.click();
      await expect(navLinks(page)).toHaveText([...r.nav.slice(0, -1), ...r.admin, ...r.nav.slice(-1)]);
      await page.keyboard.press('Escape');
      await expect(navLinks(page)).toHaveText([...r.nav]);
    } else {
      await expect(administration).toHaveCount(0);
    }
    for (const path of ALL_PAGES) {
      const response = await page.goto(path);
      if ((r.pages as readonly string[]).includes(path)) {
        expect(response?.status(), path).toBe(200);
      } else {
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
      }
    }
  });
}

test('signing out ends the session', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=1/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test.describe('hardening', () => {
  test('sign-in failures are throttled per account with 429 and Retry-After', async ({ request, baseURL }) => {
    const attempt = () =>
      request.post('/api/auth/sign-in', { data: { email: 'throttle-me@accord.local', password: 'wrong' }, headers: { Origin: baseURL! } });
    for (let i = 0; i < 5; i++) expect((await attempt()).status()).toBe(401);
    const refused = await attempt();
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/Too many failed attempts/);
  });

  test('cross-origin posts are refused, including Origin: null', async ({ request }) => {
    for (const origin of ['null', 'http://evil.example']) {
      const signInPost = await request.post('/api/auth/sign-in', { data: { email: DEMO.ADMIN, password: 'accord-demo' }, headers: { Origin: origin } });
      expect(signInPost.status(), origin).toBe(403);
      const actionPost = await request.post('/admin/users', { headers: { Origin: origin, 'Next-Action': 'x' }, data: '' });
      expect(actionPost.status(), origin).toBe(403);
    }
    const noOrigin = await request.post('/api/auth/sign-in', { data: { email: DEMO.ADMIN, password: 'accord-demo' } });
    expect(noOrigin.status()).toBe(403);
  });

  test('responses carry a nonce CSP and the other security headers, and the page still runs its scripts', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
    const response = await page.goto('/sign-in');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security']).toContain('max-age=');
    await signIn(page, DEMO.EXECUTIVE);
    await chooseTheme(page, 'dark'); // needs hydrated React: scripts ran under the CSP
    await expect(page.locator('html')).toHaveClass(/dark/);
    expect(violations).toEqual([]);
  });
});

test('an analyst creates tokens, uses them over HTTP, and revoked or read-only tokens are refused', async ({ page, request }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto('/settings/tokens');
  await expect(page.getByText('No tokens yet')).toBeVisible();

  await page.getByLabel('Name').fill('e2e read-only');
  await page.getByLabel('Read-only (cannot change anything)').check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const readOnly = await page.getByLabel('Your new token (shown once)').inputValue();
  expect(readOnly).toMatch(/^acc_/);

  // React resets the form once the action has finished; type the next name after that.
  await expect(page.getByLabel('Name')).toHaveValue('');
  await page.getByLabel('Name').fill('e2e writer');
  await page.getByLabel('Read-only (cannot change anything)').uncheck();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByLabel('Your new token (shown once)')).not.toHaveValue(readOnly);
  const writer = await page.getByLabel('Your new token (shown once)').inputValue();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/tokens.png', fullPage: true });

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const me = await request.get('/api/v1/me', { headers: auth(readOnly) });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: DEMO.ANALYST, role: 'ANALYST', via: 'token', readOnly: true });
  expect((await me.json()).permissions).not.toContain('metrics.import');

  const write = await request.delete('/api/v1/tokens/some-id', { headers: auth(readOnly) });
  expect(write.status()).toBe(403);
  expect((await write.json()).error).toMatch(/read-only/);
  expect((await request.delete('/api/v1/tokens/unknown-id', { headers: auth(writer) })).status()).toBe(404);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Revoke e2e read-only' }).click();
  await expect(page.getByRole('row', { name: /e2e read-only/ })).toContainText('Revoked');
  const revoked = await request.get('/api/v1/me', { headers: auth(readOnly) });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error).toMatch(/revoked/);
  expect((await request.get('/api/v1/me', { headers: auth('acc_' + 'z'.repeat(43)) })).status()).toBe(401);
});

test('an administrator adds a person, who can sign in until deactivated; the audit trail names the administrator', async ({ page, browser }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto('/admin/users');
  await page.getByLabel('Email', { exact: true }).fill('New.Person@Accord.local');
  await page.getByLabel('Name', { exact: true }).fill('New Person');
  await page.getByLabel('Role', { exact: true }).selectOption('ANALYST');
  await page.getByRole('button', { name: 'Add person' }).click();
  const password = await page.getByLabel(/Temporary password for new.person@accord.local/).inputValue();
  expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

  const other = await browser.newContext();
  const theirPage = await other.newPage();
  await signIn(theirPage, 'new.person@accord.local', password);
  await chooseOwnPassword(theirPage, password);

  await page.reload();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Deactivate new.person@accord.local' }).click();
  await expect(page.getByRole('row', { name: /new.person@accord.local/ })).toContainText('Deactivated');

  await theirPage.goto('/');
  await expect(theirPage).toHaveURL(/\/sign-in/);
  await other.close();

  await page.goto('/audit?entityType=User');
  const rows = page.getByTestId('audit-events').getByRole('listitem');
  // In words, by name (issue 13, finding 2): not 'user.deactivated' by an email.
  await expect(rows.filter({ hasText: 'Deactivated a person' }).first()).toContainText('Ada Admin');
  await expect(rows.filter({ hasText: 'Added a person' }).first()).toContainText('Ada Admin');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/audit.png', fullPage: true });
});
