import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, ENTITY_TYPE_LABELS, valueWords } from '@/lib/audit-words';
import { CHECKPOINT_STATUSES, MILESTONE_STATUSES, PARTNERSHIP_STAGES, ROLES, ROLLOUT_STATUSES } from '@/lib/domain';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every audit action code and entity type written on disk: each `recordAudit(` call's `action:` and `entityType:`. */
function writtenAudit() {
  const actions = new Set<string>();
  const types = new Set<string>();
  for (const file of [...sourceFiles(join(ROOT, 'server')), join(ROOT, 'tests/factories/demo.ts')]) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit\(|auditEvent\.create/.test(text)) continue;
    for (const m of text.matchAll(/\baction: ([^,\n]+(?:\?[^,\n]+)?)/g)) {
      for (const code of m[1]!.matchAll(/'([a-z]+\.[a-z_-]+)'/g)) actions.add(code[1]!);
    }
    for (const m of text.matchAll(/\bentityType: ([^,\n]+)/g)) {
      for (const t of m[1]!.matchAll(/'([A-Z][A-Za-z]+)'/g)) types.add(t[1]!);
    }
  }
  return { actions: [...actions].sort(), types: [...types].sort() };
}

describe('audit records in words (issue 13, finding 2)', () => {
  const written = writtenAudit();

  it('finds the codes on disk', () => {
    expect(written.actions.length).toBeGreaterThan(30);
    expect(written.actions).toContain('signin.succeeded');
    expect(written.actions).toContain('rollout.flag-cleared'); // written in a conditional
  });

  it('every action code written by a recordAudit call has a label in lib/audit-words.ts', () => {
    expect(written.actions.filter((code) => !ACTION_LABELS[code])).toEqual([]);
  });

  it('every entity type has a label', () => {
    expect(written.types.filter((type) => !ENTITY_TYPE_LABELS[type])).toEqual([]);
  });

  it('labels read as words, not codes', () => {
    for (const label of [...Object.values(ACTION_LABELS), ...Object.values(ENTITY_TYPE_LABELS)]) expect(label).not.toMatch(/[._]|^[a-z]/);
  });

  it('values: enum codes, null, days, instants and ids come out in words', () => {
    for (const [type, values] of [['Milestone', MILESTONE_STATUSES], ['RegulatoryCheckpoint', CHECKPOINT_STATUSES], ['Rollout', ROLLOUT_STATUSES]] as const) {
      for (const v of values) expect(valueWords(type, 'status', v)).not.toMatch(/^[A-Z_]+$|_/);
    }
    for (const v of PARTNERSHIP_STAGES) expect(valueWords('Partnership', 'stage', v)).not.toMatch(/_|^[A-Z]+$/);
    for (const v of ROLES) expect(valueWords('User', 'role', v)).not.toMatch(/_|^[A-Z]+$/);
    expect(valueWords('RegulatoryCheckpoint', 'status', 'UNDER_REVIEW')).toBe('Under review');
    expect(valueWords('Milestone', 'ownerId', null)).toBe('not set');
    expect(valueWords('Milestone', 'dueOn', '2026-11-03')).toBe('3 Nov 2026');
    expect(valueWords('User', 'deactivatedAt', '2026-11-03T10:15:00.000Z')).toBe('3 Nov 2026, 10:15 UTC');
    const names = new Map([['cmx4qpabcdefghijklmnopqrs', 'Ana Ruiz']]);
    expect(valueWords('Milestone', 'ownerId', 'cmx4qpabcdefghijklmnopqrs', names)).toBe('Ana Ruiz');
    expect(valueWords('Milestone', 'ownerId', 'cmx4qpzzzzzzzzzzzzzzzzzzz', names)).not.toMatch(/cmx4/);
    expect(valueWords('ApiToken', 'readOnly', true)).toBe('Read only');
  });
});
