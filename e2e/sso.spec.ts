import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';

// Issue 18, single sign-on over OpenID Connect, against a real provider started by the run
// (e2e/oidc-provider.mjs: panva's oidc-provider, people "analyst", "newcomer" and "unverified").
// The demo state is left as found: the settings go back to "refuse" and no domain, and the one
// person created (newcomer@accord.local) is deactivated again, as sessions.spec does with its own.
const BUTTON = 'Sign in with Accord test provider';
const OIDC_ISSUER = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 5}`; // playwright.config.ts, OIDC_PORT

/** Clicks the single sign-on button and signs in on the provider's own page as `login`. */
async function signInWithProvider(page: Page, login: string, path = '/sign-in') {
  await page.goto(path);
  await page.getByRole('link', { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${OIDC_ISSUER}/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password: the test provider takes any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** As an administrator, on the "Single sign-on" page: who single sign-on creates, and which domains must use it. */
async function setPolicy(page: Page, newPeople: string, domains: string) {
  await page.goto('/admin/single-sign-on');
  const form = page.getByRole('form', { name: 'Sign-in settings' });
  await form.getByLabel('Someone without an account signs in with single sign-on').selectOption({ label: newPeople });
  await form.getByLabel('Email domains that must use single sign-on').fill(domains);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved how people sign in|Nothing changed/ })).toBeVisible();
}

async function restorePolicy(browser: Browser) {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.ADMIN, DEMO_PASSWORD, '/', '', { fresh: true });
  await setPolicy(admin, 'Refuse: no account is created', '');
  await admin.context().close();
}

test('the sign-in page offers single sign-on, and is accessible with it', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('link', { name: BUTTON })).toBeVisible();
  await expect(page.getByText('or with your password')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an existing person signs in with the provider, matched by the verified email, and signs out', async ({ page }) => {
  await signInWithProvider(page, 'analyst', '/sign-in?next=%2Fprofile');
  await expect(page).toHaveURL(/\/profile$/);
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ email: DEMO.ANALYST, role: 'ANALYST', via: 'user' });

  await page.getByRole('banner').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=1$/);
  await expect(page.getByRole('status')).toHaveText('You are signed out.');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprofile$/);
});

test('an email the provider has not verified is refused: a message, no account, no session', async ({ page, browser }) => {
  await signInWithProvider(page, 'unverified');
  await expect(page).toHaveURL(/\/sign-in\?error=sso-unverified$/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your identity provider has not verified your email address');
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.ADMIN);
  await admin.goto('/admin/users');
  await expect(admin.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(admin.locator('[data-user="unverified@accord.local"]')).toHaveCount(0);
  await admin.context().close();
});

test('a new person: refused while the setting says so, then created with the role the administrator chose', async ({ page, browser }) => {
  await signInWithProvider(page, 'newcomer');
  await expect(page).toHaveURL(/\/sign-in\?error=sso-no-account$/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('You have no Accord account yet');

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.ADMIN);
  try {
    await setPolicy(admin, 'Create their account as Analyst', '');
    // Signed in at the provider already: the button comes straight back, signed in.
    await page.goto('/sign-in');
    await page.getByRole('link', { name: BUTTON }).click();
    await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
    expect(await (await page.request.get('/api/v1/me')).json()).toMatchObject({ email: 'newcomer@accord.local', role: 'ANALYST' });

    await admin.goto('/admin/users');
    const row = admin.locator('[data-user="newcomer@accord.local"]');
    await expect(row).toContainText('Nia Newcomer');
    await expect(row).toContainText('Analyst');
    await admin.goto('/audit?entityType=User');
    await expect(admin.getByText('Added a person at their first single sign-on').first()).toBeVisible();
  } finally {
    await setPolicy(admin, 'Refuse: no account is created', '');
  }
  // As found: the person created here is deactivated (which also ends their session).
  await admin.goto('/admin/users');
  admin.once('dialog', (dialog) => dialog.accept());
  await admin.getByRole('button', { name: 'Deactivate newcomer@accord.local' }).click();
  await expect(admin.locator('[data-user="newcomer@accord.local"]')).toContainText('Deactivated');
  await admin.context().close();

  // Deactivated: single sign-on refuses them too.
  // (App and provider share the host, and cookies ignore ports: both sessions go.)
  await page.context().clearCookies();
  await signInWithProvider(page, 'newcomer');
  await expect(page).toHaveURL(/\/sign-in\?error=sso-deactivated$/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your Accord account is deactivated');
});

test('password sign-in turned off for a domain: its people are sent to single sign-on, and the setting is restored', async ({ page, browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.ADMIN);
  try {
    await setPolicy(admin, 'Refuse: no account is created', 'accord.local');
    await expect(admin.getByLabel('Email domains that must use single sign-on')).toHaveValue('accord.local');

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO.BUSINESS_DEVELOPMENT);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('People at accord.local sign in with Accord test provider, not with a password: use the button above.');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    // The same over JSON, with the right password: refused before the password is checked.
    const json = await page.request.post('/api/auth/sign-in', { data: { email: DEMO.BUSINESS_DEVELOPMENT, password: DEMO_PASSWORD }, headers: { Origin: new URL(page.url()).origin } });
    expect(json.status()).toBe(403);
    expect((await json.json()).error).toBe('People at accord.local sign in with single sign-on, not with a password.');
    // Single sign-on still works for them.
    await signInWithProvider(page, 'analyst');
    await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible();
  } finally {
    await setPolicy(admin, 'Refuse: no account is created', '');
    await admin.context().close();
  }
  // Restored: the password works again.
  const again = await (await browser.newContext()).newPage();
  await signIn(again, DEMO.BUSINESS_DEVELOPMENT, DEMO_PASSWORD, '/', '', { fresh: true });
  await again.context().close();
});

test.afterAll(async ({ browser }) => {
  // Belt and braces: whatever failed above, the next spec finds the defaults.
  await restorePolicy(browser);
});
