import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { chooseTheme } from './support/theme';

const SLUG = 'apple-pay-alipay';
const YEAR = new Date().getUTCFullYear();
// A month inside the seeded actuals, so "of target" (cumulative to date) moves when it changes.
const MONTH = `${YEAR}-10`;
const CELL = `cell-cards_added-US-${MONTH}`;
// These machines run several suites at once (2 cores): give each test room beyond the default 30 s.
test.describe.configure({ timeout: 120_000 });

const group = (n: string) => n.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

async function ofTarget(page: Page) {
  await page.goto(`/partnerships/${SLUG}`);
  return (await page.getByTestId('kpi-target').innerText()).trim();
}

async function saveCell(page: Page, value: string) {
  await page.getByTestId(CELL).fill(value);
  await page.getByRole('button', { name: 'Save cards added targets' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved 1 month of targets/ })).toBeVisible();
}

test('an analyst sets a month for a region; the grid total and the dashboard follow', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  const before = await ofTarget(page);
  await page.getByRole('link', { name: 'Targets', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Targets ${YEAR}` })).toBeVisible();
  const original = await page.getByTestId(CELL).inputValue();
  expect(original).not.toBe('');

  await saveCell(page, '5000000');
  await expect(page.getByTestId(CELL)).toHaveValue('5000000');
  // US is the only region with cards-added targets in the seed: the month's total is the figure.
  await expect(page.getByTestId(`total-cards_added-${MONTH}`)).toHaveText(group('5000000'));
  await expect(page.getByTestId('total-cards_added-US')).not.toHaveText('—');
  const api = await (await page.request.get(`/api/v1/partnerships/${SLUG}/targets?year=${YEAR}&metric=cards_added`)).json();
  expect(api.targets).toContainEqual({ region: 'US', metric: 'cards_added', month: MONTH, value: 5000000 });

  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/targets-1440.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, { path: 'test-results/screens/targets-390.png', fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  const after = await ofTarget(page);
  expect(after).not.toBe(before);

  // Someone else changes the month meanwhile: the stale save is refused (409), naming the cell.
  await page.goto(`/partnerships/${SLUG}/targets`);
  const put = await page.request.put(`/api/v1/partnerships/${SLUG}/targets`, {
    data: { targets: [{ region: 'US', metric: 'cards_added', month: MONTH, value: 4000000 }] },
    headers: { origin: new URL(page.url()).origin }, // a same-origin write (proxy.ts refuses cross-site ones)
  });
  expect(put.status()).toBe(200);
  await page.getByTestId(CELL).fill('6000000');
  await page.getByRole('button', { name: 'Save cards added targets' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'was changed by someone else' })).toContainText(`US cards_added ${MONTH}`);
  await expect(page.getByTestId(CELL)).toHaveValue('6000000'); // what was typed stays

  // Put the seeded plan back, so other specs see the demo as seeded.
  await page.goto(`/partnerships/${SLUG}/targets`);
  await saveCell(page, original);
  expect(await ofTarget(page)).toBe(before);
});

test('an executive sees the grid read-only; dark mode stays accessible', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE);
  await page.goto(`/partnerships/${SLUG}/targets`);
  await expect(page.getByRole('heading', { name: `Targets ${YEAR}` })).toBeVisible();
  await expect(page.getByTestId(`targets-cards_added`)).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Save/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Import CSV' })).toHaveCount(0);
  await expect(page.getByTestId(CELL)).not.toHaveText('');
  await expectNoAxeViolations(page);
  await chooseTheme(page, 'dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/targets-dark.png', fullPage: true });
  const put = await page.request.put(`/api/v1/partnerships/${SLUG}/targets`, { data: { targets: [] }, headers: { origin: new URL(page.url()).origin } });
  expect(put.status()).toBe(403);
});
