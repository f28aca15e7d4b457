import { expect, type Cookie, type Page } from '@playwright/test';

export const DEMO = {
  EXECUTIVE: 'executive@accord.local',
  BUSINESS_DEVELOPMENT: 'bd@accord.local',
  ANALYST: 'analyst@accord.local',
  ADMIN: 'admin@accord.local',
} as const;
export const DEMO_PASSWORD = 'accord-demo';

/**
 * Signs in as a person would, through the real form (`base`: another server than baseURL).
 *
 * A demo person's session is kept for the rest of the worker's run and handed to the next test that
 * signs them in, the way a browser keeps its cookie: the form's password check is deliberately slow
 * (scrypt at OWASP strength, ~0.75 s of server CPU, ~2.5 s per sign-in end to end), and the suite
 * signed the same four people in some seventy times. If the kept session has ended (a test signed
 * out, or ended the others), the page lands on sign-in and the form is used again. Other people,
 * and tests that need a session of their own (`fresh: true`), always go through the form.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, path = '/', base = '', { fresh = false } = {}) {
  const key = `${base}|${email}|${password}`;
  const kept = fresh ? undefined : keptSessions.get(key);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto(base + path);
    if (!/^\/(sign-in|choose-password)\b/.test(new URL(page.url()).pathname)) return;
    keptSessions.delete(key);
  }
  await signInThroughForm(page, email, password, path, base);
  if (!fresh && password === DEMO_PASSWORD && (Object.values(DEMO) as string[]).includes(email)) {
    const origin = new URL(page.url()).origin;
    keptSessions.set(key, await page.context().cookies(origin));
  }
}

const keptSessions = new Map<string, Cookie[]>();

async function signInThroughForm(page: Page, email: string, password: string, path: string, base: string) {
  await page.goto(base + (path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * A person signed in with a temporary password lands on "Choose your password" (issue 13) and
 * must replace it before anything else; this does so and waits for the portfolio.
 */
export async function chooseOwnPassword(page: Page, temporary: string, chosen = 'my own e2e password') {
  await expect(page).toHaveURL(/\/choose-password/);
  await page.getByLabel('Temporary password').fill(temporary);
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again').fill(chosen);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  // Two scrypt runs (verify, hash) on purpose, then the portfolio: allow a busy machine its time.
  await expect(page.getByRole('heading', { name: 'Portfolio' })).toBeVisible({ timeout: 60_000 });
  return chosen;
}
