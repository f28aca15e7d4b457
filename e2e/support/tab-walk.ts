import { expect, type Page } from '@playwright/test';

type Focus = { id: string; label: string; fields: boolean };
type Walker = { log: Focus[] };

/**
 * Presses Tab from the top of the page until focus comes back round to where it started and checks
 * the walk as a keyboard user meets it (issue 13, finding 9):
 * - focus moves on with every press (never stuck on one element; a date field's day, month and
 *   year parts count as one element),
 * - it never returns to an element it already left (a trap, like the chart marker that sent focus
 *   back to itself),
 * - it reaches the last focusable element of the page.
 * The page records each focus itself (a focusin listener), so Tab is pressed in batches without a
 * round trip per press. Returns the labels of the elements visited, in order.
 */
export async function tabWalk(page: Page, { max = 600, batch = 10 }: { max?: number; batch?: number } = {}): Promise<string[]> {
  await page.evaluate(startWalk);
  const press = await tabPresser(page);
  let presses = 0;
  let idle = 0;
  let seenCount = 0;
  while (presses < max) {
    await press(batch);
    presses += batch;
    const log = await page.evaluate(() => (window as unknown as { __tabWalk: Walker }).__tabWalk.log);
    const first = log[0];
    const wrapped = first ? log.findIndex((f, i) => i > 0 && f.id === first.id) : -1;
    const walk = wrapped > 0 ? log.slice(0, wrapped) : log;
    for (let i = 1; i < walk.length; i += 1) {
      const earlier = walk.findIndex((f) => f.id === walk[i]!.id);
      expect(earlier === i, `Tab went back from ${walk[i - 1]!.label} to ${walk[i]!.label}: a keyboard trap (press ${i + 1})`).toBe(true);
    }
    if (wrapped > 0) return finish(page, walk);
    if (log.length === seenCount) {
      const current = await page.evaluate(() => document.activeElement === document.body || document.activeElement === null);
      // Tab left the page (focus on the browser's own controls) and came back to nothing yet.
      if (current) return finish(page, log);
      idle += 1;
      const last = log.at(-1);
      expect(idle < 2 || !!last?.fields, `Tab is stuck on ${last?.label ?? 'the page'} (no focus change in ${batch} presses)`).toBe(true);
      expect(idle < 3, `Tab is stuck on ${last?.label}`).toBe(true);
    } else idle = 0;
    seenCount = log.length;
  }
  throw new Error(`Tab did not come back round after ${max} presses`);
}

/**
 * Presses Tab `count` times. In Chromium the key events go down one DevTools connection in order
 * without waiting for each answer (the browser still handles them one after another, as it does
 * a person's keys); elsewhere one press at a time.
 */
async function tabPresser(page: Page): Promise<(count: number) => Promise<void>> {
  if (page.context().browser()?.browserType().name() !== 'chromium') {
    return async (count) => {
      for (let i = 0; i < count; i += 1) await page.keyboard.press('Tab');
    };
  }
  const cdp = await page.context().newCDPSession(page);
  const key = { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };
  return async (count) => {
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < count; i += 1) {
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key }));
    }
    await Promise.all(sent);
  };
}

async function finish(page: Page, walk: Focus[]): Promise<string[]> {
  const last = await page.evaluate(lastTabbable);
  if (last) {
    const reached = walk.some((s) => s.id === last.id) || walk.some((s) => s.label === last.label);
    expect(reached, `Tab never reached the page's last control, ${last.label} (last reached: ${walk.at(-1)?.label})`).toBe(true);
  }
  return walk.map((s) => s.label);
}

// Runs in the page: from the top, with nothing focused, log every element that takes focus.
function startWalk() {
  (document.activeElement as HTMLElement | null)?.blur();
  window.scrollTo(0, 0);
  let counter = 0;
  const walker: Walker = { log: [] };
  (window as unknown as { __tabWalk: Walker }).__tabWalk = walker;
  document.querySelectorAll<HTMLElement>('[data-tab-walk]').forEach((el) => el.removeAttribute('data-tab-walk'));
  document.addEventListener('focusin', (event) => {
    const el = event.target as HTMLElement;
    if (!el.dataset.tabWalk) el.dataset.tabWalk = String((counter += 1));
    const name = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const fields = el instanceof HTMLInputElement && ['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type);
    walker.log.push({ id: el.dataset.tabWalk, label: `${el.tagName.toLowerCase()} "${name}"`, fields });
  }, true);
}

// Runs in the page: the last element in document order that Tab can reach.
function lastTabbable(): Focus | null {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"], audio[controls], video[controls]';
  const candidates = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
    if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
    if (!el.checkVisibility({ checkVisibilityCSS: true })) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  });
  const el = candidates.at(-1);
  if (!el) return null;
  // One radio button of a group takes focus: the label (its name) matches any of them.
  const name = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return { id: el.dataset.tabWalk ?? '', label: `${el.tagName.toLowerCase()} "${name}"`, fields: false };
}
