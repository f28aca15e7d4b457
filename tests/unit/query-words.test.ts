import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_PARAMETER_RULES, readDashboardParams } from '@/lib/schemas/dashboard';
import { METRICS_PARAMETER_RULES, parseMetricsQuery, readMetricsQuery, REVERSED_RANGE } from '@/lib/schemas/metrics-api';
import { AUDIT_PARAMETER_RULES, readAuditFilter } from '@/lib/schemas/audit';
import { RAW_VALIDATION_TEXT } from '@/lib/schemas/query-params';
import { HOSTILE_STRINGS, hostileString } from '@/tests/support/hostile';

// Issue 13, finding 7: every parameter a page or the API reads, with junk, is named in words.
const JUNK = ['yesterday', 'hour', '2014-02-30', '2014-13-01', 'DAY ', 'pdf', 'yes', 'cards;drop', 'x'.repeat(80), '\u0000', '\u202eevil', 'Invalid option', ...HOSTILE_STRINGS.slice(0, 30)];
const NO_RAW = /invalid option|invalid input|expected|received/i;

describe('metrics view parameters: messages in words (generated from the rules)', () => {
  for (const parameter of Object.keys(METRICS_PARAMETER_RULES)) {
    it(`${parameter} x junk`, () => {
      for (const junk of JUNK) {
        const { problems } = readMetricsQuery(new URLSearchParams([[parameter, junk]]));
        for (const p of problems) {
          expect(p.message, `${parameter}=${JSON.stringify(junk)}`).not.toMatch(NO_RAW);
          expect(p.message).toMatch(/^[A-Z"]/);
          expect(p.message).not.toMatch(/[\u0000-\u001f]/);
        }
      }
      fc.assert(fc.property(hostileString, (junk) => {
        for (const p of readMetricsQuery(new URLSearchParams([[parameter, junk]])).problems) expect(p.message).not.toMatch(NO_RAW);
      }), { numRuns: 200, seed: 13_7 });
    });
  }

  it('says what is wrong in the words of the issue, naming the parameter; the right parameters are kept', () => {
    const read = readMetricsQuery(new URLSearchParams('metric=transactions&from=2015-02-01&to=2015-01-01&granularity=hour&region=us'));
    expect(read.problems).toEqual([
      { parameter: 'granularity', message: 'Granularity must be day, week, month or quarter.' },
      { parameter: 'from', message: REVERSED_RANGE },
    ]);
    expect(REVERSED_RANGE).toBe('The start date is after the end date.');
    expect(read.query).toMatchObject({ metrics: ['transactions'], regions: ['US'], from: null, to: null, granularity: 'day' });
    // the form keeps what was typed
    expect(read.input).toEqual({ from: '2015-02-01', to: '2015-01-01', granularity: 'hour' });
    expect(readMetricsQuery(new URLSearchParams('from=2014-02-30')).problems).toEqual([
      { parameter: 'from', message: 'The start date "2014-02-30" is not a calendar date: write it like 2014-10-20.' },
    ]);
    expect(readMetricsQuery(new URLSearchParams('mode=running&format=pdf&download=yes')).problems.map((p) => p.message)).toEqual([
      'Values must be per period or cumulative (mode=period or mode=cumulative).', 'The format must be json, csv or xlsx.', 'Download must be 1 (a file) or 0.',
    ]);
  });

  it('the strict reading (the API) refuses with the same words, listing every problem', () => {
    const strict = parseMetricsQuery(new URLSearchParams('granularity=hour&to=soon'));
    expect(strict).toEqual({
      problem: { parameter: 'to', message: 'The end date "soon" is not a calendar date: write it like 2014-10-20.' },
      problems: [
        { parameter: 'to', message: 'The end date "soon" is not a calendar date: write it like 2014-10-20.' },
        { parameter: 'granularity', message: 'Granularity must be day, week, month or quarter.' },
      ],
    });
  });

  it('no rule falls back to library wording', () => {
    for (const rule of [...Object.values(METRICS_PARAMETER_RULES), ...Object.values(DASHBOARD_PARAMETER_RULES)]) expect(rule.message).not.toMatch(RAW_VALIDATION_TEXT);
  });
});

describe('dashboard range parameters: messages in words (generated from the rules)', () => {
  for (const parameter of Object.keys(DASHBOARD_PARAMETER_RULES)) {
    it(`${parameter} x junk`, () => {
      for (const junk of JUNK) {
        for (const p of readDashboardParams({ [parameter]: junk }).problems) expect(p.message, `${parameter}=${JSON.stringify(junk)}`).not.toMatch(NO_RAW);
      }
    });
  }

  it('a reversed range is said, both dates are left out of the view and kept for the form', () => {
    expect(readDashboardParams({ from: '2015-02-01', to: '2015-01-01', range: 'fortnight' })).toEqual({
      params: { range: undefined },
      problems: [
        { parameter: 'range', message: 'The range must be 7d, 30d, 90d, 1y or all.' },
        { parameter: 'from', message: 'The start date is after the end date.' },
      ],
      typed: { from: '2015-02-01', to: '2015-01-01' },
    });
  });
});

describe('audit trail filters: messages in words, the right filters kept (generated from the rules)', () => {
  for (const parameter of Object.keys(AUDIT_PARAMETER_RULES)) {
    it(`${parameter} x junk`, () => {
      for (const junk of JUNK) {
        for (const p of readAuditFilter({ [parameter]: junk }).problems) expect(p.message, `${parameter}=${JSON.stringify(junk)}`).not.toMatch(NO_RAW);
      }
    });
  }

  it('a wrong filter is named and left out; the others still apply', () => {
    expect(readAuditFilter({ actor: 'Ana', from: 'yesterday', before: '12x' })).toEqual({
      filter: { actor: 'Ana', entityType: undefined, entityId: undefined, to: undefined },
      problems: [
        { parameter: 'from', message: 'Use a date like 2026-11-23.' },
        { parameter: 'before', message: 'That page of older events is not valid: start again from the newest.' },
      ],
    });
  });
});
