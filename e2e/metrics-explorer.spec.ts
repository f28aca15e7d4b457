import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';

const SLUG = 'orbit-wallet-harbor-bank';
const VIEW = `/partnerships/${SLUG}/metrics?metric=cards_added,active_cards&region=GB,SG&from=2025-06-01&to=2025-08-31&granularity=week&mode=cumulative`;
type Row = { region: string; metric: string; period_start: string; value: number };

async function tableRows(page: Page): Promise<Row[]> {
  const cells = await page.locator('[data-testid="explorer-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!));
  return cells.map((c) => { const [region, metric, period_start, value] = c.split(','); return { region: region!, metric: metric!, period_start: period_start!, value: Number(value) }; });
}

async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

test('an analyst slices the metrics; chart, table, API and the three export files hold the same rows', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto(VIEW);
  await expect(page.getByRole('heading', { name: 'Metrics explorer' })).toBeVisible();
  const rows = await tableRows(page);
  // 14 ISO weeks touching Jun–Aug 2025 × 2 regions × 2 metrics.
  expect(rows.length).toBe(14 * 2 * 2);
  await expect(page.getByTestId('row-count')).toContainText(`${rows.length} rows in this view`);
  // The chart draws every row of the table: one point per row, per metric panel.
  await expect(page.getByTestId('chart-cards_added')).toHaveAttribute('data-points', String(rows.filter((r) => r.metric === 'cards_added').length));
  await expect(page.getByTestId('chart-active_cards')).toHaveAttribute('data-points', String(rows.filter((r) => r.metric === 'active_cards').length));
  await expect(page.getByTestId('chart-cards_added').locator('.recharts-line')).toHaveCount(2);

  const api = await (await page.request.get(`/api/v1/partnerships/${SLUG}/metrics?${VIEW.split('?')[1]}`)).json();
  expect(api.rows).toEqual(rows);
  // Cumulative: each region's cards added only grow.
  const gb = rows.filter((r) => r.metric === 'cards_added' && r.region === 'GB').map((r) => r.value);
  expect([...gb].sort((a, b) => a - b)).toEqual(gb);

  const csv = await download(page, 'export-csv');
  expect(csv.name).toBe(`${SLUG}_cards_added+active_cards_2025-06-01_2025-08-31_week_cumulative.csv`);
  const text = csv.bytes.toString();
  expect(text).toContain('# Regions: GB; SG');
  expect(text).toContain('# Values: Flows');
  expect(text).toMatch(/# As of: \d{4}-\d{2}-\d{2}T/);
  expect(text.trimEnd().split('\n').at(-1)).toBe(`# Rows: ${rows.length} (end of export)`);
  const csvRows = text.split('\n').filter((l) => l && !l.startsWith('#')).slice(1)
    .map((l) => { const [region, metric, period_start, value] = l.split(','); return { region, metric, period_start, value: Number(value) }; });
  expect(csvRows).toEqual(rows);

  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toMatch(/_cumulative\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheetRows: Row[] = [];
  workbook.getWorksheet('Metrics')!.eachRow((row, n) => {
    if (n > 1) sheetRows.push({ region: String(row.getCell(1).value), metric: String(row.getCell(2).value), period_start: (row.getCell(3).value as Date).toISOString().slice(0, 10), value: row.getCell(4).value as number });
  });
  expect(sheetRows).toEqual(rows);

  const json = await download(page, 'export-json');
  const body = JSON.parse(json.bytes.toString());
  expect(body.rows).toEqual(rows);
  expect(body.count).toBe(rows.length);
  expect(body.meta).toMatchObject({ partnership: SLUG, regions: ['GB', 'SG'], granularity: 'week', mode: 'cumulative', from: '2025-06-01', to: '2025-08-31' });

  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/metrics-explorer.png', fullPage: true });
});

test('the filters live in the URL: a view survives reload and can be shared; pages of the table follow', async ({ page }) => {
  await signIn(page, DEMO.ANALYST);
  await page.goto(`/partnerships/${SLUG}/metrics`);
  // Default: cards added, every region with data, last 90 days, daily.
  await expect(page.getByLabel('Granularity')).toHaveValue('day');
  await page.getByRole('checkbox', { name: /Transactions/ }).check();
  await page.getByLabel('Granularity').selectOption('month');
  await page.getByRole('radio', { name: 'Cumulative' }).check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/metric=cards_added&metric=transactions/);
  await expect(page).toHaveURL(/granularity=month/);
  await expect(page).toHaveURL(/mode=cumulative/);
  const before = await tableRows(page);
  expect(new Set(before.map((r) => r.metric))).toEqual(new Set(['cards_added', 'transactions']));
  await page.reload();
  expect(await tableRows(page)).toEqual(before);

  await page.getByRole('link', { name: 'All', exact: true }).click();
  await page.getByLabel('Granularity').selectOption('day');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('table-range')).toContainText('Rows 1–100 of');
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page.getByTestId('table-range')).toContainText('Rows 101–200 of');
  await expect(page).toHaveURL(/page=2/);
});

