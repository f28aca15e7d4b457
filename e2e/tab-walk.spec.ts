import { expect, test } from '@playwright/test';
import { tabWalk } from './support/tab-walk';

// The screen suite's Tab walk must fail on the traps it is there to catch (issue 13, finding 9):
// a check that cannot fail is no check. These pages are written in the test, no app needed.

const page3 = (body: string) => `<!doctype html><html lang="en"><title>walk</title><body>${body}</body></html>`;

test('walks every control from top to bottom', async ({ page }) => {
  await page.setContent(page3('<a href="#a">First</a><button>Second</button><input aria-label="Third"><button>Last</button>'));
  expect(await tabWalk(page)).toEqual(['a "First"', 'button "Second"', 'input "Third"', 'button "Last"']);
});

test('fails on a widget that keeps the focus (the chart marker of finding 9)', async ({ page }) => {
  await page.setContent(page3(`<button>Before</button><button id="trap">Marker</button><button>After</button>
    <script>document.getElementById('trap').addEventListener('keydown', (e) => { if (e.key === 'Tab') e.preventDefault(); });</script>`));
  await expect(tabWalk(page)).rejects.toThrow(/stuck on button "Marker"/);
});

test('fails on focus sent back to a control already left', async ({ page }) => {
  await page.setContent(page3(`<button>One</button><button id="two">Two</button><button id="three">Three</button><button>Four</button>
    <script>document.getElementById('three').addEventListener('keydown', (e) => {
      if (e.key === 'Tab') { e.preventDefault(); document.getElementById('two').focus(); }
    });</script>`));
  await expect(tabWalk(page)).rejects.toThrow(/keyboard trap/);
});

test('fails when focus goes round before the last control', async ({ page }) => {
  await page.setContent(page3(`<button id="one">One</button><button id="two">Two</button><button>Three</button>
    <script>document.getElementById('two').addEventListener('keydown', (e) => {
      if (e.key === 'Tab') { e.preventDefault(); document.getElementById('one').focus(); }
    });</script>`));
  await expect(tabWalk(page)).rejects.toThrow(/never reached the page's last control, button "Three"/);
});
