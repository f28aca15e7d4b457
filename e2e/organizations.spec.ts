import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { chooseTheme } from './support/theme';

// Issue 12, items 5 and 6: organizations (BD), the region catalogue (admin), regions of a deal (BD).
// Serial: the catalogue region the administrator adds is the one business development then uses.
test.describe.configure({ mode: 'serial', timeout: 120_000 }); // long journeys on a shared 2-core machine

const SLUG = 'atlas-card-kestrel-wallet';
const ORG = 'Octopus Cards Limited';

/** 1440 px light, 390 px light, then 1440 px dark: the three screenshots every page gets. */
async function screens(page: Page, name: string) {
  await saveScreenshot(page, { path: `test-results/screens/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, { path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await chooseTheme(page, 'dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: `test-results/screens/${name}-dark.png`, fullPage: true });
  await chooseTheme(page, 'light');
  await expect(page.locator('html')).not.toHaveClass(/dark/);
}

test('business development adds an organization, edits it, and is refused deleting a party with the deal named', async ({ page }) => {
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
  await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  await expect(page.locator('tr[data-organization="Alibaba Group"]')).toContainText('Apple Pay × Alipay');

  const add = page.getByRole('form', { name: 'Add an organization' });
  await add.getByLabel('Name').fill(ORG);
  await add.getByLabel('Kind').selectOption('TRANSPORT');
  await add.getByLabel('Country (head office)').fill('hk');
  await add.getByLabel('Website').fill('https://www.octopus.com.hk');
  await add.getByRole('button', { name: 'Add organization' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${ORG}.` })).toBeVisible();
  const row = page.locator(`tr[data-organization="${ORG}"]`);
  await expect(row).toContainText('Transport operator');
  await expect(row).toContainText('Hong Kong SAR China');

  // The same name in other letters is refused, and what was typed stays.
  await add.getByLabel('Name').fill(ORG.toUpperCase());
  await add.getByRole('button', { name: 'Add organization' }).click();
  await expect(add.getByRole('alert')).toContainText(`An organization named "${ORG}" already exists`);
  await expect(add.getByLabel('Name')).toHaveValue(ORG.toUpperCase());
  // A bad website is named under its field.
  await add.getByLabel('Name').fill('Bad Website Ltd');
  await add.getByLabel('Website').fill('javascript:alert(1)');
  await add.getByRole('button', { name: 'Add organization' }).click();
  await expect(add.getByText('Use a web address starting with http:// or https://')).toBeVisible(); // under the field only
  await expect(add.getByLabel('Website')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await page.reload(); // a clean form for the screenshots
  await screens(page, 'organizations');

  // Edit it.
  await row.getByRole('link', { name: ORG }).click();
  await expect(page.getByRole('heading', { name: ORG, level: 1 })).toBeVisible();
  const edit = page.getByRole('form', { name: `Edit ${ORG}` });
  await edit.getByLabel('Kind').selectOption('PAYMENTS');
  await edit.getByLabel('Website').fill('https://www.octopus.com.hk/en');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved ${ORG}.` })).toBeVisible();
  await expect(page.getByText('Payments company · Hong Kong SAR China')).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/organizations-edit.png', fullPage: true });

  // A party to a deal cannot be deleted: the refusal names the deal.
  await page.goto('/organizations');
  await page.locator('tr[data-organization="Alibaba Group"]').getByRole('link', { name: 'Alibaba Group' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Alibaba Group' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'is a party' })).toContainText('Alibaba Group is a party to a partnership (Apple Pay × Alipay), so it cannot be deleted.');
  await saveScreenshot(page, { path: 'test-results/screens/organizations-delete-refused.png', fullPage: true });

  // One that is a party to nothing can be.
  await page.goto('/organizations');
  await page.locator(`tr[data-organization="${ORG}"]`).getByRole('link', { name: ORG }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Delete ${ORG}` }).click();
  await expect(page).toHaveURL(/\/organizations\?deleted=/);
  await expect(page.getByRole('status').filter({ hasText: `Deleted ${ORG}.` })).toBeVisible();
  await expect(page.locator(`tr[data-organization="${ORG}"]`)).toHaveCount(0);
});