test('import: every problem is listed before anything is written; a clean file previews and imports; the same file again changes nothing', async ({ page }) => {
  const slug = 'atlas-card-kestrel-wallet';
  await signIn(page, DEMO.ANALYST);
  await page.goto(`/partnerships/${slug}/metrics/import`);
  await expect(page.getByRole('heading', { name: /Import metrics into/ })).toBeVisible();

  const bad = ['partnership,region,metric,date,value', `${slug},DE,cards_added,2001-01-01,5`, `${slug},ZZ,cards_added,2001-01-02,5`,
    `${slug},DE,cards_lost,2001-01-02,5`, `${slug},DE,cards_added,2001-02-30,5`, `${slug},DE,cards_added,2001-01-03,-4`, `${slug},DE,cards_added,2001-01-01,5`].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-problems-title')).toContainText('5 problems in bad.csv: nothing was imported');
  const problems = await page.getByTestId('import-problems').locator('tbody tr').allInnerTexts();
  expect(problems.map((p) => p.split('\t').slice(0, 2).join(':'))).toEqual(['3:region', '4:metric', '5:date', '6:value', '7:—']);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/metrics-import-problems.png', fullPage: true });

  const good = ['partnership,region,metric,date,value', `${slug},DE,cards_added,2001-01-01,5`, `${slug},DE,cards_added,2001-01-02,7`].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByTestId('import-preview')).toHaveText('good.csv: 2 rows, no problems');
  await saveScreenshot(page, { path: 'test-results/screens/metrics-import-preview.png', fullPage: true });
  await page.getByRole('button', { name: /Import 2 rows into/ }).click();
  await expect(page.getByTestId('import-result')).toHaveText('Imported 2 rows: 2 new, 0 changed, 0 unchanged.');

  const imported = await (await page.request.get(`/api/v1/partnerships/${slug}/metrics?metric=cards_added&region=DE&from=2001-01-01&to=2001-01-31`)).json();
  expect(imported.rows.map((r: Row) => r.value)).toEqual([5, 7]);

  // The same file again changes nothing.
  await page.getByRole('button', { name: 'Check file' }).click();
  await expect(page.getByText('Unchanged', { exact: true }).locator('..')).toContainText('2');
  await expect(page.getByTestId('import-all-unchanged')).toBeVisible();
  await page.getByRole('button', { name: /Import 2 rows into/ }).click();
  await expect(page.getByTestId('import-result')).toHaveText('Imported 2 rows: 0 new, 0 changed, 2 unchanged.');

  // Through the API, with a token-less session: the preview is a dry run and writes nothing.
  const dry = await page.request.post(`/api/v1/partnerships/${slug}/metrics/import?dry_run=1`, {
    headers: { 'content-type': 'text/csv', origin: new URL(page.url()).origin }, data: good.replace(',7', ',8'),
  });
  expect(await dry.json()).toMatchObject({ dryRun: true, committed: false, inserted: 0, updated: 1, unchanged: 1 });
  expect((await (await page.request.get(`/api/v1/partnerships/${slug}/metrics?metric=cards_added&region=DE&from=2001-01-02&to=2001-01-02`)).json()).rows[0].value).toBe(7);
});

test('an executive explores but cannot export or import; the server refuses, not just the page', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE);
  await page.goto(VIEW);
  await expect(page.getByText('Exports are for analysts.')).toBeVisible();
  await expect(page.getByTestId('export-csv')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Import a CSV' })).toHaveCount(0);
  expect((await page.request.get(`/api/v1/partnerships/${SLUG}/metrics?format=xlsx`)).status()).toBe(403);
  const response = await page.goto(`/partnerships/${SLUG}/metrics/import`);
  expect(response?.status()).toBe(403);
  const post = await page.request.post(`/api/v1/partnerships/${SLUG}/metrics/import?dry_run=1`, {
    headers: { 'content-type': 'text/csv', origin: new URL(page.url()).origin }, data: 'partnership,region,metric,date,value\n',
  });
  expect(post.status()).toBe(403);
});

test('a saved, shared view is in the menu at once, for its owner and for everyone else; deleted, it is gone for both', async ({ page, browser }) => {
  const name = `GB and SG weekly ${Date.now()}`;
  await signIn(page, DEMO.ANALYST);
  await page.goto(VIEW);
  const menu = (p: Page) => p.getByRole('group', { name: 'Saved views' });
  const open = async (p: Page) => {
    await p.locator('summary', { hasText: 'Saved views' }).click();
    await expect(menu(p)).toBeVisible();
  };
  await open(page);
  const form = page.getByTestId('save-view');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Share with everyone').check();
  await form.getByRole('button', { name: 'Save view' }).click();
  const mine = menu(page).getByTestId('saved-view').filter({ hasText: name });
  await expect(mine).toBeVisible();
  await expect(mine.getByText('Shared', { exact: true })).toBeVisible();

  // Another person, another browser: the shared view is listed with its owner's name.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, DEMO.EXECUTIVE);
  await other.goto(`/partnerships/${SLUG}/metrics`);
  await open(other);
  const theirs = menu(other).getByTestId('saved-view').filter({ hasText: name });
  await expect(theirs).toBeVisible();
  await expect(theirs.getByText('by Ana Lyst')).toBeVisible();
  await expectNoAxeViolations(other);
  await saveScreenshot(other, { path: 'test-results/screens/saved-views-shared.png' });
  await other.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(other, { path: 'test-results/screens/saved-views-shared-dark.png' });
  await other.emulateMedia({ colorScheme: 'light' });
  await other.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(other, { path: 'test-results/screens/saved-views-shared-390.png' });

  // Its owner deletes it: gone from their menu, and from the other person's on their next visit.
  await mine.locator('summary', { hasText: 'Edit' }).click();
  await mine.locator('summary', { hasText: 'Delete…' }).click();
  await mine.getByRole('button', { name: 'Delete view' }).click();
  await expect(menu(page).getByTestId('saved-view').filter({ hasText: name })).toHaveCount(0);
  await other.reload();
  await open(other);
  await expect(menu(other).getByTestId('saved-view').filter({ hasText: name })).toHaveCount(0);
  await other.context().close();
});
