import type { Page } from '@playwright/test';

/**
 * Picks a theme from the header. On a phone the header's controls fold behind "Menu" (issue 13,
 * finding 10), so the menu is opened first when the picker is not on screen.
 */
export async function chooseTheme(page: Page, theme: 'light' | 'dark' | 'system') {
  const picker = page.getByLabel('Theme');
  if (!(await picker.isVisible())) await page.locator('summary', { hasText: 'Menu' }).click();
  await picker.selectOption(theme);
}
