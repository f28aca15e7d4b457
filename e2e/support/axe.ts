import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

/**
 * axe-core run inside the page, injected once per document (docs/decisions/010-test-suite.md).
 *
 * `@axe-core/playwright`'s `analyze()` injects axe into every frame on each call and then opens a
 * blank page to merge the frames' partial results: 1–2 s of fixed cost per call on this machine
 * (the audit page: 1.1 s through it, 0.1 s here), some 140 calls per suite. Accord has no frames,
 * so `axe.run` in the page gives the same findings for the same rules.
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type AxeFinding = { id: string; impact: string | null; help: string; targets: string[] };

type AxeOptions = {
  /** Only these rules (e.g. `['color-contrast']` after a change of colours or width alone). */
  rules?: string[];
  /** A CSS selector: only the elements it matches and their descendants. */
  include?: string;
};

export async function axeFindings(page: Page, { rules, include }: AxeOptions = {}): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ rules, include, tags }) => {
      const axe = (window as unknown as { axe: AxeGlobal }).axe;
      const results = await axe.run(include ? { include: [include] } : document, {
        runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    },
    { rules, include, tags: WCAG_AA_TAGS },
  );
}

type AxeGlobal = {
  run(
    context: unknown,
    options: unknown,
  ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] }[] }>;
};

/** One line per finding, naming up to three of the elements it was found on. */
export function describeFinding(f: AxeFinding): string {
  return `${f.id} (${f.impact}): ${f.help} — ${f.targets.slice(0, 3).join(', ')}`;
}

/** Fails with the list of WCAG 2.1 AA violations axe finds on the page (or inside `include`). */
export async function expectNoAxeViolations(page: Page, include?: string) {
  // After a server action the page re-renders and Next streams its metadata again: wait for the
  // title to be back (a page that never gets one still fails here) before axe reads the document.
  await expect(page).toHaveTitle(/\S/);
  expect((await axeFindings(page, { include })).map(describeFinding), 'axe violations').toEqual([]);
}
