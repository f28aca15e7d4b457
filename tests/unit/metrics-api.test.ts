import { describe, expect, it } from 'vitest';
import { fromScaled, toScaled } from '@/lib/decimal';
import { metricsQueryString, parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { neutralizeCell } from '@/server/metrics/stream';

const parse = (qs: string) => parseMetricsQuery(new URLSearchParams(qs));

describe('metrics API parameters', () => {
  it('reads repeatable and comma-separated lists and defaults', () => {
    expect(parse('metric=cards_added,transactions&metric=active_cards&region=us&region=GB')).toEqual({
      query: { metrics: ['cards_added', 'transactions', 'active_cards'], regions: ['US', 'GB'], from: null, to: null, granularity: 'day', mode: 'period', format: 'json', download: false },
    });
  });

  it('reads xlsx, cumulative and download, and writes a view back as the same query', () => {
    const result = parse('metric=cards_added&from=2014-10-20&to=2014-12-31&granularity=week&mode=cumulative&format=xlsx&download=1');
    expect(result).toMatchObject({ query: { format: 'xlsx', mode: 'cumulative', download: true, granularity: 'week' } });
    if (!('query' in result)) throw new Error('expected a query');
    expect(parse(metricsQueryString(result.query))).toEqual(result);
    expect(metricsQueryString({ ...result.query, format: 'json', download: false, page: 3 })).toBe('metric=cards_added&from=2014-10-20&to=2014-12-31&granularity=week&mode=cumulative&page=3');
  });

  it.each([
    ['from=2014-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2015-01-02&to=2015-01-01', 'from'],
    ['granularity=hour', 'granularity'],
    ['format=pdf', 'format'],
    ['mode=running', 'mode'],
    ['download=yes', 'download'],
    ['metric=cards;drop', 'metric'],
    ['region=' + 'x'.repeat(80), 'region'],
    ['limit=10', 'limit'],
  ])('%s is refused, naming %s', (qs, parameter) => {
    const result = parse(qs);
    expect(result).toMatchObject({ problem: { parameter } });
  });
});

describe('formula injection', () => {
  it.each(['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx'])('neutralizes %j', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary text alone', () => {
    expect(neutralizeCell('US')).toBe('US');
    expect(neutralizeCell('2014-10-20')).toBe('2014-10-20');
  });
});

describe('exact decimals (cumulative totals)', () => {
  it('round-trips and adds without float drift', () => {
    expect(fromScaled(toScaled('0.1') + toScaled('0.2'))).toBe('0.3');
    expect(fromScaled(toScaled('9999999999999999.9999'))).toBe('9999999999999999.9999');
    expect(fromScaled(toScaled('-12.50'))).toBe('-12.5');
    expect(fromScaled(toScaled('400000'))).toBe('400000');
    expect(() => toScaled('1.23456')).toThrow(RangeError);
    expect(() => toScaled('1e5')).toThrow(RangeError);
  });
});
