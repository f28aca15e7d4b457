import { expect, test, type Page } from '@playwright/test';
import { chooseOwnPassword, DEMO, signIn } from './support/auth';
import { openEdit } from './support/manage';

// Issue 8, sessions: a form loaded while the session was valid, submitted after the session
// ended, is refused and writes nothing. Only refusals here: the demo data other specs assert on
// stays as it was (a person is added for the deactivation case).
const SLUG = 'orbit-wallet-harbor-bank';
const MILESTONE = 'Launch in Singapore';

async function milestoneState(page: Page) {
  const list = (await (await page.request.get(`/api/v1/partnerships/${SLUG}/milestones`)).json()).milestones as { title: string; version: number; dueOn: string | null }[];
  return list.find((m) => m.title === MILESTONE)!;
}

async function loadAndFill(page: Page) {
  await page.goto(`/partnerships/${SLUG}/manage`);
  await openEdit(page, 'milestone', MILESTONE);
  const form = page.getByRole('form', { name: `Update ${MILESTONE}` });
  await form.getByLabel(`Due date of ${MILESTONE}`).fill('2031-01-31');
  return form;
}

test('a person deactivated while their form is open: the save is refused, nothing is written, and what they typed stays', async ({ page, browser }) => {
  await signIn(page, DEMO.ADMIN);
  await page.goto('/admin/users');
  await page.getByLabel('Email', { exact: true }).fill('session.check@accord.local');
  await page.getByLabel('Name', { exact: true }).fill('Session Check');
  await page.getByLabel('Role', { exact: true }).selectOption('BUSINESS_DEVELOPMENT');
  await page.getByRole('button', { name: 'Add person' }).click();
  const password = await page.getByLabel(/Temporary password for session.check@accord.local/).inputValue();

  const theirs = await (await browser.newContext()).newPage();
  await signIn(theirs, 'session.check@accord.local', password);
  await chooseOwnPassword(theirs, password);
  const before = await milestoneState(theirs);
  const form = await loadAndFill(theirs);

  await page.reload();
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Deactivate session.check@accord.local' }).click();
  await expect(page.getByRole('row', { name: /session.check@accord.local/ })).toContainText('Deactivated');

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('Your session has ended, so this was not saved.');
  await expect(form.getByRole('link', { name: /Sign in again/ })).toHaveAttribute('href', `/sign-in?next=${encodeURIComponent(`/partnerships/${SLUG}/manage`)}`);
  await expect(form.getByLabel(`Due date of ${MILESTONE}`)).toHaveValue('2031-01-31');
  expect(await milestoneState(page)).toEqual(before);
  // The API refuses the same session too.
  expect((await theirs.request.get('/api/v1/me')).status()).toBe(401);
  await theirs.context().close();
});

test('signed out in another tab: the form loaded earlier cannot save, and nothing is written', async ({ page }) => {
  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  const before = await milestoneState(page);
  const form = await loadAndFill(page);

  const otherTab = await page.context().newPage();
  await otherTab.goto('/');
  await otherTab.getByRole('button', { name: 'Sign out' }).click();
  await expect(otherTab).toHaveURL(/\/sign-in\?signed-out=1/);

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('Your session has ended, so this was not saved.');
  await expect(form.getByLabel(`Due date of ${MILESTONE}`)).toHaveValue('2031-01-31');
  await signIn(otherTab, DEMO.BUSINESS_DEVELOPMENT);
  expect(await milestoneState(otherTab)).toEqual(before);
});
