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
