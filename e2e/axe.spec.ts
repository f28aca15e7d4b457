import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { axeFindings, WCAG_AA_TAGS } from './support/axe';

// The suite's axe runner (e2e/support/axe.ts) runs axe-core in the page instead of through
// @axe-core/playwright's analyze(), which is 3–4× slower per call. It must find what that finds:
// a runner that finds nothing would pass every page. These pages are written here, no app needed.

const BAD = `<!doctype html><html lang="en"><title>axe</title><body><main>
  <section id="bad"><p style="color:#bbb;background:#fff">Pale grey text on white</p>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20"><button></button></section>
  <section id="good"><p style="color:#111;background:#fff">Dark text on white</p><button>Named</button></section>
</main></body></html>`;

test('finds what @axe-core/playwright finds on a page with violations', async ({ page }) => {
  await page.setContent(BAD);
  const ours = (await axeFindings(page)).map((f) => f.id).sort();
  const theirs = (await new AxeBuilder({ page }).withTags(WCAG_AA_TAGS).analyze()).violations.map((v) => v.id).sort();
  expect(ours).toEqual(expect.arrayContaining(['button-name', 'color-contrast', 'image-alt']));
  expect(ours).toEqual(theirs);
});

test('runs one rule, and only inside the elements asked for', async ({ page }) => {
  await page.setContent(BAD);
  expect((await axeFindings(page, { rules: ['color-contrast'] })).map((f) => f.id)).toEqual(['color-contrast']);
  expect(await axeFindings(page, { include: '#good' })).toEqual([]);
  const inBad = await axeFindings(page, { include: '#bad', rules: ['color-contrast'] });
  expect(inBad.flatMap((f) => f.targets)).toEqual(['#bad > p']);
});
