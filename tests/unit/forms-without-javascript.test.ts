import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx$/.test(name) ? [path] : [];
  });
}

// A form that only has onSubmit falls back, before React has loaded (or without JavaScript), to a
// native GET of the current address: what was typed lands in the URL and is lost (a note typed
// quickly after opening a checkpoint did exactly that). Every form driven by a server action
// (useActionForm / useActionState) also names the action, so the browser posts it either way.
describe('forms of server actions work before the page has loaded its JavaScript', () => {
  const files = [...sources(join(ROOT, 'components')), ...sources(join(ROOT, 'app'))]
    .map((path) => [relative(ROOT, path), readFileSync(path, 'utf8')] as const)
    .filter(([, text]) => /useActionForm\(|useActionState\(/.test(text));

  it('finds the forms on disk', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const [file, text] of files) {
    it(file, () => {
      const tags = [...text.matchAll(/<form\b[^>]*>/g)].map((m) => m[0]);
      expect(tags.filter((tag) => !/\baction=\{/.test(tag))).toEqual([]);
    });
  }
});