test('an executive reads the organizations without edit controls', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE);
  await page.goto('/organizations');
  await expect(page.locator('tr[data-organization="Apple Inc."]')).toContainText('Apple Pay × Alipay');
  await expect(page.getByRole('form', { name: 'Add an organization' })).toHaveCount(0);
  expect((await page.goto('/admin/regions'))?.status()).toBe(403);
});

test('an administrator adds a catalogue region: an unknown time zone is refused, a listed one accepted', async ({ page }) => {
  await signIn(page, DEMO.ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByText('Administration', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Regions' }).click();
  await expect(page.getByRole('heading', { name: 'Regions', level: 1 })).toBeVisible();
  await expect(page.locator('li[data-region="US"]')).toContainText('has metric data');

  const add = page.getByRole('form', { name: 'Add a region' });
  await add.getByLabel('ISO code').fill('nz');
  await add.getByLabel('Name').fill('New Zealand');
  await add.getByLabel('Time zone (IANA)').fill('Pacific/Auckland_City');
  await add.getByRole('button', { name: 'Add region' }).click();
  await expect(add.getByText('Choose a time zone from the list')).toBeVisible();
  await expect(add.getByLabel('Name')).toHaveValue('New Zealand');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, { path: 'test-results/screens/regions-refused.png', fullPage: true });

  await add.getByLabel('Time zone (IANA)').fill('Pacific/Auckland');
  await add.getByRole('button', { name: 'Add region' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added New Zealand (NZ, Pacific/Auckland).' })).toBeVisible();
  await expect(page.locator('li[data-region="NZ"]')).toContainText('no partnerships');
  await screens(page, 'regions');
});

test('business development adds the region to a partnership (planned rollout), then removes it', async ({ page }) => {
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  await page.goto(`/partnerships/${SLUG}/manage`);
  const area = page.getByRole('region', { name: 'Regions' });
  await expect(area.locator('li[data-region="DE"]')).toContainText('Paused');

  const add = area.getByRole('form', { name: 'Add a region' });
  await add.getByLabel('Region').selectOption('NZ');
  await add.getByLabel('Planned launch (optional)').fill('2027-06-01');
  await add.getByRole('button', { name: 'Add region' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added New Zealand: its rollout is planned.' })).toBeVisible();
  await expect(area.locator('li[data-region="NZ"]')).toContainText('Planned');
  // The rollout list's row (issue 13: rows with edit panels): the region and its status badge.
  const nz = page.locator('li[data-rollout="NZ"]');
  await expect(nz).toContainText('New Zealand');
  await expect(nz).toContainText('Planned');
  await expectNoAxeViolations(page);
  await saveScreenshot(area, { path: 'test-results/screens/regions-manage.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(area, { path: 'test-results/screens/regions-manage-390.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  page.once('dialog', (dialog) => void dialog.accept());
  await area.getByRole('button', { name: 'Remove New Zealand' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Removed New Zealand from this partnership.' })).toBeVisible();
  await expect(area.locator('li[data-region="NZ"]')).toHaveCount(0);
  await expect(page.locator('li[data-rollout="NZ"]')).toHaveCount(0);
});

test('a region with metric values cannot be removed through the API; the answer says to withdraw it', async ({ page }) => {
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  // The session cookie authenticates; a state-changing request must come from our own origin (CSRF).
  const response = await page.request.delete('/api/v1/partnerships/apple-pay-alipay/regions/US', { headers: { origin: new URL(page.url()).origin } });
  expect(response.status()).toBe(409);
  expect(((await response.json()) as { error: string }).error).toMatch(/United States has .* for this partnership, so it cannot be removed\. Withdraw it instead/);
});
