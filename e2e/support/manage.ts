import { expect, type Locator, type Page } from '@playwright/test';

type Kind = 'milestone' | 'checkpoint' | 'rollout';

/** A row of /partnerships/<slug>/manage: `key` is the milestone title, the regulator or the region code. */
export function manageRow(page: Page, kind: Kind, key: string): Locator {
  return page.locator(`li[data-${kind}="${key}"]`);
}

/** The row's Edit control (a disclosure: the row's summary line). */
export function editControl(page: Page, kind: Kind, key: string): Locator {
  return manageRow(page, kind, key).locator('summary').first();
}

/** Opens the row's edit panel (closing any other) and returns the row. */
export async function openEdit(page: Page, kind: Kind, key: string): Promise<Locator> {
  const row = manageRow(page, kind, key);
  const details = row.locator('details').first();
  if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await editControl(page, kind, key).click();
  await expect(details).toHaveJSProperty('open', true);
  return row;
}

/**
 * Clicks `button` in the row's open edit panel and waits for the panel to close, which it does only
 * after a successful save. Waiting on the toast alone is not enough when the same row is saved twice
 * in a row: the first save's "Saved …" can still be on screen when the second is clicked.
 */
export async function saveEdit(page: Page, kind: Kind, key: string, button = 'Save') {
  const details = manageRow(page, kind, key).locator('details').first();
  await details.getByRole('button', { name: button, exact: true }).click();
  await expect(details).toHaveJSProperty('open', false, { timeout: 30_000 });
}
