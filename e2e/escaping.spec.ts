import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

// Text people type is shown as text on every page that displays it: never as markup or script.
const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'&`;
const SLUG = 'apple-pay-alipay';

async function expectInert(page: Page, path: string) {
  await page.goto(path);
  // Shown as text (the audit trail quotes values, so look for the script tag itself).
  // Visible ones only: the update page also lists the title inside closed edit panels and pickers.
  await expect(page.getByText('<script>window.__xss=2</script>').filter({ visible: true }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
}

test('a milestone title, a blocked reason and a token name full of markup are displayed escaped everywhere', async ({ page, browser }) => {
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  await page.goto(`/partnerships/${SLUG}/manage`);
  const add = page.getByRole('form', { name: 'Add a milestone' });
  await add.getByLabel('New milestone').fill(PAYLOAD);
  await add.getByRole('button', { name: 'Add milestone' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' })).toBeVisible();

  const milestones = (await (await page.request.get(`/api/v1/partnerships/${SLUG}/milestones`)).json()).milestones as { id: string; title: string; version: number }[];
  const mine = milestones.find((m) => m.title === PAYLOAD)!;
  expect(mine).toBeDefined();
  const patched = await page.request.patch(`/api/v1/milestones/${mine.id}`, {
    headers: { origin: new URL(page.url()).origin }, data: { version: mine.version, status: 'BLOCKED', blockedReason: PAYLOAD },
  });
  expect(patched.status()).toBe(200);

  await expectInert(page, `/partnerships/${SLUG}/manage`);
  await expectInert(page, `/partnerships/${SLUG}`);

  await page.goto('/settings/tokens');
  await page.getByLabel('Name').fill(PAYLOAD);
  await page.getByRole('button', { name: /Create token/ }).click();
  // Wait for the token before leaving: going to the page again at once cancelled the action on a
  // busy machine, and the list had nothing to show.
  await expect(page.getByLabel('Your new token (shown once)')).toHaveValue(/^acc_/);
  await expectInert(page, '/settings/tokens');

  const executive = await (await browser.newContext()).newPage();
  await signIn(executive, DEMO.EXECUTIVE);
  await expectInert(executive, '/audit');
});
