import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoSidewaysScroll } from './support/layout';
import { expectNoAxeViolations } from './support/axe';

// Issue 13, findings 5 to 7, as an analyst meets them: partial periods marked, a CSV from the
// explorer imported back as it is, and wrong choices in the address said in words.
const SLUG = 'orbit-wallet-harbor-bank';
const SHOTS = '/work/shots/metrics';
// 2025-06-04 is a Wednesday and 2025-08-25 a Monday: the first and last weeks are partial.
const PARTIAL_VIEW = `/partnerships/${SLUG}/metrics?metric=cards_added&region=GB,SG&from=2025-06-04&to=2025-08-25&granularity=week`;

// The shared test machine is slow: axe and three screenshots per page take a while.
test.describe.configure({ timeout: 240_000 });

async function shots(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, { path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page, `${name} at 390 px`);
  await saveScreenshot(page, { path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: `${SHOTS}/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('partial weeks are marked in the note, the table and the chart; "whole weeks" leaves none', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto(PARTIAL_VIEW);
  const note = page.getByTestId('partial-note');
  await expect(note).toContainText('Partial weeks:');
  await expect(note).toContainText('Week of 2 Jun 2025 (5 of 7 days)');
  await expect(note).toContainText('Week of 25 Aug 2025 (1 of 7 days)');
  await expect(page.locator('[data-testid="explorer-table"] tr[data-partial]')).toHaveCount(4); // 2 regions x 2 cut weeks
  await expect(page.locator('[data-testid="explorer-table"] tr[data-partial]').first()).toContainText('partial: 5 of 7 days');
  await page.getByTestId('chart-cards_added').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-cards_added').locator('[data-partial-point]')).toHaveCount(4);
  await expect(page.getByTestId('partial-legend')).toContainText('Partial week');
  await expectNoAxeViolations(page);
  await shots(page, 'explorer-partial');

  await page.getByTestId('whole-periods').click();
  await expect(page).toHaveURL(/from=2025-06-09&to=2025-08-24/, { timeout: 60_000 });
  await expect(page.getByTestId('partial-note')).toHaveCount(0);
  await expect(page.locator('[data-testid="explorer-table"] tr[data-partial]')).toHaveCount(0);
});

test('a day CSV downloaded from the explorer imports back as it is; two edits show old -> new', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto(`/partnerships/${SLUG}/metrics?metric=cards_added,transactions&region=GB&from=2025-06-01&to=2025-06-30&granularity=day`);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const text = fs.readFileSync((await file.path())!).toString();
  expect(text.startsWith('# Accord metrics export')).toBe(true);

  await page.goto(`/partnerships/${SLUG}/metrics/import`);
  await page.getByLabel('CSV file').setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-preview')).toContainText('60 rows, no problems');
  await expect(page.getByTestId('import-all-unchanged')).toHaveText('Every row is unchanged: importing this file would change nothing.');

  const lines = text.split('\n');
  const a = lines.findIndex((l) => l.startsWith('GB,cards_added,2025-06-02,'));
  const b = lines.findIndex((l) => l.startsWith('GB,transactions,2025-06-10,'));
  const [oldA, oldB] = [lines[a]!.split(',')[3], lines[b]!.split(',')[3]];
  lines[a] = 'GB,cards_added,2025-06-02,123456';
  lines[b] = 'GB,transactions,2025-06-10,7';
  await page.getByLabel('CSV file').setInputFiles({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Changed', { exact: true }).locator('..')).toContainText('2');
  const changes = page.getByTestId('import-changes').locator('tbody tr');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toHaveAttribute('data-change', `GB,cards_added,2025-06-02,${oldA},123456`);
  await expect(changes.nth(1)).toHaveAttribute('data-change', `GB,transactions,2025-06-10,${oldB},7`);
  await expect(changes.nth(0)).toContainText('123,456');
  await expectNoAxeViolations(page);
  await shots(page, 'import-preview');

  // A weekly export is refused in words, nothing compared.
  const weekly = text.replace('# Granularity: day', '# Granularity: week');
  await page.getByLabel('CSV file').setInputFiles({ name: 'weekly.csv', mimeType: 'text/csv', buffer: Buffer.from(weekly) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-problems')).toContainText('only day exports can be imported');
});

test('wrong choices in the address are said in words beside the form, which keeps them; the API says the same', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto(`/partnerships/${SLUG}/metrics?metric=cards_added&from=2025-08-31&to=2025-06-01&granularity=hour`);
  const problems = page.getByTestId('view-problems');
  await expect(problems.locator('li[data-parameter="from"]')).toHaveText('The start date is after the end date.');
  await expect(problems.locator('li[data-parameter="granularity"]')).toHaveText('Granularity must be day, week, month or quarter.');
  await expect(problems).not.toContainText(/Invalid option|expected|received/);
  await expect(page.getByLabel('From')).toHaveValue('2025-08-31');
  await expect(page.getByLabel('To')).toHaveValue('2025-06-01');
  await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await shots(page, 'explorer-problems');

  const api = await page.request.get(`/api/v1/partnerships/${SLUG}/metrics?from=2025-08-31&to=2025-06-01`);
  expect(api.status()).toBe(400);
  expect(await api.json()).toMatchObject({ error: 'The start date is after the end date.', parameter: 'from' });

  await page.goto(`/partnerships/${SLUG}?from=2025-08-31&to=2025-06-01&range=fortnight`);
  const range = page.getByTestId('range-problems');
  await expect(range).toContainText('The start date is after the end date.');
  await expect(range).toContainText('The range must be 7d, 30d, 90d, 1y or all.');
  await expect(page.getByRole('region', { name: 'Card activation' }).getByLabel('From')).toHaveValue('2025-08-31');
  await expect(page.getByRole('region', { name: 'Card activation' }).getByLabel('To')).toHaveValue('2025-06-01');
});

test('the dashboard marks its partial last week and offers whole weeks', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  // 2025-06-04 (Wednesday) to 2025-12-01 (Monday): 181 days, drawn by week.
  await page.goto(`/partnerships/${SLUG}?from=2025-06-04&to=2025-12-01`);
  await expect(page.getByRole('region', { name: 'Card activation' }).getByTestId('partial-note')).toContainText('(1 of 7 days)');
  await page.getByRole('region', { name: 'Card activation' }).locator('summary').click();
  await expect(page.getByTestId('activation-table').locator('tr[data-partial]')).toHaveCount(2);
  await page.getByRole('region', { name: 'Card activation' }).getByTestId('whole-periods').click();
  await expect(page).toHaveURL(/from=2025-06-09&to=2025-11-30/, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Card activation' }).getByTestId('partial-note')).toHaveCount(0);
});
