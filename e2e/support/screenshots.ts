import type { Locator, Page } from '@playwright/test';

/**
 * Screenshots are for people to look at (every page at 1440 px, 390 px and in dark mode), not
 * assertions: nothing in the suite reads them back. A run a person starts saves them; a CI run
 * (CI=true), whose files nobody opens, skips them unless E2E_SCREENSHOTS=on. A full-page PNG costs
 * the browser 0.1–1.7 s of CPU (the API reference, 22,000 px tall, 1.7 s), and a run takes about
 * 250 of them (docs/decisions/010-test-suite.md, addendum 2026-12-04 b).
 */
export const SCREENSHOTS_ON = (process.env.E2E_SCREENSHOTS ?? (process.env.CI ? 'off' : 'on')) !== 'off';

/** `target.screenshot(options)`, when screenshots are on (above). The only place a spec takes one. */
export async function saveScreenshot(target: Page | Locator, options: { path: string; fullPage?: boolean }): Promise<void> {
  if (!SCREENSHOTS_ON) return;
  // eslint-disable-next-line no-restricted-syntax -- the one allowed call (eslint.config.mjs)
  await target.screenshot(options);
}
