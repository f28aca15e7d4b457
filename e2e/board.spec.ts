import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { chooseTheme } from './support/theme';

// The pipeline board (issue 12, item 4) and the archive (item 8). Every test leaves the demo
// partnerships in their seeded stages, as other specs read them.
const MERIDIAN = 'meridian-pay-sakura-transit';
const MERIDIAN_NAME = 'Meridian Pay × Sakura Transit';
const ATLAS = 'atlas-card-kestrel-wallet';

const column = (page: Page, stage: string) => page.locator(`section[data-stage="${stage}"]`);
const card = (page: Page, slug: string) => page.locator(`[data-card="${slug}"]`);

async function moveWithForm(page: Page, slug: string, to: string, fields: { reason?: string; signedOn?: string } = {}) {
  const c = card(page, slug);
  await c.getByText('Move to…').click();
  const form = c.getByRole('form');
  await form.getByLabel('Stage').selectOption(to);
  if (fields.reason) await form.getByLabel(/Reason/).fill(fields.reason);
  if (fields.signedOn) await form.getByLabel(/Signing date/).fill(fields.signedOn);
  await form.getByRole('button', { name: 'Move' }).click();
}

test.describe.configure({ timeout: 120_000 });

test.describe('the board as business development', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  });

  test('moves a card by keyboard; a move that needs a reason asks for it, a known signing date is not asked again', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Board' }).click();
    await expect(page).toHaveURL(/\?view=board$/);
    await expect(page.getByRole('link', { name: 'Board' })).toHaveAttribute('aria-current', 'page');
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();
    await expect(card(page, MERIDIAN)).toContainText(/\d+ days? in stage/);
    await expect(column(page, 'ENDED')).toHaveCount(0);

    // Integrating -> Launched: Tab/Enter only. The demo records Meridian's signing date, so the form does not ask for it.
    const c = card(page, MERIDIAN);
    await c.getByText('Move to…').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const form = c.getByRole('form', { name: `Move ${MERIDIAN_NAME}` });
    await expect(form.getByLabel('Stage')).toBeFocused();
    await expect(form.getByLabel(/Reason/)).toHaveCount(0);
    await form.getByLabel('Stage').selectOption('LAUNCHED');
    await expect(form.getByLabel(/Signing date/)).toBeHidden();
    await form.getByRole('button', { name: 'Move' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText(`${MERIDIAN_NAME} moved to Launched.`)).toBeVisible();
    await expect(column(page, 'LAUNCHED').locator(card(page, MERIDIAN))).toBeVisible();
    await expect(card(page, MERIDIAN)).toBeFocused();
    await expect(card(page, MERIDIAN)).toContainText('0 days in stage');

    // Launched -> On hold needs a reason: the form requires it before anything is sent.
    await card(page, MERIDIAN).getByText('Move to…').click();
    const again = card(page, MERIDIAN).getByRole('form');
    await expect(again.getByLabel('Stage').locator('option:not([disabled])')).toHaveText(['On hold', 'Ended']);
    await again.getByLabel('Stage').selectOption('ON_HOLD');
    await expect(again.getByLabel(/Reason/)).toHaveAttribute('required', '');
    await again.getByLabel(/Reason/).fill('Waiting for the transit authority');
    await again.getByRole('button', { name: 'Move' }).press('Enter');
    await expect(column(page, 'ON_HOLD').locator(card(page, MERIDIAN))).toBeVisible();

    // Resume where it was, with a reason (the graph allows up to the stage it left).
    await moveWithForm(page, MERIDIAN, 'INTEGRATING', { reason: 'Back to the integration plan for this test' });
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('moves a card by drag and drop; a refused drop says why and the card stays', async ({ page }) => {
    await page.goto('/?view=board');
    // Integrating -> Exploring is not in the graph: the server refuses and says where it can go.
    await card(page, MERIDIAN).dragTo(column(page, 'EXPLORING'));
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toContainText(`${MERIDIAN_NAME} stayed in Integrating.`);
    await expect(alert).toContainText('A partnership cannot move from Integrating to Exploring. From Integrating it can move to: Launched, On hold, Ended.');
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();
    await expect(column(page, 'EXPLORING').locator(card(page, MERIDIAN))).toHaveCount(0);

    // A drop that needs a reason opens the card's form at that stage, with the reason focused.
    await card(page, MERIDIAN).dragTo(column(page, 'ON_HOLD'));
    const form = card(page, MERIDIAN).getByRole('form');
    await expect(form.getByLabel('Stage')).toHaveValue('ON_HOLD');
    await expect(form.getByLabel(/Reason/)).toBeFocused();
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible(); // nothing moved yet
    await page.keyboard.type('Partner reorganisation');
    await form.getByRole('button', { name: 'Move' }).click();
    await expect(column(page, 'ON_HOLD').locator(card(page, MERIDIAN))).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);

    await card(page, MERIDIAN).dragTo(column(page, 'INTEGRATING'));
    await card(page, MERIDIAN).getByLabel(/Reason/).fill('Reorganisation done');
    await card(page, MERIDIAN).getByRole('button', { name: 'Move' }).click();
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();
  });

  test('archives an ended partnership: off the default board and table, shown by the filter, still readable and exportable', async ({ page, browser }) => {
    await page.goto('/?view=board');
    await moveWithForm(page, ATLAS, 'ENDED', { reason: 'Partner withdrew (board e2e)' });
    await expect(page.getByText('Atlas Card × Kestrel Wallet moved to Ended.')).toBeVisible();
    await expect(card(page, ATLAS)).toHaveCount(0);
    await expect(page.getByText(/^3 partnerships ·/)).toBeVisible();

    await page.getByLabel('Include ended').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/view=board/);
    await expect(page).toHaveURL(/show=ended/);
    await expect(column(page, 'ENDED').locator(card(page, ATLAS))).toContainText('Closed');
    await expect(page.getByText(/· 1 ended$/)).toBeVisible();
    await saveScreenshot(page, { path: 'test-results/screens/board-archive.png', fullPage: true });

    await page.getByRole('link', { name: 'Table' }).click();
    await expect(page).toHaveURL(/show=ended/);
    await expect(page).not.toHaveURL(/view=/);
    await expect(page.locator(`tr[data-partnership="${ATLAS}"]`)).toContainText('Ended');
    await page.goto('/');
    await expect(page.locator(`tr[data-partnership="${ATLAS}"]`)).toHaveCount(0);
    await page.goto('/?stage=ENDED');
    await expect(page.locator('tbody tr')).toHaveCount(1);

    // Readable and exportable: the dashboard and the analyst's export still answer.
    const dashboard = await page.goto(`/partnerships/${ATLAS}`);
    expect(dashboard?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: /Atlas Card × Kestrel Wallet/ })).toBeVisible();
    const analyst = await browser.newPage();
    await signIn(analyst, DEMO.ANALYST);
    const csv = await analyst.request.get(`/api/v1/partnerships/${ATLAS}/metrics?format=csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    await analyst.close();

    // Reopen and put it back on hold, as seeded.
    await page.goto('/?view=board&show=ended');
    await moveWithForm(page, ATLAS, 'EXPLORING', { reason: 'Reopened by the board e2e' });
    await expect(column(page, 'EXPLORING').locator(card(page, ATLAS))).toBeVisible();
    await moveWithForm(page, ATLAS, 'ON_HOLD', { reason: 'Back on hold, as seeded' });
    await expect(column(page, 'ON_HOLD').locator(card(page, ATLAS))).toBeVisible();
  });

  test('looks right at 1440 px, on a phone and in dark mode', async ({ page }) => {
    await page.goto('/?view=board');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, { path: 'test-results/screens/board-1440.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(column(page, 'EXPLORING')).toBeVisible();
    await saveScreenshot(page, { path: 'test-results/screens/board-390.png', fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await chooseTheme(page, 'dark');
    await expect(page.locator('html')).toHaveClass(/dark/);
    await card(page, MERIDIAN).getByText('Move to…').click();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, { path: 'test-results/screens/board-dark.png', fullPage: true });
    await chooseTheme(page, 'light');
  });
});

test('an executive sees the board read-only', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE);
  await page.goto('/?view=board');
  await expect(card(page, MERIDIAN)).toBeVisible();
  await expect(page.getByText('Move to…')).toHaveCount(0);
  await expect(page.getByRole('form', { name: /^Move / })).toHaveCount(0);
  await expect(card(page, MERIDIAN)).not.toHaveAttribute('draggable', 'true');
  await expect(card(page, MERIDIAN).getByRole('link', { name: MERIDIAN_NAME })).toHaveAttribute('href', `/partnerships/${MERIDIAN}`);
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the card form posts to the stage action; a refusal is explained and the card stays', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO.BUSINESS_DEVELOPMENT);
    await page.getByLabel('Password').fill('accord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/?view=board');

    // On hold without a reason: the server refuses, the page says why, the card stays.
    await moveWithForm(page, MERIDIAN, 'ON_HOLD');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Say why the partnership is put on hold.');
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();

    await moveWithForm(page, MERIDIAN, 'ON_HOLD', { reason: 'Checked without JavaScript' });
    await expect(column(page, 'ON_HOLD').locator(card(page, MERIDIAN))).toBeVisible();
    await moveWithForm(page, MERIDIAN, 'INTEGRATING', { reason: 'Resumed without JavaScript' });
    await expect(column(page, 'INTEGRATING').locator(card(page, MERIDIAN))).toBeVisible();
  });
});
