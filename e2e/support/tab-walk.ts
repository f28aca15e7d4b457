import { expect, type Page } from '@playwright/test';

type Focus = { id: string; label: string; body: boolean; fields: boolean };

/**
 * Presses Tab from the top of the page until focus leaves the page (or comes back to where it
 * started) and checks the walk as a keyboard user meets it (issue 13, finding 9):
 * - focus moves on with every press (never stuck on one element),
 * - it never returns to an element it already left (a trap, like the chart marker that sent focus
 *   back to itself),
 * - it reaches the last focusable element of the page.
 * Returns the labels of the elements visited, in order.
 */
export async function tabWalk(page: Page, { max = 600 }: { max?: number } = {}): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    document.querySelectorAll('[data-tab-walk]').forEach((el) => el.removeAttribute('data-tab-walk'));
  });
  const seen: Focus[] = [];
  let repeats = 0;
  for (let press = 0; press < max; press += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(currentFocus, seen.length);
    if (focus.body) break; // left the page after its last element
    const previous = seen.at(-1);
    if (focus.id === previous?.id) {
      // A date field is one element with day, month and year inside: Tab visits each part.
      repeats += 1;
      expect(focus.fields && repeats < 4, `Tab is stuck on ${focus.label}`).toBe(true);
      continue;
    }
    repeats = 0;
    if (focus.id === seen[0]?.id) break; // wrapped round to the first element
    const earlier = seen.find((s) => s.id === focus.id);
    expect(earlier, `Tab went back from ${previous?.label} to ${focus.label}: a keyboard trap (after ${seen.length} presses)`).toBeUndefined();
    seen.push(focus);
    if (press === max - 1) throw new Error(`Tab did not leave the page after ${max} presses (last on ${focus.label})`);
  }
  const last = await page.evaluate(lastTabbable);
  if (last) {
    const reached = seen.some((s) => s.id === last.id) || seen.some((s) => s.label === last.label);
    expect(reached, `Tab never reached the page's last control, ${last.label} (last reached: ${seen.at(-1)?.label})`).toBe(true);
  }
  return seen.map((s) => s.label);
}

// Runs in the page: tags the focused element with an id so a revisit is recognised.
function currentFocus(counter: number): Focus {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) return { id: '', label: 'the page', body: true, fields: false };
  if (!el.dataset.tabWalk) el.dataset.tabWalk = String(counter);
  const name = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  const fields = el instanceof HTMLInputElement && ['date', 'time', 'datetime-local', 'month', 'week'].includes(el.type);
  return { id: el.dataset.tabWalk, label: `${el.tagName.toLowerCase()} "${name}"`, body: false, fields };
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
  // One radio button of a group takes focus: any of them counts.
  const name = (el.getAttribute('aria-label') || el.textContent || (el as HTMLInputElement).name || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return { id: el.dataset.tabWalk ?? '', label: `${el.tagName.toLowerCase()} "${name}"`, body: false, fields: false };
}
