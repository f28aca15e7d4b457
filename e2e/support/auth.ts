import { expect, type Page } from '@playwright/test';

export const DEMO = {
  EXECUTIVE: 'executive@accord.local',
  BUSINESS_DEVELOPMENT: 'bd@accord.local',
  ANALYST: 'analyst@accord.local',
  ADMIN: 'admin@accord.local',
} as const;
export const DEMO_PASSWORD = 'accord-demo';

/** Signs in through the real form, as a person would (`base`: another server than baseURL). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, path = '/', base = '') {
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
