import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';

// The dashboard's stage header, stage history and stage moves on the chart (issue 12, items 3 and
// 11), on the seeded Apple Pay × Alipay. Read-only: the e2e database is shared with other specs.
const DASHBOARD = '/partnerships/apple-pay-alipay';

async function scrollToChart(page: Page) {
  // The chart loads when it nears the viewport (components/charts/activation-chart-island.tsx).
  await page.getByRole('heading', { name: 'Card activation' }).scrollIntoViewIfNeeded();
  await expect(page.getByTestId('activation-chart').locator('svg').first()).toBeVisible();
}

test.describe('stage history on the dashboard', () => {
  test.describe.configure({ timeout: 60_000 }); // the dashboard and axe are slow on two shared cores
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO.EXECUTIVE);
  });

  test('shows the time in the current stage and the story, newest first, older moves behind "Show all"', async ({ page }) => {
    await page.goto(DASHBOARD);
    const age = page.getByTestId('stage-age');
    await expect(age).toContainText(/^\d{1,3} days in this stage/);
    await expect(age).toContainText(/since \d{1,2} \w{3} 2026/);
    await age.getByRole('link').click();
    await expect(page).toHaveURL(/#stage-history$/);

    const section = page.getByRole('region', { name: 'Stage history' });
    await expect(section).toContainText('4 stage moves since the partnership was opened on 27 Oct 2014');
    await expect(section).toContainText('Demo data');
    const moves = section.locator('li[data-stage-move]');
    await expect(moves.first()).toHaveAttribute('data-stage-move', 'EXPLORING>NEGOTIATING');
    await expect(moves.first()).toContainText('Scope agreed');
    await expect(moves.first()).toContainText(/By Blake Dev · current stage, \d+ days/);
    await expect(moves.nth(2)).toHaveAttribute('data-stage-move', 'NEGOTIATING>ON_HOLD');
    await expect(moves.nth(2)).toContainText(/Regulatory climate/);
    await expect(moves.nth(2)).toContainText(/days \(about 1\d years\) in On hold/);

    const opened = section.locator('li[data-stage-move="OPENED>EXPLORING"]');
    await expect(opened).toBeHidden();
    await section.getByText('Show all 5 entries (2 older)').click();
    await expect(opened).toBeVisible();
    await expect(opened).toContainText('27 Oct 2014');
    await expect(opened).toContainText('Laguna Beach');
    await expectNoAxeViolations(page);
  });

  test('draws stage moves on the activation chart and lists them under it', async ({ page }) => {
    await page.goto(`${DASHBOARD}?range=all`);
    const listed = page.locator('li[data-event-kind="stage"]');
    await expect(listed).toHaveCount(5);
    await expect(listed.filter({ hasText: 'Stage: Negotiating → On hold' })).toContainText('15 Jun 2015');
    await scrollToChart(page);
    const stageOnly = page.locator('[data-testid="event-marker"][data-kinds="stage"]');
    await expect(stageOnly.first()).toBeVisible();
    await stageOnly.first().hover();
    await expect(page.getByTestId('event-tooltip')).toContainText('Stage: Exploring → Negotiating');
    await expect(page.getByTestId('event-marker').and(page.locator('[data-kinds~="stage"]'))).toHaveCount(5);
    await expect(page.getByText('Stage move', { exact: true })).toBeVisible(); // the legend
    await expectNoAxeViolations(page);
  });

  test('lists the stage moves in "since your last review" when the review reaches back to them', async ({ page }) => {
    await page.goto(`${DASHBOARD}?since=2026-01-01`);
    const items = page.getByTestId('review-items');
    await expect(items).toContainText('Stage Exploring → Negotiating (Scope agreed');
    await expect(items).toContainText('Stage On hold → Exploring (Reopened:');
  });

  test('works without JavaScript: the history opens with "Show all"', async ({ page: signedIn, browser, baseURL }) => {
    // The session of the signed-in page, in a browser with scripts off.
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL, storageState: await signedIn.context().storageState() });
    const page = await context.newPage();
    await page.goto(DASHBOARD);
    await expect(page.getByTestId('stage-age')).toContainText('days in this stage');
    const section = page.getByRole('region', { name: 'Stage history' });
    await section.getByText(/Show all 5 entries/).click();
    await expect(section.locator('li[data-stage-move="OPENED>EXPLORING"]')).toBeVisible();
    await context.close();
  });

  test('screenshots: wide, phone and dark', async ({ page, context, baseURL }) => {
    test.setTimeout(120_000); // three full-page renders and an axe pass on two shared cores
    const section = page.getByRole('region', { name: 'Stage history' });
    const shoot = async (name: string) => {
      await section.getByText(/Show all/).click();
      await saveScreenshot(page, { path: `test-results/screens/stage-history-${name}.png`, fullPage: true });
      await saveScreenshot(page.locator('header').filter({ has: page.getByTestId('stage-age') }), { path: `test-results/screens/stage-history-${name}-header.png` });
      await saveScreenshot(section, { path: `test-results/screens/stage-history-${name}-section.png` });
    };
    await page.goto(DASHBOARD);
    await shoot('1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await shoot('390');
    await page.setViewportSize({ width: 1440, height: 900 });
    await context.addCookies([{ name: 'accord-theme', value: 'dark', url: baseURL! }]);
    await page.goto(`${DASHBOARD}?range=all`);
    await expect(page.locator('html')).toHaveClass(/dark/);
    await scrollToChart(page);
    await saveScreenshot(page.getByTestId('activation-chart'), { path: 'test-results/screens/stage-history-dark-chart.png' });
    await shoot('dark');
    await expectNoAxeViolations(page);
  });
});
