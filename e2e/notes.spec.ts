import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';

const SLUG = 'apple-pay-alipay';
const PBOC = "People's Bank of China";
// A small real PDF (one page): what a regulator's licence scan would be, named as people name files.
const LICENCE = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' + 'licence '.repeat(4000),
);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
test.describe.configure({ timeout: 120_000 });

test('business development discusses a checkpoint with an @mention; the executive reads it in the review list and the activity feed', async ({ browser }) => {
  const bd = await (await browser.newContext()).newPage();
  await signIn(bd, DEMO.BUSINESS_DEVELOPMENT, undefined, `/partnerships/${SLUG}`);
  await bd.getByRole('region', { name: 'Regulatory board' }).getByRole('link', { name: PBOC }).click();
  await expect(bd.getByRole('heading', { level: 1 })).toContainText(PBOC);

  // The licence PDF as evidence, with its expiry: listed with its type, size and expiry.
  const upload = bd.getByRole('form', { name: 'Upload evidence' });
  await upload.getByLabel('Evidence file').setInputFiles({ name: 'PBOC licence – 2026.pdf', mimeType: 'application/pdf', buffer: LICENCE });
  await upload.getByLabel(/Evidence expires on/).fill('2029-06-30');
  await upload.getByRole('button', { name: 'Upload evidence' }).click();
  await expect(upload.getByRole('status')).toHaveText('Uploaded “PBOC licence – 2026.pdf”.');
  const listed = bd.getByRole('region', { name: 'Evidence documents' }).locator('[data-document="PBOC licence – 2026.pdf"]');
  await expect(listed).toContainText('PDF');
  await expect(listed).toContainText('Expires 30 Jun 2029');
  await expect(bd.locator('dt', { hasText: /^Evidence expires$/ }).locator('xpath=following-sibling::dd')).toHaveText('30 Jun 2029');
  // An executable named .pdf is refused with the reason, and nothing is listed.
  await upload.getByLabel('Evidence file').setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 1)]) });
  await upload.getByRole('button', { name: 'Upload evidence' }).click();
  await expect(upload.getByRole('status')).toContainText('which Accord does not accept');
  await expect(bd.locator('[data-document="licence.pdf"]')).toHaveCount(0);

  // Typing "@e" suggests people, Erin among them but not first; "ri" typed next narrows the list at
  // once, so Enter inserts Erin's address even while the server's answer for "@eri" is on its way
  // (held here: Enter once inserted the first person of the "@e" list).
  const field = bd.getByLabel('Add a note');
  await field.click();
  await field.pressSequentially('Licence filed. **Fees agreed** with @e');
  const suggestions = bd.getByRole('listbox', { name: 'People to mention' });
  await expect(suggestions.getByRole('option', { name: /Erin Executive/ })).toBeVisible();
  await expect(suggestions.getByRole('option').first()).not.toContainText('Erin Executive');
  const people = /\/api\/v1\/people\?q=er/;
  let answer!: () => void;
  const held = new Promise<void>((resolve) => (answer = resolve));
  await bd.route(people, async (route) => {
    await held;
    await route.continue().catch(() => undefined); // the "@er" request, aborted by the next letter
  });
  await field.pressSequentially('ri');
  await expect(suggestions.getByRole('option').first()).toContainText('Erin Executive');
  await expect(field).toHaveAttribute('aria-activedescendant', /.+/);
  await field.press('Enter');
  answer();
  await bd.unroute(people);
  await expect(field).toHaveValue('Licence filed. **Fees agreed** with @executive@accord.local ');
  await expect(suggestions).toBeHidden();
  await field.pressSequentially('please confirm.');
  await field.press('Control+Enter');

  const note = bd.getByTestId('note').filter({ hasText: 'Licence filed.' });
  await expect(note).toBeVisible();
  await expect(note.locator('strong')).toHaveText('Fees agreed');
  await expect(note.locator('[data-mention="executive@accord.local"]')).toHaveText('@Erin Executive');
  await expect(field).toHaveValue(''); // cleared once saved
  await expectNoAxeViolations(bd);

  // Hostile markup through the form comes out inert: no script runs, no javascript: link, no image.
  let dialogs = 0;
  bd.on('dialog', (d) => { dialogs += 1; void d.dismiss(); });
  await field.fill('Try [this](javascript:alert(1)) and <img src=x onerror=alert(2)> and <script>alert(3)</script>');
  await bd.getByRole('button', { name: 'Add note' }).click();
  const hostile = bd.getByTestId('note').filter({ hasText: 'Try this' });
  await expect(hostile).toBeVisible();
  await expect(hostile.locator('a')).toHaveCount(0);
  await expect(hostile.locator('img, script')).toHaveCount(0);
  expect(dialogs).toBe(0);

  // An address nobody has is refused in words, and what was typed stays.
  await field.fill('Ask @nobody@nowhere.example');
  await bd.getByRole('button', { name: 'Add note' }).click();
  await expect(bd.getByTestId('note-composer').getByRole('alert')).toContainText('Nobody in Accord has the address nobody@nowhere.example');
  await expect(field).toHaveValue('Ask @nobody@nowhere.example');

  // The executive sees it in "since your last review" and in the activity feed, and cannot edit it.
  const exec = await (await browser.newContext()).newPage();
  await signIn(exec, DEMO.EXECUTIVE, undefined, `/partnerships/${SLUG}?since=2014-01-01`);
  await expect(exec.getByRole('region', { name: 'Since your last review' })).toContainText(`Note on ${PBOC}`);
  await exec.getByRole('link', { name: 'All notes and activity' }).click();
  const item = exec.locator('[data-activity="note"]').filter({ hasText: 'Licence filed.' });
  await expect(item).toContainText('Blake Dev');
  await expect(item.getByRole('link', { name: new RegExp(PBOC) })).toBeVisible();
  await expect(item.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expectNoAxeViolations(exec);

  // Ctrl+K from any page: a word of the note (misspelt) opens the checkpoint at the note…
  await exec.keyboard.press('Control+k');
  const palette = exec.getByRole('dialog', { name: 'Search Accord' });
  await palette.getByRole('combobox').fill('licence fild');
  const noteHit = palette.getByRole('option').filter({ hasText: 'note by Blake Dev' }).first();
  await expect(noteHit).toBeVisible();
  await noteHit.click();
  await expect(exec).toHaveURL(/\/checkpoints\/[^/]+#note-/);
  await expect(exec.getByRole('heading', { level: 1 })).toContainText(PBOC);
  // …and the licence by its name downloads the very bytes business development uploaded.
  await exec.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('PBOC licnce');
  const fileHit = palette.getByRole('option').filter({ hasText: 'PBOC licence – 2026.pdf' });
  await expect(fileHit).toBeVisible();
  await expectNoAxeViolations(exec, '[aria-label="Search Accord"]');
  const [download] = await Promise.all([exec.waitForEvent('download'), fileHit.click()]);
  expect(download.suggestedFilename()).toBe('PBOC licence – 2026.pdf');
  expect(sha256(readFileSync(await download.path()))).toBe(sha256(LICENCE));
  // The same from the checkpoint's own list.
  await exec.keyboard.press('Escape');
  const [again] = await Promise.all([exec.waitForEvent('download'), exec.getByRole('link', { name: 'Download PBOC licence – 2026.pdf' }).click()]);
  expect(sha256(readFileSync(await again.path()))).toBe(sha256(LICENCE));
  // Enter while the answer for what was just typed is on its way (held here) opens the results page
  // for those words, not the first row of the previous answer still listed (the licence's download).
  await exec.keyboard.press('Control+k');
  await expect(palette.getByRole('option').filter({ hasText: 'PBOC licence – 2026.pdf' })).toBeVisible();
  const searches = '**/api/v1/search?**';
  let searched!: () => void;
  const waiting = new Promise<void>((resolve) => (searched = resolve));
  await exec.route(searches, async (route) => {
    await waiting;
    await route.continue().catch(() => undefined);
  });
  await palette.getByRole('combobox').fill('licence fees');
  await palette.getByRole('combobox').press('Enter');
  await expect(exec).toHaveURL(/\/search\?q=licence%20fees$/);
  searched();
  await exec.unroute(searches);
  await expect(exec.getByRole('heading', { level: 1 })).toBeVisible();
  await bd.context().close();
  await exec.context().close();
});

test('an executive writes, edits and deletes a note on the deal from the dashboard', async ({ page }) => {
  await signIn(page, DEMO.EXECUTIVE, undefined, `/partnerships/${SLUG}`);
  const notes = page.getByRole('region', { name: 'Notes on the deal' });
  const text = `Board asked for the CN date ${Date.now()}`;
  await notes.getByLabel('Add a note').fill(`${text}\n\n- first\n- second`);
  await notes.getByRole('button', { name: 'Add note' }).click();
  const note = notes.getByTestId('note').filter({ hasText: text });
  await expect(note.getByRole('listitem')).toHaveText(['first', 'second']);

  await note.getByRole('button', { name: 'Edit' }).click();
  const edit = note.getByLabel('Edit the note');
  await expect(edit).toBeFocused();
  await edit.fill(`${text} (confirmed)`);
  await note.getByRole('button', { name: 'Save note' }).click();
  await expect(note).toContainText('(confirmed)');
  await expect(note).toContainText('edited');

  await note.getByRole('button', { name: 'Delete' }).click();
  await note.getByRole('button', { name: 'Delete note' }).click();
  await expect(notes.getByTestId('note').filter({ hasText: text })).toHaveCount(0);
});
