import { expect, type Page } from '@playwright/test';

// One way to ask "does this page scroll sideways?". Charts (Recharts' ResponsiveContainer) and other
// measured widgets re-measure on a ResizeObserver after the viewport changes; on a busy machine a
// single read right after `setViewportSize` can still see the old width (CI saw 1227 px at 390).
// So the answer is polled until the layout settles, and a real overflow still fails after 10 s.
// tests/unit/e2e-layout-reads.test.ts keeps every spec on this helper.

export async function sidewaysOverflow(page: Page): Promise<{ scroll: number; client: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const culprits =
      root.scrollWidth <= limit
        ? []
        : [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > limit + 1 && !el.closest('.overflow-x-auto, .overflow-auto'))
            .slice(-3)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}`);
    return { scroll: root.scrollWidth, client: limit, culprits };
  });
}

/** Problems in words (empty when the page fits its width), after the layout has had time to settle. */
export async function sidewaysScrollProblems(page: Page, label = ''): Promise<string[]> {
  let last = await sidewaysOverflow(page);
  try {
    await expect
      .poll(async () => {
        last = await sidewaysOverflow(page);
        return last.scroll <= last.client;
      }, { timeout: 10_000 })
      .toBe(true);
    return [];
  } catch {
    return [`${label ? `${label}: ` : ''}scrolls sideways (${last.scroll} > ${last.client} px): ${last.culprits.join(', ')}`];
  }
}

export async function expectNoSidewaysScroll(page: Page, label = 'the page') {
  expect(await sidewaysScrollProblems(page, label)).toEqual([]);
}

/**
 * Numbers broken across lines ("67,244,97" then "7" in a phone's KPI card): every element set in
 * tabular figures whose text is a number (digits, separators, signs, %) must sit on one line.
 * Problems in words, empty when none.
 */
export async function brokenNumberProblems(page: Page, label = ''): Promise<string[]> {
  const broken = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => getComputedStyle(el).fontVariantNumeric.includes('tabular-nums') && el.getClientRects().length > 0)
      .map((el) => ({ el, text: (el.textContent ?? '').trim() }))
      .filter(({ text }) => text.length > 0 && text.length <= 24 && /^[-+−–\d.,\s%×]+$/u.test(text) && /\d/.test(text))
      .filter(({ el }) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        return tops.size > 1;
      })
      .map(({ el, text }) => `"${text}" in ${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}`),
  );
  return broken.map((b) => `${label ? `${label}: ` : ''}a number breaks across lines: ${b}`);
}
