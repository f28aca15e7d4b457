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
