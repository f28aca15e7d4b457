import { expect, test } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { chooseTheme } from './support/theme';

// Issue 12: business development opens a partnership from a template, edits its record and moves
// it along the stage graph; refusals say why and keep what was typed.
test('business development opens a partnership from a template, edits it and moves its stage', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  await page.goto('/partnerships/new');
  await expect(page.getByRole('heading', { name: 'New partnership' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New partnership' });

  // The web address follows the name until it is typed.
  await form.getByLabel('Name', { exact: true }).fill('Apple Pay × Alipay Hong Kong');
  await expect(form.getByLabel('Web address')).toHaveValue('apple-pay-alipay-hong-kong');
  await saveScreenshot(page, { path: 'test-results/screens/partnership-create.png', fullPage: true });
  await expectNoAxeViolations(page);

  // Refused: one party only, and a taken address. The refusal names the fields; nothing is lost.
  await form.getByLabel('Organization 1', { exact: true }).fill('Apple Inc.');
  await form.getByLabel('Role of organization 1').fill('Wallet platform');
  await form.getByRole('button', { name: 'Open partnership' }).click();
  await expect(form.getByRole('alert')).toContainText('at least two parties');
  await expect(form.getByLabel('Organization 1', { exact: true })).toHaveValue('Apple Inc.');
  await form.getByLabel('Web address').fill('apple-pay-alipay');
  await form.getByLabel('Organization 2', { exact: true }).fill('Ant Group (demo)');
  await form.getByLabel('Role of organization 2').fill('Payment provider');
  await form.getByRole('button', { name: 'Open partnership' }).click();
  await expect(form.getByRole('alert')).toContainText('"apple-pay-alipay" is already used');
  await saveScreenshot(page, { path: 'test-results/screens/partnership-create-refused.png', fullPage: true });

  // Accepted, from the Apple Pay × Alipay plan.
  await form.getByLabel('Web address').fill('apple-pay-alipay-hk');
  await form.getByLabel('Opened', { exact: true }).fill('2025-03-01');
  await form.getByLabel('Copy the plan of').selectOption('apple-pay-alipay');
  await form.getByRole('button', { name: 'Open partnership' }).click();
  await expect(page).toHaveURL(/\/partnerships\/apple-pay-alipay-hk/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Apple Pay × Alipay Hong Kong');
  await expect(page.getByText('Technical integration design (NFC wallet and QR acceptance)').first()).toBeVisible();

  // Edit the record: odd text is refused with a message, then a real edit is saved.
  await page.goto('/partnerships/apple-pay-alipay-hk/edit');
  const record = page.getByRole('form', { name: /^Edit / });
  // (The field stops at 200 characters; control characters get through the browser and are refused.)
  await record.getByLabel('Name', { exact: true }).fill('Bad\u0007name\u200f');
  await record.getByLabel('Summary').fill('z'.repeat(2000));
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(record.getByRole('alert')).toContainText('cannot contain control characters');
  await expect(record.getByLabel('Summary')).toHaveValue('z'.repeat(2000));
  await record.getByLabel('Name', { exact: true }).fill('Apple Pay × Alipay (Hong Kong)');
  await record.getByLabel('Target launch').fill('2027-06-30');
  await record.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved Apple Pay × Alipay (Hong Kong).' })).toBeVisible();

  // Stage: On hold needs a reason; the refusal says so; with a reason it moves and is in the history.
  const stage = page.getByRole('form', { name: 'Move to another stage' });
  await stage.getByLabel(/Move from Exploring to/).selectOption('ON_HOLD');
  await stage.getByRole('button', { name: 'Move to On hold' }).click();
  await expect(stage.getByRole('alert')).toContainText('Say why the partnership is put on hold');
  await stage.getByLabel(/Reason/).fill('Waiting for the mainland review to conclude.');
  await stage.getByRole('button', { name: 'Move to On hold' }).click();
  const history = page.getByTestId('stage-history');
  await expect(history.locator('li').first()).toContainText('Waiting for the mainland review to conclude.');
  await expect(history.locator('li')).toHaveCount(2);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/partnership-edit.png', fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, { path: 'test-results/screens/partnership-edit-390.png', fullPage: true });
  await chooseTheme(page, 'dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await saveScreenshot(page, { path: 'test-results/screens/partnership-edit-390-dark.png', fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/partnerships/new');
  await saveScreenshot(page, { path: 'test-results/screens/partnership-create-dark.png', fullPage: true });
  await expectNoAxeViolations(page);
  await chooseTheme(page, 'light');

  // Ended: it leaves the portfolio (other specs count the seeded four), and stays readable.
  await page.goto('/partnerships/apple-pay-alipay-hk/edit');
  const end = page.getByRole('form', { name: 'Move to another stage' });
  await end.getByLabel(/Move from On hold to/).selectOption('ENDED');
  await end.getByLabel(/Reason/).fill('Folded into the main Apple Pay × Alipay deal.');
  await end.getByRole('button', { name: 'Move to Ended' }).click();
  await expect(page.getByTestId('stage-history').locator('li').first()).toContainText('Folded into the main', { timeout: 20_000 });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Apple Pay × Alipay (Hong Kong)' })).toHaveCount(0);
  expect((await page.goto('/partnerships/apple-pay-alipay-hk'))?.status()).toBe(200);
});

test('executives cannot open or edit a partnership (403), and the API agrees', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE);
  for (const path of ['/partnerships/new', '/partnerships/apple-pay-alipay/edit']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
  }
  const origin = new URL(page.url()).origin;
  const api = await page.request.post('/api/v1/partnerships', { headers: { Origin: origin }, data: { name: 'Nope', openedOn: '2026-01-01', parties: [{ organization: 'A', role: 'B' }, { organization: 'C', role: 'D' }] } });
  expect(api.status()).toBe(403);
  expect((await api.json()).error).toMatch(/role does not allow/);
});

test('administrators keep the regions of a deal from its update page, and nothing else there', async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto('/partnerships/meridian-pay-sakura-transit');
  await page.getByRole('link', { name: 'Regions of this deal' }).click();
  await expect(page.getByRole('heading', { name: 'Regions of Meridian Pay × Sakura Transit' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add a region' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add a milestone' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
