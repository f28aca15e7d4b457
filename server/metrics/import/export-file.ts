import 'server-only';
import type { ImportProblem } from '@/lib/metrics-import';

/** The metadata lines (`# Label: value`) at the top of a file Accord exported, with their line numbers. */
export function readLeadingComments(text: string): { line: number; label: string; value: string }[] {
  const out: { line: number; label: string; value: string }[] = [];
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; at < text.length && line <= 100; line += 1) {
    const end = text.indexOf('\n', at);
    const raw = text.slice(at, end === -1 ? text.length : end).replace(/\r$/, '');
    at = end === -1 ? text.length : end + 1;
    if (!raw.trim()) continue;
    if (!raw.startsWith('#')) break;
    const m = /^#\s*([^:]+):\s*(.*)$/.exec(raw);
    if (m) out.push({ line, label: m[1]!.trim().toLowerCase(), value: m[2]!.trim() });
  }
  return out;
}

/**
 * An exported file may be imported back only as daily values (issue 13, finding 6): a week,
 * month or quarter file holds totals of several days, and a cumulative one running totals, so
 * either would overwrite each day with a sum. The partnership named in the file must be this one.
 */
export function exportFileProblems(text: string, slug: string): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const c of readLeadingComments(text)) {
    if (c.label === 'granularity' && c.value !== 'day') {
      const kind = ['week', 'month', 'quarter'].includes(c.value) ? `a ${c.value === 'week' ? 'weekly' : `${c.value}ly`} export` : `an export by "${c.value.slice(0, 20)}"`;
      problems.push({
        line: c.line, column: 'granularity',
        reason: `This file is ${kind}: only day exports can be imported, because each row of an aggregate is a total that would overwrite the daily values. Export the view again with granularity Day.`,
      });
    }
    if (c.label === 'values' && /running totals/i.test(c.value)) {
      problems.push({
        line: c.line, column: 'values',
        reason: 'This file holds cumulative values (running totals): only per-period day exports can be imported. Export the view again with values Per period and granularity Day.',
      });
    }
    if (c.label === 'partnership') {
      const exported = /\(([a-z0-9-]+)\)$/.exec(c.value)?.[1];
      if (exported && exported !== slug) {
        problems.push({
          line: c.line, column: 'partnership',
          reason: `This file was exported from "${exported}"; it goes into "${slug}" only if you remove its "# Partnership" line first, so a file is not loaded into the wrong deal by mistake.`,
        });
      }
    }
  }
  return problems;
}
